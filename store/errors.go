package store

import (
	"errors"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/segment"
)

// Errors callers can test with errors.Is. None of them ever carries key
// material or entry text.
var (
	// ErrWrongKey: none of the given identities opens the vault's key file.
	ErrWrongKey = errors.New("wrong key: no identity opens this vault")
	// ErrCorrupt: a vault file is damaged (key file, database or index).
	ErrCorrupt = errors.New("vault is damaged")
	// ErrInsecureKeyFile: an identity or passphrase file is readable by
	// group or others.
	ErrInsecureKeyFile = fsutil.ErrLoosePermissions
	// ErrNotFound: no entry with that id.
	ErrNotFound = errors.New("entry not found")
	// ErrSegmentDenied: the segment's policy does not allow the access.
	ErrSegmentDenied = errors.New("segment access denied by policy")
	// ErrInvalidSegment: the segment name is malformed.
	ErrInvalidSegment = segment.ErrInvalidName
	// ErrInvalidEntry: the entry is malformed (empty or invalid text, bad
	// id, unknown kind, ...). The wrapping error says which field.
	ErrInvalidEntry = errors.New("invalid entry")
	// ErrTooLarge: the entry's text is larger than Options.MaxTextBytes.
	ErrTooLarge = errors.New("entry text too large")
	// ErrExists: Create found a vault (or other files) in the directory.
	ErrExists = errors.New("vault already exists")
	// ErrNotVault: the directory holds no vault.
	ErrNotVault = errors.New("not a memaudit vault")
	// ErrUnsupported: the vault was written by a newer memaudit.
	ErrUnsupported = errors.New("vault format not supported by this build")
	// ErrBadQuery: the search query could not be parsed.
	ErrBadQuery = errors.New("bad query")
	// ErrClosed: the store was closed.
	ErrClosed = errors.New("store is closed")
	// ErrReadOnly: the vault is on a read-only file system (or the user
	// may not write it), or was opened with Options.ReadOnly, and the call
	// needs to write. The wrapping error says what would have been written.
	ErrReadOnly = errors.New("vault is read-only")
	// ErrIndexBehind: the change is committed (durable) but the index
	// could not be updated or saved; it catches up at its next search or
	// open. Do not repeat the change.
	// ErrPurgePending: the change (a redaction) is committed, but old
	// copies of the text remain in the index's older segments or in the
	// write-ahead log until the process holding the index rebuilds it;
	// that process has been asked to and does so within about a second
	// while it runs (see Store.RebuildIndex).
	ErrPurgePending = errors.New("committed; old copies of the text are purged when the process holding the index rebuilds it")
	// ErrRecallLog: a recall was refused because the recall log cannot
	// be written (the spool could not be opened: a full disk, say).
	ErrRecallLog   = errors.New("the recall log cannot be written")
	ErrIndexBehind = errors.New("the index is behind (it catches up at its next search or open)")
)
