package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/memaudit/memaudit/store"
)

// On a plaintext vault (so that raw bytes can be searched), redaction must
// leave the secret in no file: not in free database pages, not in the
// write-ahead log, not in the index.
func TestRedactLeavesNoOldText(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "plain")
	s, err := store.CreatePlaintext(ctx, dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	secret := canary("ghpzz")
	fill(t, s, 50)
	e := remember(t, s, "agent", "deploy with token "+secret+" and tag heron")
	fill(t, s, 50)
	start := strings.Index(e.Text, secret)
	got, err := s.Redact(ctx, e.ID, []store.Span{{Start: start, End: start + len(secret), Rule: "github-token"}}, "leaked token")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got.Text, secret) || !strings.Contains(got.Text, "[REDACTED:github-token:") ||
		!strings.HasPrefix(got.Text, "deploy with token ") || got.Status != store.StatusRedacted {
		t.Fatalf("redacted entry: %+v", got)
	}
	if err := s.RebuildIndex(ctx); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Recall(ctx, "agent", "heron deploy", store.RecallOptions{})
	if err != nil || hitIDs(hits) != e.ID {
		t.Fatalf("redacted entry must stay recallable: %v %v", hitIDs(hits), err)
	}
	if hits, _ := s.Search(ctx, strings.ToLower(secret), store.SearchOptions{}); len(hits) != 0 {
		t.Fatal("the index still finds the secret")
	}
	// While the vault is still open (a running agent): the write-ahead log
	// must not keep the old page.
	for _, f := range vaultFiles(t, dir) {
		b, _ := os.ReadFile(f)
		if bytes.Contains(b, []byte(secret)) || bytes.Contains(b, []byte(strings.ToLower(secret))) {
			t.Fatalf("%s still holds the redacted secret", f)
		}
	}
}

func TestRedactBadSpansLoseNothing(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	e := remember(t, v.s, "agent", "café secret here")
	for _, sp := range [][]store.Span{
		{{Start: 3, End: 4}},                     // splits é
		{{Start: 0, End: 100}},                   // out of range
		{{Start: 5, End: 8}, {Start: 6, End: 9}}, // overlapping
		{},
	} {
		if _, err := v.s.Redact(ctx, e.ID, sp, "x"); !errors.Is(err, store.ErrInvalidEntry) {
			t.Fatalf("%v: %v", sp, err)
		}
	}
	if got, _ := v.s.Get(ctx, e.ID); got.Text != e.Text || got.Status != store.StatusActive {
		t.Fatalf("a refused redaction changed the entry: %+v", got)
	}
	if err := v.s.Quarantine(ctx, e.ID, "x"); err != nil {
		t.Fatal(err)
	}
	got, err := v.s.Redact(ctx, e.ID, []store.Span{{Start: 6, End: 12, Rule: "password-in-text"}}, "y")
	if err != nil || got.Status != store.StatusQuarantined {
		t.Fatalf("redacting a quarantined entry must keep it quarantined: %+v %v", got, err)
	}
}

// TestRedactWhileAnotherProcessHoldsTheIndex: the CLI redacts while an agent
// (memaudit serve) holds the index. The redaction asks the holder to
// rebuild; RebuildIndex in the CLI waits until it has, and then no file of
// the vault holds the secret, while both are still open. With the holder
// not looking (its watcher stopped), RebuildIndex reports the purge as
// pending and the index still holds the secret: what the test guards
// against.
func TestRedactWhileAnotherProcessHoldsTheIndex(t *testing.T) {
	for _, holderLooks := range []bool{false, true} {
		t.Run(map[bool]string{false: "holder idle", true: "holder looks"}[holderLooks], func(t *testing.T) {
			ctx := context.Background()
			if holderLooks {
				defer store.SetWatchIntervalForTest(50 * time.Millisecond)()
			} else {
				defer store.SetWatchIntervalForTest(time.Hour)()
			}
			dir := filepath.Join(t.TempDir(), "plain")
			agent, err := store.CreatePlaintext(ctx, dir, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer agent.Close()
			secret := canary("ghpzz")
			fill(t, agent, 50)
			e := remember(t, agent, "agent", "deploy with token "+secret+" and tag heron")
			fill(t, agent, 50)
			term := strings.ToLower(secret)
			if has, err := store.IndexHasTermForTest(agent, term); !has || err != nil {
				t.Fatalf("the secret is not indexed to begin with: %v", err)
			}
			cli, err := store.OpenPlaintextForTest(ctx, dir, store.Options{IndexWait: 1})
			if err != nil {
				t.Fatal(err)
			}
			defer cli.Close()
			start := strings.Index(e.Text, secret)
			if _, err := cli.Redact(ctx, e.ID, []store.Span{{Start: start, End: start + len(secret), Rule: "github-token"}}, "leaked token"); err != nil && !errors.Is(err, store.ErrPurgePending) {
				t.Fatal(err)
			}
			wctx, cancel := context.WithTimeout(ctx, map[bool]time.Duration{false: time.Second, true: 30 * time.Second}[holderLooks])
			err = cli.RebuildIndex(wctx)
			cancel()
			// The database and its log hold no copy in either case; the
			// index's term dictionaries (compressed: a byte search cannot
			// see them) only once the holder rebuilt.
			var holding []string
			for _, f := range vaultFiles(t, dir) {
				b, _ := os.ReadFile(f)
				if bytes.Contains(b, []byte(secret)) || bytes.Contains(b, []byte(term)) {
					holding = append(holding, filepath.Base(f))
				}
			}
			inIndex, ierr := store.IndexHasTermForTest(agent, term)
			if ierr != nil {
				t.Fatal(ierr)
			}
			if !holderLooks {
				if !errors.Is(err, store.ErrPurgePending) || !inIndex || len(holding) > 0 {
					t.Fatalf("with the holder idle: %v, in the index %v, in files %v", err, inIndex, holding)
				}
				return
			}
			if inIndex {
				t.Fatal("the holder's index still lists the secret")
			}
			if err != nil || len(holding) > 0 {
				t.Fatalf("rebuild by the holder: %v; secret still in %v", err, holding)
			}
			hits, err := agent.Recall(ctx, "agent", "heron deploy", store.RecallOptions{})
			if err != nil || hitIDs(hits) != e.ID {
				t.Fatalf("the redacted entry must stay recallable: %v %v", hitIDs(hits), err)
			}
			if r, err := agent.Verify(ctx); err != nil || !r.OK() || r.Indexed != 101 {
				t.Fatalf("verify after the holder's rebuild: %+v %v", r, err)
			}
		})
	}
}
