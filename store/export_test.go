package store

import "context"

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

// LargestPageForTest is the largest number of rows any loop of the store
// reads or applies at a time (index replay, Entries, the recall-log drain):
// tests of large runs go above it.
func LargestPageForTest() int { return max(replayChunk, entryPage, drainBatch) }

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
