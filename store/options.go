package store

import (
	"time"

	"filippo.io/age"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/internal/keyfile"
	"github.com/memaudit/memaudit/segment"
)

// Defaults used where an Options field is zero.
const (
	DefaultBusyTimeout  = 10 * time.Second
	DefaultCacheKiB     = 64 << 10 // 64 MiB of page cache per connection
	DefaultMaxTextBytes = 4 << 20
	DefaultReaders      = 4
	DefaultIndexWait    = 300 * time.Millisecond
	DefaultGuard        = segment.GuardFlag
)

// Recipient is a key slot to create: the data key is wrapped to it. Make
// one with ParseRecipient or PassphraseRecipient.
type Recipient = keyfile.Recipient

// Options configure Open and Create. The zero value is right for most uses;
// only Identities must be set to open a vault.
type Options struct {
	// Identities open the key file (age X25519 or hybrid identities, SSH
	// identities, or a passphrase identity).
	Identities []age.Identity
	// BusyTimeout is how long a write waits for another process's write
	// to finish before failing.
	BusyTimeout time.Duration
	// CacheKiB is SQLite's page cache per connection.
	CacheKiB int
	// MaxTextBytes bounds an entry's text.
	MaxTextBytes int
	// Readers is the number of read connections.
	Readers int
	// IndexWait is how long Open waits for the index lock. When another
	// process holds the index (an agent is running), the store works
	// without it: writes go to the database, which the holder replays,
	// and searches scan the database.
	IndexWait time.Duration
	// Progress, when set, is called during long index work: rebuilds,
	// catching up, and batches of more than 5,000 entries.
	Progress func(done, total int)
	// Scanner, when set, is the write guard: every Remember and import is
	// scanned and the segment's guard mode applied (see Policy.Guard).
	Scanner *audit.Scanner
	// Actor names who makes changes, in the mutation log (default
	// "memaudit").
	Actor string
	// NoRepair stops Open from rebuilding a damaged index, so that Verify
	// can report the damage.
	NoRepair bool
	// ReadOnly opens the vault without writing anything to its directory,
	// for a vault on a read-only file system (a forensic copy, a snapshot,
	// a read-only mount): no migration, no recall-log drain, no index
	// update or repair, no lock or temporary file. Get, Entries, Search,
	// Scan (nothing recorded), Verify, VerifyLog, Log, Stats, Exposures and
	// Findings work; Recall (which must log) and every change fail with
	// ErrReadOnly. An index that is behind the database or damaged is not
	// used: searches read the database instead, and Verify's notes say so.
	ReadOnly bool
	// Now returns the current time; tests set it.
	Now func() time.Time

	// plaintext disables all encryption. Only the benchmarks that measure
	// the cost of encryption set it (see export_test.go).
	plaintext bool
	// schema limits migrations (fixture generation in tests).
	schema int
	// recovering: this open follows the recovery of an interrupted
	// rotation, so index files under the other key are its leftovers,
	// not damage.
	recovering bool
}

func (o *Options) fill() {
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = DefaultBusyTimeout
	}
	if o.CacheKiB <= 0 {
		o.CacheKiB = DefaultCacheKiB
	}
	if o.MaxTextBytes <= 0 {
		o.MaxTextBytes = DefaultMaxTextBytes
	}
	if o.Readers <= 0 {
		o.Readers = DefaultReaders
	}
	if o.IndexWait <= 0 {
		o.IndexWait = DefaultIndexWait
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Actor == "" {
		o.Actor = "memaudit"
	}
}

// CreateOptions configure Create.
type CreateOptions struct {
	Options
	// Recipients get a key slot each. At least one is required.
	Recipients []Recipient
}
