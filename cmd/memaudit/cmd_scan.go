package main

import (
	"context"
	"fmt"
	"io"
	"iter"
	"maps"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/internal/hermes"
	"github.com/memaudit/memaudit/internal/termsafe"
	"github.com/memaudit/memaudit/store"
)

func init() {
	register("scan", command{
		summary: "audit a vault for leaked credentials and injected instructions (exit 1 on findings)",
		usage:   "memaudit scan [--format table|json|jsonl|sarif] [--fail-on SEVERITY] [--segment GLOB] [--since T] [--until T] [--source-kind K] [--session ID] [--quarantine-at SEVERITY] [--show-secrets] [--vaults GLOB | --from s3://bucket/prefix/ [--shard I/N]]",
		run:     cmdScan,
	})
}

// parseWhen reads an RFC 3339 time or a duration back from now ("72h").
func parseWhen(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return time.Time{}, fmt.Errorf("%q is neither an RFC 3339 time nor a duration like 72h", s)
	}
	return now.Add(-d), nil
}

func cmdScan(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("scan", e)
	format := fl.String("format", "", "table (default on a terminal), json, jsonl or sarif")
	failOn := fl.String("fail-on", "medium", "exit 1 when a finding at or above this severity is reported")
	segs := fl.StringArray("segment", nil, "only segments matching this glob (repeatable)")
	since := fl.String("since", "", "only entries created since this RFC 3339 time or duration (72h)")
	until := fl.String("until", "", "only entries created until this RFC 3339 time or duration")
	kinds := fl.StringSlice("source-kind", nil, "only these source kinds")
	sessions := fl.StringSlice("session", nil, "only these sessions")
	quarantineAt := fl.String("quarantine-at", "", "quarantine entries with a finding at or above this severity (changes the vault)")
	showSecrets := fl.Bool("show-secrets", false, "print secrets in full (off: a prefix and a hash)")
	full := fl.Bool("full", false, "rescan every entry (default: only entries new or changed since the last scan)")
	baseline := fl.String("baseline", "", "JSON file of accepted findings not to report again while their entry is unchanged")
	writeBaseline := fl.String("write-baseline", "", "write the findings of this scan to FILE as a baseline")
	baselineReason := fl.String("baseline-reason", "accepted by the operator", "reason recorded with --write-baseline")
	jsonlIn := fl.String("jsonl", "", "scan this JSONL file (the import format) instead of a vault")
	hermesDir := fl.String("hermes", "", "scan this Hermes Agent home and its profiles (memories/*.md and state.db, read-only) instead of a vault")
	owners := fl.StringArray("owner", nil, "with --hermes: your own sender id (ID or PLATFORM:ID, repeatable; default: the users of the DM sessions)")
	fleetFl := addFleetFlags(fl)
	if err := parse(fl, args); err != nil {
		return err
	}
	if *format == "" {
		*format = "jsonl"
		if isTerminal(e.stdout) {
			*format = "table"
		}
	}
	switch *format {
	case "table", "json", "jsonl", "sarif":
	default:
		return usageError{fmt.Sprintf("unknown --format %q", *format)}
	}
	threshold, err := audit.ParseSeverity(*failOn)
	if err != nil {
		return usageError{err.Error()}
	}
	var qAt audit.Severity
	if *quarantineAt != "" {
		if qAt, err = audit.ParseSeverity(*quarantineAt); err != nil {
			return usageError{err.Error()}
		}
	}
	var accepted map[string]string
	if *baseline != "" {
		if accepted, err = readBaseline(*baseline); err != nil {
			return err
		}
	}
	now := time.Now()
	o := store.ScanOptions{Filter: store.Filter{Segments: *segs}, Sessions: *sessions, Full: *full, Record: true}
	if o.Since, err = parseWhen(*since, now); err != nil {
		return usageError{"--since: " + err.Error()}
	}
	if o.Until, err = parseWhen(*until, now); err != nil {
		return usageError{"--until: " + err.Error()}
	}
	for _, k := range *kinds {
		if !store.SourceKind(k).Valid() {
			return usageError{fmt.Sprintf("unknown --source-kind %q", k)}
		}
		o.SourceKinds = append(o.SourceKinds, store.SourceKind(k))
	}
	sc, err := audit.New(audit.Options{ShowSecrets: *showSecrets})
	if err != nil {
		return err
	}
	if fleetFl.active() {
		if qAt > 0 || *writeBaseline != "" || *jsonlIn != "" || *hermesDir != "" {
			return usageError{"--vaults and --from scan read-only: no --quarantine-at, --write-baseline, --jsonl or --hermes"}
		}
		return cmdFleetScan(ctx, e, v, fleetFl, sc, o, *format, threshold, accepted)
	}
	if *jsonlIn != "" || *hermesDir != "" {
		if *jsonlIn != "" && *hermesDir != "" {
			return usageError{"give --jsonl or --hermes, not both"}
		}
		if qAt > 0 {
			return usageError{"--quarantine-at needs a vault"}
		}
		ents, own, done, err := plaintextSource(ctx, e, *jsonlIn, *hermesDir, *owners)
		if err != nil {
			return err
		}
		defer done()
		if len(own) > 0 {
			// The owner's words in a chat are weighed as the owner's.
			if sc, err = audit.New(audit.Options{ShowSecrets: *showSecrets, Owners: own}); err != nil {
				return err
			}
		}
		res, err := scanPlain(ctx, sc, ents, o)
		if err != nil {
			return err
		}
		if accepted != nil {
			res.Findings = slices.DeleteFunc(res.Findings, func(f store.ScanFinding) bool { return accepted[f.Fingerprint] == f.EntryHash })
		}
		if *writeBaseline != "" {
			if err := saveBaseline(*writeBaseline, res.Findings, *baselineReason); err != nil {
				return err
			}
		}
		if err := writeReport(e.stdout, *format, res, sc, isTerminal(e.stdout)); err != nil {
			return err
		}
		for _, f := range res.Findings {
			if f.Severity >= threshold {
				return errFound
			}
		}
		return nil
	}
	s, err := v.openRead(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	m := newMeter(e, "scanning", "entries")
	var progress func(int)
	if m.active() {
		total := 0 // an upper bound: unchanged entries are not rescanned
		if st, err := s.Stats(ctx); err == nil {
			for k, n := range st.ByStatus {
				if k != store.StatusDeleted {
					total += n
				}
			}
		}
		progress = func(n int) { m.update(n, total) }
	}
	res, err := s.Scan(ctx, sc, o, progress)
	m.done()
	if err != nil {
		return err
	}
	if accepted != nil {
		kept := res.Findings[:0]
		for _, f := range res.Findings {
			if accepted[f.Fingerprint] != f.EntryHash {
				kept = append(kept, f)
			}
		}
		res.Findings = kept
	}
	if *writeBaseline != "" {
		if err := saveBaseline(*writeBaseline, res.Findings, *baselineReason); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "memaudit: wrote %d findings to the baseline %s\n", len(res.Findings), *writeBaseline)
	}
	if qAt > 0 {
		done := map[string]bool{}
		for _, f := range res.Findings {
			if f.Severity >= qAt && f.Status != store.StatusQuarantined && !done[f.EntryID] {
				if err := s.Quarantine(ctx, f.EntryID, "scan: "+f.Rule+" ("+f.Severity.String()+")"); err != nil {
					return fmt.Errorf("quarantine %s: %w", f.EntryID, err)
				}
				done[f.EntryID] = true
			}
		}
		if len(done) > 0 {
			fmt.Fprintf(e.stderr, "memaudit: quarantined %d entries\n", len(done))
		}
	}
	if err := writeReport(e.stdout, *format, res, sc, isTerminal(e.stdout)); err != nil {
		return err
	}
	for _, f := range res.Findings {
		if f.Severity >= threshold {
			return errFound
		}
	}
	return s.Close()
}

