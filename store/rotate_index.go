package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/memaudit/memaudit/internal/indexcrypt"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// rekeyIndex re-encrypts the index under newKey's index key in place,
// without rebuilding it: from now on bleve writes its files under the new
// key, and DropFileWriterIDs rewrites every file sealed under the old one
// (segments by a merge, which reads and so authenticates every chunk; the
// root snapshot and index metadata by re-sealing). The files under the old
// key that nothing uses any more are deleted by the open that ends the
// rotation: until this index is closed, bleve's purges are held (see
// holdPurges). A crash before the rotation completes leaves files under a
// key the next open does not hold; it notices (foreignIndexFiles) and
// rebuilds. The caller holds the vault alone (Rotate) and closes the index
// afterwards.
func (s *Store) rekeyIndex(ctx context.Context, newKey []byte) error {
	if newKey == nil || !s.hasIdx.Load() {
		return nil
	}
	dir, err := filepath.Abs(s.indexDir())
	if err != nil {
		return err
	}
	ik := vaultcrypto.IndexKey(newKey)
	newID := indexcrypt.KeyID(ik)
	err = indexcrypt.Rekey(dir, newID, ik)
	vaultcrypto.Wipe(ik)
	if err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	holdPurges(s.idx)
	// What bleve holds in memory is written under the new key from now on;
	// write it out, so that every file on disk is in the list below. (The
	// persist waited for also comes after any purge begun before the hold.)
	if err := s.flushIndexLocked(); err != nil {
		return err
	}
	old, err := foreignIndexFiles(s.idx, dir, newID)
	if err != nil {
		return err
	}
	if len(old) > 0 {
		cb, ok := s.idx.(bleve.IndexWithCallbacks)
		if !ok {
			return fmt.Errorf("rekey index: bleve cannot rewrite its files")
		}
		// DropFileWriterIDs re-seals the root snapshot, merges the
		// segments and then waits for the old files to be deleted, which
		// the held purges never do: it returns when the index is closed
		// (closeIndex waits for it). The rotation needs only that no
		// file under the old key is in use any more.
		done := make(chan error, 1)
		s.indexBG.Add(1)
		go func() {
			defer s.indexBG.Done()
			done <- cb.DropFileWriterIDs(old)
		}()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
	wait:
		for {
			select {
			case err := <-done:
				if err != nil {
					return fmt.Errorf("rekey index: %w", err)
				}
				break wait
			case <-tick.C:
				left, err := foreignIndexFiles(s.idx, dir, newID)
				if err != nil {
					return fmt.Errorf("rekey index: %w", err)
				}
				if len(left) == 0 {
					break wait
				}
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	if err := s.flushIndexLocked(); err != nil {
		return err
	}
	if left, err := foreignIndexFiles(s.idx, dir, newID); err != nil || len(left) > 0 {
		return fmt.Errorf("rekey index: %d file(s) still sealed under the old key (%v)", len(left), err)
	}
	return ctx.Err()
}

// foreignIndexFiles returns the file ids in use by the index that are not
// sealed under keyID (an interrupted rotation's leftovers, say).
//
// It asks scorch, which answers under its own locks, for the ids of the
// segments and the root snapshot, and reads the id of index_meta.json from
// the file itself (bleve keeps it at the end: id, then its length as a
// big-endian uint32). bleve's own FileWriterIDsInUse reads its in-memory
// copy of that id without the lock DropFileWriterIDs takes to replace it,
// so calling it while a rotation's DropFileWriterIDs runs is a data race.
func foreignIndexFiles(idx bleve.Index, dir, keyID string) (map[string]struct{}, error) {
	out := map[string]struct{}{}
	metaID, err := indexMetaWriterID(dir)
	if err != nil {
		return nil, err
	}
	ids := map[string]struct{}{metaID: {}}
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	if cb, ok := adv.(bleve.IndexWithCallbacks); ok {
		segIDs, err := cb.FileWriterIDsInUse()
		if err != nil {
			return nil, err
		}
		for id := range segIDs {
			ids[id] = struct{}{}
		}
	}
	for id := range ids {
		if !strings.HasPrefix(id, indexcrypt.IDPrefix(keyID)) {
			out[id] = struct{}{}
		}
	}
	return out, nil
}

// indexMetaWriterID reads the file writer id bleve appended to the index
// metadata in dir ("" for metadata written without one).
func indexMetaWriterID(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "index_meta.json"))
	if err != nil {
		return "", err
	}
	if json.Valid(b) {
		return "", nil
	}
	if len(b) < 4 {
		return "", fmt.Errorf("%w: index metadata is truncated", ErrCorrupt)
	}
	n := int(binary.BigEndian.Uint32(b[len(b)-4:]))
	if n > len(b)-4 {
		return "", fmt.Errorf("%w: index metadata is truncated", ErrCorrupt)
	}
	return string(b[len(b)-4-n : len(b)-4]), nil
}
