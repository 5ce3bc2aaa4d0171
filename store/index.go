package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/internal/indexcrypt"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// seqKey is the index's internal key holding the last database change
// (meta.seq) it applied. It is written in the same batch as the documents, so
// bleve persists both together.
var seqKey = []byte("memaudit.seq")

// buildingSuffix names the directory an index is rebuilt in.
const buildingSuffix = ".building"

// mappingKey holds the version of the index mapping (newMapping); an index
// built with another version is rebuilt on open.
var mappingKey = []byte("memaudit.mapping")

// mappingVersion changes whenever what the index holds does. 2: the
// "finding" field. 3: segment-scoped text terms (index_doc.go).
const mappingVersion = "3"

// replayChunk is how many entries one index batch holds: big enough that an
// import makes few segments for bleve to merge, small enough to bound memory.
const replayChunk = 5000

// newMapping describes the fields for queries; documents are built by
// Entry.document (index_doc.go), not through the mapping.
func newMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	dm := bleve.NewDocumentStaticMapping()
	text := bleve.NewTextFieldMapping()
	text.Analyzer = standard.Name
	text.Store = false
	text.IncludeTermVectors = false
	text.DocValues = false
	// Not copied into bleve's composite _all field: queries name the text
	// field (DefaultField), and indexing the text twice would halve import
	// speed.
	text.IncludeInAll = false
	dm.AddFieldMappingsAt("text", text)
	for _, f := range []string{"segment", "status", "kind", "source_kind", "session", "tags", "finding"} {
		kw := bleve.NewKeywordFieldMapping()
		kw.Store = false
		kw.IncludeTermVectors = false
		kw.IncludeInAll = false
		kw.DocValues = false
		dm.AddFieldMappingsAt(f, kw)
	}
	im.DefaultMapping = dm
	im.DefaultAnalyzer = standard.Name
	im.DefaultField = "text"
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im
}

func (s *Store) indexDir() string { return filepath.Join(s.dir, indexDirName) }

// openIndex registers the index key, then opens the index, creating or
// rebuilding it from the database when it is missing or damaged, and replays
// the changes it missed.
func (s *Store) openIndex(ctx context.Context, dataKey []byte) error {
	dir, err := filepath.Abs(s.indexDir())
	if err != nil {
		return err
	}
	var kid string
	if dataKey != nil {
		ik := vaultcrypto.IndexKey(dataKey)
		// The file ids carry a key id derived from the index key itself, so
		// that files sealed under another key are recognised as such.
		kid = indexcrypt.KeyID(ik)
		// The index is rebuilt beside itself (dir.building) and renamed
		// into place, so both paths seal under the same key.
		unregIndex, err := indexcrypt.Register(dir, kid, ik)
		if err != nil {
			vaultcrypto.Wipe(ik)
			return err
		}
		unregBuild, err := indexcrypt.Register(dir+buildingSuffix, kid, ik)
		vaultcrypto.Wipe(ik)
		if err != nil {
			unregIndex()
			return err
		}
		s.unregister = func() { unregIndex(); unregBuild() }
	} else {
		s.unregister = func() {}
	}
	// One process at a time owns the index. The others work from the
	// database (which the owner replays) and never touch the index files.
	s.indexLock, err = fsutil.TryLock(filepath.Join(s.dir, indexLockName), s.opts.IndexWait)
	if errors.Is(err, fsutil.ErrLocked) {
		s.unregister()
		s.unregister = nil
		return nil
	}
	if err != nil {
		s.unregister()
		return err
	}
	// A rebuild that a crash interrupted left only its building
	// directory; the index itself is whole or absent.
	if err := os.RemoveAll(dir + buildingSuffix); err != nil {
		s.closeIndex()
		return err
	}
	if err := dropPartialMetaTemp(dir, kid != ""); err != nil {
		s.closeIndex()
		return err
	}
	idx, err := s.tryOpenIndex(dir)
	if err == nil && kid != "" {
		// Files under another key: a rotation interrupted while it
		// re-encrypted the index (rebuilt without a word when this open
		// follows that rotation's recovery), or damage.
		if old, ferr := foreignIndexFiles(idx, dir, kid); ferr != nil || len(old) > 0 {
			idx.Close()
			idx, err = nil, fmt.Errorf("%w: %d index file(s) sealed under another key", ErrCorrupt, len(old))
			if s.opts.recovering && ferr == nil {
				err = fs.ErrNotExist
			}
		}
	}
	if s.opts.recovering && errors.Is(err, indexcrypt.ErrUnknownKey) {
		err = fs.ErrNotExist // as above, when bleve could not even load it
	}
	switch {
	case err == nil:
		s.setIndex(idx)
	default:
		if !errors.Is(err, fs.ErrNotExist) {
			if s.opts.NoRepair {
				s.indexErr = err
				return nil
			}
			s.repaired = "index damaged: " + err.Error()
		}
		if err := s.rebuildIndex(ctx, dir); err != nil {
			s.unregister()
			return err
		}
		return nil
	}
	if v, err := s.idx.GetInternal(mappingKey); err != nil || string(v) != mappingVersion {
		// Built by an older memaudit: the database has everything to
		// build it again with today's fields.
		return s.rebuildIndexAfterClose(ctx, dir)
	}
	seq, err := s.indexSeq()
	if err != nil {
		return s.rebuildIndexAfterClose(ctx, dir)
	}
	dbSeq, err := s.dbSeq(ctx)
	if err != nil {
		s.closeIndex()
		return err
	}
	if seq > dbSeq {
		// The index knows changes the database does not: the database was
		// restored from an older copy. Trust the database.
		return s.rebuildIndexAfterClose(ctx, dir)
	}
	s.applied.Store(seq)
	s.wmu.Lock()
	err = s.catchUpLocked(ctx)
	if err == nil {
		err = s.indexCountAgrees(ctx)
	}
	s.wmu.Unlock()
	var short *indexShortError
	switch {
	case errors.As(err, &short) && s.opts.NoRepair:
		s.indexErr = err
		return nil
	case errors.As(err, &short):
		// An index that claims to be up to date but holds another number
		// of documents lost some (or kept some it should not): rebuild.
		s.repaired = err.Error()
		return s.rebuildIndexAfterClose(ctx, dir)
	case err != nil:
		s.closeIndex()
		return err
	}
	return nil
}

