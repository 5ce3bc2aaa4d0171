package backup

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// packPages is how many pages a pack holds: 1 MiB of 1 KiB pages, large
// enough that a full backup of a 100 MB vault is a hundred requests, small
// enough to seal and hold in memory a few at a time.
const packPages = 1024

// repo is a target and the backup keys that open (some of) its snapshots.
type repo struct {
	t    Target
	keys map[string]*vaultcrypto.BackupKeys
}

func newRepo(t Target, keys ...*vaultcrypto.BackupKeys) *repo {
	r := &repo{t: t, keys: map[string]*vaultcrypto.BackupKeys{}}
	for _, k := range keys {
		r.keys[k.ID()] = k
	}
	return r
}

// snapRef names one snapshot object.
type snapRef struct {
	ID    string // snapshot id
	KeyID string // backup key id
}

func (s snapRef) object() string { return snapshotsDir + s.KeyID + "/" + s.ID }

func packObject(keyID, name string) string { return dataDir + keyID + "/" + name }

// snapshots lists the snapshots sealed under keys the repo holds, oldest
// first; foreign are the other objects under snapshots/.
func (r *repo) snapshots(ctx context.Context) (refs []snapRef, foreign []string, err error) {
	objs, err := r.t.List(ctx, snapshotsDir)
	if err != nil {
		return nil, nil, err
	}
	for _, o := range objs {
		kid, id, ok := strings.Cut(strings.TrimPrefix(o.Name, snapshotsDir), "/")
		if !ok || strings.Contains(id, "/") || r.keys[kid] == nil {
			foreign = append(foreign, o.Name)
			continue
		}
		refs = append(refs, snapRef{ID: id, KeyID: kid})
	}
	slices.SortFunc(refs, func(a, b snapRef) int { return strings.Compare(a.ID, b.ID) })
	return refs, foreign, nil
}

func (r *repo) manifest(ctx context.Context, ref snapRef) (*Manifest, error) {
	b, err := r.t.Get(ctx, ref.object())
	if err != nil {
		return nil, err
	}
	return openManifest(r.keys[ref.KeyID], ref.ID, b)
}

// view returns where every page of m is (its base's table with m's rows
// laid over), and the base manifest (nil for a full snapshot).
func (r *repo) view(ctx context.Context, ref snapRef, m *Manifest) ([]loc, *Manifest, error) {
	if m.PageSize != pageSize {
		return nil, nil, fmt.Errorf("snapshot %s has %d-byte pages; this build writes %d", m.ID, m.PageSize, pageSize)
	}
	v := make([]loc, m.Pages)
	var base *Manifest
	if m.Base != "" {
		bref := snapRef{ID: m.Base, KeyID: ref.KeyID}
		var err error
		if base, err = r.manifest(ctx, bref); err != nil {
			if errors.Is(err, ErrNotExist) {
				return nil, nil, fmt.Errorf("%w: snapshot %s needs its base %s, which is missing", ErrCorrupt, m.ID, m.Base)
			}
			return nil, nil, err
		}
		if base.Base != "" {
			return nil, nil, fmt.Errorf("%w: snapshot %s's base %s is not a full snapshot", ErrCorrupt, m.ID, m.Base)
		}
		rows, err := decodeTable(base.Table, base.Packs, base.Pages)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: snapshot %s: %v", ErrCorrupt, base.ID, err)
		}
		for _, row := range rows {
			if row.page < m.Pages {
				v[row.page] = row.loc
			}
		}
	}
	rows, err := decodeTable(m.Table, m.Packs, m.Pages)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: snapshot %s: %v", ErrCorrupt, m.ID, err)
	}
	for _, row := range rows {
		if row.page >= m.Pages {
			return nil, nil, fmt.Errorf("%w: snapshot %s: page %d past its end", ErrCorrupt, m.ID, row.page)
		}
		v[row.page] = row.loc
	}
	for i, l := range v {
		if l.pack == "" {
			return nil, nil, fmt.Errorf("%w: snapshot %s: page %d has no copy", ErrCorrupt, m.ID, i)
		}
	}
	return v, base, nil
}

// packNames lists the data objects under a key.
func (r *repo) packNames(ctx context.Context, keyID string) (map[string]int64, error) {
	objs, err := r.t.List(ctx, dataDir+keyID+"/")
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(objs))
	for _, o := range objs {
		out[strings.TrimPrefix(o.Name, dataDir+keyID+"/")] = o.Size
	}
	return out, nil
}

// fetchPack downloads, authenticates and checks one pack.
func (r *repo) fetchPack(ctx context.Context, keyID, name string) ([]byte, error) {
	k := r.keys[keyID]
	b, err := r.t.Get(ctx, packObject(keyID, name))
	if err != nil {
		return nil, err
	}
	plain, err := k.OpenObject(packKind, name, b)
	if err != nil || len(plain)%pageSize != 0 || k.Name(packKind, plain) != name {
		return nil, fmt.Errorf("%w: %s", ErrCorrupt, packObject(keyID, name))
	}
	return plain, nil
}
