package backup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"filippo.io/age"

	"github.com/memaudit/memaudit/internal/keyfile"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// keyStub is keys/<key id>: the data key wrapped to each of the vault's key
// slots (complete age files, copied from the key file), so that an identity
// alone restores the vault. It carries no labels or recipients: the target
// learns how many slots there are and their age stanza types, nothing more.
type keyStub struct {
	Format  string   `json:"format"`
	Version int      `json:"version"`
	ID      string   `json:"id"`
	Slots   [][]byte `json:"slots"`
}

const (
	keyStubFormat  = "memaudit-backup-key"
	keyStubVersion = 1
)

// publishKey writes the key stub for the vault's current slots, when the
// target's differs (a slot was added or removed since).
func publishKey(ctx context.Context, t Target, k *vaultcrypto.BackupKeys, keyFile []byte) error {
	kf, err := keyfile.Parse(keyFile)
	if err != nil {
		return fmt.Errorf("key file: %w", err)
	}
	st := keyStub{Format: keyStubFormat, Version: keyStubVersion, ID: k.ID()}
	for _, s := range kf.Active.Slots {
		st.Slots = append(st.Slots, s.Wrapped)
	}
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	name := keysDir + k.ID()
	if old, err := t.Get(ctx, name); err == nil && string(old) == string(b) {
		return nil
	} else if err != nil && !errors.Is(err, ErrNotExist) {
		return err
	}
	return t.Put(ctx, name, b)
}

// unlock returns the backup keys of every key stub in the target that the
// identities open. Stubs they do not open, or that are not stubs, are
// skipped (and counted in skipped).
func unlock(ctx context.Context, t Target, ids []age.Identity) (keys []*vaultcrypto.BackupKeys, skipped []string, err error) {
	objs, err := t.List(ctx, keysDir)
	if err != nil {
		return nil, nil, err
	}
	slices.SortFunc(objs, func(a, b Object) int { return strings.Compare(a.Name, b.Name) })
	for _, o := range objs {
		b, err := t.Get(ctx, o.Name)
		if err != nil {
			return nil, nil, err
		}
		k, err := openStub(b, strings.TrimPrefix(o.Name, keysDir), ids)
		if err != nil {
			skipped = append(skipped, o.Name)
			continue
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, skipped, ErrWrongKey
	}
	return keys, skipped, nil
}

func openStub(b []byte, id string, ids []age.Identity) (*vaultcrypto.BackupKeys, error) {
	var st keyStub
	if err := json.Unmarshal(b, &st); err != nil || st.Format != keyStubFormat || st.ID != id {
		return nil, ErrCorrupt
	}
	if st.Version != keyStubVersion {
		return nil, fmt.Errorf("backup key version %d is not supported", st.Version)
	}
	for _, w := range st.Slots {
		dk, err := vaultcrypto.Unwrap(w, ids...)
		if err != nil {
			continue
		}
		k := vaultcrypto.NewBackupKeys(dk)
		vaultcrypto.Wipe(dk)
		if k.ID() != id {
			k.Wipe()
			return nil, ErrCorrupt
		}
		return k, nil
	}
	return nil, ErrWrongKey
}