// indexShortError says the index holds another number of documents than
// the database has entries to index.
type indexShortError struct{ indexed, want uint64 }

func (e *indexShortError) Error() string {
	if e.indexed < e.want {
		return fmt.Sprintf("index holds %d documents fewer than the database has entries to index (%d of %d)", e.want-e.indexed, e.indexed, e.want)
	}
	return fmt.Sprintf("index holds %d documents more than the database has entries to index (%d, want %d)", e.indexed-e.want, e.indexed, e.want)
}

// indexCountAgrees compares the index's document count with the number of
// entries it should hold (all but the deleted), read in one database
// snapshot together with the change counter: when another process changed
// the vault after the catch-up, the comparison is left for the next open.
// The caller holds s.wmu.
func (s *Store) indexCountAgrees(ctx context.Context) error {
	tx, err := s.db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	var seqText string
	if err := tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'seq'").Scan(&seqText); err != nil {
		return classify(err)
	}
	if seq, err := strconv.ParseInt(seqText, 10, 64); err != nil || seq != s.applied.Load() {
		return nil
	}
	want, err := indexableCount(ctx, tx)
	if err != nil {
		return err
	}
	n, err := s.idx.DocCount()
	if err != nil {
		return err
	}
	if n != want {
		return &indexShortError{indexed: n, want: want}
	}
	return nil
}

// indexableCount is how many entries the index must hold: meta.indexable
// (schema 8), or counted where the vault has no such record.
func indexableCount(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (uint64, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'indexable'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		var n uint64
		err = q.QueryRowContext(ctx, "SELECT count(*) FROM entries WHERE status != 'deleted'").Scan(&n)
		return n, classify(err)
	}
	if err != nil {
		return 0, classify(err)
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: the count of entries to index", ErrCorrupt)
	}
	return n, nil
}

// addIndexable changes meta.indexable by delta inside a write transaction.
func addIndexable(ctx context.Context, tx *sql.Tx, delta int) error {
	_, err := tx.ExecContext(ctx, "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT) WHERE key = 'indexable'", delta)
	return classify(err)
}