// summary counts findings by severity and category.
type summary struct {
	Entries    int            `json:"entries_scanned"`
	Rescanned  int            `json:"entries_rescanned"`
	Findings   int            `json:"findings"`
	BySeverity map[string]int `json:"by_severity"`
	ByCategory map[string]int `json:"by_category"`
	RuleSet    string         `json:"rule_set"`
}

func summarize(res *store.ScanResult) summary {
	s := summary{Entries: res.Entries, Rescanned: res.Rescanned, Findings: len(res.Findings), BySeverity: map[string]int{}, ByCategory: map[string]int{}, RuleSet: res.RuleSet}
	for _, f := range res.Findings {
		s.BySeverity[f.Severity.String()]++
		s.ByCategory[string(f.Category)]++
	}
	return s
}

func writeReport(w io.Writer, format string, res *store.ScanResult, sc *audit.Scanner, color bool) error {
	switch format {
	case "json":
		findings := res.Findings
		if findings == nil {
			findings = []store.ScanFinding{}
		}
		recurring := []audit.Group{} // instructions found in more than one entry
		for _, g := range res.Groups {
			if len(g.Entries) > 1 {
				recurring = append(recurring, g)
			}
		}
		return printJSON(w, struct {
			Findings  []store.ScanFinding `json:"findings"`
			Recurring []audit.Group       `json:"recurring_instructions"`
			Summary   summary             `json:"summary"`
		}{findings, recurring, summarize(res)})
	case "jsonl":
		for _, f := range res.Findings {
			if err := jsonLine(w, f); err != nil {
				return err
			}
		}
		return nil
	case "sarif":
		return printJSON(w, sarifLog(res, sc))
	}
	return writeTable(w, res, color)
}

