package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/store"
)

func init() {
	register("redact", command{
		summary: "replace the secrets in entries with [REDACTED:...] markers, keeping the rest",
		usage:   "memaudit redact --reason R [--finding FP]... [ID]...",
		run:     cmdRedact,
	})
}

// findByFingerprint scans the vault for the entries holding findings with
// these fingerprints.
func findByFingerprint(ctx context.Context, s *store.Store, sc *audit.Scanner, fps []string) (map[string][]audit.Finding, error) {
	out := map[string][]audit.Finding{}
	res, err := s.Scan(ctx, sc, store.ScanOptions{}, nil)
	if err != nil {
		return nil, err
	}
	left := slices.Clone(fps)
	for _, f := range res.Findings {
		if i := slices.Index(left, f.Fingerprint); i >= 0 {
			out[f.EntryID] = append(out[f.EntryID], f.Finding)
			left = slices.Delete(left, i, i+1)
		}
	}
	if len(left) > 0 {
		return nil, fmt.Errorf("no finding with fingerprint %s", left[0])
	}
	return out, nil
}

// purgeWait is how long redact waits for another process holding the
// index to rebuild it.
const purgeWait = 60 * time.Second

func cmdRedact(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("redact", e)
	reason := fl.String("reason", "", "why (recorded in the mutation log; required)")
	fps := fl.StringArray("finding", nil, "redact the secret of this finding (fingerprint from scan; repeatable)")
	noRebuild := fl.Bool("no-rebuild", false, "do not rebuild the index afterwards (its old segments keep the old terms until merged)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if *reason == "" || (fl.NArg() == 0 && len(*fps) == 0) {
		return usageError{"need --reason and an ID or --finding"}
	}
	sc, err := audit.New(audit.Options{})
	if err != nil {
		return err
	}
	s, err := v.open(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	targets := map[string][]audit.Finding{}
	if len(*fps) > 0 {
		if targets, err = findByFingerprint(ctx, s, sc, *fps); err != nil {
			return err
		}
	}
	for _, id := range fl.Args() {
		ent, err := s.Get(ctx, id)
		if err != nil {
			return fmt.Errorf("redact %s: %w", id, err)
		}
		for _, f := range sc.Scan(ctx, audit.Entry{ID: ent.ID, Segment: ent.Segment, Text: ent.Text, SourceKind: string(ent.Source.Kind)}) {
			if f.Category == audit.Credential {
				targets[id] = append(targets[id], f)
			}
		}
		if len(targets[id]) == 0 {
			return fmt.Errorf("redact %s: the auditor finds no credential in it", id)
		}
	}
	ids := make([]string, 0, len(targets))
	for id := range targets {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		var spans []store.Span
		for _, f := range targets[id] {
			spans = append(spans, store.Span{Start: f.Start, End: f.End, Rule: f.Rule})
		}
		// ErrPurgePending: committed; the rebuild below finishes it.
		if _, err := s.Redact(ctx, id, spans, *reason); err != nil && !errors.Is(err, store.ErrPurgePending) {
			return fmt.Errorf("redact %s: %w", id, err)
		}
		fmt.Fprintf(e.stderr, "memaudit: redacted %d secret(s) in %s\n", len(spans), id)
	}
	if !*noRebuild {
		// While memaudit serve (or an agent) holds the index, it is asked
		// to rebuild and does so within about a second; wait for it.
		wctx, cancel := context.WithTimeout(ctx, purgeWait)
		err := s.RebuildIndex(wctx)
		cancel()
		switch {
		case errors.Is(err, store.ErrPurgePending):
			fmt.Fprintf(e.stderr, "memaudit: warning: the redactions are committed, but the process holding the index did not rebuild it within %v: "+
				"it still lists the old terms, and it rebuilds when it next catches up (or at its next open)\n", purgeWait)
		case err != nil:
			return fmt.Errorf("the redactions are committed, but rebuilding the index failed: %w", err)
		default:
			fmt.Fprintln(e.stderr, "memaudit: rebuilt the index and truncated the write-ahead log: no old copy of the secrets is left in the vault's files")
		}
	}
	fmt.Fprintln(e.stderr, "memaudit: hint: rotate the leaked credentials at their providers; and since anyone who held the vault key could have read the old pages (backups, copies), rotate the vault key too")
	return s.Close()
}
