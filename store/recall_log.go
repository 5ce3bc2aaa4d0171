package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// The recall log is written to a spool, a second small SQLCipher database
// (recalls.db, its own derived key), one row per recall, and moved into
// the vault (tables recall_events and exposures, migration 0006) in batches: when someone asks who
// saw an entry (Exposures, scan, stats), when the spool has grown, and at
// Close. Why a second file: SQLite drops the page cache of every read
// connection whenever another connection commits to the same database, so
// a commit per recall in vault.db made every following read decrypt its
// pages again (measured on the memory service: 1,250 recalls/s with the
// log in vault.db, 2,000 with it in the spool, 2,200 with no log at all).
// A recall still returns only after its spool row is committed: nothing
// reaches an agent without a record.
const spoolFileName = "recalls.db"

// spoolDrainAt is how many spooled recalls start a drain in the background.
const spoolDrainAt = 10000

type spool struct {
	db   *sql.DB
	conn *connector // wiped at close
	// id names this spool file, so that a vault remembers how far it
	// drained which spool (a rotation starts a new one).
	id string
	// group commit of appends
	mu       sync.Mutex
	queue    []recallEvent
	waiters  []chan error
	flushing bool
	// appended since the last drain started
	appended atomic.Int64
	draining atomic.Bool
	bg       sync.WaitGroup
}

type recallEvent struct {
	at               int64
	session, segment string
	entries          string
}

// openSpool opens (or creates) the recall spool. A spool that the key
// does not open (damaged, or left by an interrupted rotation) is set aside
// under a new name, never deleted, and a new one started; the returned
// note says so.
func openSpool(ctx context.Context, dir string, keySpec []byte, o *Options) (*spool, string, error) {
	path := filepath.Join(dir, spoolFileName)
	sp, err := tryOpenSpool(ctx, path, keySpec, o)
	if err == nil {
		return sp, "", nil
	}
	if !errors.Is(err, ErrCorrupt) {
		return nil, "", err
	}
	aside := fmt.Sprintf("%s.unreadable-%d", path, time.Now().Unix())
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(path+suffix, aside+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, "", err
		}
	}
	sp, err = tryOpenSpool(ctx, path, keySpec, o)
	if err != nil {
		return nil, "", err
	}
	return sp, "the recall spool did not open with the vault key; set aside as " + filepath.Base(aside) + " and started anew", nil
}

