package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// BackupMarkName is the file in which a vault remembers its newest backup,
// sealed under the backup keys (docs/format.md).
const BackupMarkName = "backup.mark"

// ErrRolledBack is reported (by Rollback and Verify, never by Open, so that
// the operator can still look) when the vault's mutation log is older than
// its newest backup, or differs from it: an older copy was put back, or the
// vault was forked.
var ErrRolledBack = errors.New("the vault is older than its newest backup, or forked from it")

// BackupMark is what a vault remembers of its newest backup.
type BackupMark struct {
	Snapshot   string    `json:"snapshot"`
	At         time.Time `json:"at"`
	Seq        int64     `json:"seq"`
	LogRecords int64     `json:"log_records"`
	LogHead    []byte    `json:"log_head"`
}

const markKind = "mark"

// BackupKeys returns the keys that seal this vault's backups. They stay
// valid until Close, which wipes them. Every call needs security review:
// they read every backup of the vault.
func (s *Store) BackupKeys() (*vaultcrypto.BackupKeys, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	if s.backupKeys == nil {
		return nil, fmt.Errorf("%w: the vault is not encrypted", ErrSnapshot)
	}
	return s.backupKeys, nil
}

// VaultID is the vault's public id (from its key file).
func (s *Store) VaultID() string { return s.vaultID }

// WriteBackupMark records m as the newest backup of the vault in dir
// (atomically). A restore writes it for the snapshot it restored.
func WriteBackupMark(dir string, k *vaultcrypto.BackupKeys, m BackupMark) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := fsutil.WriteFileAtomic(filepath.Join(dir, BackupMarkName), k.SealObject(markKind, BackupMarkName, b)); err != nil {
		return fmt.Errorf("record the newest backup: %w", err)
	}
	return nil
}

// MarkBackup records m as the vault's newest backup.
func (s *Store) MarkBackup(m BackupMark) error {
	if err := s.checkWritable("recording a backup"); err != nil {
		return err
	}
	if s.backupKeys == nil {
		return fmt.Errorf("%w: the vault is not encrypted", ErrSnapshot)
	}
	return WriteBackupMark(s.dir, s.backupKeys, m)
}

// LastBackup returns the newest backup the vault remembers, nil when none.
func (s *Store) LastBackup() (*BackupMark, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	if s.backupKeys == nil {
		return nil, nil
	}
	return readBackupMark(s.dir, s.backupKeys)
}

func readBackupMark(dir string, k *vaultcrypto.BackupKeys) (*BackupMark, error) {
	b, err := os.ReadFile(filepath.Join(dir, BackupMarkName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	plain, err := k.OpenObject(markKind, BackupMarkName, b)
	if err != nil {
		return nil, fmt.Errorf("%w: %s does not authenticate under this vault's key", ErrCorrupt, BackupMarkName)
	}
	var m BackupMark
	if err := json.Unmarshal(plain, &m); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, BackupMarkName, err)
	}
	return &m, nil
}

// LogHash returns the hash of mutation log record n (from 1), or nil when
// the log is shorter.
func (s *Store) LogHash(ctx context.Context, n int64) ([]byte, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	if n == 0 {
		return make([]byte, 32), nil
	}
	var h []byte
	err := s.db.r.QueryRowContext(ctx, "SELECT hash FROM log WHERE seq = ?", n).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return h, classify(err)
}

// LogLength returns the number of mutation log records.
func (s *Store) LogLength(ctx context.Context) (int64, error) {
	if err := s.checkOpen(); err != nil {
		return 0, err
	}
	var n int64
	err := s.db.r.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM log").Scan(&n)
	return n, classify(err)
}

// CompareLog says how the vault's log relates to a backup's (its length
// and head): nil when the vault holds the backup's log (equal or newer),
// ErrRolledBack (wrapped, saying which) when it is older or differs.
func (s *Store) CompareLog(ctx context.Context, what string, records int64, head []byte) error {
	n, err := s.LogLength(ctx)
	if err != nil {
		return err
	}
	if n < records {
		return fmt.Errorf("%w: its mutation log has %d records, %s has %d: an older copy of the vault was put back", ErrRolledBack, n, what, records)
	}
	h, err := s.LogHash(ctx, records)
	if err != nil {
		return err
	}
	if !vaultcrypto.Equal(h, head) {
		return fmt.Errorf("%w: its mutation log differs from %s's at record %d: the vault was forked from it, or its log rewritten", ErrRolledBack, what, records)
	}
	return nil
}

// checkBackupMark compares the log with the newest backup the vault
// remembers (at open); Rollback and Verify report what it found.
func (s *Store) checkBackupMark(ctx context.Context) {
	m, err := s.LastBackup()
	if err != nil {
		s.rollback = err
		return
	}
	if m == nil {
		return
	}
	s.rollback = s.CompareLog(ctx, fmt.Sprintf("its newest backup (snapshot %s of %s)", m.Snapshot, m.At.UTC().Format(time.RFC3339)), m.LogRecords, m.LogHead)
}

// Rollback reports, when the vault remembers a backup newer than its own
// log (an older copy was put back) or one its log does not continue (a
// fork), what it found: an error wrapping ErrRolledBack. Nil otherwise.
func (s *Store) Rollback() error { return s.rollback }
