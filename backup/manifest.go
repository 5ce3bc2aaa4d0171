package backup

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// Manifest is one snapshot: what it is of, and where each database page
// is. It is stored sealed under snapshots/<key id>/<snapshot id>.
type Manifest struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	// ID is the snapshot id (a ULID: sortable by time).
	ID      string    `json:"id"`
	Time    time.Time `json:"time"`
	VaultID string    `json:"vault_id"`
	// KeyID is the vault's data key id (key file), not the backup key id.
	KeyID string `json:"key_id"`
	// Seq, Entries, LogRecords and LogHead describe the vault at the
	// snapshot's commit: change counter, entries (tombstones included),
	// mutation log length and head hash.
	Seq        int64  `json:"seq"`
	Entries    int    `json:"entries"`
	LogRecords int64  `json:"log_records"`
	LogHead    []byte `json:"log_head"`
	// KeyFile is the vault's key file, restored with the database.
	KeyFile  []byte `json:"key_file"`
	PageSize int    `json:"page_size"`
	Pages    int    `json:"pages"`
	// Base, when set, is the snapshot whose page table this one changes:
	// Table then lists only the pages that differ from Base's.
	Base string `json:"base,omitempty"`
	// Packs are the packs Table refers to, by index.
	Packs []string `json:"packs"`
	// Table is the page table (encodeTable).
	Table []byte `json:"table"`
	// Uploaded is how many bytes this backup uploaded (packs, manifest
	// excluded); NewPages how many pages it uploaded.
	Uploaded int64 `json:"uploaded"`
	NewPages int   `json:"new_pages"`
}

const (
	manifestFormat  = "memaudit-backup-snapshot"
	manifestVersion = 1
	manifestKind    = "snapshot"
	packKind        = "pack"
)

// loc is where one page is: its keyed hash, pack and slot in the pack.
type loc struct {
	hash [vaultcrypto.PageHashSize]byte
	pack string
	slot int
}

// tableEntry is one row of a page table.
type tableEntry struct {
	page int
	loc
}

// encodeTable writes rows (in page order) as: page gap (uvarint, pages
// since the previous row's page + 1), hash, pack index (uvarint), slot
// (uvarint).
func encodeTable(rows []tableEntry, packIndex map[string]int) []byte {
	out := make([]byte, 0, len(rows)*(vaultcrypto.PageHashSize+4))
	next := 0
	for _, r := range rows {
		out = binary.AppendUvarint(out, uint64(r.page-next))
		out = append(out, r.hash[:]...)
		out = binary.AppendUvarint(out, uint64(packIndex[r.pack]))
		out = binary.AppendUvarint(out, uint64(r.slot))
		next = r.page + 1
	}
	return out
}

var errTable = errors.New("malformed page table")

func decodeTable(b []byte, packs []string, pages int) ([]tableEntry, error) {
	var rows []tableEntry
	next := 0
	for len(b) > 0 {
		gap, n := binary.Uvarint(b)
		if n <= 0 || gap > uint64(pages) {
			return nil, errTable
		}
		b = b[n:]
		var r tableEntry
		r.page = next + int(gap)
		if len(b) < vaultcrypto.PageHashSize {
			return nil, errTable
		}
		copy(r.hash[:], b)
		b = b[vaultcrypto.PageHashSize:]
		pi, n := binary.Uvarint(b)
		if n <= 0 || pi >= uint64(len(packs)) {
			return nil, errTable
		}
		b = b[n:]
		slot, n := binary.Uvarint(b)
		if n <= 0 || slot >= packPages {
			return nil, errTable
		}
		b = b[n:]
		r.pack, r.slot = packs[pi], int(slot)
		rows = append(rows, r)
		next = r.page + 1
	}
	return rows, nil
}

func (m *Manifest) seal(k *vaultcrypto.BackupKeys) ([]byte, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	return k.SealObject(manifestKind, m.ID, b), nil
}

func openManifest(k *vaultcrypto.BackupKeys, id string, sealed []byte) (*Manifest, error) {
	plain, err := k.OpenObject(manifestKind, id, sealed)
	if err != nil {
		return nil, fmt.Errorf("%w: snapshot %s does not authenticate", ErrCorrupt, id)
	}
	var m Manifest
	if err := json.Unmarshal(plain, &m); err != nil || m.Format != manifestFormat || m.ID != id {
		return nil, fmt.Errorf("%w: snapshot %s is malformed", ErrCorrupt, id)
	}
	if m.Version != manifestVersion {
		return nil, fmt.Errorf("snapshot %s has format version %d, which this build does not read", id, m.Version)
	}
	return &m, nil
}
