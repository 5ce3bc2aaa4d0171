package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/internal/keyfile"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
	"github.com/memaudit/memaudit/migrations"
)

// File names inside a vault directory.
const (
	keyFileName  = keyfile.Name
	dbFileName   = "vault.db"
	indexDirName = "index"
	// indexLockName is held (flock) by the process that owns the index.
	indexLockName = "index.lock"
)

// Store is an open vault. It is safe for concurrent use by many goroutines,
// and several processes may open the same vault at once (see Options.IndexWait).
type Store struct {
	dir     string
	opts    Options
	db      *dbPair
	vaultID string
	keyID   string

	// wmu serialises this process's writes with the index updates that
	// follow them, so that the index's applied sequence number never
	// passes a change it has not applied.
	wmu sync.Mutex
	// idx is the index, nil when another process holds it. It is
	// replaced only by setIndex, holding wmu and idxMu: code holding wmu
	// may use it freely; searches hold idxMu for reading (and never wait
	// for wmu meanwhile); hasIdx answers "is there one" without a lock.
	idx        bleve.Index
	idxMu      sync.RWMutex
	hasIdx     atomic.Bool
	rebuildMu  sync.Mutex // one index rebuild at a time
	watchStop  func()     // stops the owner's background catch-up
	unregister func()
	indexBG    sync.WaitGroup // a rotation's bleve call, ended by closing idx
	indexLock  *fsutil.Lock
	applied    atomic.Int64

	segMu    sync.Mutex
	segSeq   int64
	segNames []string

	// repaired says what Open rebuilt, for Verify to report; spoolNote
	// says that an unreadable recall spool was set aside.
	repaired  string
	spoolNote string
	// spoolErr is why the recall spool could not be opened.
	spoolErr error
	// indexErr is the damage found with Options.NoRepair (or
	// Options.ReadOnly); notes say what a read-only open left undone.
	indexErr error
	notes    []string
	// schema is the database's schema version after migrations.
	schema int

	// spool holds the recall log until it is drained (recall_log.go).
	spool *spool

	// backupKeys seal the vault's backups (nil for a plaintext vault);
	// rollback is what the newest-backup marker says of the log
	// (backupmark.go).
	backupKeys *vaultcrypto.BackupKeys
	rollback   error

	closed atomic.Bool
}

// Create makes a new vault in dir (which must be absent or empty) with a
// fresh data key wrapped to every recipient, and returns it open.
func Create(ctx context.Context, dir string, opts CreateOptions) (*Store, error) {
	o := opts.Options
	o.fill()
	if !o.plaintext && len(opts.Recipients) == 0 {
		return nil, errors.New("create vault: at least one recipient or passphrase is required")
	}
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return nil, fmt.Errorf("create vault %s: %w (directory not empty)", dir, ErrExists)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("create vault: %w", err)
	}
	if err := fsutil.MkdirPrivate(dir); err != nil {
		return nil, fmt.Errorf("create vault: %w", err)
	}
	var dataKey []byte
	var kf *keyfile.File
	if !o.plaintext {
		var err error
		dataKey, err = vaultcrypto.NewDataKey()
		if err != nil {
			return nil, fmt.Errorf("create vault: %w", err)
		}
		defer vaultcrypto.Wipe(dataKey)
		kf, err = keyfile.New(vaultcrypto.NewID(16), dataKey, opts.Recipients, o.Now())
		if err != nil {
			return nil, fmt.Errorf("create vault: %w", err)
		}
		if err := kf.Save(filepath.Join(dir, keyFileName)); err != nil {
			return nil, fmt.Errorf("create vault: write key file: %w", err)
		}
	}
	// SQLite creates the -wal and -shm files with the main file's mode, so
	// creating it 0600 first keeps all three private whatever the umask.
	if err := fsutil.CreatePrivate(filepath.Join(dir, dbFileName)); err != nil {
		return nil, fmt.Errorf("create vault: %w", err)
	}
	s, err := openWithKey(ctx, dir, dataKey, o, true)
	if err != nil {
		return nil, fmt.Errorf("create vault: %w", err)
	}
	if kf != nil {
		s.keyID, s.vaultID = kf.Active.ID, kf.VaultID
		s.backupKeys = vaultcrypto.NewBackupKeys(dataKey)
	}
	return s, nil
}

