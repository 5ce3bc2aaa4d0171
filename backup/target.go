package backup

import (
	"context"
	"errors"
	"strings"
	"time"
)

// Target stores whole objects under names like "data/<key id>/<hex>". Its
// contract:
//
//   - Put stores data under name atomically: a reader sees all of it or
//     nothing (S3 PUT; a temporary file renamed into place on disk), and it
//     replaces what was there.
//   - Get returns a whole object, or an error wrapping ErrNotExist.
//   - List returns every object whose name starts with prefix, in no
//     particular order, with names relative to the target (never temporary
//     files of interrupted Puts).
//   - Delete removes an object; deleting a missing one is not an error.
//
// Implementations are safe for concurrent use. Errors never contain object
// contents.
type Target interface {
	Put(ctx context.Context, name string, data []byte) error
	Get(ctx context.Context, name string) ([]byte, error)
	List(ctx context.Context, prefix string) ([]Object, error)
	Delete(ctx context.Context, name string) error
	// String names the target for messages (no credentials).
	String() string
}

// Object is one listed object.
type Object struct {
	Name     string
	Size     int64
	Modified time.Time
}

// Errors callers can test with errors.Is. None carries key material or
// vault content.
var (
	// ErrNotExist: no object by that name.
	ErrNotExist = errors.New("no such object")
	// ErrWrongKey: none of the identities opens any key in the target.
	ErrWrongKey = errors.New("no identity opens a backup key in the target")
	// ErrNoSnapshot: the target holds no snapshot (or not the one asked
	// for) that the identities open.
	ErrNoSnapshot = errors.New("no such snapshot")
	// ErrCorrupt: an object fails authentication, or its content does not
	// match its name or the manifest.
	ErrCorrupt = errors.New("backup object is damaged")
	// ErrLocked: another backup is running (prune waits for none).
	ErrLocked = errors.New("another backup is running on the target")
	// ErrRollback: the target holds a newer snapshot of this vault than
	// the vault itself, or one its log does not continue.
	ErrRollback = errors.New("the target's newest snapshot is newer than the vault, or the vault forked from it")
	// ErrBadTarget: the target's address is malformed.
	ErrBadTarget = errors.New("bad backup target")
)

// Object name prefixes.
const (
	keysDir      = "keys/"
	snapshotsDir = "snapshots/"
	dataDir      = "data/"
	locksDir     = "locks/"
)

func joinName(parts ...string) string { return strings.Join(parts, "/") }
