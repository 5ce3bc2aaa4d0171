package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/memaudit/memaudit/store"
)

func init() {
	register("segments", command{
		summary: "list segments with counts and policies",
		usage:   "memaudit segments [--format table|json]",
		run:     cmdSegments,
	})
	register("stats", command{
		summary: "print counts and sizes",
		usage:   "memaudit stats [--format table|json]",
		run:     cmdStats,
	})
	register("verify", command{
		summary: "check key, database pages and index (exit 1 on damage)",
		usage:   "memaudit verify [--format text|json]",
		run:     cmdVerify,
	})
}

func cmdSegments(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("segments", e)
	format := fl.String("format", "table", "table or json")
	if err := parse(fl, args); err != nil {
		return err
	}
	s, err := v.openRead(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	segs, err := s.Segments(ctx)
	if err != nil {
		return err
	}
	if *format == "json" {
		return printJSON(e.stdout, segs)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SEGMENT\tACTIVE\tQUARANTINED\tTOTAL\tREADS FROM")
	for _, sg := range segs {
		rf := strings.Join(sg.Policy.ReadFrom, ",")
		if rf == "" {
			rf = "(itself)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\n", sg.Name, sg.Active, sg.Quarantined, sg.Total, rf)
	}
	return tw.Flush()
}

func cmdStats(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("stats", e)
	format := fl.String("format", "table", "table or json")
	if err := parse(fl, args); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return usageError{fmt.Sprintf("unknown --format %q (table or json)", *format)}
	}
	s, err := v.openRead(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		return err
	}
	if *format == "json" {
		return printJSON(e.stdout, st)
	}
	return statsTable(e.stdout, st)
}

// statsTable prints stats the way verify prints its report: one line a
// figure, entries by status in a fixed order.
func statsTable(w io.Writer, st *store.Stats) error {
	order := []store.Status{store.StatusActive, store.StatusQuarantined, store.StatusRedacted, store.StatusDeleted}
	var others []store.Status
	for k := range st.ByStatus {
		if !slices.Contains(order, k) {
			others = append(others, k)
		}
	}
	slices.Sort(others)
	var parts []string
	total := 0
	for _, k := range append(order, others...) {
		if n := st.ByStatus[k]; n > 0 || k == store.StatusActive {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
			total += n
		}
	}
	index := byteSize(st.IndexBytes)
	if st.IndexShared {
		index += " (held by another process, which keeps it up to date)"
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "key id:\t%s\n", st.KeyID)
	fmt.Fprintf(tw, "schema:\t%d\n", st.Schema)
	fmt.Fprintf(tw, "segments:\t%d\n", st.Segments)
	fmt.Fprintf(tw, "entries:\t%d (%s)\n", total, strings.Join(parts, ", "))
	fmt.Fprintf(tw, "recalls:\t%d\n", st.Recalls)
	fmt.Fprintf(tw, "database:\t%s\n", byteSize(st.DBBytes))
	fmt.Fprintf(tw, "index:\t%s\n", index)
	return tw.Flush()
}

// byteSize writes n in B, KiB, MiB or GiB, one decimal above bytes.
func byteSize(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	f, unit := float64(n)/1024, "KiB"
	for _, u := range []string{"MiB", "GiB", "TiB"} {
		if f < 1024 {
			break
		}
		f, unit = f/1024, u
	}
	return fmt.Sprintf("%.1f %s", f, unit)
}

func cmdVerify(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("verify", e)
	format := fl.String("format", "text", "text or json")
	if err := parse(fl, args); err != nil {
		return err
	}
	s, err := v.openRead(ctx, e, store.Options{NoRepair: true})
	if err != nil {
		return err
	}
	defer s.Close()
	r, err := s.Verify(ctx)
	if err != nil {
		return err
	}
	if *format == "json" {
		if err := printJSON(e.stdout, r); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "key:      ok (key id %s)\nschema:   %d\nentries:  %d (%d indexed)\n", r.KeyID, r.Schema, r.Entries, r.Indexed)
		if r.LogHead != "" {
			fmt.Fprintf(e.stdout, "log:      %d records, head %s\n", r.LogRecords, r.LogHead)
		}
		for _, p := range r.Problems {
			fmt.Fprintf(e.stdout, "DAMAGED:  %s: %s\n", p.Part, p.Detail)
		}
		if r.OK() {
			fmt.Fprintln(e.stdout, "status:   ok")
		}
	}
	if !r.OK() {
		return errFound
	}
	return nil
}
