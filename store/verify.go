package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"

	"github.com/memaudit/memaudit/migrations"
)

// Problem is one kind of damage Verify found.
type Problem struct {
	// Part is "key file", "database", "log", "index", "recall log" or
	// "backup" (the vault is older than its newest backup, or forked).
	Part   string `json:"part"`
	Detail string `json:"detail"`
}

// Report is the result of Verify.
type Report struct {
	KeyID   string `json:"key_id"`
	Schema  int    `json:"schema"`
	Entries int    `json:"entries"`
	Indexed uint64 `json:"indexed"`
	// LogHead is the mutation log's head hash (hex) and LogRecords its
	// length: record them outside the machine.
	LogHead    string    `json:"log_head"`
	LogRecords int64     `json:"log_records"`
	Problems   []Problem `json:"problems"`
	// Notes say what a read-only open left unchecked or undone; they are
	// not damage.
	Notes []string `json:"notes,omitempty"`
}

// OK reports whether nothing is damaged.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// Verify checks the vault: every database page's HMAC (SQLCipher's
// cipher_integrity_check) and SQLite's structure (integrity_check), and that
// the index is whole (every segment file's checksum) and agrees with the
// database (same documents, same change counter). The key was checked by
// Open. Verify repairs nothing. When ctx is done before it finishes, it
// returns ctx's error and no report.
func (s *Store) Verify(ctx context.Context) (*Report, error) {
	r, err := s.verify(ctx)
	// A check that ctx cut short found nothing out: an interruption is not
	// damage, and must not be reported as such.
	if cerr := ctx.Err(); cerr != nil {
		return nil, cerr
	}
	return r, err
}

