package main

import (
	"context"
	"fmt"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/store"
)

func init() {
	register("log", command{
		summary: "print the vault's mutation log (hash-chained)",
		usage:   "memaudit log [--format table|jsonl]",
		run:     cmdLog,
	})
	register("quarantine", command{
		summary: "keep entries as evidence but never recall them",
		usage:   "memaudit quarantine --reason TEXT [--finding FP]... [ID]...",
		run:     func(ctx context.Context, e *env, args []string) error { return cmdStatus(ctx, e, args, "quarantine") },
	})
	register("release", command{
		summary: "return quarantined entries to active",
		usage:   "memaudit release --reason TEXT ID...",
		run:     func(ctx context.Context, e *env, args []string) error { return cmdStatus(ctx, e, args, "release") },
	})
}

func cmdLog(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("log", e)
	format := fl.String("format", "table", "table or jsonl")
	if err := parse(fl, args); err != nil {
		return err
	}
	if *format != "table" && *format != "jsonl" {
		return usageError{fmt.Sprintf("unknown --format %q", *format)}
	}
	s, err := v.openRead(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	if *format == "table" {
		fmt.Fprintln(tw, "SEQ\tTIME\tACTOR\tACTION\tENTRY\tDETAIL")
	}
	for r, err := range s.Log(ctx) {
		if err != nil {
			return err
		}
		if *format == "jsonl" {
			if err := jsonLine(e.stdout, r); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", r.Seq, r.At.Format(time.RFC3339), r.Actor, r.Action, r.EntryID, excerpt(r.Detail, 80))
	}
	return tw.Flush()
}

func cmdStatus(ctx context.Context, e *env, args []string, action string) error {
	v, fl := vaultCommand(action, e)
	reason := fl.String("reason", "", "why (recorded in the mutation log; required)")
	var fps *[]string
	if action == "quarantine" {
		fps = fl.StringArray("finding", nil, "quarantine the entry of this finding (fingerprint from scan; repeatable)")
	}
	if err := parse(fl, args); err != nil {
		return err
	}
	if *reason == "" || (fl.NArg() == 0 && (fps == nil || len(*fps) == 0)) {
		return usageError{"need --reason and at least one ID" + map[bool]string{true: " or --finding", false: ""}[fps != nil]}
	}
	s, err := v.open(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	ids := fl.Args()
	if fps != nil && len(*fps) > 0 {
		sc, err := audit.New(audit.Options{})
		if err != nil {
			return err
		}
		found, err := findByFingerprint(ctx, s, sc, *fps)
		if err != nil {
			return err
		}
		for id := range found {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	for _, id := range ids {
		var err error
		if action == "quarantine" {
			err = s.Quarantine(ctx, id, *reason)
		} else {
			err = s.Release(ctx, id, *reason)
		}
		if err != nil {
			return fmt.Errorf("%s %s: %w", action, id, err)
		}
		fmt.Fprintf(e.stderr, "memaudit: %s %s\n", action, id)
	}
	return s.Close()
}