func tryOpenSpool(ctx context.Context, path string, keySpec []byte, o *Options) (*spool, error) {
	conn := newConnector(path, clone(keySpec), o, false)
	db := sql.OpenDB(conn)
	db.SetMaxOpenConns(1)
	_, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS recall_events (
			id      INTEGER PRIMARY KEY AUTOINCREMENT,
			at      INTEGER NOT NULL,
			session TEXT NOT NULL,
			segment TEXT NOT NULL,
			entries TEXT NOT NULL);
		CREATE TABLE IF NOT EXISTS spool_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
		INSERT OR IGNORE INTO spool_meta(key, value) VALUES ('id', '`+vaultcrypto.NewID(16)+`');`)
	sp := &spool{db: db, conn: conn}
	if err == nil {
		err = db.QueryRowContext(ctx, "SELECT value FROM spool_meta WHERE key = 'id'").Scan(&sp.id)
	}
	if err != nil {
		sp.close()
		return nil, classify(err)
	}
	return sp, nil
}

func (sp *spool) close() error {
	err := sp.db.Close()
	sp.conn.wipe()
	return err
}

// logRecalls records which session was given which entries.
func (s *Store) logRecalls(ctx context.Context, from, session string, hits []Hit) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.Entry.ID
	}
	raw, _ := json.Marshal(ids)
	sp := s.spool
	if sp == nil && s.spoolErr != nil {
		return fmt.Errorf("%w: %v", ErrRecallLog, s.spoolErr)
	}
	if sp == nil {
		return ErrClosed
	}
	if err := sp.add(ctx, recallEvent{toNanos(s.opts.Now()), session, from, string(raw)}); err != nil {
		return err
	}
	if sp.appended.Add(1) >= spoolDrainAt && sp.draining.CompareAndSwap(false, true) {
		sp.bg.Add(1)
		go func() {
			defer sp.bg.Done()
			defer sp.draining.Store(false)
			// Best effort: what stays in the spool is drained later.
			s.drain(context.Background(), sp)
		}()
	}
	return nil
}

// add is a group commit: a recall queues its event and waits until a
// transaction holding it has committed; whoever finds no commit running
// commits everything queued, again until the queue is empty.
func (sp *spool) add(ctx context.Context, ev recallEvent) error {
	done := make(chan error, 1)
	sp.mu.Lock()
	sp.queue = append(sp.queue, ev)
	sp.waiters = append(sp.waiters, done)
	if sp.flushing {
		sp.mu.Unlock()
		return <-done
	}
	sp.flushing = true
	for len(sp.queue) > 0 {
		evs, ws := sp.queue, sp.waiters
		sp.queue, sp.waiters = nil, nil
		sp.mu.Unlock()
		// The others' events do not depend on this caller's context.
		err := sp.write(context.WithoutCancel(ctx), evs)
		for _, w := range ws {
			w <- err
		}
		sp.mu.Lock()
	}
	sp.flushing = false
	sp.mu.Unlock()
	return <-done
}

// maxEventsPerStatement keeps a statement under SQLite's older limit of
// 999 bound variables.
const maxEventsPerStatement = 200

func (sp *spool) write(ctx context.Context, evs []recallEvent) error {
	tx, err := sp.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	for len(evs) > 0 {
		n := min(len(evs), maxEventsPerStatement)
		var q strings.Builder
		q.WriteString("INSERT INTO recall_events(at, session, segment, entries) VALUES ")
		args := make([]any, 0, 4*n)
		for i, ev := range evs[:n] {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?, ?)")
			args = append(args, ev.at, ev.session, ev.segment, ev.entries)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return classify(err)
		}
		evs = evs[n:]
	}
	return classify(tx.Commit())
}

// drainBatch bounds the spooled recalls moved in one transaction (a
// variable for tests).
var drainBatch = 20000

// drainSpool moves spooled recalls into the vault: appended to
// recall_events, and counted into exposures in key order so that each page
// is written once per batch. The vault records which spool it drained up to which
// row in the same transaction, so a crash between the move and the
// spool's clean-up never counts a recall twice; several processes may
// drain at once.
func (s *Store) drainSpool(ctx context.Context) error { return s.drain(ctx, s.spool) }

func (s *Store) drain(ctx context.Context, sp *spool) error {
	if sp == nil || s.schemaBefore(6) {
		return nil
	}
	sp.appended.Store(0)
	for {
		more, err := s.drainSome(ctx, sp)
		if err != nil || !more {
			return err
		}
	}
}

type exposureKey struct{ entry, session, segment string }

type exposureAgg struct {
	count       int64
	first, last int64
}

func (s *Store) drainSome(ctx context.Context, sp *spool) (bool, error) {
	// Cheap check first: usually nothing is spooled.
	applied, err := s.spoolApplied(ctx, s.db.r, sp.id)
	if err != nil {
		return false, err
	}
	var pending bool
	if err := sp.db.QueryRowContext(ctx, "SELECT EXISTS(SELECT 1 FROM recall_events WHERE id > ?)", applied).Scan(&pending); err != nil || !pending {
		return false, classify(err)
	}
	tx, err := s.db.w.BeginTx(ctx, nil)
	if err != nil {
		return false, classify(err)
	}
	defer tx.Rollback()
	if applied, err = s.spoolApplied(ctx, tx, sp.id); err != nil {
		return false, err
	}
	rows, err := sp.db.QueryContext(ctx, "SELECT id, at, session, segment, entries FROM recall_events WHERE id > ? ORDER BY id LIMIT ?", applied, drainBatch)
	if err != nil {
		return false, classify(err)
	}
	var events []recallEvent
	agg := map[exposureKey]*exposureAgg{}
	last := applied
	for rows.Next() {
		var ev recallEvent
		if err := rows.Scan(&last, &ev.at, &ev.session, &ev.segment, &ev.entries); err != nil {
			rows.Close()
			return false, classify(err)
		}
		var ids []string
		if err := json.Unmarshal([]byte(ev.entries), &ids); err != nil {
			rows.Close()
			return false, fmt.Errorf("%w: recall spool row %d", ErrCorrupt, last)
		}
		for _, id := range ids {
			k := exposureKey{id, ev.session, ev.segment}
			if a := agg[k]; a != nil {
				a.count++
				a.first, a.last = min(a.first, ev.at), max(a.last, ev.at)
			} else {
				agg[k] = &exposureAgg{1, ev.at, ev.at}
			}
		}
		events = append(events, ev)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, classify(err)
	}
	if len(events) == 0 {
		return false, nil
	}
	ins, err := tx.PrepareContext(ctx, "INSERT INTO recall_events(at, session, segment, entries) VALUES (?, ?, ?, ?)")
	if err != nil {
		return false, classify(err)
	}
	defer ins.Close()
	for _, ev := range events {
		if _, err := ins.ExecContext(ctx, ev.at, ev.session, ev.segment, ev.entries); err != nil {
			return false, classify(err)
		}
	}
	// Upserts in key order: each page of exposures is written once.
	keys := make([]exposureKey, 0, len(agg))
	for k := range agg {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b exposureKey) int {
		return cmp.Or(strings.Compare(a.entry, b.entry), strings.Compare(a.session, b.session), strings.Compare(a.segment, b.segment))
	})
	up, err := tx.PrepareContext(ctx, `INSERT INTO exposures(entry_id, session, segment, count, first, last) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(entry_id, session, segment) DO UPDATE SET count = count + excluded.count,
			first = min(first, excluded.first), last = max(last, excluded.last)`)
	if err != nil {
		return false, classify(err)
	}
	defer up.Close()
	for _, k := range keys {
		a := agg[k]
		if _, err := up.ExecContext(ctx, k.entry, k.session, k.segment, a.count, a.first, a.last); err != nil {
			return false, classify(err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('recall_spool', ?), ('recall_spool_applied', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, sp.id, strconv.FormatInt(last, 10)); err != nil {
		return false, classify(err)
	}
	if err := tx.Commit(); err != nil {
		return false, classify(err)
	}
	// Moved: the spool may forget them. A crash before this is harmless
	// (the vault's watermark skips them next time).
	if _, err := sp.db.ExecContext(ctx, "DELETE FROM recall_events WHERE id <= ?", last); err != nil {
		return false, classify(err)
	}
	return len(events) == drainBatch, nil
}

// spoolApplied is the last spool row the vault holds, for spool id.
func (s *Store) spoolApplied(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, id string) (int64, error) {
	var owner, applied sql.NullString
	err := q.QueryRowContext(ctx, `SELECT (SELECT value FROM meta WHERE key = 'recall_spool'),
		(SELECT value FROM meta WHERE key = 'recall_spool_applied')`).Scan(&owner, &applied)
	if err != nil {
		return 0, classify(err)
	}
	if owner.String != id {
		return 0, nil
	}
	n, _ := strconv.ParseInt(applied.String, 10, 64)
	return n, nil
}

// closeSpool drains what it can and closes the spool.
func (s *Store) closeSpool() error {
	sp := s.spool
	if sp == nil {
		return nil
	}
	sp.bg.Wait()
	err := s.drain(context.Background(), sp)
	return errors.Join(err, sp.close())
}

// retireSpool drains the spool completely and removes it, before a
// rotation changes the key (a new spool starts under the new key).
func (s *Store) retireSpool(ctx context.Context) error {
	sp := s.spool
	if sp == nil {
		return nil
	}
	sp.bg.Wait()
	if err := s.drainSpool(ctx); err != nil {
		return err
	}
	if err := sp.close(); err != nil {
		return err
	}
	s.spool = nil
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(filepath.Join(s.dir, spoolFileName+suffix)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return fsutil.SyncDir(s.dir)
}
