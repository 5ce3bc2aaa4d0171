package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/internal/keyfile"
	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// ParseRecipient parses a recipient for a key slot: an age X25519 recipient
// (age1...), an age post-quantum hybrid recipient (age1pq1...), or an SSH
// public key line (ssh-ed25519, ssh-rsa).
func ParseRecipient(s string) (Recipient, error) { return keyring.ParseRecipient(s) }

// PassphraseRecipient returns a passphrase key slot (age scrypt). age
// refuses to mix a passphrase with other recipients in one file, so it is a
// slot of its own.
func PassphraseRecipient(pass string) (Recipient, error) { return keyring.PassphraseRecipient(pass) }

// PassphraseIdentity returns the identity that opens a passphrase slot.
func PassphraseIdentity(pass string) (age.Identity, error) { return keyring.PassphraseIdentity(pass) }

// LoadIdentityFile reads an age or SSH identity file. A file that group or
// others can read is refused with ErrInsecureKeyFile unless allowLoose.
func LoadIdentityFile(path string, allowLoose bool) ([]age.Identity, error) {
	return keyring.LoadIdentityFile(path, allowLoose)
}

// SlotInfo describes a key slot. It never holds key material.
type SlotInfo struct {
	ID    int       `json:"id"`
	Type  string    `json:"type"`
	Label string    `json:"label"`
	Added time.Time `json:"added"`
	// Opens says whether the identities this store was opened with open
	// the slot.
	Opens bool `json:"opens_with_current_identity"`
}

// ErrKeyBusy is returned when another key operation holds the key lock.
var ErrKeyBusy = errors.New("another key operation is running on this vault")

// ErrLastSlot is returned by RemoveKeySlot for the last slot the current
// identity opens (without force), or the very last slot.
var ErrLastSlot = errors.New("refusing to remove the last slot the current identity can open")

const keyLockName = "key.lock"

// removeStaleKeyTemps removes the temporary key files (".key.json.tmp-*")
// that a crash during a key operation left behind: each is a complete key
// file wrapping the data key to a slot whose addition was never
// acknowledged. Only while no key operation runs (the key lock is free);
// a vault on a read-only file system is left as it is.
func removeStaleKeyTemps(dir string) error {
	temps, err := filepath.Glob(filepath.Join(dir, "."+keyFileName+".tmp-*"))
	if err != nil || len(temps) == 0 {
		return err
	}
	lock, err := fsutil.TryLock(filepath.Join(dir, keyLockName), 0)
	if err != nil {
		return nil // busy or read-only: another time
	}
	defer lock.Unlock()
	for _, t := range temps {
		if err := os.Remove(t); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return fsutil.SyncDir(dir)
}

// keyFileOp loads the key file under the key lock, checks that the
// identities open it, lets fn change it, saves it atomically and logs the
// change. fn gets the data key (wiped afterwards).
func (s *Store) keyFileOp(ctx context.Context, action string, fn func(f *keyfile.File, dataKey []byte) (detail string, err error)) error {
	if err := s.checkWritable("changing the key slots"); err != nil {
		return err
	}
	if s.opts.plaintext {
		return errors.New("a plaintext vault has no key file")
	}
	lock, err := fsutil.TryLock(filepath.Join(s.dir, keyLockName), 5*time.Second)
	if errors.Is(err, fsutil.ErrLocked) {
		return ErrKeyBusy
	}
	if err != nil {
		return err
	}
	defer lock.Unlock()
	path := filepath.Join(s.dir, keyFileName)
	f, err := keyfile.Load(path)
	if err != nil {
		return fmt.Errorf("%w: key file: %v", ErrCorrupt, err)
	}
	dataKey, err := f.Unlock(s.opts.Identities)
	if errors.Is(err, keyfile.ErrWrongKey) {
		return ErrWrongKey
	}
	if err != nil {
		return fmt.Errorf("%w: key file: %v", ErrCorrupt, err)
	}
	defer vaultcrypto.Wipe(dataKey)
	detail, err := fn(f, dataKey)
	if err != nil {
		return err
	}
	if err := f.Save(path); err != nil {
		return fmt.Errorf("write key file: %w", err)
	}
	tx, err := s.db.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	if err := s.appendLog(ctx, tx, s.opts.Now(), action, "", detail); err != nil {
		return err
	}
	return classify(tx.Commit())
}

// KeySlots lists the key file's slots.
func (s *Store) KeySlots() ([]SlotInfo, error) {
	f, err := keyfile.Load(filepath.Join(s.dir, keyFileName))
	if err != nil {
		return nil, fmt.Errorf("%w: key file: %v", ErrCorrupt, err)
	}
	opens := f.Opens(s.opts.Identities)
	var out []SlotInfo
	for _, sl := range f.Active.Slots {
		out = append(out, SlotInfo{ID: sl.ID, Type: sl.Type, Label: sl.Label, Added: sl.Added, Opens: opens[sl.ID]})
	}
	return out, nil
}

// AddKeySlot wraps the data key to another recipient (or passphrase).
func (s *Store) AddKeySlot(ctx context.Context, r Recipient) error {
	return s.keyFileOp(ctx, ActionKeys, func(f *keyfile.File, dk []byte) (string, error) {
		if err := f.AddSlot(dk, r, s.opts.Now()); err != nil {
			return "", err
		}
		return "added slot " + r.Type + " " + r.Label, nil
	})
}

// RemoveKeySlot removes a slot. It refuses the very last slot, and the last
// slot the current identities open unless force is set.
func (s *Store) RemoveKeySlot(ctx context.Context, id int, force bool) error {
	return s.keyFileOp(ctx, ActionKeys, func(f *keyfile.File, dk []byte) (string, error) {
		opens := f.Opens(s.opts.Identities)
		others := 0
		for sid := range opens {
			if sid != id {
				others++
			}
		}
		if len(f.Active.Slots) == 1 || (opens[id] && others == 0 && !force) {
			return "", ErrLastSlot
		}
		if err := f.RemoveSlot(id); err != nil {
			return "", err
		}
		return fmt.Sprintf("removed slot %d", id), nil
	})
}

// Rewrap replaces every slot with slots for rs, keeping the data key:
// who can open the vault changes, no data is touched. The key file is
// replaced atomically (temporary file, fsync, rename, fsync of the
// directory).
func (s *Store) Rewrap(ctx context.Context, rs []Recipient) error {
	if len(rs) == 0 {
		return errors.New("rewrap: at least one recipient or passphrase is required")
	}
	return s.keyFileOp(ctx, ActionRotate, func(f *keyfile.File, dk []byte) (string, error) {
		f.Active.Slots = nil
		var labels []string
		for _, r := range rs {
			if err := f.AddSlot(dk, r, s.opts.Now()); err != nil {
				return "", err
			}
			labels = append(labels, r.Type)
		}
		return fmt.Sprintf("rewrapped to %d slot(s): %s", len(rs), strings.Join(labels, ", ")), nil
	})
}
