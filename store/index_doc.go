package store

import (
	"encoding/hex"
	"hash/fnv"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/registry"
	index "github.com/blevesearch/bleve_index_api"
)

// Segment-scoped terms. The text field does not index a word as itself but
// as "<word>\x1f<scope>", where the scope is a short hash of the entry's
// segment, so that each segment has postings lists of its own. A recall
// from a segment and the few its policy shares reads their postings only,
// whatever the size of the vault: with one term for everyone, a recall
// from a segment holding 2% of the vault walked the postings of every entry
// that holds one of its words (BenchmarkRecall at 100,000 entries, common
// words: p50 3.0 ms, p99 35 ms before; 1.0 and 5.6 ms after). A query over
// many segments (a policy that reads every channel, the operator's Search)
// takes each word's terms of every scope at once, as the range of terms
// that start with "<word>\x1f", and filters segments like before. The
// separator is a control character, which the tokenizer never puts inside
// a word. Scopes of two segments that collide only cost work: the
// database, not the index, decides which segment an entry belongs to.

// scopeSep separates a word from its scope in a term.
const scopeSep = "\x1f"

// scopeLen is a scope's length in hex digits (48 bits: collisions between
// the segments of one vault are not expected, and harmless).
const scopeLen = 12

// scopeOf returns the suffix of a segment's terms, "\x1f<12 hex>".
func scopeOf(segment string) string {
	h := fnv.New64a()
	h.Write([]byte(segment))
	var b [8]byte
	sum := h.Sum(b[:0])
	return scopeSep + hex.EncodeToString(sum)[:scopeLen]
}

// textAnalyzer is the analyzer of entry text and of recall queries: bleve's
// standard analyzer (Unicode word boundaries, lower case, English stop
// words).
var textAnalyzer = func() analysis.Analyzer {
	a, err := registry.NewCache().AnalyzerNamed(standard.Name)
	if err != nil {
		panic(err) // registered by the import above
	}
	return a
}()

// scopedAnalyzer is textAnalyzer with a scope after each term.
type scopedAnalyzer struct{ scope string }

func (a scopedAnalyzer) Analyze(input []byte) analysis.TokenStream {
	toks := textAnalyzer.Analyze(input)
	for _, t := range toks {
		term := make([]byte, 0, len(t.Term)+len(a.scope))
		t.Term = append(append(term, t.Term...), a.scope...)
	}
	return toks
}

// analyzeText returns the terms of q as the text field indexes them, not
// yet scoped.
func analyzeText(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range textAnalyzer.Analyze([]byte(q)) {
		if w := string(t.Term); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// Index fields: the text is indexed, not stored; the keyword fields filter.
const (
	textOptions    = index.IndexField
	keywordOptions = index.IndexField
)

// document is what the index holds of e: its scoped text and the fields
// that filter. Nothing is stored; results are read from the database.
func (e *Entry) document() *document.Document {
	d := document.NewDocument(e.ID)
	d.AddField(document.NewTextFieldCustom("text", nil, []byte(e.Text), textOptions, scopedAnalyzer{scopeOf(e.Segment)}))
	keyword := func(name, v string, pos []uint64) {
		if v != "" {
			d.AddField(document.NewTextFieldCustom(name, pos, []byte(v), keywordOptions, nil))
		}
	}
	keyword("segment", e.Segment, nil)
	keyword("status", string(e.Status), nil)
	keyword("kind", e.Kind, nil)
	keyword("source_kind", string(e.Source.Kind), nil)
	keyword("session", e.Session, nil)
	for i, t := range e.Tags {
		keyword("tags", t, []uint64{uint64(i)})
	}
	for i, f := range e.findingRules {
		keyword("finding", f, []uint64{uint64(i)})
	}
	return d
}
