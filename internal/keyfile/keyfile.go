// Package keyfile reads and writes a vault's key file: the data key wrapped
// with age to one or more key slots, with a key id and a key check value.
// The format is described in docs/format.md.
package keyfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"filippo.io/age"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// Name is the key file's name inside the vault directory.
const Name = "key.json"

// Format and Version identify the file. A reader refuses a version it does not
// know rather than guessing.
const (
	Format  = "memaudit-keyfile"
	Version = 1
)

// maxSize bounds what Load reads: a key file with hundreds of slots is still
// far below it.
const maxSize = 1 << 20

// Errors.
var (
	ErrMalformed   = errors.New("key file is malformed")
	ErrUnsupported = errors.New("key file version is not supported")
	ErrWrongKey    = errors.New("no identity opens a key slot")
	ErrCheck       = errors.New("unwrapped key does not match the key check value")
)

// Slot types.
const (
	TypeX25519     = "x25519"
	TypeHybrid     = "mlkem768x25519"
	TypeSSHEd25519 = "ssh-ed25519"
	TypeSSHRSA     = "ssh-rsa"
	TypeScrypt     = "scrypt"
)

// File is a parsed key file.
type File struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	VaultID string `json:"vault_id"`
	Active  Key    `json:"active"`
	// Pending is a key being rotated in (see docs/format.md); nil otherwise.
	Pending *Key `json:"pending,omitempty"`
}

// Key is one data key: its id, check value and slots.
type Key struct {
	ID      string    `json:"id"`
	Check   []byte    `json:"check"`
	Created time.Time `json:"created"`
	Slots   []Slot    `json:"slots"`
}

// Slot is the data key wrapped to one recipient or passphrase.
type Slot struct {
	ID    int    `json:"id"`
	Type  string `json:"type"`
	Label string `json:"label"`
	// Recipient is the slot's public key in full (empty for a passphrase),
	// so that the data key can be wrapped to the same slots again.
	Recipient string    `json:"recipient,omitempty"`
	Added     time.Time `json:"added"`
	Wrapped   []byte    `json:"wrapped"`
}

// Recipient is a recipient together with the slot type and public label it
// gets in the key file.
type Recipient struct {
	age.Recipient
	Type  string
	Label string
	// Text is the recipient as the operator gave it (empty for a
	// passphrase).
	Text string
}

// New wraps dataKey to every recipient and returns a new key file.
func New(vaultID string, dataKey []byte, rs []Recipient, now time.Time) (*File, error) {
	if len(rs) == 0 {
		return nil, errors.New("key file needs at least one recipient")
	}
	k := Key{ID: vaultcrypto.NewID(8), Check: vaultcrypto.KeyCheck(dataKey), Created: now.UTC()}
	f := &File{Format: Format, Version: Version, VaultID: vaultID, Active: k}
	for _, r := range rs {
		if err := f.AddSlot(dataKey, r, now); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// AddSlot wraps dataKey (which must be the active key) to r.
func (f *File) AddSlot(dataKey []byte, r Recipient, now time.Time) error {
	w, err := vaultcrypto.Wrap(dataKey, r.Recipient)
	if err != nil {
		return err
	}
	id := 1
	for _, s := range f.Active.Slots {
		if s.ID >= id {
			id = s.ID + 1
		}
	}
	f.Active.Slots = append(f.Active.Slots, Slot{ID: id, Type: r.Type, Label: r.Label, Recipient: r.Text, Added: now.UTC(), Wrapped: w})
	return nil
}

// RemoveSlot drops a slot of the active key.
func (f *File) RemoveSlot(id int) error {
	for i, s := range f.Active.Slots {
		if s.ID == id {
			f.Active.Slots = append(f.Active.Slots[:i], f.Active.Slots[i+1:]...)
			return nil
		}
	}
	return fmt.Errorf("no slot %d", id)
}

// Opens reports which slots the identities open (by slot id).
func (f *File) Opens(ids []age.Identity) map[int]bool {
	out := map[int]bool{}
	for _, s := range f.Active.Slots {
		if k, err := vaultcrypto.Unwrap(s.Wrapped, ids...); err == nil {
			vaultcrypto.Wipe(k)
			out[s.ID] = true
		}
	}
	return out
}

// Unlock returns the active data key, trying every slot with the identities.
// It returns ErrWrongKey when no slot opens, ErrCheck when a slot opens to a
// key that is not the one the file describes (a hand-edited file), and
// ErrMalformed when a slot is damaged. The caller wipes the key.
func (f *File) Unlock(ids []age.Identity) ([]byte, error) { return f.Active.Unlock(ids) }

// NewKey makes a key entry for dataKey wrapped to every recipient (the
// pending key of a rotation).
func NewKey(dataKey []byte, rs []Recipient, now time.Time) (*Key, error) {
	f, err := New("tmp", dataKey, rs, now)
	if err != nil {
		return nil, err
	}
	return &f.Active, nil
}

// Unlock returns this key's data key (see File.Unlock).
func (k *Key) Unlock(ids []age.Identity) ([]byte, error) {
	if len(ids) == 0 {
		return nil, ErrWrongKey
	}
	var damaged error
	for _, s := range k.Slots {
		dk, err := vaultcrypto.Unwrap(s.Wrapped, ids...)
		if errors.Is(err, vaultcrypto.ErrWrongKey) {
			continue
		}
		if err != nil {
			damaged = fmt.Errorf("slot %d: %w", s.ID, ErrMalformed)
			continue
		}
		if !vaultcrypto.CheckKey(dk, k.Check) {
			vaultcrypto.Wipe(dk)
			return nil, fmt.Errorf("slot %d: %w", s.ID, ErrCheck)
		}
		return dk, nil
	}
	if damaged != nil {
		return nil, damaged
	}
	return nil, ErrWrongKey
}

// Parse decodes and validates a key file.
func Parse(data []byte) (*File, error) {
	var probe struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("%w: not JSON", ErrMalformed)
	}
	if probe.Format != Format {
		return nil, fmt.Errorf("%w: not a memaudit key file", ErrMalformed)
	}
	if probe.Version != Version {
		return nil, fmt.Errorf("%w: version %d (this build reads %d)", ErrUnsupported, probe.Version, Version)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if err := f.Active.validate(); err != nil {
		return nil, err
	}
	if f.Pending != nil {
		if err := f.Pending.validate(); err != nil {
			return nil, err
		}
	}
	if f.VaultID == "" {
		return nil, fmt.Errorf("%w: no vault id", ErrMalformed)
	}
	return &f, nil
}

func (k *Key) validate() error {
	if k.ID == "" || len(k.Check) != 16 || len(k.Slots) == 0 {
		return fmt.Errorf("%w: key without id, check value or slots", ErrMalformed)
	}
	seen := map[int]bool{}
	for _, s := range k.Slots {
		if s.ID <= 0 || seen[s.ID] || len(s.Wrapped) == 0 || s.Type == "" {
			return fmt.Errorf("%w: bad slot %d", ErrMalformed, s.ID)
		}
		seen[s.ID] = true
	}
	return nil
}

// Marshal encodes the key file.
func (f *File) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Load reads and parses the key file at path.
func Load(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrMalformed, maxSize)
	}
	return Parse(data)
}

// Save writes the key file atomically with mode 0600.
func (f *File) Save(path string) error {
	b, err := f.Marshal()
	if err != nil {
		return err
	}
	return fsutil.WriteFileAtomic(path, b)
}