func (s *Store) rebuildIndexAfterClose(ctx context.Context, dir string) error {
	if s.idx != nil {
		s.idx.Close()
		s.setIndex(nil)
	}
	if err := s.rebuildIndex(ctx, dir); err != nil {
		s.unregister()
		return err
	}
	return nil
}

func (s *Store) tryOpenIndex(dir string) (idx bleve.Index, err error) {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	// A damaged segment can make bleve's loader index out of range; that is
	// damage to rebuild from, not a reason to crash the agent.
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("%w: index failed to load", ErrCorrupt)
		}
	}()
	before, err := zapFiles(dir)
	if err != nil {
		return nil, err
	}
	idx, err = bleve.OpenUsing(dir, scorchConfig())
	if err != nil {
		return nil, err
	}
	// Opening removed the segment files a crash left half-written (those
	// the root snapshot does not name); every file left of those that were
	// there before must be whole. (Files the merger starts writing now are
	// not ours to judge.) Segment files never change once written: those
	// an earlier open checked, still of the same size and time, are not
	// read again (at a million entries that was 400 MB at every open).
	// Damage inside one is still found when a chunk is read (each is
	// authenticated) and by verify, which checks every file.
	checked := loadChecked(dir)
	var unchecked []string
	for _, name := range before {
		if !checked.same(dir, name) {
			unchecked = append(unchecked, name)
		}
	}
	if err := checkIndexFiles(dir, unchecked); err != nil {
		idx.Close()
		return nil, err
	}
	if !s.opts.ReadOnly {
		saveChecked(dir, before) // a cache: failing to write it costs only time
	}
	return idx, nil
}

// checkedName is the file, beside the index's files, that lists the
// segment files an open found whole: name, size and modification time.
const checkedName = "memaudit-checked.json"

type checkedFile struct {
	Size  int64 `json:"size"`
	MTime int64 `json:"mtime"`
}

type checkedFiles map[string]checkedFile

func loadChecked(dir string) checkedFiles {
	var c checkedFiles
	if b, err := os.ReadFile(filepath.Join(dir, checkedName)); err == nil {
		json.Unmarshal(b, &c)
	}
	return c
}

// same reports whether name is as it was when it was checked.
func (c checkedFiles) same(dir, name string) bool {
	was, ok := c[name]
	if !ok {
		return false
	}
	fi, err := os.Stat(filepath.Join(dir, "store", name))
	return err == nil && fi.Size() == was.Size && fi.ModTime().UnixNano() == was.MTime
}

func saveChecked(dir string, names []string) {
	c := checkedFiles{}
	for _, name := range names {
		if fi, err := os.Stat(filepath.Join(dir, "store", name)); err == nil {
			c[name] = checkedFile{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
		}
	}
	if b, err := json.Marshal(c); err == nil {
		fsutil.WriteFileAtomic(filepath.Join(dir, checkedName), b)
	}
}

// zapFiles lists the index's segment files.
func zapFiles(dir string) ([]string, error) {
	ents, err := os.ReadDir(filepath.Join(dir, "store"))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	var out []string
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".zap") {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

// checkIndexFiles verifies the CRC-32 that ends every listed scorch segment
// file that still exists, so that a damaged file is found at open rather than
// when a query happens to read it. (Encrypted chunks are also authenticated,
// but only when read.)
func checkIndexFiles(dir string, names []string) error {
	for _, name := range names {
		ok, err := zapFileOK(filepath.Join(dir, "store", name))
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w: index segment %s fails its checksum", ErrCorrupt, name)
		}
	}
	return nil
}

func zapFileOK(path string) (bool, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil // merged away meanwhile
	}
	if err != nil {
		return false, err
	}
	return len(b) >= 4 && crc32.ChecksumIEEE(b[:len(b)-4]) == binary.BigEndian.Uint32(b[len(b)-4:]), nil
}

