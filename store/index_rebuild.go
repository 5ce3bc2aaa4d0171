package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/memaudit/memaudit/internal/fsutil"
)

// Rebuilding the index. The index is a cache of the database, so it can
// always be built again: at open when it is missing or damaged, and on
// request after a redaction, because a redacted or forgotten entry's old
// terms stay in the index's older segment files until they are merged away.
//
// A rebuild builds a new index beside the live one (index.building) while
// the live one keeps serving, catches it up with what changed meanwhile
// holding the write lock, and swaps it in: searches wait only for the swap.
// A crash during a rebuild leaves the old index (or none) and a building
// directory that the next open removes, never a half-built index.
//
// Only the process that holds the index can rebuild it. Another process (the
// CLI's redact while memaudit serve runs) records a request in the database
// (meta.index_rebuild_requested, a counter); the holder checks for requests
// when it catches up, at least once a second while it runs, rebuilds,
// truncates the write-ahead log (where the old pages may still be), and
// records the request as done (meta.index_rebuild_done).

// watchInterval is how often the index holder looks for other processes'
// changes and rebuild requests while it is open (a variable for tests).
var watchInterval = time.Second

// RebuildIndex builds the index again from the database, so that no
// segment keeps terms of redacted or forgotten text, and truncates the
// write-ahead log. While another process holds the index, it asks that
// process to do so and waits until it has, or until ctx is done
// (ErrPurgePending: the request stands).
func (s *Store) RebuildIndex(ctx context.Context) error {
	if err := s.checkWritable("rebuilding the index"); err != nil {
		return err
	}
	if s.hasIdx.Load() {
		if err := s.rebuildOnline(ctx); err != nil {
			return err
		}
		if err := s.foldWAL(ctx); err != nil {
			return err
		}
		// Requests made until now are met.
		req, _, err := s.rebuildRequests(ctx)
		if err != nil {
			return err
		}
		return s.markRebuilt(ctx, req)
	}
	req, err := s.requestRebuild(ctx)
	if err != nil {
		return err
	}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		_, done, err := s.rebuildRequests(ctx)
		if err != nil && ctx.Err() != nil {
			return ErrPurgePending
		}
		if err != nil {
			return err
		}
		if done >= req {
			return nil
		}
		select {
		case <-ctx.Done():
			return ErrPurgePending
		case <-tick.C:
		}
	}
}

// buildIndex indexes every entry of the database into a new index in dir
// (removed first). It shares s's database and nothing else: the live index
// and s's counters are untouched. The returned builder holds the new index
// and the change counter it reached; close its index when done.
func (s *Store) buildIndex(ctx context.Context, dir string) (*Store, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	idx, err := newIndex(dir)
	if err != nil {
		return nil, err
	}
	if err := idx.SetInternal(mappingKey, []byte(mappingVersion)); err != nil {
		idx.Close()
		return nil, err
	}
	b := &Store{dir: s.dir, opts: s.opts, db: s.db, schema: s.schema}
	b.setIndex(idx)
	b.wmu.Lock()
	err = b.catchUpLocked(ctx)
	b.wmu.Unlock()
	if err != nil {
		idx.Close()
		os.RemoveAll(dir)
		return nil, err
	}
	return b, nil
}

// finishBuild brings a builder up to date and closes its index. The caller
// holds s.wmu, so nothing changes meanwhile.
func (b *Store) finishBuild(ctx context.Context) error {
	b.wmu.Lock()
	err := b.catchUpLocked(ctx)
	if err == nil {
		err = b.flushIndexLocked()
	}
	b.wmu.Unlock()
	return errors.Join(err, b.idx.Close())
}

// installIndex replaces dir with the built index and opens it. The caller
// holds s.wmu, and has closed the index that was in dir.
func (s *Store) installIndex(dir, building string, applied int64) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.Rename(building, dir); err != nil {
		return err
	}
	if err := fsutil.SyncDir(filepath.Dir(dir)); err != nil {
		return err
	}
	idx, err := bleve.OpenUsing(dir, scorchConfig())
	if err != nil {
		return err
	}
	s.setIndex(idx)
	s.applied.Store(applied)
	return nil
}