// entryRow is one entry's findings, for the table: all its rules together,
// the most severe first.
type entryRow struct {
	first    store.ScanFinding // the most severe finding
	rules    []string          // "rule (severity)", most severe first
	findings []store.ScanFinding
}

// writeTable prints one row per entry with findings, most severe first:
// its rules, the explanation of the most severe one, provenance and
// session, recurrence and exposure when there are any, an excerpt cut at
// word boundaries; then the next steps. Everything that came from an entry
// or its source is escaped (termsafe) before it is laid out.
func writeTable(w io.Writer, res *store.ScanResult, color bool) error {
	paint := func(sev audit.Severity, s string) string {
		if !color {
			return s
		}
		codes := map[audit.Severity]string{audit.Critical: "1;31", audit.High: "31", audit.Medium: "33", audit.Low: "36"}
		return "\x1b[" + codes[sev] + "m" + s + "\x1b[0m"
	}
	safe := termsafe.String
	byEntry := map[string]*entryRow{}
	var rows []*entryRow
	for _, f := range res.Findings {
		r := byEntry[f.EntryID]
		if r == nil {
			r = &entryRow{first: f}
			byEntry[f.EntryID] = r
			rows = append(rows, r)
		}
		r.findings = append(r.findings, f)
	}
	for _, r := range rows {
		// Most severe first; at equal severity a phrase or credential
		// rule (a one-line reason) before the learned layer.
		slices.SortStableFunc(r.findings, func(a, b store.ScanFinding) int {
			if a.Severity != b.Severity {
				return int(b.Severity) - int(a.Severity)
			}
			return learnedLast(a) - learnedLast(b)
		})
		r.first = r.findings[0]
		seen := map[string]bool{}
		for _, f := range r.findings {
			if !seen[f.Rule] {
				seen[f.Rule] = true
				r.rules = append(r.rules, f.Rule+" ("+f.Severity.String()+")")
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b *entryRow) int {
		if a.first.Severity != b.first.Severity {
			return int(b.first.Severity) - int(a.first.Severity)
		}
		return strings.Compare(a.first.EntryID, b.first.EntryID)
	})
	fmt.Fprintf(w, "scanned %d entries: %d with findings (%d findings)\n", res.Entries, len(rows), len(res.Findings))
	for _, r := range rows {
		f := r.first
		src := string(f.Source.Kind)
		if f.Source.Sender != "" {
			src += " from " + f.Source.Sender
		}
		if f.Source.URI != "" {
			src += " <" + f.Source.URI + ">"
		}
		head := fmt.Sprintf("%s  %s  %s", safe(f.EntryID), safe(f.Segment), safe(src))
		if f.Session != "" {
			head += "  session " + safe(f.Session)
		}
		if f.Status != "" && f.Status != store.StatusActive {
			head += "  [" + string(f.Status) + "]"
		}
		fmt.Fprintf(termsafe.Raw(w), "\n%s  ", paint(f.Severity, strings.ToUpper(f.Severity.String())))
		fmt.Fprintln(w, head)
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "  rules\t%s\n", strings.Join(r.rules, ", "))
		fmt.Fprintf(tw, "  why\t%s\n", safe(f.Explanation))
		fmt.Fprintf(tw, "  excerpt\t%s\n", safe(wordCut(f.Excerpt, 110)))
		if f.Recurrence != nil {
			fmt.Fprintf(tw, "  recurs\tin %d entries, %d segments, %d sessions, first seen %s\n", f.Recurrence.Entries, f.Recurrence.Segments,
				f.Recurrence.Sessions, f.Recurrence.FirstSeen.Format(time.RFC3339))
		}
		if n := len(f.Exposure); n > 0 {
			last := f.Exposure[0].Last
			for _, x := range f.Exposure {
				if x.Last.After(last) {
					last = x.Last
				}
			}
			fmt.Fprintf(tw, "  exposed\trecalled in %d session(s), last %s\n", n, last.Format(time.RFC3339))
		}
		tw.Flush()
	}
	if res.Rescanned < res.Entries {
		fmt.Fprintf(w, "\n(%d of %d entries unchanged since the last scan; --full rescans all)\n", res.Entries-res.Rescanned, res.Entries)
	}
	writeNextSteps(w, rows)
	return nil
}

