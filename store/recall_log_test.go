package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/migrations"
	"github.com/memaudit/memaudit/store"
)

// TestRecallLogExpansion: recalls logged as events are expanded, in
// batches and by another process's open of the vault, into exact
// per-entry exposures; nothing is counted twice or lost.
func TestRecallLogExpansion(t *testing.T) {
	defer store.SetDrainBatchForTest(3)()
	ctx := context.Background()
	v := newVault(t)
	clock := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	s := v.reopen(t, store.Options{Now: func() time.Time { clock = clock.Add(time.Second); return clock }})
	a := remember(t, s, "agent", "alpha note about tea")
	b := remember(t, s, "agent", "beta note about tea")
	for i := 0; i < 10; i++ {
		hits, err := s.Recall(ctx, "agent", "tea", store.RecallOptions{Session: fmt.Sprintf("s%d", i%2)})
		if err != nil || len(hits) != 2 {
			t.Fatalf("recall: %v %v", hits, err)
		}
	}
	if _, err := s.Recall(ctx, "agent", "alpha", store.RecallOptions{Session: "s9"}); err != nil {
		t.Fatal(err)
	}
	// Another open of the vault expands the first batch concurrently.
	other, err := store.Open(ctx, v.dir, store.Options{Identities: v.ids})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := other.Stats(ctx); err != nil || st.Recalls != 21 {
		t.Fatalf("stats from another open: %+v %v", st, err)
	}
	other.Close()
	ex, err := s.Exposures(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"s0": 5, "s1": 5, "s9": 1}
	if len(ex) != 3 {
		t.Fatalf("exposures of a: %+v", ex)
	}
	for _, x := range ex {
		if x.Count != want[x.Session] || x.Segment != "agent" || !x.First.Before(x.Last) && x.Count > 1 {
			t.Fatalf("exposure %+v, want count %d", x, want[x.Session])
		}
	}
	if ex, _ := s.Exposures(ctx, b.ID); len(ex) != 2 || ex[0].Count+ex[1].Count != 10 {
		t.Fatalf("exposures of b: %+v", ex)
	}
	// More recalls after an expansion are counted once each.
	s.Recall(ctx, "agent", "beta", store.RecallOptions{Session: "s9"})
	if ex, _ := s.Exposures(ctx, b.ID); len(ex) != 3 {
		t.Fatalf("exposures of b after another recall: %+v", ex)
	}
	if st, _ := s.Stats(ctx); st.Recalls != 22 {
		t.Fatalf("recalls counted: %d, want 22", st.Recalls)
	}
}

// TestRecallSpoolUnreadable: a spool the vault key does not open (here
// another vault's) is set aside, never deleted, the vault opens, and
// Repaired and Verify say so.
func TestRecallSpoolUnreadable(t *testing.T) {
	ctx := context.Background()
	v, w := newVault(t), newVault(t)
	remember(t, w.s, "agent", "tea")
	if _, err := w.s.Recall(ctx, "agent", "tea", store.RecallOptions{}); err != nil {
		t.Fatal(err)
	}
	w.s.Close()
	v.s.Close()
	foreign, err := os.ReadFile(filepath.Join(w.dir, "recalls.db"))
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(v.dir, "recalls.db-wal"))
	os.Remove(filepath.Join(v.dir, "recalls.db-shm"))
	if err := os.WriteFile(filepath.Join(v.dir, "recalls.db"), foreign, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, v.dir, store.Options{Identities: v.ids})
	if err != nil {
		t.Fatalf("open with a foreign spool: %v", err)
	}
	defer s.Close()
	if !strings.Contains(s.Repaired(), "recall spool") {
		t.Fatalf("Repaired() = %q", s.Repaired())
	}
	rep, err := s.Verify(ctx)
	if err != nil || len(rep.Problems) != 1 || rep.Problems[0].Part != "recall log" {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	aside, _ := filepath.Glob(filepath.Join(v.dir, "recalls.db.unreadable-*"))
	if len(aside) == 0 {
		t.Fatal("the unreadable spool was not kept")
	}
	remember(t, s, "agent", "coffee")
	if _, err := s.Recall(ctx, "agent", "coffee", store.RecallOptions{Session: "x"}); err != nil {
		t.Fatalf("recall with the new spool: %v", err)
	}
}

// TestMigrateRecallsToExposures: a schema-5 vault's per-entry recall rows
// become exposures (counts, first and last) and one-entry recall events.
func TestMigrateRecallsToExposures(t *testing.T) {
	ctx := context.Background()
	g, err := keyring.Generate(false)
	if err != nil {
		t.Fatal(err)
	}
	ids, _ := keyring.ParseIdentities(g.File)
	dir := filepath.Join(t.TempDir(), "old")
	s, err := store.CreateWithSchema(ctx, dir, store.CreateOptions{Options: store.Options{Identities: ids}, Recipients: []store.Recipient{g.Recipient}}, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO recalls(at, session, segment, entry_id) VALUES (100, 's1', 'agent', 'e"1'), (300, 's1', 'agent', 'e"1'), (200, 's2', 'agent', 'e"1'), (50, 's1', 'agent', 'e2')`,
	} {
		if err := store.ExecForTest(s, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = store.Open(ctx, dir, store.Options{Identities: ids})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ex, err := s.Exposures(ctx, `e"1`)
	if err != nil || len(ex) != 2 || ex[0].Session != "s1" || ex[0].Count != 2 || ex[0].First.UnixNano() != 100 || ex[0].Last.UnixNano() != 300 || ex[1].Count != 1 {
		t.Fatalf("migrated exposures: %+v %v", ex, err)
	}
	if st, _ := s.Stats(ctx); st.Recalls != 4 || st.Schema != migrations.Latest() {
		t.Fatalf("stats after migration: %+v", st)
	}
}
