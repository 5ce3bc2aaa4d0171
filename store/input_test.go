package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/memaudit/memaudit/segment"
	"github.com/memaudit/memaudit/store"
)

func TestBadEntries(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	cases := []struct {
		name string
		e    store.Entry
		want error
	}{
		{"empty text", store.Entry{Segment: "agent", Text: ""}, store.ErrInvalidEntry},
		{"invalid UTF-8", store.Entry{Segment: "agent", Text: "bad \xff\xfe bytes"}, store.ErrInvalidEntry},
		{"NUL byte", store.Entry{Segment: "agent", Text: "a\x00b"}, store.ErrInvalidEntry},
		{"10 MB", store.Entry{Segment: "agent", Text: strings.Repeat("a", 10<<20)}, store.ErrTooLarge},
		{"no segment", store.Entry{Text: "x"}, store.ErrInvalidSegment},
		{"traversal", store.Entry{Segment: "../etc", Text: "x"}, store.ErrInvalidSegment},
		{"glob in name", store.Entry{Segment: "channel/*", Text: "x"}, store.ErrInvalidSegment},
		{"NUL in name", store.Entry{Segment: "a\x00b", Text: "x"}, store.ErrInvalidSegment},
		{"long name", store.Entry{Segment: strings.Repeat("a/", 200) + "a", Text: "x"}, store.ErrInvalidSegment},
		{"unknown source kind", store.Entry{Segment: "agent", Text: "x", Source: store.Source{Kind: "carrier-pigeon"}}, store.ErrInvalidEntry},
		{"control char in sender", store.Entry{Segment: "agent", Text: "x", Source: store.Source{Sender: "a\nb"}}, store.ErrInvalidEntry},
		{"deleted status", store.Entry{Segment: "agent", Text: "x", Status: store.StatusDeleted}, store.ErrInvalidEntry},
		{"trust out of range", store.Entry{Segment: "agent", Text: "x", Trust: segment.Trust(9)}, store.ErrInvalidEntry},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := v.s.Remember(ctx, c.e)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if c.e.Text != "" && len(c.e.Text) < 100 && strings.Contains(err.Error(), c.e.Text) {
				t.Fatalf("error quotes entry text: %v", err)
			}
		})
	}
	st, _ := v.s.Stats(ctx)
	if n := st.ByStatus[store.StatusActive]; n != 0 {
		t.Fatalf("%d bad entries were stored", n)
	}
}

// Text that looks like SQL or bleve syntax is stored and found as text.
func TestHostileTextAndQueries(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	texts := []string{
		"'); DROP TABLE entries; --",
		`" OR 1=1 -- robert`,
		"+segment:agent -status:active text:/.*/ ~2 ^5 \\",
		"ünïcödé 日本語 emoji 🦜 and a big entry",
		strings.Repeat("lorem ipsum ", 80000), // ~1 MB
	}
	var ids []string
	for _, tx := range texts {
		e, err := v.s.Remember(ctx, store.Entry{Segment: "agent", Text: tx})
		if err != nil {
			t.Fatalf("%.20q: %v", tx, err)
		}
		ids = append(ids, e.ID)
	}
	s := v.reopen(t, store.Options{})
	for i, id := range ids {
		e, err := s.Get(ctx, id)
		if err != nil || e.Text != texts[i] {
			t.Fatalf("entry %d did not round-trip: %v", i, err)
		}
	}
	for _, q := range []string{"DROP TABLE", "'); DROP TABLE entries; --", `" OR 1=1`, "+segment:agent -status:active", "🦜", "日本語"} {
		if _, err := s.Recall(ctx, "agent", q, store.RecallOptions{}); err != nil {
			t.Fatalf("recall %q: %v", q, err)
		}
	}
	hits, err := s.Recall(ctx, "agent", "robert", store.RecallOptions{})
	if err != nil || hitIDs(hits) != ids[1] {
		t.Fatalf("recall of quoted text: %v %v", hitIDs(hits), err)
	}
	// Operator search parses bleve syntax; a malformed query is a clear error.
	for _, q := range []string{`text:"unclosed`, "+", "created:>abc"} {
		if _, err := s.Search(ctx, q, store.SearchOptions{}); !errors.Is(err, store.ErrBadQuery) {
			t.Fatalf("malformed search %q: %v", q, err)
		}
	}
	// Lenient syntax bleve accepts must not crash either.
	for _, q := range []string{"/[/", "(a", "x^", "text:/.*/"} {
		s.Search(ctx, q, store.SearchOptions{})
	}
	if _, err := s.Recall(ctx, "agent", "   ", store.RecallOptions{}); !errors.Is(err, store.ErrBadQuery) {
		t.Fatalf("empty recall: %v", err)
	}
	if _, err := s.Recall(ctx, "agent", "x", store.RecallOptions{Segments: []string{"[bad"}}); !errors.Is(err, segment.ErrInvalidGlob) {
		t.Fatalf("bad glob: %v", err)
	}
	if st, _ := s.Stats(ctx); st.ByStatus[store.StatusActive] != len(texts) {
		t.Fatalf("table damaged by hostile text: %+v", st)
	}
}

func TestBatchIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	existing := remember(t, v.s, "agent", "already here")
	batches := map[string][]store.Entry{
		"bad entry": {{Segment: "agent", Text: "ok"}, {Segment: "agent", Text: ""}},
		"dup id":    {{ID: "imp-1", Segment: "agent", Text: "a"}, {ID: "imp-1", Segment: "agent", Text: "b"}},
		"id exists": {{ID: "imp-2", Segment: "agent", Text: "a"}, {ID: existing.ID, Segment: "agent", Text: "b"}},
	}
	for name, b := range batches {
		_, err := v.s.RememberBatch(ctx, b)
		var ee *store.EntryError
		if !errors.As(err, &ee) || ee.Index != 1 {
			t.Fatalf("%s: got %v, want an EntryError for entry 1", name, err)
		}
	}
	n := 0
	for _, err := range v.s.Entries(ctx, store.Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 1 {
		t.Fatalf("a failed batch left %d entries, want 1", n)
	}
	if _, err := v.s.Get(ctx, "imp-2"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("half-imported: %v", err)
	}
}

func TestClosedStore(t *testing.T) {
	v := newVault(t)
	v.s.Close()
	if _, err := v.s.Remember(context.Background(), store.Entry{Segment: "agent", Text: "x"}); !errors.Is(err, store.ErrClosed) {
		t.Fatalf("remember after close: %v", err)
	}
	if err := v.s.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
}
