package store_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"testing"

	"github.com/memaudit/memaudit/store"
)

// stream yields n entries; at bad (when >= 0) it yields what fault says.
func stream(n, bad int, fault func(i int) (store.Entry, error)) iter.Seq2[store.Entry, error] {
	return func(yield func(store.Entry, error) bool) {
		for i := 0; i < n; i++ {
			e, err := store.Entry{ID: fmt.Sprintf("imp-%06d", i), Segment: fmt.Sprintf("channel/slack/c%d", i%3),
				Text: fmt.Sprintf("imported note %d about the lake, word%d", i, i)}, error(nil)
			if i == bad {
				e, err = fault(i)
			}
			if !yield(e, err) {
				return
			}
		}
	}
}

// TestImportStreams: a stream longer than every page is stored whole, in
// one change, and every entry is indexed; an import that fails anywhere,
// after pages of it were indexed already, stores nothing and leaves the
// index agreeing with the database.
func TestImportStreams(t *testing.T) {
	ctx := context.Background()
	n := 2*store.LargestPageForTest() + 7
	v := newVault(t)
	s := v.s
	remember(t, s, "agent", "already here")
	var seen []int
	got, err := s.Import(ctx, stream(n, -1, nil), store.ImportOptions{Progress: func(d int) { seen = append(seen, d) }})
	if err != nil || got != n {
		t.Fatalf("import: %d %v", got, err)
	}
	if len(seen) == 0 || seen[len(seen)-1] != n {
		t.Fatalf("progress: %v", seen)
	}
	assertAllFindableImported(t, s, n+1)
	hits, err := s.Search(ctx, fmt.Sprintf("word%d", n-1), store.SearchOptions{})
	if err != nil || len(hits) != 1 {
		t.Fatalf("the last imported entry: %v %v", hitIDs(hits), err)
	}

	bad := store.LargestPageForTest() + 3 // after a page went to the index
	for name, fault := range map[string]func(i int) (store.Entry, error){
		"invalid entry": func(i int) (store.Entry, error) { return store.Entry{Segment: "../x", Text: "x"}, nil },
		"stream error":  func(i int) (store.Entry, error) { return store.Entry{}, errors.New("line 12: broken") },
		"repeated id": func(i int) (store.Entry, error) {
			return store.Entry{ID: "imp-new-000001", Segment: "agent", Text: "x"}, nil
		},
		"existing id": func(i int) (store.Entry, error) {
			return store.Entry{ID: "imp-000005", Segment: "agent", Text: "x"}, nil
		},
	} {
		v2 := newVault(t)
		s2 := v2.s
		src := stream(n, bad, fault)
		if name == "repeated id" {
			src = func(yield func(store.Entry, error) bool) {
				for e, err := range stream(n, bad, fault) {
					if e.ID == fmt.Sprintf("imp-%06d", 1) {
						e.ID = "imp-new-000001"
					}
					if !yield(e, err) {
						return
					}
				}
			}
		}
		if name == "existing id" {
			if _, err := s2.Remember(ctx, store.Entry{ID: "imp-000005", Segment: "agent", Text: "first"}); err != nil {
				t.Fatal(err)
			}
			src = func(yield func(store.Entry, error) bool) {
				for e, err := range stream(n, -1, nil) {
					if !yield(e, err) {
						return
					}
				}
			}
		}
		got, err := s2.Import(ctx, src, store.ImportOptions{})
		var ee *store.EntryError
		switch name {
		case "stream error":
			if err == nil || err.Error() != "line 12: broken" {
				t.Errorf("%s: %v", name, err)
			}
		case "existing id":
			if !errors.As(err, &ee) || ee.Index != 5 {
				t.Errorf("%s: %v", name, err)
			}
		default:
			if !errors.As(err, &ee) || ee.Index != bad {
				t.Errorf("%s: %v", name, err)
			}
		}
		want := 0
		if name == "existing id" {
			want = 1
		}
		if got != 0 || countEntries(t, s2) != want {
			t.Errorf("%s: stored %d, %d entries in the vault", name, got, countEntries(t, s2))
		}
		if r, err := s2.Verify(ctx); err != nil || !r.OK() || r.Indexed != uint64(want) {
			t.Errorf("%s: verify after the failed import: %+v %v", name, r, err)
		}
	}

	// Interrupted: nothing stored.
	v3 := newVault(t)
	cctx, cancel := context.WithCancel(ctx)
	src := func(yield func(store.Entry, error) bool) {
		for e, err := range stream(n, -1, nil) {
			if e.ID == fmt.Sprintf("imp-%06d", bad) {
				cancel()
			}
			if !yield(e, err) {
				return
			}
		}
	}
	if got, err := v3.s.Import(cctx, src, store.ImportOptions{}); !errors.Is(err, context.Canceled) || got != 0 || countEntries(t, v3.s) != 0 {
		t.Fatalf("interrupted import: %d %v", got, err)
	}
}

func assertAllFindableImported(t *testing.T, s *store.Store, total int) {
	t.Helper()
	r, err := s.Verify(context.Background())
	if err != nil || !r.OK() || r.Indexed != uint64(total) || r.Entries != total {
		t.Fatalf("verify: %+v %v", r, err)
	}
}
