package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/memaudit/memaudit/segment"
	"github.com/memaudit/memaudit/store"
)

// TestSearchQuerySyntax: the operator's search keeps bleve's query-string
// syntax over every segment although the index scopes each word to its
// segment: words, prefixes, wildcards, fuzziness, regular expressions,
// required and excluded words, other fields, and --segment.
func TestSearchQuerySyntax(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	s := v.s
	a := remember(t, s, "channel/slack/a", "the pelican flies over the harbour")
	b := remember(t, s, "channel/slack/b", "a pelican and a heron at the lake")
	c := remember(t, s, "skill/browse", "heron migration notes from 2025")
	d := remember(t, s, "user/profile", "prefers tea to coffee")
	for _, tc := range []struct {
		q    string
		segs []string
		want []*store.Entry
	}{
		{q: "pelican", want: []*store.Entry{a, b}},
		{q: "heron", want: []*store.Entry{b, c}},
		{q: "pelican heron", want: []*store.Entry{a, b, c}},
		{q: "+pelican +heron", want: []*store.Entry{b}},
		{q: "heron -pelican", want: []*store.Entry{c}},
		{q: "pel*", want: []*store.Entry{a, b}},
		{q: "h?ron", want: []*store.Entry{b, c}},
		{q: "pelicn~1", want: []*store.Entry{a, b}},
		{q: "/harb.*/", want: []*store.Entry{a}},
		{q: "text:coffee", want: []*store.Entry{d}},
		{q: "2025", want: []*store.Entry{c}},
		{q: "segment:skill/browse", want: []*store.Entry{c}},
		{q: "heron", segs: []string{"channel/**"}, want: []*store.Entry{b}},
		{q: "+heron +kind:fact", segs: []string{"skill/*"}, want: []*store.Entry{c}},
		{q: "the", want: nil}, // a stop word
	} {
		hits, err := s.Search(ctx, tc.q, store.SearchOptions{Segments: tc.segs, Limit: 10})
		if err != nil {
			t.Errorf("%q: %v", tc.q, err)
			continue
		}
		var got, want []string
		for _, h := range hits {
			got = append(got, h.Entry.ID)
		}
		for _, e := range tc.want {
			want = append(want, e.ID)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q in %v: got %v, want %v", tc.q, tc.segs, got, want)
		}
	}
}

// TestRecallReachNarrowAndWide: a recall reads exactly the segments its
// policy allows, whether it reads their terms one by one (a few segments)
// or every segment's at once and filters (more than narrowScopes).
func TestRecallReachNarrowAndWide(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	s := v.s
	want := map[string]string{}
	for i := 0; i < 12; i++ {
		seg := fmt.Sprintf("channel/slack/c%d", i)
		want[seg] = remember(t, s, seg, fmt.Sprintf("a heron seen at lake %d", i)).ID
	}
	other := remember(t, s, "skill/browse", "heron facts from a web page").ID
	if err := s.SetPolicy(ctx, "agent", segment.Policy{ReadFrom: []string{"channel/**"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPolicy(ctx, "channel/slack/c0", segment.Policy{ReadFrom: []string{"channel/slack/c1", "channel/slack/c2"}}); err != nil {
		t.Fatal(err)
	}
	for from, segs := range map[string][]string{
		"agent":            {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11"},
		"channel/slack/c0": {"c0", "c1", "c2"},
		"channel/slack/c5": {"c5"},
	} {
		hits, err := s.Recall(ctx, from, "heron lake", store.RecallOptions{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var got, exp []string
		for _, h := range hits {
			got = append(got, h.Entry.ID)
			if h.Entry.ID == other {
				t.Errorf("%s recalled an entry of skill/browse", from)
			}
		}
		for _, sg := range segs {
			exp = append(exp, want["channel/slack/"+sg])
		}
		slices.Sort(got)
		slices.Sort(exp)
		if !slices.Equal(got, exp) {
			t.Errorf("recall from %s: %d hits, want %d", from, len(got), len(exp))
		}
	}
}
