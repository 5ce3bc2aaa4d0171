package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"

	sqlite3 "github.com/mutecomm/go-sqlcipher/v4"

	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// pageSize is the database page size. SQLCipher encrypts and MACs whole
// pages, so a Remember that dirties five pages costs five page encryptions:
// 1 KiB pages cut the cost of a single Remember by a third against SQLite's
// default 4 KiB (BenchmarkRemember), at 80 bytes of IV and HMAC per page.
// SQLCipher keeps it outside the (encrypted) header, so every connection
// sets it.
const pageSize = 1024

// connector opens SQLCipher connections. It holds the raw key spec as bytes
// so that Close can wipe it; each connection needs it as a Go string for the
// driver, which cannot be wiped (docs/format.md says so).
type connector struct {
	path     string
	params   string
	drv      *sqlite3.SQLiteDriver
	mu       sync.Mutex
	keySpec  []byte // x'<hex key><hex salt>', nil for a plaintext database
	readOnly bool
	closed   bool
}

func newConnector(path string, keySpec []byte, o *Options, readOnly bool) *connector {
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(o.BusyTimeout.Milliseconds()))
	if !o.ReadOnly {
		q.Set("_journal_mode", "WAL")
	}
	q.Set("_synchronous", "NORMAL")
	q.Set("_secure_delete", "on")
	q.Set("_foreign_keys", "on")
	q.Set("_pragma_cipher_page_size", strconv.Itoa(pageSize))
	if o.ReadOnly {
		// A read-only vault: SQLite opens the file read-only. With no
		// write-ahead log beside it, and a directory it may not write
		// (where it could not create its -shm file), it reads the file
		// as immutable: no locks, no -shm. A WAL with frames in it needs
		// its -shm (SQLite 3.22+ reads both read-only).
		q.Set("mode", "ro")
		if fi, err := os.Stat(path + "-wal"); (err != nil || fi.Size() == 0) && !dirWritable(filepath.Dir(path)) {
			q.Set("immutable", "1")
		}
		readOnly = true
	}
	if readOnly {
		q.Set("_query_only", "true")
	} else {
		// Writers take the write lock at BEGIN, so that two processes
		// never deadlock upgrading read transactions.
		q.Set("_txlock", "immediate")
	}
	cache := o.CacheKiB
	plain := keySpec == nil
	drv := &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		// cipher_memory_security (SQLCipher 4.4's default, dropped as the
		// default in later SQLCipher releases) wipes and locks every block
		// SQLite frees; it cost 8% of recall throughput on the memory
		// service. Plaintext also lives, unwiped, in the Go heap (entry
		// texts), so it bought little: memory is outside the threat model
		// (docs/format.md).
		pragmas := fmt.Sprintf("PRAGMA cache_size = -%d; PRAGMA temp_store = MEMORY; PRAGMA cipher_memory_security = OFF;", cache)
		if plain {
			// The benchmark-only plaintext database uses the same page
			// size, so that the comparison measures encryption alone.
			pragmas = fmt.Sprintf("PRAGMA page_size = %d; ", pageSize) + pragmas
		}
		_, err := c.Exec(pragmas, nil)
		return err
	}}
	return &connector{path: path, params: q.Encode(), drv: drv, keySpec: keySpec, readOnly: readOnly}
}

func (c *connector) Connect(context.Context) (driver.Conn, error) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil, ErrClosed
	}
	dsn := "file:" + c.path + "?" + c.params
	if c.keySpec != nil {
		dsn += "&_pragma_key=" + url.QueryEscape(string(c.keySpec))
	}
	c.mu.Unlock()
	return c.drv.Open(dsn)
}

func (c *connector) Driver() driver.Driver { return c.drv }

// wipe forgets the key; later connections fail.
func (c *connector) wipe() {
	c.mu.Lock()
	vaultcrypto.Wipe(c.keySpec)
	c.keySpec = nil
	c.closed = true
	c.mu.Unlock()
}

// dbPair is the vault's database: one write connection (writes are
// serialised by SQLite anyway) and a pool of read-only connections (WAL lets
// them read while the writer writes).
type dbPair struct {
	w, r   *sql.DB
	wc, rc *connector
}

func openDB(path string, keySpec []byte, o *Options) (*dbPair, error) {
	// Each connector owns a copy of the key spec, wiped by close; the
	// caller wipes its own. (With Options.ReadOnly both are read-only.)
	wc := newConnector(path, clone(keySpec), o, false)
	rc := newConnector(path, clone(keySpec), o, true)
	p := &dbPair{w: sql.OpenDB(wc), r: sql.OpenDB(rc), wc: wc, rc: rc}
	p.w.SetMaxOpenConns(1)
	p.r.SetMaxOpenConns(o.Readers)
	p.r.SetMaxIdleConns(o.Readers)
	return p, nil
}

func (p *dbPair) close() error {
	err := errors.Join(p.w.Close(), p.r.Close())
	p.wc.wipe()
	p.rc.wipe()
	return err
}

// classify maps driver errors that mean "damaged" to ErrCorrupt.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB) {
		return fmt.Errorf("%w: database: %v", ErrCorrupt, se.Code)
	}
	return err
}

func isConstraint(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrConstraint
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte(nil), b...)
}

// dirWritable reports whether this process may create files in dir: false
// on a read-only file system (EROFS) or without write permission.
func dirWritable(dir string) bool {
	return syscall.Access(dir, 0x2 /* W_OK */) == nil
}

// foldWAL checkpoints the write-ahead log into the database file and
// truncates it to nothing (after a redaction, so that no old page image
// stays there; before a rotation re-encrypts the file). SQLite waits for
// readers (the busy timeout) before it truncates; one still reading then is
// an error, never a silent half-done checkpoint.
func foldWAL(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) error {
	var busy, logFrames, done int
	if err := q.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done); err != nil {
		return classify(err)
	}
	if busy != 0 {
		return errors.New("the write-ahead log could not be truncated: another connection is still reading")
	}
	return nil
}

func (s *Store) foldWAL(ctx context.Context) error { return foldWAL(ctx, s.db.w) }
