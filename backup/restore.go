package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"filippo.io/age"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
	"github.com/memaudit/memaudit/store"
)

// RestoreOptions configure Restore.
type RestoreOptions struct {
	// Snapshot is the snapshot to restore; "" is the newest.
	Snapshot string
	// VaultID, when set, restores only a snapshot of that vault.
	VaultID string
	// Downloads is how many objects are fetched at once.
	Downloads int
}

// Restore writes the snapshot to dir (absent, or an empty directory) as a
// vault that opens with the identities the vault had when the snapshot was
// taken. The vault is assembled in a sibling directory and renamed into
// place only once every page has been authenticated and the database opens
// at the snapshot's mutation log head, so an interrupted restore leaves no
// half vault at dir. The index is rebuilt at the vault's first writable
// open.
func Restore(ctx context.Context, t Target, ids []age.Identity, dir string, o RestoreOptions) (*Snapshot, error) {
	if o.Downloads <= 0 {
		o.Downloads = DefaultUploads
	}
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return nil, fmt.Errorf("restore to %s: %w (directory not empty)", dir, store.ErrExists)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("restore to %s: %w", dir, err)
	}
	keys, _, err := unlock(ctx, t, ids)
	if err != nil {
		return nil, err
	}
	defer wipeAll(keys)
	r := newRepo(t, keys...)
	ref, m, err := r.pick(ctx, o.Snapshot, o.VaultID)
	if err != nil {
		return nil, err
	}
	view, _, err := r.view(ctx, ref, m)
	if err != nil {
		return nil, err
	}

	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".restoring-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // nothing left after a rename
	if err := os.Chmod(tmp, 0o700); err != nil {
		return nil, err
	}
	if err := r.writeDB(ctx, ref.KeyID, view, filepath.Join(tmp, "vault.db"), o.Downloads); err != nil {
		return nil, err
	}
	if err := fsutil.WriteFileAtomic(filepath.Join(tmp, "key.json"), m.KeyFile); err != nil {
		return nil, err
	}
	if err := store.WriteBackupMark(tmp, r.keys[ref.KeyID], store.BackupMark{Snapshot: m.ID, At: m.Time, Seq: m.Seq, LogRecords: m.LogRecords, LogHead: m.LogHead}); err != nil {
		return nil, err
	}
	// The restored database must be the snapshot's: its log ends where
	// the manifest says.
	s, err := store.Open(ctx, tmp, store.Options{Identities: ids, ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("restore: the restored vault does not open: %w", err)
	}
	n, err := s.LogLength(ctx)
	if err == nil && n != m.LogRecords {
		err = fmt.Errorf("%w: the restored log has %d records, the snapshot says %d", ErrCorrupt, n, m.LogRecords)
	}
	if err == nil {
		err = s.CompareLog(ctx, "snapshot "+m.ID, m.LogRecords, m.LogHead)
	}
	s.Close()
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	if err := fsutil.TightenTree(tmp); err != nil {
		return nil, err
	}
	_ = os.Remove(dir) // empty, or absent
	if err := os.Rename(tmp, dir); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	if err := fsutil.SyncDir(parent); err != nil {
		return nil, err
	}
	d := describe(ref, m)
	return &d, nil
}

// pick finds the snapshot by id, or the newest (of vaultID, when set).
func (r *repo) pick(ctx context.Context, id, vaultID string) (snapRef, *Manifest, error) {
	refs, _, err := r.snapshots(ctx)
	if err != nil {
		return snapRef{}, nil, err
	}
	var firstErr error
	for i := len(refs) - 1; i >= 0; i-- {
		if id != "" && refs[i].ID != id {
			continue
		}
		m, err := r.manifest(ctx, refs[i])
		if err != nil {
			if id != "" {
				return snapRef{}, nil, err
			}
			if firstErr == nil {
				firstErr = err
			}
			continue // the newest that is readable
		}
		if vaultID != "" && m.VaultID != vaultID {
			continue
		}
		return refs[i], m, nil
	}
	if firstErr != nil {
		return snapRef{}, nil, fmt.Errorf("%w (and %v)", ErrNoSnapshot, firstErr)
	}
	if id != "" {
		return snapRef{}, nil, fmt.Errorf("%w: %s", ErrNoSnapshot, id)
	}
	return snapRef{}, nil, ErrNoSnapshot
}

// writeDB fetches the packs a view needs and writes its pages to path.
func (r *repo) writeDB(ctx context.Context, keyID string, view []loc, path string, workers int) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, fsutil.FileMode)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Truncate(int64(len(view)) * pageSize); err != nil {
		return err
	}
	byPack := map[string][]int{}
	for i, l := range view {
		byPack[l.pack] = append(byPack[l.pack], i)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan string)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
		cancel()
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := r.keys[keyID].NewPageHasher()
			var sum [vaultcrypto.PageHashSize]byte
			for name := range jobs {
				plain, err := r.fetchPack(ctx, keyID, name)
				if err != nil {
					fail(err)
					return
				}
				for _, i := range byPack[name] {
					l := view[i]
					if (l.slot+1)*pageSize > len(plain) {
						fail(fmt.Errorf("%w: page %d is past the end of pack %s", ErrCorrupt, i, name))
						return
					}
					page := plain[l.slot*pageSize : (l.slot+1)*pageSize]
					h.Sum(&sum, page)
					if sum != l.hash {
						fail(fmt.Errorf("%w: page %d does not match the manifest", ErrCorrupt, i))
						return
					}
					if _, err := f.WriteAt(page, int64(i)*pageSize); err != nil {
						fail(err)
						return
					}
				}
			}
		}()
	}
	for _, name := range sortedKeys(byPack) {
		select {
		case jobs <- name:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	if first != nil {
		return first
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

func wipeAll(keys []*vaultcrypto.BackupKeys) {
	for _, k := range keys {
		k.Wipe()
	}
}