func (s *Store) verify(ctx context.Context) (*Report, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	r := &Report{KeyID: s.keyID}
	bad := func(part, format string, args ...any) {
		r.Problems = append(r.Problems, Problem{Part: part, Detail: fmt.Sprintf(format, args...)})
	}
	if s.spoolNote != "" {
		bad("recall log", "%s", s.spoolNote)
	}
	if s.repaired != "" {
		bad("index", "%s (rebuilt on open)", s.repaired)
	}
	if s.rollback != nil {
		bad("backup", "%v", s.rollback)
	}
	if err := s.db.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&r.Schema); err != nil {
		bad("database", "cannot read schema version: %v", classify(err))
		return r, nil
	}
	if r.Schema != migrations.Latest() {
		bad("database", "schema version %d, want %d", r.Schema, migrations.Latest())
	}
	if s.keyID != "" {
		n := 0
		rows, err := s.db.r.QueryContext(ctx, "PRAGMA cipher_integrity_check")
		if err != nil {
			bad("database", "cipher_integrity_check: %v", classify(err))
		} else {
			for rows.Next() {
				var msg string
				if rows.Scan(&msg) == nil {
					n++
					if n <= 5 {
						bad("database", "page authentication: %s", msg)
					}
				}
			}
			if err := rows.Err(); err != nil {
				bad("database", "cipher_integrity_check: %v", classify(err))
			}
			rows.Close()
			if n > 5 {
				bad("database", "%d more damaged pages", n-5)
			}
		}
	}
	if s.keyID != "" && s.spool != nil {
		// The recall spool's pages, too (recall log rows not yet drained).
		rows, err := s.spool.db.QueryContext(ctx, "PRAGMA cipher_integrity_check")
		if err != nil {
			bad("recall log", "cipher_integrity_check: %v", classify(err))
		} else {
			for rows.Next() {
				var msg string
				if rows.Scan(&msg) == nil {
					bad("recall log", "page authentication: %s", msg)
				}
			}
			rows.Close()
		}
	}
	var integrity string
	if err := s.db.r.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&integrity); err != nil {
		bad("database", "integrity_check: %v", classify(err))
	} else if integrity != "ok" {
		bad("database", "integrity_check: %s", integrity)
	}
	if head, n, err := s.VerifyLog(ctx); err != nil {
		bad("log", "%v", err)
	} else {
		r.LogHead, r.LogRecords = fmt.Sprintf("%x", head), n
	}
	var indexable int
	// One snapshot for the counts and the counter kept beside them.
	tx, err := s.db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		bad("database", "count entries: %v", classify(err))
		return r, nil
	}
	err = tx.QueryRowContext(ctx, "SELECT count(*), (SELECT count(*) FROM entries WHERE status != 'deleted') FROM entries").Scan(&r.Entries, &indexable)
	if err != nil {
		tx.Rollback()
		bad("database", "count entries: %v", classify(err))
		return r, nil
	}
	if kept, err := indexableCount(ctx, tx); err != nil {
		bad("database", "%v", err)
	} else if kept != uint64(indexable) {
		bad("database", "meta.indexable says %d entries to index, the table has %d", kept, indexable)
	}
	tx.Rollback()
	r.Notes = s.notes
	if s.indexErr != nil {
		bad("index", "%v", s.indexErr)
		return r, nil
	}
	if !s.hasIdx.Load() && s.opts.ReadOnly {
		return r, nil // the notes say why there is no index to check
	}
	if !s.hasIdx.Load() {
		bad("index", "held by another process; not checked")
		return r, nil
	}
	if !s.opts.ReadOnly { // read-only, the index was opened only when up to date
		if err := s.catchUp(ctx); err != nil {
			bad("index", "catch up: %v", err)
		}
	}
	idx, done := s.readIndex() // no rebuild swaps it meanwhile
	defer done()
	if idx == nil {
		bad("index", "unavailable after a failed rebuild")
		return r, nil
	}
	// The files the index's current snapshot uses: complete by then (the
	// persister and merger write new ones beside them), and kept while
	// the snapshot is held.
	if err := checkSnapshotFiles(idx); err != nil {
		bad("index", "%v", err)
	}
	cnt, err := idx.DocCount()
	if err != nil {
		bad("index", "document count: %v", err)
	}
	r.Indexed = cnt
	if err == nil && cnt != uint64(indexable) {
		bad("index", "holds %d documents, database has %d", cnt, indexable)
	}
	// Read every document's postings back through the decryption hooks
	// (which authenticate every chunk read); counting needs no hits.
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 0, 0, false)
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		bad("index", "read back: %v", err)
	} else if res.Total != uint64(indexable) {
		bad("index", "read back %d documents, database has %d", res.Total, indexable)
	}
	return r, nil
}

// Stats describes a vault.
type Stats struct {
	KeyID       string         `json:"key_id"`
	Schema      int            `json:"schema"`
	Segments    int            `json:"segments"`
	ByStatus    map[Status]int `json:"by_status"`
	Recalls     int            `json:"recalls"`
	DBBytes     int64          `json:"db_bytes"`
	IndexBytes  int64          `json:"index_bytes"`
	IndexShared bool           `json:"index_held_elsewhere"`
}

// Stats returns counts and sizes.
func (s *Store) Stats(ctx context.Context) (*Stats, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	st := &Stats{KeyID: s.keyID, ByStatus: map[Status]int{}, IndexShared: !s.hasIdx.Load()}
	if err := s.db.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&st.Schema); err != nil {
		return nil, classify(err)
	}
	if err := s.drainSpool(ctx); err != nil {
		return nil, err
	}
	if err := s.db.r.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM segments), (SELECT coalesce(sum(count), 0) FROM exposures)").Scan(&st.Segments, &st.Recalls); err != nil {
		return nil, classify(err)
	}
	rows, err := s.db.r.QueryContext(ctx, "SELECT status, count(*) FROM entries GROUP BY status")
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, classify(err)
		}
		st.ByStatus[Status(k)] = n
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if fi, err := os.Stat(filepath.Join(s.dir, dbFileName+suffix)); err == nil {
			st.DBBytes += fi.Size()
		}
	}
	filepath.Walk(s.indexDir(), func(_ string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			st.IndexBytes += fi.Size()
		}
		return nil
	})
	return st, classify(rows.Err())
}
