package backup

import (
	"context"
	"fmt"
	"strings"

	"filippo.io/age"
)

// Check is what Verify found.
type Check struct {
	Snapshots int   `json:"snapshots"`
	Packs     int   `json:"packs"`
	Bytes     int64 `json:"bytes"`
	// Problems are damage: a snapshot that cannot be restored, an object
	// that fails authentication or is missing.
	Problems []string `json:"problems"`
	// Notes are not damage: objects the identities do not open (another
	// vault, a key no slot of theirs opens), packs no snapshot uses (an
	// interrupted backup's; prune removes them), foreign objects.
	Notes []string `json:"notes,omitempty"`
}

// OK reports whether nothing is damaged.
func (c *Check) OK() bool { return len(c.Problems) == 0 }

// Verify fetches and checks every object in t that the identities open:
// each snapshot's manifest and base, and every pack (authenticated, its
// content matching its name, each page matching the manifests).
func Verify(ctx context.Context, t Target, ids []age.Identity) (*Check, error) {
	keys, skipped, err := unlock(ctx, t, ids)
	if err != nil {
		return nil, err
	}
	defer wipeAll(keys)
	c := &Check{}
	for _, s := range skipped {
		c.Notes = append(c.Notes, fmt.Sprintf("%s: a key the identities do not open (or not a key)", s))
	}
	r := newRepo(t, keys...)
	refs, foreign, err := r.snapshots(ctx)
	if err != nil {
		return nil, err
	}
	for _, f := range foreign {
		c.Notes = append(c.Notes, fmt.Sprintf("%s: not a snapshot under a key the identities open", f))
	}
	all, err := t.List(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, o := range all {
		if !strings.HasPrefix(o.Name, keysDir) && !strings.HasPrefix(o.Name, snapshotsDir) && !strings.HasPrefix(o.Name, dataDir) && !strings.HasPrefix(o.Name, locksDir) {
			c.Notes = append(c.Notes, fmt.Sprintf("%s: a foreign object (not part of any backup)", o.Name))
		}
	}
	// want[key][pack] lists the page locations the snapshots expect.
	want := map[string]map[string][]loc{}
	for _, ref := range refs {
		c.Snapshots++
		m, err := r.manifest(ctx, ref)
		if err != nil {
			c.Problems = append(c.Problems, fmt.Sprintf("snapshot %s: %v", ref.ID, err))
			continue
		}
		v, _, err := r.view(ctx, ref, m)
		if err != nil {
			c.Problems = append(c.Problems, fmt.Sprintf("snapshot %s: %v", ref.ID, err))
			continue
		}
		if want[ref.KeyID] == nil {
			want[ref.KeyID] = map[string][]loc{}
		}
		for _, l := range v {
			want[ref.KeyID][l.pack] = append(want[ref.KeyID][l.pack], l)
		}
	}
	for _, kid := range sortedKeys(r.keys) {
		have, err := r.packNames(ctx, kid)
		if err != nil {
			return nil, err
		}
		for _, name := range sortedKeys(have) {
			c.Packs++
			c.Bytes += have[name]
			plain, err := r.fetchPack(ctx, kid, name)
			if err != nil {
				c.Problems = append(c.Problems, fmt.Sprintf("%v", err))
				continue
			}
			locs, used := want[kid][name]
			if !used {
				c.Notes = append(c.Notes, fmt.Sprintf("%s: no snapshot uses it (an interrupted backup's; prune removes it)", packObject(kid, name)))
			}
			h := r.keys[kid].NewPageHasher()
			seen := map[int]bool{}
			for _, l := range locs {
				if seen[l.slot] {
					continue
				}
				seen[l.slot] = true
				var sum [16]byte
				if (l.slot+1)*pageSize > len(plain) {
					c.Problems = append(c.Problems, fmt.Sprintf("%s: shorter than its snapshots say", packObject(kid, name)))
					break
				}
				h.Sum(&sum, plain[l.slot*pageSize:(l.slot+1)*pageSize])
				if sum != l.hash {
					c.Problems = append(c.Problems, fmt.Sprintf("%s: slot %d does not match its snapshots", packObject(kid, name), l.slot))
				}
			}
		}
		for _, name := range sortedKeys(want[kid]) {
			if _, ok := have[name]; !ok {
				c.Problems = append(c.Problems, fmt.Sprintf("%s: missing (snapshots need it)", packObject(kid, name)))
			}
		}
	}
	return c, nil
}
