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
		text := gen(r.IntN(60))
		got, want := collect(New(pats), text), naive(pats, text)
		sortMatches(got)
		sortMatches(want)
		if !slices.Equal(got, want) {
			t.Fatalf("pats %q text %q:\n got %v\nwant %v", pats, text, got, want)
		}
	}
}

func TestStop(t *testing.T) {
	n := 0
	New([]string{"a"}).Scan("aaaa", func(Match) bool { n++; return n < 2 })
	if n != 2 {
		t.Fatalf("scan went on after stop: %d", n)
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
