package backup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/memaudit/memaudit/internal/ulid"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
	"github.com/memaudit/memaudit/store"
)

const pageSize = store.PageSize

// Defaults used where an Options field is zero.
const (
	// DefaultUploads is how many objects go up (or down) at once.
	DefaultUploads = 4
	// DefaultDeltaShare: a snapshot lists only the pages that differ from
	// its base while they are at most this share of the vault's pages;
	// past it, it lists every page (and becomes the next base). Uploads
	// are the same either way: only new page contents are uploaded.
	DefaultDeltaShare = 0.2
)

// Options configure Backup. The zero value is right for most uses.
type Options struct {
	// Full uploads every pack this snapshot writes, even where the target
	// already holds one by that name, and ignores the previous snapshot:
	// it replaces damaged or missing objects.
	Full bool
	// AllowRollback backs up a vault that is older than the target's
	// newest snapshot of it, or forked from it (after a deliberate
	// restore of an older snapshot); otherwise that is ErrRollback.
	AllowRollback bool
	// Uploads is how many objects are uploaded at once.
	Uploads int
	// Now returns the current time; tests set it.
	Now func() time.Time
}

func (o *Options) fill() {
	if o.Uploads <= 0 {
		o.Uploads = DefaultUploads
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Result describes a backup.
type Result struct {
	Snapshot   string    `json:"snapshot"`
	Time       time.Time `json:"time"`
	Seq        int64     `json:"seq"`
	Entries    int       `json:"entries"`
	LogRecords int64     `json:"log_records"`
	LogHead    string    `json:"log_head"`
	Pages      int       `json:"pages"`
	// NewPages were uploaded; the others were in the target already (in
	// an earlier snapshot, or a pack an interrupted backup left).
	NewPages int `json:"new_pages"`
	// Uploaded counts the bytes put: packs, the manifest and the key stub.
	Uploaded int64 `json:"uploaded_bytes"`
	// Base is the full snapshot this one lists its changes against ("" for
	// a full listing).
	Base string `json:"base,omitempty"`
}

// Backup takes a consistent snapshot of the open vault s and copies what the
// target does not hold yet. Agents may keep writing meanwhile (see
// store.Snapshot). The vault then remembers the snapshot as its newest
// backup (for rollback detection).
func Backup(ctx context.Context, s *store.Store, t Target, o Options) (*Result, error) {
	o.fill()
	k, err := s.BackupKeys()
	if err != nil {
		return nil, err
	}
	r := newRepo(t, k)
	kid := k.ID()
	now := o.Now().UTC()
	id := ulid.New(now)

	lockName := locksDir + kid + "/" + id
	lb, _ := json.Marshal(lockInfo{Time: now})
	if err := t.Put(ctx, lockName, k.SealObject(lockKind, lockName, lb)); err != nil {
		return nil, fmt.Errorf("backup to %s: %w", t, err)
	}
	defer t.Delete(context.WithoutCancel(ctx), lockName)

	// The newest snapshot this vault made: the pages to compare with, and
	// the history the vault must continue.
	var parent []loc
	var parentBase *Manifest
	var parentM *Manifest
	refs, _, err := r.snapshots(ctx)
	if err != nil {
		return nil, fmt.Errorf("backup to %s: %w", t, err)
	}
	for i := len(refs) - 1; i >= 0; i-- {
		m, err := r.manifest(ctx, refs[i])
		if err != nil || m.VaultID != s.VaultID() {
			continue // damaged (verify reports it) or another vault's
		}
		if parentM == nil {
			parentM = m
			if err := s.CompareLog(ctx, "the target's newest snapshot "+m.ID, m.LogRecords, m.LogHead); err != nil {
				if !errors.Is(err, store.ErrRolledBack) {
					return nil, err
				}
				if !o.AllowRollback {
					return nil, fmt.Errorf("%w: %v", ErrRollback, err)
				}
			}
		}
		if o.Full {
			break
		}
		v, base, err := r.view(ctx, refs[i], m)
		if err != nil {
			continue
		}
		parent, parentBase = v, base
		if base == nil {
			parentBase = m
		}
		break
	}
	have, err := r.packNames(ctx, kid)
	if err != nil {
		return nil, fmt.Errorf("backup to %s: %w", t, err)
	}

	sn, err := s.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer sn.Close()
	if err := publishKey(ctx, t, k, sn.KeyFile); err != nil {
		return nil, fmt.Errorf("backup to %s: %w", t, err)
	}

	up := newUploader(ctx, t, k, o.Uploads, o.Full, have)
	byHash := map[[vaultcrypto.PageHashSize]byte]loc{}
	for _, l := range parent {
		if _, ok := have[l.pack]; ok {
			byHash[l.hash] = l
		}
	}
	rows := make([]tableEntry, sn.Pages)
	h := k.NewPageHasher()
	buf := make([]byte, packPages*pageSize)
	for first := 0; first < sn.Pages; first += packPages {
		n := min(packPages, sn.Pages-first)
		if err := sn.ReadPages(first, buf[:n*pageSize]); err != nil {
			up.abort()
			return nil, err
		}
		for i := 0; i < n; i++ {
			page := buf[i*pageSize : (i+1)*pageSize]
			row := &rows[first+i]
			row.page = first + i
			h.Sum(&row.hash, page)
			if l, ok := byHash[row.hash]; ok {
				row.loc = l
				continue
			}
			up.add(row, page)
		}
	}
	up.flush()
	newPages := up.pages
	// Every page is read: let SQLite checkpoint again while uploads finish.
	snapInfo := *sn
	sn.Close()
	if err := up.wait(); err != nil {
		return nil, fmt.Errorf("backup to %s: %w", t, err)
	}

	m := &Manifest{Format: manifestFormat, Version: manifestVersion, ID: id, Time: now, VaultID: snapInfo.VaultID,
		KeyID: snapInfo.KeyID, Seq: snapInfo.Seq, Entries: snapInfo.Entries, LogRecords: snapInfo.LogRecords,
		LogHead: snapInfo.LogHead, KeyFile: snapInfo.KeyFile, PageSize: pageSize, Pages: snapInfo.Pages,
		Uploaded: up.bytes, NewPages: newPages}
	listed := rows
	if parentBase != nil && !o.Full {
		var baseView []loc
		if parentBase == parentM && parentM.Base == "" {
			baseView = parent
		} else if bv, _, err := r.view(ctx, snapRef{ID: parentBase.ID, KeyID: kid}, parentBase); err == nil {
			baseView = bv
		}
		if baseView != nil {
			var diff []tableEntry
			for _, row := range rows {
				if row.page >= len(baseView) || baseView[row.page] != row.loc {
					diff = append(diff, row)
				}
			}
			if float64(len(diff)) <= DefaultDeltaShare*float64(len(rows)) {
				listed, m.Base = diff, parentBase.ID
			}
		}
	}
	// A prune that ran meanwhile may have removed a pack this snapshot
	// reuses (prune waits for no backup lock only when it starts).
	if m.Base != "" || len(listed) > 0 {
		now, err := r.packNames(ctx, kid)
		if err != nil {
			return nil, fmt.Errorf("backup to %s: %w", t, err)
		}
		for _, row := range rows {
			if _, ok := now[row.pack]; !ok {
				return nil, fmt.Errorf("backup to %s: pack %s vanished while the backup ran (a concurrent prune?); run it again", t, row.pack)
			}
		}
	}
	packIndex := map[string]int{}
	for _, row := range listed {
		if _, ok := packIndex[row.pack]; !ok {
			packIndex[row.pack] = len(m.Packs)
			m.Packs = append(m.Packs, row.pack)
		}
	}
	m.Table = encodeTable(listed, packIndex)
	sealed, err := m.seal(k)
	if err != nil {
		return nil, err
	}
	if err := t.Put(ctx, snapRef{ID: id, KeyID: kid}.object(), sealed); err != nil {
		return nil, fmt.Errorf("backup to %s: %w", t, err)
	}
	if err := s.MarkBackup(store.BackupMark{Snapshot: id, At: now, Seq: m.Seq, LogRecords: m.LogRecords, LogHead: m.LogHead}); err != nil {
		return nil, err
	}
	return &Result{Snapshot: id, Time: now, Seq: m.Seq, Entries: m.Entries, LogRecords: m.LogRecords,
		LogHead: fmt.Sprintf("%x", m.LogHead), Pages: m.Pages, NewPages: newPages,
		Uploaded: up.bytes + int64(len(sealed)), Base: m.Base}, nil
}

// uploader packs new pages and uploads the packs with a few workers.
type uploader struct {
	parent context.Context
	ctx    context.Context
	cancel context.CancelFunc
	t      Target
	k      *vaultcrypto.BackupKeys
	force  bool
	have   map[string]int64

	buf  []byte
	rows []*tableEntry

	pages int // pages sent up
	jobs  chan []byte
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error
	bytes int64
}

func newUploader(ctx context.Context, t Target, k *vaultcrypto.BackupKeys, workers int, force bool, have map[string]int64) *uploader {
	inner, cancel := context.WithCancel(ctx)
	u := &uploader{ctx: inner, parent: ctx, cancel: cancel, t: t, k: k, force: force, have: have, jobs: make(chan []byte, workers)}
	for i := 0; i < workers; i++ {
		u.wg.Add(1)
		go func() {
			defer u.wg.Done()
			for plain := range u.jobs {
				u.put(plain)
			}
		}()
	}
	return u
}

func (u *uploader) add(row *tableEntry, page []byte) {
	if u.buf == nil {
		u.buf = make([]byte, 0, packPages*pageSize)
	}
	row.slot = len(u.buf) / pageSize
	u.buf = append(u.buf, page...)
	u.rows = append(u.rows, row)
	if len(u.buf) == packPages*pageSize {
		u.flush()
	}
}

func (u *uploader) flush() {
	if len(u.buf) == 0 {
		return
	}
	name := u.k.Name(packKind, u.buf)
	for _, r := range u.rows {
		r.pack = name
	}
	plain := u.buf
	u.buf, u.rows = nil, nil
	if _, ok := u.have[name]; ok && !u.force {
		return
	}
	u.have[name] = int64(len(plain))
	u.pages += len(plain) / pageSize
	select {
	case u.jobs <- plain:
	case <-u.ctx.Done():
	}
}

func (u *uploader) put(plain []byte) {
	if u.ctx.Err() != nil {
		return
	}
	name := u.k.Name(packKind, plain)
	sealed := u.k.SealObject(packKind, name, plain)
	if err := u.t.Put(u.ctx, packObject(u.k.ID(), name), sealed); err != nil {
		u.mu.Lock()
		if u.err == nil {
			u.err = err
		}
		u.mu.Unlock()
		u.cancel()
		return
	}
	u.mu.Lock()
	u.bytes += int64(len(sealed))
	u.mu.Unlock()
}

func (u *uploader) wait() error {
	close(u.jobs)
	u.wg.Wait()
	u.cancel()
	if u.err != nil {
		return u.err
	}
	return u.parent.Err()
}

func (u *uploader) abort() {
	u.cancel()
	_ = u.wait()
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
