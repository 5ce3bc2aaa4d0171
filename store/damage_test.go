package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/memaudit/memaudit/store"
)

// The canary scan must be able to fail: on a plaintext vault (the
// benchmark-only path) it finds the text.
func TestCanaryScanSeesPlaintext(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "plain")
	s, err := store.CreatePlaintext(ctx, dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := canary("txtcanary")
	remember(t, s, "agent", "remember "+c)
	s.Close()
	found := false
	for _, f := range vaultFiles(t, dir) {
		b, _ := os.ReadFile(f)
		found = found || bytes.Contains(b, []byte(c))
	}
	if !found {
		t.Fatal("canary not found in a plaintext vault: the at-rest scan is blind")
	}
}

func fill(t testing.TB, s *store.Store, n int) []*store.Entry {
	t.Helper()
	ents := make([]store.Entry, n)
	for i := range ents {
		ents[i] = store.Entry{Segment: fmt.Sprintf("channel/slack/c%d", i%5), Text: fmt.Sprintf("note number %d about the quarterly report and pelican %d", i, i)}
	}
	out, err := s.RememberBatch(context.Background(), ents)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestVerifyNamesDamagedDatabasePage(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	fill(t, v.s, 2000)
	v.s.Close()
	db := filepath.Join(v.dir, "vault.db")
	// Fold the WAL into the database so that the page is really there.
	s, err := store.Open(ctx, v.dir, store.Options{Identities: v.ids})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	fi, _ := os.Stat(db)
	if fi.Size() < 20*4096 {
		t.Fatalf("database unexpectedly small: %d", fi.Size())
	}
	flipByte(t, db, 12*4096+700) // inside page 13
	s, err = store.Open(ctx, v.dir, store.Options{Identities: v.ids, NoRepair: true})
	if err != nil {
		if !errors.Is(err, store.ErrCorrupt) {
			t.Fatalf("open damaged database: %v", err)
		}
		t.Logf("detected at open: %v", err)
		return
	}
	defer s.Close()
	r, err := s.Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("verify: %+v", r.Problems)
	if r.OK() || r.Problems[0].Part != "database" {
		t.Fatalf("verify missed a damaged page: %+v", r)
	}
}

func TestDamagedIndexIsNamedThenRebuilt(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	ents := fill(t, v.s, 500)
	v.s.Close()
	zaps, _ := filepath.Glob(filepath.Join(v.dir, "index", "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatal("no index segment files")
	}
	fi, _ := os.Stat(zaps[0])
	flipByte(t, zaps[0], fi.Size()/2)

	s, err := store.Open(ctx, v.dir, store.Options{Identities: v.ids, NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Verify(ctx)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || r.Problems[0].Part != "index" {
		t.Fatalf("verify missed a damaged index file: %+v", r)
	}

	s, err = store.Open(ctx, v.dir, store.Options{Identities: v.ids})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.Contains(s.Repaired(), "index") {
		t.Fatalf("open did not report the rebuild: %q", s.Repaired())
	}
	hits, err := s.Recall(ctx, ents[42].Segment, "pelican 42", store.RecallOptions{Limit: 1})
	if err != nil || len(hits) != 1 || hits[0].Entry.ID != ents[42].ID {
		t.Fatalf("recall after rebuild: %v %v", hitIDs(hits), err)
	}
	if r, _ := s.Verify(ctx); !strings.Contains(fmt.Sprint(r.Problems), "rebuilt") {
		t.Fatalf("verify after a repair should say so: %+v", r)
	}
}

func TestMissingIndexIsRebuilt(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	ents := fill(t, v.s, 300)
	v.s.Close()
	if err := os.RemoveAll(filepath.Join(v.dir, "index")); err != nil {
		t.Fatal(err)
	}
	var calls int
	s, err := store.Open(ctx, v.dir, store.Options{Identities: v.ids, Progress: func(done, total int) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if calls == 0 {
		t.Error("no progress reported during rebuild")
	}
	hits, err := s.Recall(ctx, ents[7].Segment, "pelican 7", store.RecallOptions{Limit: 1})
	if err != nil || len(hits) != 1 || hits[0].Entry.ID != ents[7].ID {
		t.Fatalf("recall after rebuild: %v %v", hitIDs(hits), err)
	}
	r, err := s.Verify(ctx)
	if err != nil || !r.OK() || r.Indexed != 300 {
		t.Fatalf("verify after rebuild: %+v %v", r, err)
	}
}

// A second Store on the same vault (standing in for a second process: the
// lock is per open file, so it behaves the same) works from the database; the
// index owner replays its writes.
func TestSecondOpenerWritesAreReplayed(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	owner := v.s
	remember(t, owner, "agent", "owner wrote about herons")
	other, err := store.Open(ctx, v.dir, store.Options{Identities: v.ids, IndexWait: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	st, _ := other.Stats(ctx)
	if !st.IndexShared {
		t.Fatal("second opener should not own the index")
	}
	e := remember(t, other, "agent", "other process wrote about kingfishers")
	hits, err := other.Recall(ctx, "agent", "herons", store.RecallOptions{})
	if err != nil || len(hits) != 1 {
		t.Fatalf("database-scan recall: %v %v", hitIDs(hits), err)
	}
	hits, err = owner.Recall(ctx, "agent", "kingfishers", store.RecallOptions{})
	if err != nil || hitIDs(hits) != e.ID {
		t.Fatalf("owner did not replay the other's write: %v %v", hitIDs(hits), err)
	}
}

func TestProgressOnLargeBatch(t *testing.T) {
	v := newVault(t)
	var last, total int
	s := v.reopen(t, store.Options{Progress: func(d, n int) { last, total = d, n }})
	fill(t, s, 12000)
	if last != 12000 || total != 12000 {
		t.Fatalf("progress ended at %d/%d", last, total)
	}
}
