package store

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Queries on the text field, whose terms are "<word>\x1f<scope>" (see
// index_doc.go).

// narrowScopes is the most segments a recall reads through exact scoped
// terms; beyond it each word's terms of every scope are read as one range
// and segments filtered, which costs less than a term lookup per segment
// and word (BenchmarkRecall/whole-vault).
const narrowScopes = 8

// recallQuery matches entries holding any word of q. With few segments it
// reads only their terms (filtered is true: nothing else can match);
// otherwise every scope's, and the caller filters segments. It returns nil
// when q has no word the index knows (stop words only).
func recallQuery(q string, segments []string) (_ query.Query, filtered bool) {
	words := analyzeText(q)
	if len(words) == 0 {
		return nil, true
	}
	var ds []query.Query
	if len(segments) <= narrowScopes {
		for _, seg := range segments {
			scope := scopeOf(seg)
			for _, w := range words {
				ds = append(ds, textTerm(w+scope))
			}
		}
		return bleve.NewDisjunctionQuery(ds...), true
	}
	for _, w := range words {
		ds = append(ds, anyScope(w))
	}
	return bleve.NewDisjunctionQuery(ds...), false
}

func textTerm(term string) query.Query {
	t := bleve.NewTermQuery(term)
	t.SetField("text")
	return t
}

// anyScope matches word in every segment.
func anyScope(word string) query.Query {
	p := bleve.NewPrefixQuery(word + scopeSep)
	p.SetField("text")
	return p
}

// scopeQuery rewrites a parsed query-string query so that its clauses on
// the text field (named, or the default field) match words in any segment;
// segments lists the vault's segments, for the clauses that need one
// query per scope (fuzzy words and phrases). Clauses on other fields stay
// as they are.
func scopeQuery(q query.Query, segments []string) (query.Query, error) {
	scopes := make([]string, len(segments))
	for i, s := range segments {
		scopes[i] = scopeOf(s)
	}
	return rescope(q, scopes)
}

func onText(field string) bool { return field == "" || field == "text" }

// perScope builds one query per scope and joins them.
func perScope(scopes []string, boost *query.Boost, build func(scope string) query.Query) query.Query {
	ds := make([]query.Query, len(scopes))
	for i, s := range scopes {
		ds[i] = build(s)
	}
	return boosted(bleve.NewDisjunctionQuery(ds...), boost)
}

func boosted(q query.Query, boost *query.Boost) query.Query {
	if b, ok := q.(query.BoostableQuery); ok && boost != nil {
		b.SetBoost(boost.Value())
	}
	return q
}

func fuzzy(scopes []string, word string, prefix, fuzziness int) query.Query {
	return perScope(scopes, nil, func(scope string) query.Query {
		f := bleve.NewFuzzyQuery(word + scope) // the scope adds no distance
		f.SetField("text")
		f.SetFuzziness(fuzziness)
		f.SetPrefix(prefix)
		return f
	})
}

func rescope(q query.Query, scopes []string) (query.Query, error) {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, part := range []*query.Query{&q.Must, &q.Should, &q.MustNot} {
			if *part == nil {
				continue
			}
			r, err := rescope(*part, scopes)
			if err != nil {
				return nil, err
			}
			*part = r
		}
		return q, nil
	case *query.ConjunctionQuery:
		for i, c := range q.Conjuncts {
			r, err := rescope(c, scopes)
			if err != nil {
				return nil, err
			}
			q.Conjuncts[i] = r
		}
		return q, nil
	case *query.DisjunctionQuery:
		for i, c := range q.Disjuncts {
			r, err := rescope(c, scopes)
			if err != nil {
				return nil, err
			}
			q.Disjuncts[i] = r
		}
		return q, nil
	case *query.MatchAllQuery, *query.MatchNoneQuery:
		return q, nil
	}
	if f, ok := q.(query.FieldableQuery); ok && !onText(f.Field()) {
		return q, nil
	}
	switch q := q.(type) {
	case *query.MatchQuery:
		words := analyzeText(q.Match)
		if len(words) == 0 {
			return bleve.NewMatchNoneQuery(), nil
		}
		perWord := make([]query.Query, len(words))
		for i, w := range words {
			if q.Fuzziness > 0 {
				perWord[i] = fuzzy(scopes, w, q.Prefix, q.Fuzziness)
			} else {
				perWord[i] = anyScope(w)
			}
		}
		if q.Operator == query.MatchQueryOperatorAnd {
			return boosted(bleve.NewConjunctionQuery(perWord...), q.BoostVal), nil
		}
		return boosted(bleve.NewDisjunctionQuery(perWord...), q.BoostVal), nil
	case *query.TermQuery:
		return boosted(anyScope(q.Term), q.BoostVal), nil
	case *query.PrefixQuery:
		p := bleve.NewPrefixQuery(q.Prefix) // a word's prefix is its term's
		p.SetField("text")
		return boosted(p, q.BoostVal), nil
	case *query.WildcardQuery:
		w := bleve.NewWildcardQuery(q.Wildcard + scopeSep + "*")
		w.SetField("text")
		return boosted(w, q.BoostVal), nil
	case *query.RegexpQuery:
		r := bleve.NewRegexpQuery("(?:" + q.Regexp + ")" + scopeSep + fmt.Sprintf("[0-9a-f]{%d}", scopeLen))
		r.SetField("text")
		return boosted(r, q.BoostVal), nil
	case *query.FuzzyQuery:
		return boosted(fuzzy(scopes, q.Term, q.Prefix, q.Fuzziness), q.BoostVal), nil
	case *query.MatchPhraseQuery:
		var words []string
		for _, t := range textAnalyzer.Analyze([]byte(q.MatchPhrase)) {
			words = append(words, string(t.Term))
		}
		return perScope(scopes, q.BoostVal, func(scope string) query.Query {
			terms := make([]string, len(words))
			for i, w := range words {
				terms[i] = w + scope
			}
			return bleve.NewPhraseQuery(terms, "text")
		}), nil
	case *query.NumericRangeQuery, *query.DateRangeQuery:
		// The query-string parser adds one beside the match of a word
		// that looks like a number; the text field holds no numbers.
		return bleve.NewMatchNoneQuery(), nil
	case *query.TermRangeQuery:
		// Words between min and max: "min\x1f..." sorts after "min", and
		// every scope after the separator before "~".
		lo, hi := q.Min, q.Max
		minIncl, maxIncl := true, false // bleve's defaults
		if lo != "" && q.InclusiveMin != nil && !*q.InclusiveMin {
			lo += scopeSep + "~"
		}
		if hi != "" && q.InclusiveMax != nil && *q.InclusiveMax {
			hi += scopeSep + "~"
		}
		r := bleve.NewTermRangeInclusiveQuery(lo, hi, &minIncl, &maxIncl)
		r.SetField("text")
		return boosted(r, q.BoostVal), nil
	}
	return nil, fmt.Errorf("%w: %T is not supported on the text field", ErrBadQuery, q)
}