func learnedLast(f store.ScanFinding) int {
	if f.Rule == "learned-injection" {
		return 1
	}
	return 0
}

// writeNextSteps closes the table with what to do: quarantine the entries
// that carry instructions, redact the ones that carry secrets, rotate the
// secrets (a key that was in memory was in every prompt that recalled it).
func writeNextSteps(w io.Writer, rows []*entryRow) {
	var planted, leaked, exposed []string
	rules := map[string]bool{}
	for _, r := range rows {
		if r.first.Severity < audit.Medium || r.first.Status == store.StatusQuarantined {
			continue
		}
		inj, cred := false, false
		for _, f := range r.findings {
			switch f.Category {
			case audit.Credential:
				cred = true
				rules[f.Rule] = true
			default:
				inj = true
			}
		}
		id := termsafe.String(r.first.EntryID)
		if inj {
			planted = append(planted, id)
		}
		if cred {
			leaked = append(leaked, id)
			if len(r.first.Exposure) > 0 {
				exposed = append(exposed, id)
			}
		}
	}
	if len(planted)+len(leaked) == 0 {
		return
	}
	fmt.Fprintln(w, "\nnext steps:")
	if len(planted) > 0 {
		fmt.Fprintf(w, "  memaudit quarantine --reason \"planted instruction\" %s   # keep as evidence, never recalled again\n", strings.Join(planted, " "))
	}
	if len(leaked) > 0 {
		fmt.Fprintf(w, "  memaudit redact --reason \"leaked credential\" %s   # the secret leaves the vault, the rest stays\n", strings.Join(leaked, " "))
		kinds := slices.Sorted(maps.Keys(rules))
		fmt.Fprintf(w, "  rotate at the issuer: %s", strings.Join(kinds, ", "))
		if len(exposed) > 0 {
			fmt.Fprintf(w, " (already recalled into a session: %s)", strings.Join(exposed, " "))
		}
		fmt.Fprintln(w)
	}
}

