package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/memaudit/memaudit/internal/keyfile"
)

// PageSize is the size of the database's pages, the unit a Snapshot is read
// in.
const PageSize = pageSize

// Snapshot is the vault's database as of one commit, read while writers go
// on: what a backup copies. Its pages are the database file's bytes as they
// lie on disk (SQLCipher pages, encrypted under the vault's key), with the
// write-ahead log's committed frames laid over them, so that written out in
// order they make a database file that opens, under the same key file, at
// exactly that commit with no log beside it.
//
// How it stays consistent: Snapshot takes the write lock (BEGIN IMMEDIATE,
// for as long as it takes to read the write-ahead log, a few milliseconds),
// starts a read transaction on another connection, copies the log, and lets
// writers go. The read transaction keeps SQLite from checkpointing any later
// commit into the database file until Close; a checkpoint may still copy
// frames the snapshot already holds, and those pages are read from the log
// copy, never from the file. No acknowledged write is lost or blocked for
// longer than the log read; the log may grow while a snapshot is open.
type Snapshot struct {
	// Seq is the change counter (meta.seq), Entries the number of entries
	// (tombstones included), LogRecords and LogHead the mutation log's
	// length and head hash, all as of the snapshot's commit.
	Seq        int64
	Entries    int
	LogRecords int64
	LogHead    []byte
	// VaultID and KeyID name the vault and its data key.
	VaultID, KeyID string
	// KeyFile is the vault's key file (data key wrapped to its slots; no
	// secret in clear).
	KeyFile []byte
	// Pages is the database's size in pages of PageSize bytes.
	Pages int

	conn *sql.Conn
	tx   *sql.Tx
	db   *os.File
	wal  *walImage
}

// ErrSnapshot is returned by Snapshot when the vault cannot be read as of
// one commit (a rotation in progress, a plaintext benchmark vault).
var ErrSnapshot = errors.New("cannot snapshot the vault")

// Snapshot returns the vault as of its latest commit, for a backup. Close
// it promptly: until then SQLite checkpoints no later commit. The recall
// spool is drained into the database first, so that the snapshot holds
// every recall logged so far.
func (s *Store) Snapshot(ctx context.Context) (_ *Snapshot, err error) {
	if err := s.checkWritable("a snapshot (it drains the recall spool)"); err != nil {
		return nil, err
	}
	if s.keyID == "" {
		return nil, fmt.Errorf("%w: the vault is not encrypted", ErrSnapshot)
	}
	if s.spool != nil {
		if err := s.drainSpool(ctx); err != nil {
			return nil, fmt.Errorf("snapshot: drain the recall spool: %w", err)
		}
	}
	kb, err := os.ReadFile(filepath.Join(s.dir, keyFileName))
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	kf, err := keyfile.Parse(kb)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w: key file: %v", ErrCorrupt, err)
	}
	if kf.Pending != nil || kf.Active.ID != s.keyID {
		return nil, fmt.Errorf("%w: the data key is being or was rotated; open the vault again", ErrSnapshot)
	}
	sn := &Snapshot{VaultID: s.vaultID, KeyID: s.keyID, KeyFile: kb}
	defer func() {
		if err != nil {
			sn.Close()
		}
	}()

	// The write lock: no commit while the log is read and the read
	// transaction starts.
	w, err := s.db.w.Conn(ctx)
	if err != nil {
		return nil, classify(err)
	}
	defer w.Close()
	if _, err := w.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return nil, fmt.Errorf("snapshot: take the write lock: %w", classify(err))
	}
	release := func() { _, _ = w.ExecContext(context.WithoutCancel(ctx), "ROLLBACK") }
	defer release()

	if sn.conn, err = s.db.r.Conn(ctx); err != nil {
		return nil, classify(err)
	}
	if sn.tx, err = sn.conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}); err != nil {
		return nil, classify(err)
	}
	var seq string
	if err := sn.tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'seq'").Scan(&seq); err != nil {
		return nil, classify(err)
	}
	if _, err := fmt.Sscan(seq, &sn.Seq); err != nil {
		return nil, fmt.Errorf("%w: meta.seq is not a number", ErrCorrupt)
	}
	if err := sn.tx.QueryRowContext(ctx, "SELECT count(*) FROM entries").Scan(&sn.Entries); err != nil {
		return nil, classify(err)
	}
	switch err := sn.tx.QueryRowContext(ctx, "SELECT seq, hash FROM log ORDER BY seq DESC LIMIT 1").Scan(&sn.LogRecords, &sn.LogHead); {
	case errors.Is(err, sql.ErrNoRows):
		sn.LogHead = make([]byte, 32)
	case err != nil:
		return nil, classify(err)
	}
	walBytes, err := os.ReadFile(filepath.Join(s.dir, dbFileName+"-wal"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	release()

	if sn.wal, err = parseWAL(walBytes, pageSize); err != nil {
		return nil, fmt.Errorf("snapshot: %w: %v", ErrCorrupt, err)
	}
	if sn.db, err = os.Open(filepath.Join(s.dir, dbFileName)); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	fi, err := sn.db.Stat()
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	sn.Pages = int(fi.Size() / pageSize)
	if sn.wal.dbPages > 0 {
		sn.Pages = int(sn.wal.dbPages)
	}
	return sn, nil
}

// ReadPages fills dst (a whole number of pages) with the pages from first
// (counted from 0) on.
func (sn *Snapshot) ReadPages(first int, dst []byte) error {
	if len(dst)%pageSize != 0 || first < 0 || first+len(dst)/pageSize > sn.Pages {
		return fmt.Errorf("read pages: %d bytes from page %d of %d", len(dst), first, sn.Pages)
	}
	n, err := sn.db.ReadAt(dst, int64(first)*pageSize)
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read pages: %w", err)
	}
	clear(dst[n:]) // past the file's end: pages only the log holds
	for i := 0; i < len(dst)/pageSize; i++ {
		if p, ok := sn.wal.pages[uint32(first+i+1)]; ok {
			copy(dst[i*pageSize:], p)
		}
	}
	return nil
}

// Close ends the snapshot's read transaction.
func (sn *Snapshot) Close() error {
	var err error
	if sn.tx != nil {
		err = sn.tx.Rollback()
		sn.tx = nil
	}
	if sn.conn != nil {
		err = errors.Join(err, sn.conn.Close())
		sn.conn = nil
	}
	if sn.db != nil {
		err = errors.Join(err, sn.db.Close())
		sn.db = nil
	}
	return err
}
