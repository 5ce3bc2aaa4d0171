// Package migrations holds the vault's schema as numbered SQL files and
// applies them: each file in its own transaction, the schema version tracked
// with PRAGMA user_version. A vault written by an older schema upgrades on
// open with nothing lost.
package migrations

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed *.sql
var files embed.FS

// Migration is one numbered schema step.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// ErrFutureSchema is returned for a database written by a newer memaudit.
var ErrFutureSchema = errors.New("database schema is newer than this build")

// All returns the migrations in order. File names are NNNN_name.sql, numbered
// from 1 without gaps.
func All() ([]Migration, error) {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, e := range entries {
		num, rest, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: bad name", e.Name())
		}
		b, err := files.ReadFile(e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: strings.TrimSuffix(rest, ".sql"), SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %d missing", i+1)
		}
	}
	return ms, nil
}

// Latest is the schema version this build writes.
func Latest() int {
	ms, err := All()
	if err != nil {
		panic(err) // the embedded files are fixed at build time; a test covers them
	}
	return len(ms)
}

// Apply brings db up to version target (Latest when target is 0), one
// transaction per migration. It returns the version found before.
func Apply(ctx context.Context, db *sql.DB, target int) (from int, err error) {
	ms, err := All()
	if err != nil {
		return 0, err
	}
	if target == 0 {
		target = len(ms)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&from); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if from > len(ms) {
		return from, fmt.Errorf("%w: version %d, this build knows %d", ErrFutureSchema, from, len(ms))
	}
	for _, m := range ms[from:target] {
		if err := applyOne(ctx, db, m); err != nil {
			return from, fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
		}
	}
	return from, nil
}

func applyOne(ctx context.Context, db *sql.DB, m Migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var cur int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
		return err
	}
	if cur >= m.Version {
		return nil // another process applied it first
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	// PRAGMA takes no bound parameters; m.Version is an int from a file name.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.Version)); err != nil {
		return err
	}
	return tx.Commit()
}
