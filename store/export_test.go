package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// CreatePlaintext makes a vault with no encryption at all: plain SQLite and
// an unencrypted bleve index. Only the benchmarks that measure the cost of
// encryption use it; it is compiled into tests only.
func CreatePlaintext(ctx context.Context, dir string, o Options) (*Store, error) {
	o.plaintext = true
	return Create(ctx, dir, CreateOptions{Options: o})
}

// CreateWithSchema makes a vault at an older schema version, for the
// migration fixture.
func CreateWithSchema(ctx context.Context, dir string, opts CreateOptions, schema int) (*Store, error) {
	opts.schema = schema
	return Create(ctx, dir, opts)
}

// ExecForTest runs SQL on the vault's write connection, for tests that
// play an attacker with the key.
func ExecForTest(s *Store, query string) error {
	_, err := s.db.w.Exec(query)
	return err
}

// SetRotateHookForTest calls fn at each step of a rotation.
func SetRotateHookForTest(fn func(step string)) { rotateHook = fn }

// SetDrainBatchForTest sets how many spooled recalls one transaction
// drains, and returns a function that restores it.
func SetDrainBatchForTest(n int) func() {
	old := drainBatch
	drainBatch = n
	return func() { drainBatch = old }
}

// LargestPageForTest is the largest number of entries any loop of the
// store reads or applies at a time (index replay and rebuild, Entries,
// scans): tests of large runs go above it. (The recall-log drain pages by a
// unique id; its paging is tested with SetDrainBatchForTest.)
func LargestPageForTest() int { return max(replayChunk, entryPage) }

// DeleteFromIndexForTest removes documents from the index without telling
// the database, as the index paging bug did.
func DeleteFromIndexForTest(s *Store, ids ...string) error {
	b := s.idx.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	if err := s.idx.Batch(b); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.flushIndexLocked()
}

// SetWatchIntervalForTest sets how often an index holder looks for other
// processes' changes and rebuild requests, and returns a function that
// restores it. Stores opened afterwards use it.
func SetWatchIntervalForTest(d time.Duration) func() {
	old := watchInterval
	watchInterval = d
	return func() { watchInterval = old }
}

// IndexHasTermForTest reports whether any segment of the index's text
// field still lists term in its dictionary (deleted documents' terms stay
// there until their segment is merged away or the index rebuilt).
func IndexHasTermForTest(s *Store, term string) (bool, error) {
	idx, done := s.readIndex()
	defer done()
	if idx == nil {
		return false, errors.New("no index")
	}
	r, err := idx.Advanced()
	if err != nil {
		return false, err
	}
	rd, err := r.Reader()
	if err != nil {
		return false, err
	}
	defer rd.Close()
	d, err := rd.FieldDict("text")
	if err != nil {
		return false, err
	}
	defer d.Close()
	for e, err := d.Next(); e != nil || err != nil; e, err = d.Next() {
		if err != nil {
			return false, err
		}
		if w, _, ok := strings.Cut(e.Term, scopeSep); ok && w == term {
			return true, nil
		}
	}
	return false, nil
}

// OpenPlaintextForTest opens a vault made by CreatePlaintext.
func OpenPlaintextForTest(ctx context.Context, dir string, o Options) (*Store, error) {
	o.plaintext = true
	o.fill()
	return openWithKey(ctx, dir, nil, o, false)
}

// CountMatchesForTest counts the entries a recall of q from segment from
// would score: those in reach (by its policy) that match any word of q.
func CountMatchesForTest(s *Store, from, q string) (int, error) {
	ctx := context.Background()
	policy, err := s.Policy(ctx, from)
	if err != nil {
		return 0, err
	}
	readable, err := s.expand(ctx, policy.ReadFrom)
	if err != nil {
		return 0, err
	}
	readable = append(readable, from)
	text, filtered := recallQuery(q, readable)
	if text == nil {
		return 0, nil
	}
	if !filtered {
		var ds []query.Query
		for _, n := range readable {
			t := bleve.NewTermQuery(n)
			t.SetField("segment")
			ds = append(ds, t)
		}
		text = bleve.NewConjunctionQuery(text, bleve.NewDisjunctionQuery(ds...))
	}
	req := bleve.NewSearchRequestOptions(text, 0, 0, false)
	idx, done := s.readIndex()
	defer done()
	if idx == nil {
		return 0, errors.New("no index")
	}
	res, err := idx.Search(req)
	if err != nil {
		return 0, err
	}
	return int(res.Total), nil
}