// rebuildIndex builds the index in dir again from the database and
// swaps it in: at open (s has no index yet), or while the live one serves.
func (s *Store) rebuildIndex(ctx context.Context, dir string) error {
	building := dir + buildingSuffix
	b, err := s.buildIndex(ctx, building) // a live index keeps serving meanwhile
	if err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := b.finishBuild(ctx); err != nil {
		os.RemoveAll(building)
		return fmt.Errorf("rebuild index: %w", err)
	}
	// The swap: searches wait for it (setIndex takes idxMu).
	if old := s.idx; old != nil {
		s.setIndex(nil)
		if err := old.Close(); err != nil {
			os.RemoveAll(building)
			return fmt.Errorf("rebuild index: close the old index: %w", err)
		}
	}
	if err := s.installIndex(dir, building, b.applied.Load()); err != nil {
		// No index now: searches read the database; the next open
		// builds one.
		return fmt.Errorf("rebuild index: %w", err)
	}
	return nil
}

// rebuildOnline rebuilds the index this store holds while it serves.
func (s *Store) rebuildOnline(ctx context.Context) error {
	s.rebuildMu.Lock()
	defer s.rebuildMu.Unlock()
	dir, err := filepath.Abs(s.indexDir())
	if err != nil {
		return err
	}
	if !s.hasIdx.Load() {
		return errors.New("rebuild index: the store does not hold the index")
	}
	return s.rebuildIndex(ctx, dir)
}

// rebuildRequests reads how many rebuilds other processes asked for and
// how many the index holder has done.
func (s *Store) rebuildRequests(ctx context.Context) (requested, done int64, err error) {
	rows, err := s.db.r.QueryContext(ctx, "SELECT key, value FROM meta WHERE key IN ('index_rebuild_requested', 'index_rebuild_done')")
	if err != nil {
		return 0, 0, classify(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return 0, 0, classify(err)
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		if k == "index_rebuild_requested" {
			requested = n
		} else {
			done = n
		}
	}
	return requested, done, classify(rows.Err())
}

// requestRebuild asks the index holder for a rebuild and returns the
// request's number.
func (s *Store) requestRebuild(ctx context.Context) (int64, error) {
	tx, err := s.db.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, classify(err)
	}
	defer tx.Rollback()
	req, err := requestRebuildTx(ctx, tx)
	if err != nil {
		return 0, err
	}
	return req, classify(tx.Commit())
}

// requestRebuildTx adds a rebuild request inside a write transaction.
func requestRebuildTx(ctx context.Context, tx *sql.Tx) (int64, error) {
	var v sql.NullString
	if err := tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'index_rebuild_requested'").Scan(&v); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, classify(err)
	}
	n, _ := strconv.ParseInt(v.String, 10, 64)
	n++
	_, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('index_rebuild_requested', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, strconv.FormatInt(n, 10))
	return n, classify(err)
}

// markRebuilt records that the requests up to req are met.
func (s *Store) markRebuilt(ctx context.Context, req int64) error {
	_, err := s.db.w.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('index_rebuild_done', ?)
		ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))`, strconv.FormatInt(req, 10))
	return classify(err)
}

// serveRebuildRequests rebuilds the index and truncates the write-ahead
// log when another process asked for it. Only the index holder calls it.
func (s *Store) serveRebuildRequests(ctx context.Context) error {
	req, done, err := s.rebuildRequests(ctx)
	if err != nil || req <= done {
		return err
	}
	if err := s.rebuildOnline(ctx); err != nil {
		return err
	}
	if err := s.foldWAL(ctx); err != nil {
		return err
	}
	return s.markRebuilt(ctx, req)
}

// watch runs while the store holds the index: once a second it applies
// what other processes changed and meets their rebuild requests, so that
// an idle agent's index does not fall behind a CLI import or keep a
// redacted secret.
func (s *Store) watch() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.watchStop = func() { cancel(); <-done }
	go func() {
		defer close(done)
		t := time.NewTicker(watchInterval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				// Errors here are the next search's to report.
				if s.catchUp(ctx) == nil {
					s.serveRebuildRequests(ctx)
				}
			}
		}
	}()
}
