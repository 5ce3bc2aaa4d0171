package store

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/memaudit/memaudit/segment"
)

// Limits on result sizes.
const (
	DefaultRecallLimit = 10
	MaxResults         = 1000
	maxQueryBytes      = 4096
)

// Get returns one entry, whatever its status.
func (s *Store) Get(ctx context.Context, id string) (*Entry, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	e, _, err := scanEntry(s.db.r.QueryRowContext(ctx, "SELECT "+entryCols+" FROM entries WHERE id = ?", id))
	return e, err
}

// Filter selects entries for Entries.
type Filter struct {
	// Segments are globs; empty means all segments.
	Segments []string
	// Statuses to include; empty means all but deleted.
	Statuses []Status
}

func (f Filter) match(e *Entry) bool {
	if len(f.Statuses) == 0 {
		if e.Status == StatusDeleted {
			return false
		}
	} else {
		ok := false
		for _, st := range f.Statuses {
			ok = ok || e.Status == st
		}
		if !ok {
			return false
		}
	}
	if len(f.Segments) == 0 {
		return true
	}
	for _, g := range f.Segments {
		if segment.Match(g, e.Segment) {
			return true
		}
	}
	return false
}

// entryPage is how many entries Entries reads per query, so that no read
// transaction stays open for long.
const entryPage = 1000

// Entries iterates over the entries matching f in id order (creation order
// for ULIDs). It stops at the first error, which it yields.
func (s *Store) Entries(ctx context.Context, f Filter) iter.Seq2[*Entry, error] {
	return func(yield func(*Entry, error) bool) {
		if err := s.checkOpen(); err != nil {
			yield(nil, err)
			return
		}
		for _, g := range f.Segments {
			if err := segment.ValidateGlob(g); err != nil {
				yield(nil, err)
				return
			}
		}
		after := ""
		for {
			rows, err := s.db.r.QueryContext(ctx, "SELECT "+entryCols+" FROM entries WHERE id > ? ORDER BY id LIMIT ?", after, entryPage)
			if err != nil {
				yield(nil, classify(err))
				return
			}
			var page []*Entry
			for rows.Next() {
				e, _, err := scanEntry(rows)
				if err != nil {
					rows.Close()
					yield(nil, err)
					return
				}
				page = append(page, e)
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				yield(nil, classify(err))
				return
			}
			for _, e := range page {
				if f.match(e) && !yield(e, nil) {
					return
				}
			}
			if len(page) < entryPage {
				return
			}
			after = page[len(page)-1].ID
		}
	}
}

// RecallOptions tune a recall.
type RecallOptions struct {
	// Limit is the number of entries returned (default 10, at most 1000).
	Limit int
	// Session is the agent session the entries are given to; it is
	// written to the recall log.
	Session string
	// Segments, when set, narrow the recall to these globs (within what
	// the policy allows; they never widen it).
	Segments []string
	// WithFindings fills Hit.Findings (one more query per recall), so that
	// a caller can keep flagged entries out of a model's context.
	WithFindings bool
}

// Hit is one recalled entry with its relevance score.
type Hit struct {
	Entry *Entry  `json:"entry"`
	Score float64 `json:"score"`
	// Findings are what the write guard found in the entry (flagged
	// entries are recalled; quarantined ones never are). Filled only with
	// RecallOptions.WithFindings.
	Findings []GuardFinding `json:"findings,omitempty"`
}

// Recall is Segment(from).Recall: a ranked full-text search over the active
// entries of from and the segments its policy shares with it. Quarantined,
// redacted-pending and deleted entries are never returned. Every returned
// entry is written to the recall log with opts.Session.
func (s *Store) Recall(ctx context.Context, from, q string, opts RecallOptions) ([]Hit, error) {
	return s.recall(ctx, from, q, opts)
}

