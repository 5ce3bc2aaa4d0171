package store

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/memaudit/memaudit/segment"
)

// ImportOptions tune Import. The zero value is right for most uses.
type ImportOptions struct {
	// Progress, when set, is called with how many entries have been
	// stored so far (every thousand, and at the end).
	Progress func(done int)
}

// Import stores a stream of entries in one transaction: all or none, like
// RememberBatch, with the same checks and write guard, but holding only a
// few pages of entries in memory whatever the stream's length. It returns
// how many entries it stored. An entry the vault refuses is reported as an
// *EntryError with its position in the stream; an error from the stream
// itself is returned as it is. Nothing is stored when either happens, or
// when ctx is done before the commit.
//
// The entries are indexed while the stream is read, on the other core: the
// index holds them before the commit, but searches never return them (hits
// are read from the database, where they are not visible yet); an import
// that fails deletes them from the index again, and one a crash cuts short
// leaves an index that disagrees with the database on count, which the next
// open rebuilds. The write lock is held for the whole import: other writers,
// here and in other processes, wait up to Options.BusyTimeout.
func (s *Store) Import(ctx context.Context, entries iter.Seq2[Entry, error], o ImportOptions) (int, error) {
	if err := s.checkWritable("import"); err != nil {
		return 0, err
	}
	now := s.opts.Now()
	policies := map[string]segment.Policy{}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	w, err := s.beginEntries(ctx, now)
	if err != nil {
		return 0, err
	}
	committed := false
	defer func() {
		if !committed {
			w.rollback()
		}
	}()
	ix := s.startIndexing()
	fail := func(err error) (int, error) {
		if ierr := ix.abort(); ierr != nil {
			// The index holds entries that are not in the vault: the
			// next open finds the count off and rebuilds it.
			err = errors.Join(err, fmt.Errorf("the index keeps entries the import did not store until the next open: %w", ierr))
		}
		if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
			err = errors.Join(ctx.Err(), err)
		}
		return 0, err
	}
	i := 0
	for e, err := range entries {
		if err != nil {
			return fail(err)
		}
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return fail(err)
			}
		}
		p, fs, err := s.prepareEntry(ctx, e, now, policies)
		if err != nil {
			return fail(&EntryError{Index: i, Err: err})
		}
		if err := w.add(ctx, p, fs); err != nil {
			if errors.Is(err, errIDExists) {
				err = &EntryError{Index: i, Err: err}
			}
			return fail(err)
		}
		ix.add(p)
		i++
		if o.Progress != nil && i%1000 == 0 {
			o.Progress(i)
		}
	}
	if i == 0 {
		return fail(fmt.Errorf("%w: nothing to import", ErrInvalidEntry))
	}
	if err := w.commit(ctx); err != nil {
		return fail(err)
	}
	committed = true
	if o.Progress != nil {
		o.Progress(i)
	}
	// Committed: the index finishes, then records the change number.
	if err := ix.finish(); err != nil {
		return i, fmt.Errorf("%w: %w", ErrIndexBehind, err)
	}
	return i, s.indexCommitted(ctx, nil, w.prev, w.seq)
}

// indexing applies an import's entries to the index in chunks on its own
// goroutine, without a change number, while the import goes on. The
// caller holds s.wmu throughout.
type indexing struct {
	s     *Store
	chunk []*Entry
	ch    chan []*Entry
	done  chan error
	ids   []string // what was handed to the index, to take back on failure
}

func (s *Store) startIndexing() *indexing {
	ix := &indexing{s: s}
	if !s.hasIdx.Load() {
		return ix // another process holds the index; it catches up
	}
	ix.ch, ix.done = make(chan []*Entry, 1), make(chan error, 1)
	go func() {
		var err error
		for chunk := range ix.ch {
			if err == nil {
				err = s.indexChunk(chunk)
			}
		}
		ix.done <- err
	}()
	return ix
}

func (ix *indexing) add(e *Entry) {
	if ix.ch == nil {
		return
	}
	ix.chunk = append(ix.chunk, e)
	ix.ids = append(ix.ids, e.ID)
	if len(ix.chunk) == replayChunk {
		ix.ch <- ix.chunk
		ix.chunk = nil
	}
}

// finish indexes what is left and waits.
func (ix *indexing) finish() error {
	if ix.ch == nil {
		return nil
	}
	if len(ix.chunk) > 0 {
		ix.ch <- ix.chunk
	}
	close(ix.ch)
	return <-ix.done
}

// abort waits for the goroutine and deletes from the index what it was
// given.
func (ix *indexing) abort() error {
	if ix.ch == nil {
		return nil
	}
	ix.chunk = nil
	close(ix.ch)
	<-ix.done
	for len(ix.ids) > 0 {
		n := min(len(ix.ids), replayChunk)
		b := ix.s.idx.NewBatch()
		for _, id := range ix.ids[:n] {
			b.Delete(id)
		}
		if err := ix.s.idx.Batch(b); err != nil {
			return err
		}
		ix.ids = ix.ids[n:]
	}
	return nil
}

// indexChunk writes entries to the index in one batch, leaving its change
// number alone. The caller holds s.wmu.
func (s *Store) indexChunk(ents []*Entry) error {
	b := s.idx.NewBatch()
	for _, e := range ents {
		if err := b.IndexAdvanced(e.document()); err != nil {
			return fmt.Errorf("index entry: %w", err)
		}
	}
	if err := s.idx.Batch(b); err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	return nil
}
