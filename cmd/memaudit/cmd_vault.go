package main

import (
	"context"
	"fmt"
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
		usage:   "memaudit stats",
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
	if err := parse(fl, args); err != nil {
		return err
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
	return printJSON(e.stdout, st)
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
