package backup

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"filippo.io/age"
)

// DefaultStaleLock is the age past which a backup's lock is taken to be
// left by a backup that died.
const DefaultStaleLock = 6 * time.Hour

// Retention says which snapshots Prune keeps, for each vault in the target:
// the KeepLast newest, and the newest of each of the KeepDaily most recent
// days (UTC) that have one. A kept snapshot's base is kept too.
type Retention struct {
	KeepLast  int
	KeepDaily int
	// StaleLock: locks older than this do not stop Prune (and are
	// removed). Zero is DefaultStaleLock.
	StaleLock time.Duration
	// DryRun says what would be removed without removing it.
	DryRun bool
	Now    func() time.Time
}

// PruneResult says what Prune kept and removed.
type PruneResult struct {
	Kept             []string `json:"kept"`
	RemovedSnapshots []string `json:"removed_snapshots"`
	RemovedPacks     int      `json:"removed_packs"`
	FreedBytes       int64    `json:"freed_bytes"`
	// Notes say what was left alone and why.
	Notes []string `json:"notes,omitempty"`
}

// ErrNoRetention: Prune was given no retention (it would remove every
// snapshot).
var ErrNoRetention = errors.New("no retention given: keep at least one snapshot")

// Prune removes the snapshots the retention does not keep, then every pack
// no remaining snapshot uses (an interrupted backup's too). It does nothing
// while a backup runs (ErrLocked), and never removes a pack a kept
// snapshot, or the base of one, uses; under a key whose snapshots cannot
// all be read it removes no pack.
func Prune(ctx context.Context, t Target, ids []age.Identity, ret Retention) (*PruneResult, error) {
	if ret.KeepLast <= 0 && ret.KeepDaily <= 0 {
		return nil, ErrNoRetention
	}
	if ret.StaleLock <= 0 {
		ret.StaleLock = DefaultStaleLock
	}
	if ret.Now == nil {
		ret.Now = time.Now
	}
	keys, _, err := unlock(ctx, t, ids)
	if err != nil {
		return nil, err
	}
	defer wipeAll(keys)
	r := newRepo(t, keys...)
	live, stale, err := r.locks(ctx, ret.Now(), ret.StaleLock)
	if err != nil {
		return nil, err
	}
	if len(live) > 0 {
		return nil, fmt.Errorf("%w (%s)", ErrLocked, strings.Join(live, ", "))
	}
	res := &PruneResult{}
	refs, _, err := r.snapshots(ctx)
	if err != nil {
		return nil, err
	}
	type snap struct {
		ref snapRef
		m   *Manifest
	}
	byVault := map[string][]snap{}
	unreadable := map[string]bool{} // keys with a snapshot that cannot be read
	for _, ref := range refs {
		m, err := r.manifest(ctx, ref)
		if err != nil {
			unreadable[ref.KeyID] = true
			res.Notes = append(res.Notes, fmt.Sprintf("snapshot %s cannot be read (%v): left alone, and no pack of its key is removed", ref.ID, err))
			continue
		}
		byVault[m.VaultID] = append(byVault[m.VaultID], snap{ref, m})
	}
	keep := map[string]bool{}
	for _, snaps := range byVault {
		slices.SortFunc(snaps, func(a, b snap) int { return strings.Compare(b.m.ID, a.m.ID) }) // newest first
		for i, s := range snaps {
			if i < ret.KeepLast {
				keep[s.m.ID] = true
			}
		}
		days := map[string]bool{}
		for _, s := range snaps {
			d := s.m.Time.UTC().Format(time.DateOnly)
			if !days[d] && len(days) < ret.KeepDaily {
				days[d] = true
				keep[s.m.ID] = true
			}
		}
		for _, s := range snaps {
			if keep[s.m.ID] && s.m.Base != "" {
				keep[s.m.Base] = true
			}
		}
	}
	used := map[string]map[string]bool{}
	for _, snaps := range byVault {
		for _, s := range snaps {
			if !keep[s.m.ID] {
				continue
			}
			res.Kept = append(res.Kept, s.m.ID)
			v, _, err := r.view(ctx, s.ref, s.m)
			if err != nil {
				unreadable[s.ref.KeyID] = true
				res.Notes = append(res.Notes, fmt.Sprintf("snapshot %s is kept but damaged (%v): no pack of its key is removed", s.m.ID, err))
				continue
			}
			if used[s.ref.KeyID] == nil {
				used[s.ref.KeyID] = map[string]bool{}
			}
			for _, l := range v {
				used[s.ref.KeyID][l.pack] = true
			}
		}
	}
	slices.Sort(res.Kept)
	// Manifests first: a pack is removed only once no manifest names it.
	for _, snaps := range byVault {
		for _, s := range snaps {
			if keep[s.m.ID] {
				continue
			}
			res.RemovedSnapshots = append(res.RemovedSnapshots, s.m.ID)
			if !ret.DryRun {
				if err := t.Delete(ctx, s.ref.object()); err != nil {
					return res, err
				}
			}
		}
	}
	slices.Sort(res.RemovedSnapshots)
	for _, kid := range sortedKeys(r.keys) {
		if unreadable[kid] {
			continue
		}
		have, err := r.packNames(ctx, kid)
		if err != nil {
			return res, err
		}
		for _, name := range sortedKeys(have) {
			if used[kid][name] {
				continue
			}
			res.RemovedPacks++
			res.FreedBytes += have[name]
			if !ret.DryRun {
				if err := t.Delete(ctx, packObject(kid, name)); err != nil {
					return res, err
				}
			}
		}
	}
	if !ret.DryRun {
		for _, l := range stale {
			if err := t.Delete(ctx, l); err != nil {
				return res, err
			}
		}
	}
	return res, nil
}
