package ahocorasick

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// naive finds the same matches the slow way.
func naive(patterns []string, text string) []Match {
	var out []Match
	lt := strings.ToLower(text)
	for end := 1; end <= len(text); end++ {
		for pi, p := range patterns {
			if p != "" && end >= len(p) && lt[end-len(p):end] == strings.ToLower(p) {
				out = append(out, Match{pi, end - len(p), end})
			}
		}
	}
	return out
}

func collect(m *Matcher, text string) []Match {
	var out []Match
	m.Scan(text, func(x Match) bool { out = append(out, x); return true })
	return out
}

func sortMatches(ms []Match) {
	slices.SortFunc(ms, func(a, b Match) int {
		if a.End != b.End {
			return a.End - b.End
		}
		return a.Pattern - b.Pattern
	})
}

func TestAgainstNaive(t *testing.T) {
	pats := []string{"he", "she", "his", "hers", "sk-", "sk-proj-", "ghp_", "AKIA", "password", "a", ""}
	m := New(pats)
	for _, text := range []string{"ushers", "my SK-PROJ-abc and ghp_x", "akiaAKIA", "", "aaaa", "passwordpassword"} {
		got, want := collect(m, text), naive(pats, text)
		sortMatches(got)
		sortMatches(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q:\n got %v\nwant %v", text, got, want)
		}
	}
}

func TestRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alpha := "abAB-_"
	gen := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[r.IntN(len(alpha))]
		}
		return string(b)
	}
	for round := 0; round < 300; round++ {
		var pats []string
		for i := 0; i < 1+r.IntN(8); i++ {
			pats = append(pats, gen(1+r.IntN(4)))
		}
		// Up to 400 bytes: texts past 4*maxLen+64 are walked as two halves.
		text := gen(r.IntN(400))
		got, want := collect(New(pats), text), naive(pats, text)
		if !slices.IsSortedFunc(got, func(a, b Match) int { return a.End - b.End }) {
			t.Fatalf("pats %q text %q: matches out of end order: %v", pats, text, got)
		}
		sortMatches(got)
		sortMatches(want)
		if !slices.Equal(got, want) {
			t.Fatalf("pats %q text %q:\n got %v\nwant %v", pats, text, got, want)
		}
	}
}

func TestStop(t *testing.T) {
	// Short text (one walk) and long text (two halves), stopped at each
	// match in turn: fn is called exactly up to the stop, in order.
	for _, text := range []string{"aaaa", strings.Repeat("ab", 200)} {
		m := New([]string{"a", "ba"})
		all := collect(m, text)
		for stop := 1; stop <= len(all); stop++ {
			var got []Match
			m.Scan(text, func(x Match) bool { got = append(got, x); return len(got) < stop })
			if !slices.Equal(got, all[:stop]) {
				t.Fatalf("len %d, stop after %d: got %d matches, want the first %d", len(text), stop, len(got), stop)
			}
		}
	}
}

func BenchmarkScan(b *testing.B) {
	pats := []string{"sk-", "ghp_", "gho_", "xoxb-", "AKIA", "AIza", "hf_", "gsk_", "xai-", "password", "secret", "token", "bearer", "-----begin", "eyj"}
	m := New(pats)
	text := strings.Repeat("The user prefers tea in the morning and asked about the weather in Lisbon. ", 1000)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		m.Scan(text, func(Match) bool { return true })
	}
}
