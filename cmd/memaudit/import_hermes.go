package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/internal/hermes"
	"github.com/memaudit/memaudit/store"
)

// importHermes imports a Hermes Agent home and its profiles: MEMORY.md into
// agent, USER.md into user/profile and, with sessions, the messages of
// state.db into channel/<platform>/<chat_type>/<chat_id>[/<thread>], a
// profile's under profile/<name>/. Who wrote each message decides its
// provenance: the owner's words, a stranger's in a group (trust low), the
// agent's (replies, compaction summaries), a tool's. Messages the user
// undid and cron or subagent runs are left out. It is idempotent (entries
// it already has, even forgotten ones, are not imported again), applies the
// write guard, reports what the auditor found, and lists the plaintext
// files the operator still has to remove. It changes nothing in the home.
func importHermes(ctx context.Context, e *env, v *vaultFlags, dir string, o hermes.Options) error {
	homes, err := hermes.ReadAll(ctx, dir, o)
	if err != nil {
		if errors.Is(err, hermes.ErrNotHome) {
			return fmt.Errorf("%s: %w", dir, err)
		}
		return err
	}
	describeHomes(e.stderr, homes, o.Sessions)
	s, sc, err := v.openGuarded(ctx, e, "import:hermes")
	if err != nil {
		return err
	}
	defer s.Close()
	var fresh []store.Entry
	have := 0
	skips := map[string]int{}
	for _, h := range homes {
		for _, x := range h.Entries {
			if x.Skip != "" {
				skips[x.Skip]++
				continue
			}
			switch _, err := s.Get(ctx, x.ID); {
			case err == nil:
				have++
				continue
			case !errors.Is(err, store.ErrNotFound):
				return err
			}
			fresh = append(fresh, hermesEntry(x))
		}
	}
	if n := skips[hermes.SkipUndone]; n > 0 {
		fmt.Fprintf(e.stderr, "memaudit: note: %s not imported (active = 0: taken back with /undo or a rewind)\n", count(n, "undone message", "undone messages"))
	}
	if n := skips[hermes.SkipCron] + skips[hermes.SkipSubagent]; n > 0 {
		fmt.Fprintf(e.stderr, "memaudit: note: %s of cron jobs and subagents not imported (not conversations with you)\n", count(n, "message", "messages"))
	}
	var stored []*store.Entry
	var behind error // committed, but the index could not follow
	if len(fresh) > 0 {
		stored, err = s.RememberBatch(ctx, fresh)
		var ee *store.EntryError
		switch {
		case errors.As(err, &ee):
			return fmt.Errorf("%s: %w (nothing imported)", fresh[ee.Index].Source.URI, ee.Err)
		case errors.Is(err, store.ErrIndexBehind):
			behind = err
		case errors.Is(err, context.Canceled):
			return errors.New("interrupted before the import was committed: nothing was imported")
		case err != nil:
			return fmt.Errorf("%w (nothing imported)", err)
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
	res, err := scanPlain(ctx, sc, func(yield func(store.Entry, error) bool) {
		for _, x := range fresh {
			if !yield(x, nil) {
				return
			}
		}
	}, store.ScanOptions{})
	if err != nil {
		return err
	}
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
	for _, h := range homes {
		for _, f := range h.Files {
			fmt.Fprintf(e.stdout, "%s\n", f)
		}
	}
	if behind == nil {
		behind = s.Close()
	}
	return committedWarning(e, behind, fmt.Sprintf("the %d entries are committed", len(stored)))
}

// hermesEntry is an entry read from a Hermes home, as the vault stores it.
func hermesEntry(x hermes.Entry) store.Entry {
	return store.Entry{ID: x.ID, Segment: x.Segment, Text: x.Text, Kind: x.Kind, Session: x.Session, Created: x.Created, Trust: x.Trust,
		Tags: x.Tags, Source: store.Source{Kind: store.SourceKind(x.SourceKind), URI: x.SourceURI, Sender: x.Sender, Channel: x.Channel}}
}

// describeHomes says which homes were read (the root, each profile), what
// was skipped in each, and whose messages count as the owner's.
func describeHomes(w io.Writer, homes []*hermes.Home, sessions bool) {
	for _, h := range homes {
		what := "Hermes home " + h.Dir
		if h.Profile != "" {
			what = fmt.Sprintf("Hermes profile %s (%s; segments profile/%s/...)", h.Profile, h.Dir, h.Profile)
		}
		fmt.Fprintf(w, "memaudit: reading %s\n", what)
		for _, sk := range h.Skipped {
			fmt.Fprintf(w, "memaudit: note: skipped %s\n", sk)
		}
		if !sessions {
			continue
		}
		switch {
		case len(h.Owners) == 0:
			fmt.Fprintln(w, "memaudit: note: no owner ids (no DM sessions; give --owner): in group chats every message gets trust low")
		case h.OwnersInferred:
			fmt.Fprintf(w, "memaudit: note: owner ids from the DM sessions: %s (give --owner to set them); in group chats everyone else's messages get trust low\n", strings.Join(h.Owners, ", "))
		}
	}
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
