package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/internal/indexcrypt"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
	"github.com/memaudit/memaudit/migrations"
)

// A vault opened with Options.ReadOnly is read as it lies: nothing in its
// directory is written. What a writable open would have done (migrate,
// drain the recall spool, catch up or repair the index) is said in the
// store's notes instead (Notes, and Verify's report).

// Notes says what a read-only open left undone, or what it could not use.
func (s *Store) Notes() []string { return s.notes }

func (s *Store) notef(format string, args ...any) {
	s.notes = append(s.notes, "read-only: "+fmt.Sprintf(format, args...))
}

// checkSchemaReadOnly reads the schema version: a vault that an open would
// migrate cannot be read without migrating it.
func (s *Store) checkSchemaReadOnly(ctx context.Context) error {
	if err := s.db.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&s.schema); err != nil {
		return fmt.Errorf("open database: %w", classify(err))
	}
	switch latest := migrations.Latest(); {
	case s.schema > latest:
		return fmt.Errorf("%w: database schema %d, this build knows %d", ErrUnsupported, s.schema, latest)
	case s.schema < latest:
		return fmt.Errorf("%w: the database has schema %d and this memaudit reads %d; migrating it writes (audit a writable copy, or use the memaudit that wrote it)", ErrReadOnly, s.schema, latest)
	}
	return nil
}

// openReadOnlyRest looks at the recall spool and the index without changing
// either.
func (s *Store) openReadOnlyRest(ctx context.Context, dataKey []byte) error {
	if n, err := s.undrainedRecalls(ctx, dataKey); err != nil {
		s.notef("the recall spool could not be read (%v); recalls in it are not counted", err)
	} else if n > 0 {
		s.notef("%d recall%s in the recall spool %s not in the recall log (not drained); exposures leave %s out", n, plural(n), isAre(n), itThem(n))
	}
	return s.openIndexReadOnly(ctx, dataKey)
}

// undrainedRecalls counts the spool's recalls that the vault has not
// drained.
func (s *Store) undrainedRecalls(ctx context.Context, dataKey []byte) (int, error) {
	path := filepath.Join(s.dir, spoolFileName)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	var spec []byte
	if dataKey != nil {
		spec = vaultcrypto.SpoolKey(dataKey)
		defer vaultcrypto.Wipe(spec)
	}
	conn := newConnector(path, clone(spec), &s.opts, true)
	db := sql.OpenDB(conn)
	defer func() { db.Close(); conn.wipe() }()
	var id string
	if err := db.QueryRowContext(ctx, "SELECT value FROM spool_meta WHERE key = 'id'").Scan(&id); err != nil {
		return 0, classify(err)
	}
	applied, err := s.spoolApplied(ctx, s.db.r, id)
	if err != nil {
		return 0, err
	}
	var n int
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM recall_events WHERE id > ?", applied).Scan(&n)
	return n, classify(err)
}

// openIndexReadOnly opens the index read-only when it is whole and up to
// date; otherwise searches read the database, and the notes (or, for
// damage, Verify) say why.
func (s *Store) openIndexReadOnly(ctx context.Context, dataKey []byte) error {
	dir, err := filepath.Abs(s.indexDir())
	if err != nil {
		return err
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		s.notef("there is no index (it would be built); searches read the database")
		return nil
	}
	s.unregister = func() {}
	if dataKey != nil {
		ik := vaultcrypto.IndexKey(dataKey)
		unreg, err := indexcrypt.Register(dir, indexcrypt.KeyID(ik), ik)
		vaultcrypto.Wipe(ik)
		if err != nil {
			return err
		}
		s.unregister = unreg
	}
	// A process that owns the index holds its lock exclusively; then
	// the files may change under a reader.
	switch l, err := fsutil.TryRLock(filepath.Join(s.dir, indexLockName)); {
	case err == nil:
		s.indexLock = l
	case errors.Is(err, fsutil.ErrLocked):
		s.notef("another process is updating the index; searches read the database")
		return s.closeIndex()
	case !errors.Is(err, fs.ErrNotExist):
		s.notef("the index lock could not be read (%v); searches read the database", err)
		return s.closeIndex()
	}
	idx, err := openIndexWith(dir, map[string]any{"read_only": true})
	if err == nil {
		s.setIndex(idx)
		err = checkSnapshotFiles(idx)
	}
	if err != nil {
		s.indexErr = fmt.Errorf("%w: index: %v", ErrCorrupt, err)
		return s.closeIndex()
	}
	if v, err := idx.GetInternal(mappingKey); err != nil || string(v) != mappingVersion {
		s.notef("the index was built by an older memaudit (it would be rebuilt); searches read the database")
		return s.closeIndex()
	}
	seq, err := s.indexSeq()
	if err != nil {
		s.indexErr = fmt.Errorf("%w: index: its change counter: %v", ErrCorrupt, err)
		return s.closeIndex()
	}
	dbSeq, err := s.dbSeq(ctx)
	if err != nil {
		s.closeIndex()
		return err
	}
	switch {
	case seq > dbSeq:
		s.indexErr = fmt.Errorf("%w: index claims %d changes, the database has %d (restored from an older copy?)", ErrCorrupt, seq, dbSeq)
		return s.closeIndex()
	case seq < dbSeq:
		s.notef("the index is %d change%s behind the database (it would catch up); searches read the database", dbSeq-seq, plural(int(dbSeq-seq)))
		return s.closeIndex()
	}
	s.applied.Store(seq)
	if err := s.indexCountAgrees(ctx); err != nil {
		s.indexErr = fmt.Errorf("%w: %v", ErrCorrupt, err)
		return s.closeIndex()
	}
	return nil
}

// openIndexWith opens an existing index with scorch options beside the
// usual ones; a panic in bleve's loader (damaged files) is an error.
func openIndexWith(dir string, extra map[string]any) (idx bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, errors.New("index failed to load")
		}
	}()
	cfg := scorchConfig()
	for k, v := range extra {
		cfg[k] = v
	}
	return bleve.OpenUsing(dir, cfg)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func itThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
