package audit

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// The one-pass dedupe keeps exactly what the definition keeps: a match is
// dropped when a kept match of the same kind (any credential; the same
// rule otherwise) contains it.
func TestDedupeMatchesDefinition(t *testing.T) {
	cats := map[string]Category{"c1": Credential, "c2": Credential, "i1": Injection, "i2": Injection}
	cat := func(id string) Category { return cats[id] }
	naive := func(rs []raw) []raw {
		rs = slices.Clone(rs)
		slices.SortStableFunc(rs, func(a, b raw) int {
			if a.start != b.start {
				return a.start - b.start
			}
			return (b.end - b.start) - (a.end - a.start)
		})
		var out []raw
		for _, r := range rs {
			contained := false
			for _, o := range out {
				same := cat(r.rule) == cat(o.rule) && (cat(r.rule) == Credential || r.rule == o.rule)
				if same && r.start >= o.start && r.end <= o.end {
					contained = true
				}
			}
			if !contained {
				out = append(out, r)
			}
		}
		return out
	}
	r := rand.New(rand.NewPCG(5, 6))
	ids := []string{"c1", "c2", "i1", "i2"}
	for round := 0; round < 2000; round++ {
		var rs []raw
		for i := 0; i < r.IntN(12); i++ {
			st := r.IntN(40)
			rs = append(rs, raw{rule: ids[r.IntN(len(ids))], span: span{start: st, end: st + 1 + r.IntN(15)}})
		}
		want := naive(rs)
		got := dedupe(slices.Clone(rs), cat)
		if !slices.EqualFunc(got, want, func(a, b raw) bool { return a.rule == b.rule && a.span == b.span }) {
			t.Fatalf("%v:\n got %v\nwant %v", rs, got, want)
		}
	}
}

// lineStart and lineEnd by halves agree with a walk over the lines.
func TestLineSearch(t *testing.T) {
	n := &normalized{text: "ab cd ef gh ij", lines: []int{3, 6, 12}}
	for i := 0; i <= len(n.text); i++ {
		start := i == 0 || slices.Contains(n.lines, i)
		end := len(n.text)
		for _, l := range n.lines {
			if l > i && l < end {
				end = l
			}
		}
		if n.lineStart(i) != start || n.lineEnd(i) != end {
			t.Errorf("at %d: lineStart %v lineEnd %d, want %v %d", i, n.lineStart(i), n.lineEnd(i), start, end)
		}
	}
}
