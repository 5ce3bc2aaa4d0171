package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

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
	// One pass of DropFileWriterIDs has, under load, left a file under the
	// old key behind (CI saw it once); the next pass picks up what is left.
	for pass := 0; ; pass++ {
		old, err := foreignIndexFiles(s.idx, dir, newID)
		if err != nil {
			return fmt.Errorf("rekey index: %w", err)
		}
		if len(old) == 0 {
			break
		}
		if pass == rekeyPasses {
			return fmt.Errorf("rekey index: %s still sealed under the old key after %d passes", describeFiles(old), pass)
		}
		if err := s.dropOldFiles(ctx, dir, newID, old); err != nil {
			return err
		}
		if err := s.flushIndexLocked(); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// rekeyPasses bounds the passes of DropFileWriterIDs a rotation makes.
const rekeyPasses = 3

// dropOldFiles runs one pass of bleve's DropFileWriterIDs over old and
// returns once none of the index's files is sealed under a key but newID.
//
// DropFileWriterIDs re-seals the root snapshot, merges the segments and
// then waits for the old files to be deleted, which the held purges never
// do: it returns when the index is closed (closeIndex waits for it). The
// rotation needs only that no file under the old key is in use any more.
func (s *Store) dropOldFiles(ctx context.Context, dir, newID string, old map[string]string) error {
	cb, ok := s.idx.(bleve.IndexWithCallbacks)
	if !ok {
		return fmt.Errorf("rekey index: bleve cannot rewrite its files")
	}
	ids := make(map[string]struct{}, len(old))
	for id := range old {
		ids[id] = struct{}{}
	}
	done := make(chan error, 1)
	s.indexBG.Add(1)
	go func() {
		defer s.indexBG.Done()
		done <- cb.DropFileWriterIDs(ids)
	}()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			if err != nil {
				return fmt.Errorf("rekey index: %w", err)
			}
			return nil
		case <-tick.C:
			left, err := foreignIndexFiles(s.idx, dir, newID)
			if err != nil {
				return fmt.Errorf("rekey index: %w", err)
			}
			if len(left) == 0 {
				return nil
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// describeFiles says how many files of each kind a set of foreign file ids
// names (never the ids: they carry key ids).
func describeFiles(ids map[string]string) string {
	n := map[string]int{}
	for _, kind := range ids {
		n[kind]++
	}
	var parts []string
	for _, kind := range []string{"metadata", "segment", "snapshot"} {
		if n[kind] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s file(s)", n[kind], kind))
		}
	}
	return strings.Join(parts, ", ")
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
func foreignIndexFiles(idx bleve.Index, dir, keyID string) (map[string]string, error) {
	metaID, err := indexMetaWriterID(dir)
	if err != nil {
		return nil, err
	}
	ids := map[string]string{metaID: "metadata"}
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	if cb, ok := adv.(bleve.IndexWithCallbacks); ok {
		inUse, err := cb.FileWriterIDsInUse()
		if err != nil {
			return nil, err
		}
		segs, err := segmentWriterIDs(idx)
		if err != nil {
			return nil, err
		}
		for id := range inUse {
			if _, seen := ids[id]; seen {
				continue
			}
			ids[id] = "snapshot" // the root snapshot's, in root.bolt
			if segs[id] {
				ids[id] = "segment"
			}
		}
	}
	out := map[string]string{}
	for id, kind := range ids {
		if !strings.HasPrefix(id, indexcrypt.IDPrefix(keyID)) {
			out[id] = kind
		}
	}
	return out, nil
}

// segmentWriterIDs returns the file writer ids of the segments in idx's
// current snapshot.
func segmentWriterIDs(idx bleve.Index) (map[string]bool, error) {
	out := map[string]bool{}
	r, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	rd, err := r.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	snap, ok := rd.(*scorch.IndexSnapshot)
	if !ok {
		return out, nil
	}
	for _, ss := range snap.Segments() {
		if c, ok := ss.Segment().(interface{ CallbackId() string }); ok {
			out[c.CallbackId()] = true
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
	id, _, ok := splitIndexMeta(b)
	if !ok {
		return "", fmt.Errorf("%w: index metadata is truncated", ErrCorrupt)
	}
	return id, nil
}

// splitIndexMeta splits index metadata sealed by a file writer into the
// writer's id and the sealed bytes.
func splitIndexMeta(b []byte) (id string, sealed []byte, ok bool) {
	if len(b) < 4 {
		return "", nil, false
	}
	n := int(binary.BigEndian.Uint32(b[len(b)-4:]))
	if n > len(b)-4 {
		return "", nil, false
	}
	return string(b[len(b)-4-n : len(b)-4]), b[:len(b)-4-n], true
}

// indexMetaTemp is where bleve writes new index metadata before renaming
// it over index_meta.json (when a rotation re-seals it).
const indexMetaTemp = "index_meta.json_temp"

// dropPartialMetaTemp removes new index metadata that was not written in
// full. bleve writes it beside the old (indexMetaTemp), unsynced, and
// renames it into place; an open that finds the temporary file adopts it
// unchecked. After a crash or a full disk in the middle of that write, the
// old metadata is whole and the new is cut short: adopted, it would make
// the index unreadable and cost a rebuild. So the temporary file stays only
// if it opens under a key this vault holds (or, unencrypted, parses);
// otherwise the old metadata stands. (A whole one sealed under a key the
// vault no longer holds, from a rotation rolled back, goes too.)
func dropPartialMetaTemp(dir string, encrypted bool) error {
	p := filepath.Join(dir, indexMetaTemp)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !encrypted && json.Valid(b) {
		return nil
	}
	if id, sealed, ok := splitIndexMeta(b); encrypted && ok && indexcrypt.Opens(id, sealed) {
		return nil
	}
	return os.Remove(p)
}