// checkSnapshotFiles verifies the CRC-32 of every segment file the index's
// current snapshot uses (files it does not use may be a crash's leftovers).
func checkSnapshotFiles(idx bleve.Index) error {
	adv, err := idx.Advanced()
	if err != nil {
		return err
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	r, err := sc.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	for _, ss := range snap.Segments() {
		p, ok := ss.Segment().(interface{ Path() string })
		if !ok || p.Path() == "" {
			continue // in memory
		}
		good, err := zapFileOK(p.Path())
		if err != nil {
			return err
		}
		if !good {
			return fmt.Errorf("segment %s fails its checksum", filepath.Base(p.Path()))
		}
	}
	return nil
}

// scorchConfig tunes bleve for an index that is a cache of the database: a
// batch returns once its documents are searchable, without waiting for bleve
// to write and fsync a file (unsafe_batch; bleve's persister still writes in
// the background, merging what gathered meanwhile). Durability does not
// depend on it: the database commit comes first, and after a crash the index
// replays what it had not persisted (seqKey). Close and rebuilds wait for
// the persister (flushIndex) so that a clean shutdown replays nothing.
func scorchConfig() map[string]any {
	return map[string]any{
		"bolt_timeout":      "1s",
		"unsafe_batch":      true,
		"eventCallbackName": indexEventCallback,
	}
}

// flushTimeout bounds how long Close waits for bleve's persister.
const flushTimeout = 30 * time.Second

// flushIndexLocked waits until everything applied to the index is on disk.
// The caller holds s.wmu.
func (s *Store) flushIndexLocked() error {
	if s.idx == nil {
		return nil
	}
	done := make(chan error, 1)
	failed := persistErrors(s.idx)
	b := s.idx.NewBatch()
	b.SetInternal(seqKey, []byte(strconv.FormatInt(s.applied.Load(), 10)))
	b.SetPersistedCallback(func(err error) { done <- err })
	if err := s.idx.Batch(b); err != nil {
		return fmt.Errorf("%w: save the index: %w", ErrIndexBehind, err)
	}
	// bleve's persister retries a write that failed (a full disk) without
	// telling the waiting callback: its error counter does.
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	timeout := time.After(flushTimeout)
	for {
		select {
		case err := <-done:
			if err != nil {
				return fmt.Errorf("%w: save the index: %w", ErrIndexBehind, err)
			}
			return nil
		case <-tick.C:
			if n := persistErrors(s.idx) - failed; n >= persistRetries {
				return fmt.Errorf("%w: saving the index failed %d times (is the disk full?)", ErrIndexBehind, n)
			}
		case <-timeout:
			return fmt.Errorf("%w: saving the index timed out after %v (is the disk full?)", ErrIndexBehind, flushTimeout)
		}
	}
}

// persistRetries is how many failed attempts of bleve's persister a flush
// waits through.
const persistRetries = 3

// persistErrors is how many times bleve's persister failed to write.
func persistErrors(idx bleve.Index) uint64 {
	adv, err := idx.Advanced()
	if err != nil {
		return 0
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return 0
	}
	st, ok := sc.Stats().(*scorch.Stats)
	if !ok {
		return 0
	}
	return atomic.LoadUint64(&st.TotPersistLoopErr)
}

func newIndex(dir string) (bleve.Index, error) {
	return bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, scorchConfig())
}

// setIndex replaces the index the store uses (nil: none). Once the store
// is shared, the caller holds wmu.
func (s *Store) setIndex(idx bleve.Index) {
	s.idxMu.Lock()
	s.idx = idx
	s.hasIdx.Store(idx != nil)
	s.idxMu.Unlock()
}

// readIndex returns the index for a search, held until done is called;
// nil (with a done that does nothing) when there is none. Callers must not
// wait for wmu before calling done.
func (s *Store) readIndex() (idx bleve.Index, done func()) {
	s.idxMu.RLock()
	if s.idx == nil {
		s.idxMu.RUnlock()
		return nil, func() {}
	}
	return s.idx, s.idxMu.RUnlock
}

func (s *Store) closeIndex() error {
	var err error
	if s.idx != nil {
		err = s.idx.Close()
		// A rotation's DropFileWriterIDs returns once bleve is closed.
		s.indexBG.Wait()
		releasePurges(s.idx)
		s.setIndex(nil)
	}
	if s.unregister != nil {
		s.unregister()
		s.unregister = nil
	}
	return errors.Join(err, s.indexLock.Unlock())
}

func (s *Store) indexSeq() (int64, error) {
	b, err := s.idx.GetInternal(seqKey)
	if err != nil {
		return 0, err
	}
	if b == nil {
		return 0, nil
	}
	return strconv.ParseInt(string(b), 10, 64)
}