func (s *Store) recall(ctx context.Context, from, q string, opts RecallOptions) ([]Hit, error) {
	if err := s.checkWritable("recall (every recall is logged)"); err != nil {
		return nil, err
	}
	if err := segment.Validate(from); err != nil {
		return nil, err
	}
	if strings.TrimSpace(q) == "" || len(q) > maxQueryBytes {
		return nil, fmt.Errorf("%w: empty or longer than %d bytes", ErrBadQuery, maxQueryBytes)
	}
	if err := checkField("session", opts.Session, maxFieldLen); err != nil {
		return nil, err
	}
	limit := clampLimit(opts.Limit, DefaultRecallLimit)
	policy, err := s.Policy(ctx, from)
	if err != nil {
		return nil, err
	}
	readable, err := s.expand(ctx, policy.ReadFrom)
	if err != nil {
		return nil, err
	}
	readable = append(readable, from)
	if len(opts.Segments) > 0 {
		for _, g := range opts.Segments {
			if err := segment.ValidateGlob(g); err != nil {
				return nil, err
			}
		}
		readable = filterStrings(readable, func(n string) bool { return matchAny(opts.Segments, n) })
	}
	readable = dedupe(readable)
	if len(readable) == 0 {
		return nil, nil
	}
	// Redacted entries are recalled (the secret is gone, the rest of the
	// memory stays useful); quarantined and deleted ones never are.
	statusOK := func(e *Entry) bool { return e.Status == StatusActive || e.Status == StatusRedacted }
	segOK := func(e *Entry) bool { return policy.CanRead(from, e.Segment) && contains(readable, e.Segment) }

	var hits []Hit
	if s.hasIdx.Load() {
		if err := s.catchUp(ctx); err != nil {
			return nil, err
		}
		text, filtered := recallQuery(q, readable)
		if text == nil {
			return nil, nil // only stop words
		}
		segs := readable
		if filtered {
			segs = nil // the terms are the segments' own
		}
		hits, err = s.searchIndex(ctx, text, segs, []Status{StatusActive, StatusRedacted}, limit, func(e *Entry) bool { return statusOK(e) && segOK(e) })
	} else {
		hits, err = s.scanSearch(ctx, q, readable, limit, func(e *Entry) bool { return statusOK(e) && segOK(e) })
	}
	if err != nil {
		return nil, err
	}
	if opts.WithFindings {
		if err := s.attachFindings(ctx, hits); err != nil {
			return nil, err
		}
	}
	if err := s.logRecalls(ctx, from, opts.Session, hits); err != nil {
		return nil, err
	}
	return hits, nil
}

// SearchOptions tune an operator's search.
type SearchOptions struct {
	// Segments are globs; empty means every segment.
	Segments []string
	// Statuses to include; empty means active and quarantined.
	Statuses []Status
	Limit    int
}

// Search runs a bleve query-string query (see bleve's query string syntax)
// over the whole vault, for the operator: it ignores segment policies and is
// not written to the recall log.
func (s *Store) Search(ctx context.Context, q string, opts SearchOptions) ([]Hit, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(q) == "" || len(q) > maxQueryBytes {
		return nil, fmt.Errorf("%w: empty or longer than %d bytes", ErrBadQuery, maxQueryBytes)
	}
	statuses := opts.Statuses
	if len(statuses) == 0 {
		statuses = []Status{StatusActive, StatusQuarantined, StatusRedacted}
	}
	var segs []string
	if len(opts.Segments) > 0 {
		var err error
		if segs, err = s.expand(ctx, opts.Segments); err != nil {
			return nil, err
		}
		if len(segs) == 0 {
			return nil, nil
		}
	}
	f := Filter{Segments: opts.Segments, Statuses: statuses}
	limit := clampLimit(opts.Limit, DefaultRecallLimit)
	if !s.hasIdx.Load() {
		return s.scanSearch(ctx, q, segs, limit, f.match)
	}
	if err := s.catchUp(ctx); err != nil {
		return nil, err
	}
	parsed, err := bleve.NewQueryStringQuery(q).Parse()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadQuery, err)
	}
	scopes := segs // for the clauses that need one query per segment
	if scopes == nil {
		if scopes, err = s.segmentNames(ctx); err != nil {
			return nil, err
		}
	}
	scoped, err := scopeQuery(parsed, scopes)
	if err != nil {
		return nil, err
	}
	return s.searchIndex(ctx, scoped, segs, statuses, limit, f.match)
}