// Open opens the vault in dir with opts.Identities. It finishes or rolls
// back a key rotation that a crash interrupted.
func Open(ctx context.Context, dir string, opts Options) (*Store, error) {
	return open(ctx, dir, opts, false)
}

func open(ctx context.Context, dir string, opts Options, keyLocked bool) (*Store, error) {
	opts.fill()
	if !opts.ReadOnly && !dirWritable(dir) {
		if _, err := os.Stat(filepath.Join(dir, keyFileName)); err == nil {
			return nil, fmt.Errorf("open %s: %w: its directory cannot be written (a read-only file system, or no permission)", dir, ErrReadOnly)
		}
	}
	if !keyLocked && !opts.ReadOnly {
		if err := removeStaleKeyTemps(dir); err != nil {
			return nil, fmt.Errorf("open %s: remove a crashed key operation's temporary file: %w", dir, err)
		}
	}
	kf, err := keyfile.Load(filepath.Join(dir, keyFileName))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("open %s: %w (no %s)", dir, ErrNotVault, keyFileName)
	case errors.Is(err, keyfile.ErrUnsupported):
		return nil, fmt.Errorf("open %s: %w: %v", dir, ErrUnsupported, err)
	case errors.Is(err, keyfile.ErrMalformed):
		return nil, fmt.Errorf("open %s: %w: key file: %v", dir, ErrCorrupt, err)
	case err != nil:
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	if kf.Pending != nil {
		if opts.ReadOnly {
			return nil, fmt.Errorf("open %s: %w: a key rotation was interrupted, and finishing or undoing it writes", dir, ErrReadOnly)
		}
		if keyLocked {
			return nil, fmt.Errorf("open %s: %w: unfinished rotation", dir, ErrKeyBusy)
		}
		if len(opts.Identities) == 0 {
			return nil, fmt.Errorf("open %s: %w (no identity given)", dir, ErrWrongKey)
		}
		did, err := recoverRotation(dir, kf, opts)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", dir, err)
		}
		opts.recovering = true
		st, err := open(ctx, dir, opts, keyLocked)
		if err != nil {
			return nil, err
		}
		if err := st.logRecovery(ctx, did); err != nil {
			st.Close()
			return nil, fmt.Errorf("open %s: log the rotation's recovery: %w", dir, err)
		}
		return st, nil
	}
	if len(opts.Identities) == 0 {
		return nil, fmt.Errorf("open %s: %w (no identity given)", dir, ErrWrongKey)
	}
	dataKey, err := kf.Unlock(opts.Identities)
	switch {
	case errors.Is(err, keyfile.ErrWrongKey):
		return nil, fmt.Errorf("open %s: %w", dir, ErrWrongKey)
	case err != nil:
		return nil, fmt.Errorf("open %s: %w: key file: %v", dir, ErrCorrupt, err)
	}
	defer vaultcrypto.Wipe(dataKey)
	s, err := openWithKey(ctx, dir, dataKey, opts, false)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	s.keyID = kf.Active.ID
	s.vaultID = kf.VaultID
	s.backupKeys = vaultcrypto.NewBackupKeys(dataKey)
	s.checkBackupMark(ctx)
	return s, nil
}

// checkHeader compares the database's first 16 bytes (SQLCipher's salt) with
// the salt this key file's data key gives: a mismatch means the database is
// damaged or belongs to another key file, and saves a confusing driver error.
func checkHeader(path string, dataKey []byte) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%w: %s is missing", ErrCorrupt, dbFileName)
		}
		return err
	}
	defer f.Close()
	var hdr [16]byte
	if _, err := io.ReadFull(f, hdr[:]); err != nil {
		return fmt.Errorf("%w: %s is truncated", ErrCorrupt, dbFileName)
	}
	if !bytes.Equal(hdr[:], vaultcrypto.DBSalt(dataKey)) {
		return fmt.Errorf("%w: database header does not match the key file (damaged, or another vault's key file)", ErrCorrupt)
	}
	return nil
}