func (s *Store) dbSeq(ctx context.Context) (int64, error) {
	var v string
	if err := s.db.r.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'seq'").Scan(&v); err != nil {
		return 0, classify(err)
	}
	return strconv.ParseInt(v, 10, 64)
}

// catchUp applies changes other processes (or a crash) left unindexed.
func (s *Store) catchUp(ctx context.Context) error {
	if !s.hasIdx.Load() {
		return nil
	}
	seq, err := s.dbSeq(ctx)
	if err != nil {
		return err
	}
	if seq == s.applied.Load() {
		return nil
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.catchUpLocked(ctx)
}

// catchUpLocked replays every entry changed after the applied sequence
// number. The caller holds s.wmu.
//
// One import stamps all its entries with the same sequence number, so the
// entries are walked by (seq, rowid), never by seq alone: a page may end in
// the middle of such a run, and the next one must start right after it. The
// sequence number a page brings the index to is the last one it finished:
// when the page may have cut a run short, the one before that run's.
func (s *Store) catchUpLocked(ctx context.Context) error {
	if s.idx == nil {
		return nil
	}
	total := 0
	if s.opts.Progress != nil {
		if err := s.db.r.QueryRowContext(ctx, "SELECT count(*) FROM entries WHERE seq > ?", s.applied.Load()).Scan(&total); err != nil {
			return classify(err)
		}
	}
	done := 0
	// Rows after (seq, rowid): at first every row of a later change.
	seq, rowid := s.applied.Load(), int64(math.MaxInt64)
	for {
		ents, lastRowid, err := s.replayPage(ctx, seq, rowid)
		if err != nil {
			return err
		}
		if len(ents) == 0 {
			if seq > s.applied.Load() {
				// The last page was full and ended a run.
				return s.applyLocked(nil, seq)
			}
			return nil
		}
		if err := s.loadFindingRules(ctx, ents); err != nil {
			return err
		}
		seq, rowid = ents[len(ents)-1].seq, lastRowid
		finished := seq
		if len(ents) == replayChunk {
			finished = seq - 1 // the run of seq may go on in the next page
		}
		if err := s.applyLocked(ents, finished); err != nil {
			return err
		}
		done += len(ents)
		if s.opts.Progress != nil {
			s.opts.Progress(done, total)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// replayPage reads up to replayChunk entries that come after (seq, rowid)
// in change order, and the rowid of the last: first the rest of the run of
// seq, then later changes. (Two queries, because SQLite 3.33 does not seek
// an index on a row value: "(seq, rowid) > (?, ?)" would read a long run
// from its start for every page.)
func (s *Store) replayPage(ctx context.Context, seq, rowid int64) ([]*Entry, int64, error) {
	var ents []*Entry
	var last int64
	read := func(query string, args ...any) error {
		rows, err := s.db.r.QueryContext(ctx, "SELECT rowid, "+entryCols+" FROM entries WHERE "+query, args...)
		if err != nil {
			return classify(err)
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanEntryWithRowid(rows, &last)
			if err != nil {
				return err
			}
			ents = append(ents, e)
		}
		return classify(rows.Err())
	}
	if err := read("seq = ? AND rowid > ? ORDER BY rowid LIMIT ?", seq, rowid, replayChunk); err != nil {
		return nil, 0, err
	}
	if n := replayChunk - len(ents); n > 0 {
		if err := read("seq > ? ORDER BY seq, rowid LIMIT ?", seq, n); err != nil {
			return nil, 0, err
		}
	}
	return ents, last, nil
}

// applyLocked writes entries to the index in one batch together with the
// sequence number they bring the index to. The caller holds s.wmu.
func (s *Store) applyLocked(ents []*Entry, seq int64) error {
	return s.applyLockedCtx(context.Background(), ents, seq)
}

// applyLockedCtx is applyLocked that stops between chunks when ctx is
// done; the index then stays at the last sequence number it recorded.
func (s *Store) applyLockedCtx(ctx context.Context, ents []*Entry, seq int64) error {
	if s.idx == nil {
		return nil
	}
	// Large imports go in chunks so that one batch never holds a whole
	// import in memory; only the last carries the sequence number, so a
	// crash in between replays the rest (indexing is idempotent). With no
	// entries, one batch carries only the sequence number.
	total, done := len(ents), 0
	report := s.opts.Progress != nil && total > replayChunk
	for first := true; first || len(ents) > 0; first = false {
		n := min(len(ents), replayChunk)
		b := s.idx.NewBatch()
		for _, e := range ents[:n] {
			if e.Status == StatusDeleted {
				b.Delete(e.ID)
				continue
			}
			if err := b.IndexAdvanced(e.document()); err != nil {
				return fmt.Errorf("index entry: %w", err)
			}
		}
		ents = ents[n:]
		if len(ents) == 0 {
			b.SetInternal(seqKey, []byte(strconv.FormatInt(seq, 10)))
		}
		if err := s.idx.Batch(b); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
		if done += n; report {
			s.opts.Progress(done, total)
		}
		if len(ents) > 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	s.applied.Store(seq)
	return nil
}

// loadFindingRules fills in the rules the guard and the last scan found, for
// entries about to be indexed (replays and rebuilds).
func (s *Store) loadFindingRules(ctx context.Context, ents []*Entry) error {
	if s.schemaBefore(4) || len(ents) == 0 {
		return nil
	}
	byID := make(map[string]*Entry, len(ents))
	args := make([]any, 0, len(ents))
	for _, e := range ents {
		byID[e.ID] = e
		args = append(args, e.ID)
	}
	in := "(?" + strings.Repeat(",?", len(args)-1) + ")"
	add := func(id, rule string) {
		if e := byID[id]; e != nil && rule != "" && !slices.Contains(e.findingRules, rule) {
			e.findingRules = append(e.findingRules, rule)
		}
	}
	rows, err := s.db.r.QueryContext(ctx, "SELECT entry_id, rule FROM entry_findings WHERE entry_id IN "+in, args...)
	if err != nil {
		return classify(err)
	}
	for rows.Next() {
		var id, rule string
		if err := rows.Scan(&id, &rule); err != nil {
			rows.Close()
			return classify(err)
		}
		add(id, rule)
	}
	rows.Close()
	// The scan state holds findings as JSON; this SQLite has no JSON
	// functions, so they are decoded here.
	rows, err = s.db.r.QueryContext(ctx, "SELECT entry_id, findings FROM scan_state WHERE findings != '[]' AND entry_id IN "+in, args...)
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, raw string
		if err := rows.Scan(&id, &raw); err != nil {
			return classify(err)
		}
		var fs []struct {
			Rule string `json:"rule"`
		}
		if json.Unmarshal([]byte(raw), &fs) == nil {
			for _, f := range fs {
				add(id, f.Rule)
			}
		}
	}
	return classify(rows.Err())
}

// entryCols and scanEntry read entries from the database.
const entryCols = "id, seq, segment, text, kind, source_kind, source_uri, sender, channel, session, trust, created, updated, tags, status, hash"

type scanner interface{ Scan(...any) error }

func scanEntry(r scanner) (*Entry, int64, error) {
	return scanEntryInto(r)
}

// scanEntryWithRowid reads a row that starts with the rowid before
// entryCols.
func scanEntryWithRowid(r scanner, rowid *int64) (*Entry, error) {
	e, _, err := scanEntryInto(r, rowid)
	return e, err
}

// scanEntryInto scans the columns in lead, then entryCols.
func scanEntryInto(r scanner, lead ...any) (*Entry, int64, error) {
	var e Entry
	var seq, created, updated int64
	var tags, status, sk string
	var trust int
	if err := r.Scan(append(lead, &e.ID, &seq, &e.Segment, &e.Text, &e.Kind, &sk, &e.Source.URI, &e.Source.Sender,
		&e.Source.Channel, &e.Session, &trust, &created, &updated, &tags, &status, &e.Hash)...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, 0, ErrNotFound
		}
		return nil, 0, classify(err)
	}
	e.seq = seq
	e.Source.Kind = SourceKind(sk)
	e.Status = Status(status)
	e.Trust = trustOf(trust)
	e.Created = fromNanos(created)
	e.Updated = fromNanos(updated)
	if tags != "" && tags != "null" {
		if err := json.Unmarshal([]byte(tags), &e.Tags); err != nil {
			return nil, 0, fmt.Errorf("%w: entry tags", ErrCorrupt)
		}
	}
	return &e, seq, nil
}
