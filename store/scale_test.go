package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/memaudit/memaudit/store"
)

// These tests write one batch larger than every page and batch size the
// store walks entries by (store.LargestPageForTest, twice over), so that a run of
// entries sharing one change number crosses each boundary: the index paging
// bug dropped the rest of such a run on every rebuild and catch-up, and
// tests on a few hundred entries never saw it.

func bigN() int { return 2*store.LargestPageForTest() + 7 }

// assertAllFindable checks that the index holds every entry and that the
// entries on both sides of each page boundary are found by a search.
// total is how many entries the vault holds in all.
func assertAllFindable(t *testing.T, s *store.Store, ents []*store.Entry, word string, total int) {
	t.Helper()
	ctx := context.Background()
	r, err := s.Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.Indexed != uint64(total) {
		t.Fatalf("verify: indexed %d of %d: %+v", r.Indexed, total, r.Problems)
	}
	page := store.LargestPageForTest()
	for _, i := range []int{0, page - 1, page, page + 1, 2*page - 1, 2 * page, len(ents) - 1} {
		e := ents[i]
		hits, err := s.Search(ctx, fmt.Sprintf("+%s%d", word, i), store.SearchOptions{Limit: 2})
		if err != nil || len(hits) != 1 || hits[0].Entry.ID != e.ID {
			t.Fatalf("entry %d of %d not found by search: %v %v", i, len(ents), hitIDs(hits), err)
		}
		hits, err = s.Recall(ctx, e.Segment, fmt.Sprintf("%s%d", word, i), store.RecallOptions{Limit: 1})
		if err != nil || hitIDs(hits) != e.ID {
			t.Fatalf("entry %d of %d not recalled: %v %v", i, len(ents), hitIDs(hits), err)
		}
	}
}

func fillBig(t *testing.T, s *store.Store, word string) []*store.Entry {
	t.Helper()
	n := bigN()
	ents := make([]store.Entry, n)
	for i := range ents {
		ents[i] = store.Entry{Segment: fmt.Sprintf("channel/slack/c%d", i%5), Text: fmt.Sprintf("note %d about the quarterly report, %s%d", i, word, i)}
	}
	out, err := s.RememberBatch(context.Background(), ents)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRebuildIndexesEveryEntryOfALargeBatch(t *testing.T) {
	v := newVault(t)
	ents := fillBig(t, v.s, "pelican")
	v.s.Close()
	if err := os.RemoveAll(filepath.Join(v.dir, "index")); err != nil {
		t.Fatal(err)
	}
	s := v.reopen(t, store.Options{})
	assertAllFindable(t, s, ents, "pelican", len(ents))
	// The operator's rebuild (after redact) takes the same path.
	if err := s.RebuildIndex(context.Background()); err != nil {
		t.Fatal(err)
	}
	assertAllFindable(t, s, ents, "pelican", len(ents))
}

func TestCatchUpOnALargeBatchFromAnotherOpener(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	other, err := store.Open(ctx, v.dir, store.Options{Identities: v.ids, IndexWait: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ents := fillBig(t, other, "pelican") // as the CLI's import does while an agent serves
	assertAllFindable(t, v.s, ents, "pelican", len(ents))
	// And when the owner is not running: its next open catches up.
	other.Close()
	v.s.Close()
	other, err = store.Open(ctx, v.dir, store.Options{Identities: v.ids})
	if err != nil {
		t.Fatal(err)
	}
	more := fillBig(t, other, "heron")
	v.s = other
	s := v.reopen(t, store.Options{})
	assertAllFindable(t, s, more, "heron", 2*len(ents))
}

func TestRotateKeepsEveryEntryOfALargeBatch(t *testing.T) {
	v := newVault(t)
	ents := fillBig(t, v.s, "pelican")
	v.s.Close()
	if err := store.Rotate(context.Background(), v.dir, store.Options{Identities: v.ids}, nil); err != nil {
		t.Fatal(err)
	}
	s := v.reopen(t, store.Options{})
	assertAllFindable(t, s, ents, "pelican", len(ents))
}

// An index that holds fewer documents than the database says it should,
// although it claims to be up to date, is noticed and rebuilt at open.
func TestOpenRepairsAnIndexThatDisagreesOnCount(t *testing.T) {
	v := newVault(t)
	ents := fillBig(t, v.s, "pelican")
	if err := store.DeleteFromIndexForTest(v.s, ents[len(ents)-1].ID, ents[3].ID); err != nil {
		t.Fatal(err)
	}
	s := v.reopen(t, store.Options{})
	if !strings.Contains(s.Repaired(), "holds 2 documents fewer") {
		t.Fatalf("open did not notice the missing documents: %q", s.Repaired())
	}
	s = v.reopen(t, store.Options{})
	if s.Repaired() != "" {
		t.Fatalf("second open repaired again: %q", s.Repaired())
	}
	assertAllFindable(t, s, ents, "pelican", len(ents))
}
