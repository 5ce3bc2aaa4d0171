package backup

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// A backup holds a lock object, locks/<key id>/<snapshot id>, sealed, from
// before it lists the target until its manifest is written. Prune removes
// nothing while a lock younger than Retention.StaleLock exists: the packs
// of a backup in progress are not referenced by any manifest yet. A lock
// left by a killed backup goes stale and is removed by the next prune.

const lockKind = "lock"

type lockInfo struct {
	Time time.Time `json:"time"`
}

// liveLocks returns the locks younger than stale, and the stale ones.
func (r *repo) locks(ctx context.Context, now time.Time, stale time.Duration) (live, old []string, err error) {
	objs, err := r.t.List(ctx, locksDir)
	if err != nil {
		return nil, nil, err
	}
	for _, o := range objs {
		kid, _, _ := strings.Cut(strings.TrimPrefix(o.Name, locksDir), "/")
		k := r.keys[kid]
		at := o.Modified
		if k != nil {
			if b, err := r.t.Get(ctx, o.Name); err == nil {
				if plain, err := k.OpenObject(lockKind, o.Name, b); err == nil {
					var li lockInfo
					if json.Unmarshal(plain, &li) == nil {
						at = li.Time
					}
				}
			}
		}
		if now.Sub(at) > stale {
			old = append(old, o.Name)
		} else {
			live = append(live, o.Name)
		}
	}
	return live, old, nil
}