// wordCut shortens s to at most n characters at a word boundary.
func wordCut(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n - 1
	for k := cut; k > n/2; k-- {
		if r[k] == ' ' {
			cut = k
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:") + "…"
}

// plaintextSource reads entries that are not in a vault yet: a JSONL file,
// one line at a time, or a Hermes home and its profiles (everything on disk,
// also what an import leaves out), with the owner ids used for a Hermes
// home. Call done when finished.
func plaintextSource(ctx context.Context, e *env, jsonlPath, hermesDir string, owners []string) (ents iter.Seq2[store.Entry, error], own []string, done func(), err error) {
	if jsonlPath != "" {
		if len(owners) > 0 {
			return nil, nil, nil, usageError{"--owner is for --hermes"}
		}
		var r io.Reader = e.stdin
		done = func() {}
		if jsonlPath != "-" {
			f, err := os.Open(jsonlPath)
			if err != nil {
				return nil, nil, nil, err
			}
			r, done = f, func() { f.Close() }
		}
		lines := newJSONLReader(r).entries()
		return func(yield func(store.Entry, error) bool) {
			n := 0
			for ent, err := range lines {
				n++
				if err == nil && ent.ID == "" {
					ent.ID = fmt.Sprintf("line-%d", n)
				}
				if !yield(ent, err) || err != nil {
					return
				}
			}
		}, nil, done, nil
	}
	homes, err := hermes.ReadAll(ctx, hermesDir, hermes.Options{Sessions: true, Owners: owners})
	if err != nil {
		return nil, nil, nil, err
	}
	describeHomes(e.stderr, homes, true)
	var out []store.Entry
	skips := 0
	for _, h := range homes {
		own = append(own, hermes.Bare(h.Owners)...)
		for _, x := range h.Entries {
			if x.Skip != "" {
				skips++
			}
			out = append(out, hermesEntry(x))
		}
	}
	if skips > 0 {
		fmt.Fprintf(e.stderr, "memaudit: note: %s an import leaves out (undone, cron jobs, subagents) are scanned too: their text is on disk\n", count(skips, "message", "messages"))
	}
	return func(yield func(store.Entry, error) bool) {
		for _, x := range out {
			if !yield(x, nil) {
				return
			}
		}
	}, own, func() {}, nil
}

// scanPlain audits entries that are not in a vault, one at a time: what it
// keeps is the findings and, for the entries that have any, their
// provenance; never the texts of the others. So memory follows the
// findings, not the input.
func scanPlain(ctx context.Context, sc *audit.Scanner, ents iter.Seq2[store.Entry, error], o store.ScanOptions) (*store.ScanResult, error) {
	res := &store.ScanResult{RuleSet: sc.RuleSetVersion()}
	type kept struct {
		entry audit.Entry // without its text
		src   store.Source
		hash  string
	}
	found := map[string]kept{}
	var all []audit.Finding
	for x, err := range ents {
		if err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !o.Matches(&x) {
			continue
		}
		a := audit.Entry{ID: x.ID, Segment: x.Segment, Text: x.Text, SourceKind: string(x.Source.Kind),
			SourceURI: x.Source.URI, Sender: x.Source.Sender, Session: x.Session, Created: x.Created}
		res.Entries++
		res.Rescanned++
		fs := sc.Scan(ctx, a)
		if len(fs) == 0 {
			continue
		}
		all = append(all, fs...)
		a.Text = ""
		found[x.ID] = kept{entry: a, src: x.Source, hash: store.ContentHashHex(x.Text)}
	}
	ae := make(map[string]audit.Entry, len(found))
	for id, k := range found {
		ae[id] = k.entry
	}
	res.Groups = audit.Recurrence(all, ae)
	recurs := store.Recurrences(res.Groups)
	for _, f := range all {
		k := found[f.EntryID]
		res.Findings = append(res.Findings, store.ScanFinding{Finding: f, Segment: k.entry.Segment, Source: k.src, Session: k.entry.Session,
			Created: k.entry.Created, Status: store.StatusActive, EntryHash: k.hash, Recurrence: recurs(f.EntryID)})
	}
	slices.SortStableFunc(res.Findings, func(a, b store.ScanFinding) int { return int(b.Severity) - int(a.Severity) })
	return res, nil
}

// bar draws a 20-cell progress bar (an upper bound: unchanged entries are
// not rescanned).
func bar(n, total int) string {
	if total <= 0 {
		return ""
	}
	k := min(20, n*20/total)
	return "[" + strings.Repeat("#", k) + strings.Repeat(".", 20-k) + "]"
}
