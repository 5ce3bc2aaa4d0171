package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/internal/hermes"
	"github.com/memaudit/memaudit/store"
)

// importHermes imports a Hermes Agent home: MEMORY.md into agent, USER.md
// into user/profile, and with sessions the messages of state.db into
// channel/<platform>/<chat_type>/<chat_id>[/<thread>]. It is idempotent
// (entries it already has, even forgotten ones, are not imported again),
// applies the write guard, reports what the auditor found, and lists the
// plaintext files the operator still has to remove. It changes nothing in
// the home.
func importHermes(ctx context.Context, e *env, v *vaultFlags, dir string, withSessions bool) error {
	h, err := hermes.Read(ctx, dir, withSessions)
	if err != nil {
		if errors.Is(err, hermes.ErrNotHome) {
			return fmt.Errorf("%s: %w", dir, err)
		}
		return err
	}
	for _, sk := range h.Skipped {
		fmt.Fprintf(e.stderr, "memaudit: note: skipped %s\n", sk)
	}
	s, sc, err := v.openGuarded(ctx, e, "import:hermes")
	if err != nil {
		return err
	}
	defer s.Close()
	var fresh []store.Entry
	have := 0
	for _, x := range h.Entries {
		switch _, err := s.Get(ctx, x.ID); {
		case err == nil:
			have++
			continue
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		fresh = append(fresh, store.Entry{ID: x.ID, Segment: x.Segment, Text: x.Text, Kind: x.Kind, Session: x.Session,
			Created: x.Created, Source: store.Source{Kind: store.SourceKind(x.SourceKind), URI: x.SourceURI, Sender: x.Sender, Channel: x.Channel}})
	}
	var stored []*store.Entry
	if len(fresh) > 0 {
		if stored, err = s.RememberBatch(ctx, fresh); err != nil {
			var ee *store.EntryError
			if errors.As(err, &ee) {
				return fmt.Errorf("%s: %w (nothing imported)", fresh[ee.Index].Source.URI, ee.Err)
			}
			return err
		}
	}
	segs := map[string]int{}
	quarantined := 0
	for _, x := range stored {
		segs[x.Segment]++
		if x.Status == store.StatusQuarantined {
			quarantined++
		}
	}
	fmt.Fprintf(e.stderr, "memaudit: imported %d entries from %s into %d segment(s); %d were already in the vault\n", len(stored), dir, len(segs), have)
	names := make([]string, 0, len(segs))
	for n := range segs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(e.stderr, "  %-40s %d\n", n, segs[n])
	}
	// The auditor over what was imported.
	res := scanPlain(ctx, sc, fresh, store.ScanOptions{})
	bySev := map[audit.Severity]int{}
	byCat := map[audit.Category]int{}
	for _, f := range res.Findings {
		bySev[f.Severity]++
		byCat[f.Category]++
	}
	if len(res.Findings) == 0 {
		fmt.Fprintln(e.stderr, "memaudit: audit: no findings in the imported entries")
	} else {
		var parts []string
		for sev := audit.Critical; sev >= audit.Low; sev-- {
			if bySev[sev] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", bySev[sev], sev))
			}
		}
		fmt.Fprintf(e.stderr, "memaudit: audit: %d findings (%s; %d injection, %d credential); the write guard quarantined %d entries\n",
			len(res.Findings), strings.Join(parts, ", "), byCat[audit.Injection], byCat[audit.Credential], quarantined)
		fmt.Fprintln(e.stderr, "memaudit: run 'memaudit scan' for details, 'memaudit redact' for leaked keys (and rotate them at the provider)")
	}
	fmt.Fprintln(e.stderr, "memaudit: these files still hold plaintext memory; memaudit did not touch them. Remove them (and their backups) once you have checked the vault:")
	for _, f := range h.Files {
		fmt.Fprintf(e.stdout, "%s\n", f)
	}
	return s.Close()
}
