package audit

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchText is a realistic mix: mostly everyday memory prose, with a
// credential or an URL now and then.
func benchText(n int) string {
	r := rand.New(rand.NewPCG(3, 4))
	prose := []string{
		"The user prefers short answers in French and drinks oat milk.",
		"Her sister Ana visits on the first weekend of October; book a table for three.",
		"Summary of the recipe page: bake the sourdough for forty minutes at 230 degrees.",
		"The plumber's invoice is 180 EUR, due on October 10, reference 2026-1043.",
		"Meeting notes: ship the beta on Tuesday, ask Tom about the SKU list and the task board.",
		"Always answer with a short summary first, then the details.",
		"The calendar lives in Nextcloud at https://cloud.example.org/remote.php/dav/.",
		"Commit 3f2a9c1d7e8b4a6f5c0d1e2f3a4b5c6d7e8f9a0b fixed the login bug on the router page.",
	}
	var b strings.Builder
	for b.Len() < n {
		if r.IntN(40) == 0 {
			b.WriteString("my key is " + generators["github"]() + " ")
			continue
		}
		b.WriteString(prose[r.IntN(len(prose))])
		b.WriteByte(' ')
	}
	return b.String()
}

// BenchmarkScan measures throughput through every detector and the learned
// layer on one core (run with -cpu 1), entries of about 300 bytes.
func BenchmarkScan(b *testing.B) { benchScan(b, Options{}) }

// BenchmarkScanRulesOnly is BenchmarkScan without the learned layer: the
// difference is what the layer costs.
func BenchmarkScanRulesOnly(b *testing.B) { benchScan(b, Options{Disable: []string{learnedRule}}) }

func benchScan(b *testing.B, o Options) {
	s := newScanner(b, o)
	text := benchText(1 << 20)
	var entries []Entry
	for i := 0; i+300 <= len(text); i += 300 {
		entries = append(entries, Entry{ID: "e", Text: text[i : i+300]})
	}
	ctx := context.Background()
	b.SetBytes(int64(len(entries) * 300))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, e := range entries {
			s.Scan(ctx, e)
		}
	}
}

// BenchmarkLearned is the learned layer alone (normalised text in, best
// window out).
func BenchmarkLearned(b *testing.B) {
	m, err := loadModel(modelBin)
	if err != nil {
		b.Fatal(err)
	}
	text := benchText(1 << 20)
	var ns []*normalized
	for i := 0; i+300 <= len(text); i += 300 {
		ns = append(ns, normalize(text[i:i+300]))
	}
	b.SetBytes(int64(len(ns) * 300))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, n := range ns {
			m.score(n.text, n.lines, nil)
		}
	}
}
