package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/internal/keyfile"
	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// rotatingName is the new database while a rotation exports it.
const rotatingName = dbFileName + ".rotating"

// rotateHook, when set (tests only), is called at each step of a rotation.
var rotateHook func(step string)

func hook(step string) {
	if rotateHook != nil {
		rotateHook(step)
	}
}

// Rotate replaces the vault's data key: a new random key wrapped to the same
// slots (passphrase slots need their passphrase again in extra, which can
// also add slots), the database re-encrypted under it page by page into a
// new file that replaces the old one, and the index's files re-encrypted
// under it in place. The vault must not
// be open elsewhere. The protocol survives a crash at any point (see
// docs/format.md): the key file names the new key as pending before any
// data is touched, and Open finishes or rolls back by comparing the
// database's header with both keys.
func Rotate(ctx context.Context, dir string, opts Options, extra []Recipient) error {
	opts.fill()
	// An earlier interrupted rotation is finished or rolled back first.
	s0, err := Open(ctx, dir, opts)
	if err != nil {
		return err
	}
	if err := s0.Close(); err != nil {
		return err
	}
	lock, err := fsutil.TryLock(filepath.Join(dir, keyLockName), 5*opts.IndexWait)
	if errors.Is(err, fsutil.ErrLocked) {
		return ErrKeyBusy
	}
	if err != nil {
		return err
	}
	defer lock.Unlock()
	// Take the index lock: no other process may have the vault open while
	// its key changes.
	s, err := open(ctx, dir, opts, true)
	if err != nil {
		return err
	}
	if !s.hasIdx.Load() {
		s.Close()
		return errors.New("rotate: another process has the vault open; stop it first")
	}
	path := filepath.Join(dir, keyFileName)
	kf, err := keyfile.Load(path)
	if err != nil {
		s.Close()
		return fmt.Errorf("%w: key file: %v", ErrCorrupt, err)
	}
	var rs []Recipient
	passphrases := 0
	for _, r := range extra {
		if r.Type == keyfile.TypeScrypt {
			passphrases++
		}
	}
	for _, sl := range kf.Active.Slots {
		if sl.Type == keyfile.TypeScrypt {
			if passphrases == 0 {
				s.Close()
				return errors.New("rotate: the vault has a passphrase slot; give the passphrase again (or rewrap without it first)")
			}
			continue
		}
		if sl.Recipient == "" {
			s.Close()
			return fmt.Errorf("rotate: slot %d has no recipient recorded; add it again with keys add", sl.ID)
		}
		r, err := keyring.ParseRecipient(sl.Recipient)
		if err != nil {
			s.Close()
			return fmt.Errorf("rotate: slot %d: %w", sl.ID, err)
		}
		rs = append(rs, r)
	}
	rs = append(rs, extra...)
	newKey, err := vaultcrypto.NewDataKey()
	if err != nil {
		s.Close()
		return err
	}
	defer vaultcrypto.Wipe(newKey)
	pending, err := keyfile.NewKey(newKey, rs, opts.Now())
	if err != nil {
		s.Close()
		return err
	}
	// The recall spool is under the old key: drain it into the database
	// (which the export re-encrypts) and remove it before the key changes.
	if err := s.retireSpool(ctx); err != nil {
		s.Close()
		return fmt.Errorf("rotate: drain the recall spool: %w", err)
	}
	kf.Pending = pending
	if err := kf.Save(path); err != nil {
		s.Close()
		return fmt.Errorf("rotate: write key file: %w", err)
	}
	hook("pending")

	// The log records the rotation before the export, so the record is in
	// the new database. (If the rotation is rolled back, the record says
	// it was started; the key file's active key id tells the outcome.)
	if err := s.appendRotateLog(ctx, kf.Active.ID, pending.ID); err != nil {
		s.Close()
		return err
	}
	// Export the database under the new key into a new file.
	rotating := filepath.Join(dir, rotatingName)
	os.Remove(rotating)
	if err := fsutil.CreatePrivate(rotating); err != nil {
		s.Close()
		return err
	}
	oldKey, err := kf.Active.Unlock(opts.Identities)
	if err != nil {
		s.Close()
		return fmt.Errorf("rotate: %w", err)
	}
	oldSpec, spec := vaultcrypto.SQLCipherKey(oldKey), vaultcrypto.SQLCipherKey(newKey)
	vaultcrypto.Wipe(oldKey)
	// Meanwhile, on the other core, the index is re-encrypted under the
	// new key in place: its files are rewritten, not rebuilt from the
	// database.
	rekeyed := make(chan error, 1)
	go func() {
		err := s.rekeyIndex(ctx, newKey)
		if err == nil {
			hook("rekeyed")
		}
		rekeyed <- err
	}()
	err = s.reencryptTo(ctx, rotating, oldSpec, spec)
	vaultcrypto.Wipe(oldSpec)
	vaultcrypto.Wipe(spec)
	if err == nil {
		err = syncFile(rotating)
	}
	if err == nil {
		hook("exported")
	}
	if rerr := <-rekeyed; err == nil && rerr != nil {
		err = fmt.Errorf("re-encrypt the index: %w", rerr)
	}
	if err != nil {
		s.Close()
		return fmt.Errorf("rotate: %w (the vault keeps its old key; the next open rolls back, and rebuilds the index if it was half re-encrypted)", err)
	}
	// Close everything, then swap the files.
	if err := s.Close(); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(filepath.Join(dir, dbFileName+suffix)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	hook("closed")
	if err := os.Rename(rotating, filepath.Join(dir, dbFileName)); err != nil {
		return err
	}
	if err := fsutil.SyncDir(dir); err != nil {
		return err
	}
	hook("swapped")
	if err := promote(dir, kf); err != nil {
		return err
	}
	// An open under the new key deletes the index files the rotation
	// stopped using (bleve removes files its snapshot does not name), so
	// that nothing under the old key stays.
	s, err = Open(ctx, dir, opts)
	if err != nil {
		return fmt.Errorf("rotate: the new key is in place, but the vault does not open: %w", err)
	}
	return s.Close()
}

// appendRotateLog records the rotation; the record is exported with the
// rest, so it is in the new database too.
func (s *Store) appendRotateLog(ctx context.Context, from, to string) error {
	tx, err := s.db.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	if err := s.appendLog(ctx, tx, s.opts.Now(), ActionRotate, "", "data key "+from+" -> "+to); err != nil {
		return err
	}
	return classify(tx.Commit())
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// promote makes the pending key active. The index was re-encrypted under
// it before the swap; after a crash in the middle of that, the next open
// finds files under another key and rebuilds the index.
func promote(dir string, kf *keyfile.File) error {
	kf.Active, kf.Pending = *kf.Pending, nil
	if err := kf.Save(filepath.Join(dir, keyFileName)); err != nil {
		return fmt.Errorf("rotate: write key file: %w", err)
	}
	hook("promoted")
	return nil
}

// recoverRotation finishes or rolls back an interrupted rotation: the
// database header tells which key the database is under. It returns what
// it did, for the mutation log.
func recoverRotation(dir string, kf *keyfile.File, opts Options) (string, error) {
	lock, err := fsutil.TryLock(filepath.Join(dir, keyLockName), 5*opts.IndexWait)
	if errors.Is(err, fsutil.ErrLocked) {
		return "", ErrKeyBusy
	}
	if err != nil {
		return "", err
	}
	defer lock.Unlock()
	activeKey, errA := kf.Active.Unlock(opts.Identities)
	pendingKey, errP := kf.Pending.Unlock(opts.Identities)
	defer vaultcrypto.Wipe(activeKey)
	defer vaultcrypto.Wipe(pendingKey)
	if errA != nil && errP != nil {
		if errors.Is(errA, keyfile.ErrWrongKey) {
			return "", ErrWrongKey
		}
		return "", fmt.Errorf("%w: key file: %v", ErrCorrupt, errA)
	}
	activeID, pendingID := kf.Active.ID, kf.Pending.ID
	switch {
	case errP == nil && checkHeader(filepath.Join(dir, dbFileName), pendingKey) == nil:
		// The swap happened: finish.
		os.Remove(filepath.Join(dir, rotatingName))
		if err := promote(dir, kf); err != nil {
			return "", err
		}
		return fmt.Sprintf("interrupted rotation to key %s finished at open (the database had been swapped); key %s destroyed", pendingID, activeID), nil
	case errA == nil && checkHeader(filepath.Join(dir, dbFileName), activeKey) == nil:
		// The swap did not happen: roll back.
		if err := os.Remove(filepath.Join(dir, rotatingName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		kf.Pending = nil
		if err := kf.Save(filepath.Join(dir, keyFileName)); err != nil {
			return "", err
		}
		return fmt.Sprintf("interrupted rotation to key %s rolled back at open (the database had not been swapped); key %s stays active and key %s was never used", pendingID, activeID, pendingID), nil
	}
	return "", fmt.Errorf("%w: the database is under neither the active nor the pending key of an unfinished rotation", ErrCorrupt)
}

// logRecovery records what recoverRotation did.
func (s *Store) logRecovery(ctx context.Context, detail string) error {
	tx, err := s.db.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	if err := s.appendLog(ctx, tx, s.opts.Now(), ActionRotate, "", detail); err != nil {
		return err
	}
	return classify(tx.Commit())
}
