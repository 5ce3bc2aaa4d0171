package store

import (
	"context"
	"fmt"
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
// root snapshot and index metadata by re-sealing), waiting until the old
// files are gone. A crash before the rotation completes leaves files under
// a key the next open does not hold; it notices (foreignIndexFiles) and
// rebuilds. The caller holds the vault alone (Rotate).
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
	// What bleve holds in memory is written under the new key from now on;
	// write it out, so that every file on disk is in the list below.
	if err := s.flushIndexLocked(); err != nil {
		return err
	}
	old, err := foreignIndexFiles(s.idx, newID)
	if err != nil {
		return err
	}
	if len(old) > 0 {
		cb, ok := s.idx.(bleve.IndexWithCallbacks)
		if !ok {
			return fmt.Errorf("rekey index: bleve cannot rewrite its files")
		}
		// DropFileWriterIDs re-seals the root snapshot, merges the
		// segments and then waits for the old files to be deleted,
		// looking every 5 s. The rotation needs only that no file under
		// the old key is in use any more; the old files themselves are
		// deleted by the open that ends the rotation. (Closing the index
		// ends bleve's wait.)
		done := make(chan error, 1)
		go func() { done <- cb.DropFileWriterIDs(old) }()
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
				left, err := foreignIndexFiles(s.idx, newID)
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
	if left, err := foreignIndexFiles(s.idx, newID); err != nil || len(left) > 0 {
		return fmt.Errorf("rekey index: %d file(s) still sealed under the old key (%v)", len(left), err)
	}
	return ctx.Err()
}

// foreignIndexFiles returns the file ids in use by the index that are not
// sealed under keyID (an interrupted rotation's leftovers, say).
func foreignIndexFiles(idx bleve.Index, keyID string) (map[string]struct{}, error) {
	cb, ok := idx.(bleve.IndexWithCallbacks)
	if !ok {
		return nil, nil
	}
	ids, err := cb.FileWriterIDsInUse()
	if err != nil {
		return nil, err
	}
	out := map[string]struct{}{}
	for id := range ids {
		if !strings.HasPrefix(id, indexcrypt.IDPrefix(keyID)) {
			out[id] = struct{}{}
		}
	}
	return out, nil
}
