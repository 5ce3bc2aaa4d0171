package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/pflag"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/internal/fleet"
	"github.com/memaudit/memaudit/store"
)

// fleetFlags are scan's flags for many vaults at once.
type fleetFlags struct {
	vaults   *string
	from     *string
	shard    *string
	parallel *int
}

func addFleetFlags(fl *pflag.FlagSet) *fleetFlags {
	return &fleetFlags{
		vaults:   fl.String("vaults", "", "scan every vault directory matching this glob (read-only), with --identity a slot in each"),
		from:     fl.String("from", "", "scan the newest snapshot of every vault backed up under this s3://bucket/prefix/ (one sub-prefix each)"),
		shard:    fl.String("shard", "", "with --vaults or --from: scan only shard I of N (I/N), so that N machines split a fleet"),
		parallel: fl.Int("parallel", 2, "with --vaults or --from: vaults scanned at once"),
	}
}

func (f *fleetFlags) active() bool { return *f.vaults != "" || *f.from != "" }

func parseShard(s string) (int, int, error) {
	if s == "" {
		return 1, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("--shard %q: want I/N with 1 <= I <= N", s)
	}
	return i, n, nil
}

func cmdFleetScan(ctx context.Context, e *env, v *vaultFlags, f *fleetFlags, sc *audit.Scanner, o store.ScanOptions, format string, threshold audit.Severity, accepted map[string]string) error {
	if *f.vaults != "" && *f.from != "" {
		return usageError{"give --vaults or --from, not both"}
	}
	i, n, err := parseShard(*f.shard)
	if err != nil {
		return usageError{err.Error()}
	}
	ids, err := v.identities()
	if err != nil {
		return err
	}
	var srcs []fleet.Source
	if *f.vaults != "" {
		srcs, err = fleet.Dirs(*f.vaults)
	} else {
		srcs, err = fleet.Targets(ctx, *f.from)
	}
	if err != nil {
		return err
	}
	srcs = fleet.Shard(srcs, i, n)
	if len(srcs) == 0 {
		return fmt.Errorf("no vaults found (shard %d/%d)", i, n)
	}
	rep, err := fleet.Scan(ctx, srcs, sc, fleet.Options{Identities: ids, Parallel: *f.parallel, Scan: o})
	if err != nil {
		return err
	}
	if accepted != nil {
		kept := rep.Findings[:0]
		for _, x := range rep.Findings {
			if accepted[x.Fingerprint] != x.EntryHash {
				kept = append(kept, x)
			}
		}
		rep.Findings = kept
	}
	if err := writeFleetReport(e.stdout, format, rep, sc); err != nil {
		return err
	}
	if failed := rep.Failed(); failed > 0 {
		fmt.Fprintf(e.stderr, "memaudit: warning: %d of %d vaults could not be scanned (listed in the report)\n", failed, len(rep.Vaults))
	}
	for _, x := range rep.Findings {
		if x.Severity >= threshold {
			return errFound
		}
	}
	if rep.Failed() > 0 {
		return errFound
	}
	return nil
}

func writeFleetReport(w io.Writer, format string, rep *fleet.Report, sc *audit.Scanner) error {
	if rep.Findings == nil {
		rep.Findings = []fleet.Finding{}
	}
	if rep.Campaigns == nil {
		rep.Campaigns = []fleet.Campaign{}
	}
	switch format {
	case "json":
		return printJSON(w, rep)
	case "jsonl":
		for _, x := range rep.Findings {
			if err := jsonLine(w, x); err != nil {
				return err
			}
		}
		return nil
	case "sarif":
		res := &store.ScanResult{RuleSet: rep.RuleSet}
		for _, x := range rep.Findings {
			res.Findings = append(res.Findings, x.ScanFinding)
		}
		log := sarifLog(res, sc)
		for i := range log.Runs[0].Results {
			r := &log.Runs[0].Results[i]
			x := rep.Findings[i]
			r.Properties["vault"] = x.Vault
			if x.Campaign != "" {
				r.Properties["campaign"] = x.Campaign
			}
			for j := range r.Locations {
				u := &r.Locations[j].PhysicalLocation.ArtifactLocation.URI
				*u = "vault:" + x.Vault + "#" + *u
			}
		}
		return printJSON(w, log)
	}
	fmt.Fprintf(w, "scanned %d vaults, %d entries: %d findings, %d campaigns across vaults\n", len(rep.Vaults), rep.Entries, len(rep.Findings), len(rep.Campaigns))
	if len(rep.Campaigns) > 0 {
		fmt.Fprintln(w, "\nCAMPAIGNS (the same instruction planted in several vaults)")
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  ID\tVAULTS\tENTRIES\tFIRST SEEN\tINSTRUCTION")
		for _, c := range rep.Campaigns {
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\t%s\n", c.ID, len(c.Vaults), c.Entries, c.FirstSeen.Format(time.RFC3339), excerpt(c.Instruction, 60))
			fmt.Fprintf(tw, "  \t\t\t\t↳ %s\n", excerpt(strings.Join(c.Vaults, ", "), 100))
		}
		tw.Flush()
	}
	if len(rep.Findings) > 0 {
		fmt.Fprintln(w, "\nFINDINGS")
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  SEVERITY\tVAULT\tENTRY\tSEGMENT\tRULE\tCAMPAIGN\tEXCERPT")
		for _, x := range rep.Findings {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\n", x.Severity, x.Vault, x.EntryID, x.Segment, x.Rule, orDash(x.Campaign), excerpt(x.Excerpt, 60))
		}
		tw.Flush()
	}
	var bad []fleet.VaultReport
	for _, vr := range rep.Vaults {
		if vr.Error != "" {
			bad = append(bad, vr)
		}
	}
	if len(bad) > 0 {
		fmt.Fprintln(w, "\nNOT SCANNED")
		for _, vr := range bad {
			fmt.Fprintf(w, "  %s: %s\n", vr.Vault, vr.Error)
		}
	}
	return nil
}