func openWithKey(ctx context.Context, dir string, dataKey []byte, o Options, creating bool) (_ *Store, err error) {
	dbPath := filepath.Join(dir, dbFileName)
	var keySpec []byte
	if dataKey != nil {
		if !creating {
			if err := checkHeader(dbPath, dataKey); err != nil {
				return nil, err
			}
		}
		keySpec = vaultcrypto.SQLCipherKey(dataKey)
		defer vaultcrypto.Wipe(keySpec)
	}
	s := &Store{dir: dir, opts: o}
	s.db, err = openDB(dbPath, keySpec, &o)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			s.db.close()
		}
	}()
	if o.ReadOnly {
		if err := s.checkSchemaReadOnly(ctx); err != nil {
			return nil, err
		}
		if err := s.openReadOnlyRest(ctx, dataKey); err != nil {
			return nil, err
		}
		return s, nil
	}
	if _, err := migrations.Apply(ctx, s.db.w, o.schema); err != nil {
		if errors.Is(err, migrations.ErrFutureSchema) {
			return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
		}
		return nil, fmt.Errorf("open database: %w", classify(err))
	}
	if err := s.db.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&s.schema); err != nil {
		return nil, fmt.Errorf("open database: %w", classify(err))
	}
	var spoolKey []byte
	if dataKey != nil {
		spoolKey = vaultcrypto.SpoolKey(dataKey)
		defer vaultcrypto.Wipe(spoolKey)
	}
	var note string
	if s.spool, note, err = openSpool(ctx, dir, spoolKey, &o); err != nil {
		// A full disk, say: the vault stays usable for what does not
		// need the spool (and Verify checks the rest); recalls fail
		// rather than go unlogged.
		s.spoolErr = err
		s.spool, note, err = nil, fmt.Sprintf("the recall spool could not be opened (%v); recalls fail until it can be", err), nil
	}
	defer func() {
		if err != nil && s.spool != nil {
			s.spool.close()
		}
	}()
	s.spoolNote = note
	if err := s.openIndex(ctx, dataKey); err != nil {
		return nil, err
	}
	if err := fsutil.TightenTree(dir); err != nil {
		s.closeIndex()
		return nil, err
	}
	if s.hasIdx.Load() {
		// Rebuilds that other processes asked for while none held the
		// index, then the same once a second while open.
		if err := s.serveRebuildRequests(ctx); err != nil {
			s.closeIndex()
			return nil, err
		}
		s.watch()
	}
	return s, nil
}

// Repaired says what Open repaired or set aside ("" when nothing), so that
// a CLI can tell the operator.
func (s *Store) Repaired() string {
	var parts []string
	if s.repaired != "" {
		parts = append(parts, s.repaired+"; the index was rebuilt from the database")
	}
	if s.spoolNote != "" {
		parts = append(parts, s.spoolNote)
	}
	return strings.Join(parts, "; ")
}

// Dir returns the vault directory.
func (s *Store) Dir() string { return s.dir }

// Close closes the vault and forgets its keys. It is safe to call twice.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	if s.watchStop != nil {
		s.watchStop() // before wmu: it may be catching up
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.backupKeys != nil {
		s.backupKeys.Wipe()
	}
	if s.opts.ReadOnly {
		return errors.Join(s.closeIndex(), s.db.close())
	}
	err := s.closeSpool()
	err = errors.Join(err, s.flushIndexLocked())
	err = errors.Join(err, s.closeIndex())
	err = errors.Join(err, s.db.close())
	// bleve and SQLite may have created files with their own modes.
	return errors.Join(err, fsutil.TightenTree(s.dir))
}

func (s *Store) checkOpen() error {
	if s.closed.Load() {
		return ErrClosed
	}
	return nil
}

// checkWritable is checkOpen for calls that change the vault: a store
// opened read-only refuses them, saying what.
func (s *Store) checkWritable(what string) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	if s.opts.ReadOnly {
		return fmt.Errorf("%w: %s writes", ErrReadOnly, what)
	}
	return nil
}