// searchIndex runs q restricted to segments (all when nil) and statuses, and
// reads the hits from the database, keeping those keep accepts (the
// database, not the index, is the authority on status and segment).
func (s *Store) searchIndex(ctx context.Context, q query.Query, segments []string, statuses []Status, limit int, keep func(*Entry) bool) ([]Hit, error) {
	must := []query.Query{q}
	if segments != nil {
		all, err := s.segmentNames(ctx)
		if err != nil {
			return nil, err
		}
		// A filter that admits every segment costs a postings list per
		// segment and excludes nothing: leave it to the database check.
		if len(segments) < len(all) {
			var ds []query.Query
			for _, n := range segments {
				t := bleve.NewTermQuery(n)
				t.SetField("segment")
				ds = append(ds, t)
			}
			must = append(must, bleve.NewDisjunctionQuery(ds...))
		}
	}
	// Statuses are filtered by exclusion: the excluded ones (quarantined,
	// redacted) are rare, so their postings are short, while "active" would
	// match nearly every document. Deleted entries are not in the index.
	var mustNot []query.Query
	for _, st := range []Status{StatusActive, StatusQuarantined, StatusRedacted} {
		if !slices.Contains(statuses, st) {
			t := bleve.NewTermQuery(string(st))
			t.SetField("status")
			mustNot = append(mustNot, t)
		}
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(must...)
	if len(mustNot) > 0 {
		bq.AddMustNot(mustNot...)
	}
	req := bleve.NewSearchRequestOptions(bq, limit, 0, false)
	idx, done := s.readIndex()
	if idx == nil {
		// Gone since the caller looked: a rebuild failed to install it.
		return nil, errors.New("search index: unavailable after a failed rebuild; the next open builds it")
	}
	res, err := idx.SearchInContext(ctx, req)
	done()
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	ents, err := s.getMany(ctx, ids)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		if e := ents[h.ID]; e != nil && keep(e) {
			hits = append(hits, Hit{Entry: e, Score: h.Score})
		}
	}
	return hits, nil
}

func (s *Store) getMany(ctx context.Context, ids []string) (map[string]*Entry, error) {
	out := make(map[string]*Entry, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.r.QueryContext(ctx, "SELECT "+entryCols+" FROM entries WHERE id IN (?"+strings.Repeat(",?", len(ids)-1)+")", args...)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	for rows.Next() {
		e, _, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		out[e.ID] = e
	}
	return out, classify(rows.Err())
}

// scanSearch is the search used while another process holds the index: it
// reads the matching segments from the database and ranks entries by how many
// query words they contain.
func (s *Store) scanSearch(ctx context.Context, q string, segments []string, limit int, keep func(*Entry) bool) ([]Hit, error) {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	if len(words) == 0 {
		return nil, nil
	}
	var hits []Hit
	for e, err := range s.Entries(ctx, Filter{Segments: segments, Statuses: []Status{StatusActive, StatusQuarantined, StatusRedacted}}) {
		if err != nil {
			return nil, err
		}
		if !keep(e) {
			continue
		}
		lower := strings.ToLower(e.Text)
		score := 0.0
		for _, w := range words {
			score += float64(strings.Count(lower, w))
		}
		if score > 0 {
			hits = append(hits, Hit{Entry: e, Score: score})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// Exposure is one session that was given an entry.
type Exposure struct {
	Session string    `json:"session"`
	Segment string    `json:"segment"`
	Count   int       `json:"count"`
	First   time.Time `json:"first"`
	Last    time.Time `json:"last"`
}

// Exposures lists the sessions that recalled an entry, from the recall log.
func (s *Store) Exposures(ctx context.Context, id string) ([]Exposure, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	m, err := s.exposuresOf(ctx, []string{id})
	return m[id], err
}

// exposuresOf is Exposures of many entries, after one drain of the spool,
// a page of ids a query (a scan with thousands of findings asked once an
// entry).
func (s *Store) exposuresOf(ctx context.Context, ids []string) (map[string][]Exposure, error) {
	out := map[string][]Exposure{}
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.drainSpool(ctx); err != nil {
		return nil, err
	}
	for i := 0; i < len(ids); i += maxEventsPerStatement {
		page := ids[i:min(i+maxEventsPerStatement, len(ids))]
		args := make([]any, len(page))
		for j, id := range page {
			args[j] = id
		}
		rows, err := s.db.r.QueryContext(ctx, `SELECT entry_id, session, segment, count, first, last FROM exposures
			WHERE entry_id IN (?`+strings.Repeat(",?", len(page)-1)+`) ORDER BY entry_id, first, session, segment`, args...)
		if err != nil {
			return nil, classify(err)
		}
		for rows.Next() {
			var id string
			var x Exposure
			var first, last int64
			if err := rows.Scan(&id, &x.Session, &x.Segment, &x.Count, &first, &last); err != nil {
				rows.Close()
				return nil, classify(err)
			}
			x.First, x.Last = fromNanos(first), fromNanos(last)
			out[id] = append(out[id], x)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, classify(err)
		}
	}
	return out, nil
}

func clampLimit(n, def int) int {
	if n <= 0 {
		return def
	}
	return min(n, MaxResults)
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func dedupe(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func filterStrings(xs []string, keep func(string) bool) []string {
	var out []string
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func matchAny(globs []string, name string) bool {
	for _, g := range globs {
		if segment.Match(g, name) {
			return true
		}
	}
	return false
}
