package main

import (
	"context"
	"fmt"

	"github.com/memaudit/memaudit/segment"
	"github.com/memaudit/memaudit/store"
)

func init() {
	register("policy", command{
		summary: "show or change a segment's policy",
		usage:   "memaudit policy SEGMENT [--read-from GLOB]... [--own-only] [--trust T] [--guard M] [--retention D]",
		run:     cmdPolicy,
	})
	register("expire", command{
		summary: "forget entries older than their segment's retention",
		usage:   "memaudit expire",
		run:     cmdExpire,
	})
}

func cmdPolicy(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("policy", e)
	readFrom := fl.StringArray("read-from", nil, "also let recalls from SEGMENT read segments matching this glob (repeatable; adds)")
	ownOnly := fl.Bool("own-only", false, "recalls from SEGMENT read SEGMENT only (clears --read-from)")
	trust := fl.String("trust", "", "default trust of new entries: untrusted, low, medium, high")
	guard := fl.String("guard", "", "write guard for auditor findings: allow, flag, quarantine, block")
	retention := fl.Duration("retention", 0, "forget entries older than this (e.g. 720h; 0 keeps them)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return usageError{"need exactly one SEGMENT"}
	}
	name := fl.Arg(0)
	open := v.open
	if !fl.Changed("read-from") && !fl.Changed("own-only") && !fl.Changed("trust") && !fl.Changed("guard") && !fl.Changed("retention") {
		open = v.openRead // only shows the policy
	}
	s, err := open(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := s.Policy(ctx, name)
	if err != nil {
		return err
	}
	changed := false
	if *ownOnly {
		p.ReadFrom, changed = nil, true
	}
	if len(*readFrom) > 0 {
		p.ReadFrom, changed = append(p.ReadFrom, *readFrom...), true
	}
	if fl.Changed("trust") {
		if p.DefaultTrust, err = segment.ParseTrust(*trust); err != nil {
			return usageError{err.Error()}
		}
		changed = true
	}
	if fl.Changed("guard") {
		p.Guard, changed = segment.GuardMode(*guard), true
	}
	if fl.Changed("retention") {
		p.Retention, changed = *retention, true
	}
	if changed {
		if err := p.Validate(); err != nil {
			return usageError{err.Error()}
		}
		if err := s.SetPolicy(ctx, name, p); err != nil {
			return err
		}
	}
	if err := printJSON(e.stdout, struct {
		Segment string         `json:"segment"`
		Policy  segment.Policy `json:"policy"`
	}{name, p}); err != nil {
		return err
	}
	return s.Close()
}

func cmdExpire(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("expire", e)
	if err := parse(fl, args); err != nil {
		return err
	}
	s, err := v.open(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.Expire(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "memaudit: forgot %d expired entries\n", n)
	return s.Close()
}
