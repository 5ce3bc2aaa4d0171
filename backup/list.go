package backup

import (
	"context"
	"fmt"
	"time"

	"filippo.io/age"
)

// Snapshot describes one snapshot in a target.
type Snapshot struct {
	ID         string    `json:"id"`
	Time       time.Time `json:"time"`
	VaultID    string    `json:"vault_id"`
	Seq        int64     `json:"seq"`
	Entries    int       `json:"entries"`
	LogRecords int64     `json:"log_records"`
	LogHead    string    `json:"log_head"`
	Pages      int       `json:"pages"`
	NewPages   int       `json:"new_pages"`
	Uploaded   int64     `json:"uploaded_bytes"`
	// Base is the full snapshot this one lists its changes against.
	Base string `json:"base,omitempty"`
	// KeyID is the backup key that sealed it.
	KeyID string `json:"backup_key"`
	// Problem says why the snapshot cannot be read ("" when it can).
	Problem string `json:"problem,omitempty"`
}

func describe(ref snapRef, m *Manifest) Snapshot {
	return Snapshot{ID: m.ID, Time: m.Time, VaultID: m.VaultID, Seq: m.Seq, Entries: m.Entries, LogRecords: m.LogRecords,
		LogHead: fmt.Sprintf("%x", m.LogHead), Pages: m.Pages, NewPages: m.NewPages, Uploaded: m.Uploaded, Base: m.Base, KeyID: ref.KeyID}
}

// List returns the snapshots in t that the identities open, oldest first.
// Snapshots whose manifest is damaged are listed with a Problem; objects
// the identities do not open are left out (Verify counts them).
func List(ctx context.Context, t Target, ids []age.Identity) ([]Snapshot, error) {
	keys, _, err := unlock(ctx, t, ids)
	if err != nil {
		return nil, err
	}
	defer wipeAll(keys)
	r := newRepo(t, keys...)
	refs, _, err := r.snapshots(ctx)
	if err != nil {
		return nil, err
	}
	var out []Snapshot
	for _, ref := range refs {
		m, err := r.manifest(ctx, ref)
		if err != nil {
			out = append(out, Snapshot{ID: ref.ID, KeyID: ref.KeyID, Problem: err.Error()})
			continue
		}
		out = append(out, describe(ref, m))
	}
	return out, nil
}
