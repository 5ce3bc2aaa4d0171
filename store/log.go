package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// Actions recorded in the mutation log.
const (
	ActionRemember   = "remember"
	ActionImport     = "import"
	ActionForget     = "forget"
	ActionQuarantine = "quarantine"
	ActionRelease    = "release"
	ActionRedact     = "redact"
	ActionPolicy     = "policy"
	ActionKeys       = "keys"
	ActionRotate     = "rotate"
)

// ErrLogTampered is returned by VerifyLog when the chain does not hold.
var ErrLogTampered = errors.New("mutation log does not verify")

// LogRecord is one change to the vault.
type LogRecord struct {
	Seq     int64     `json:"seq"`
	At      time.Time `json:"at"`
	Actor   string    `json:"actor"`
	Action  string    `json:"action"`
	EntryID string    `json:"entry_id,omitempty"`
	// Detail is the reason given, or what the change was (never entry
	// text).
	Detail string `json:"detail,omitempty"`
	Prev   []byte `json:"prev"`
	Hash   []byte `json:"hash"`
}

// canonical is what the chain hashes: every field but the hashes, in a
// fixed order.
func (r *LogRecord) canonical() []byte {
	b, _ := json.Marshal([]any{r.Seq, r.At.UnixNano(), r.Actor, r.Action, r.EntryID, r.Detail})
	return b
}

type actorKey struct{}

// WithActor returns a context under which the store logs mutations with
// actor instead of Options.Actor: a service names the token or session
// behind each request. Control characters are replaced and the name is cut
// at 200 bytes.
func WithActor(ctx context.Context, actor string) context.Context {
	actor = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return '_'
		}
		return r
	}, actor)
	if len(actor) > 200 {
		actor = strings.ToValidUTF8(actor[:200], "")
	}
	return context.WithValue(ctx, actorKey{}, actor)
}

func (s *Store) actor(ctx context.Context) string {
	if a, _ := ctx.Value(actorKey{}).(string); a != "" {
		return a
	}
	return s.opts.Actor
}

// appendLog adds a record inside the caller's write transaction.
func (s *Store) appendLog(ctx context.Context, tx *sql.Tx, at time.Time, action, entryID, detail string) error {
	if s.schemaBefore(3) {
		return nil // a vault opened at an older schema for a fixture
	}
	r := LogRecord{At: at.UTC(), Actor: s.actor(ctx), Action: action, EntryID: entryID, Detail: detail}
	err := tx.QueryRowContext(ctx, "SELECT seq, hash FROM log ORDER BY seq DESC LIMIT 1").Scan(&r.Seq, &r.Prev)
	if errors.Is(err, sql.ErrNoRows) {
		r.Seq, r.Prev = 0, make([]byte, 32)
	} else if err != nil {
		return classify(err)
	}
	r.Seq++
	r.Hash = vaultcrypto.ChainHash(r.Prev, r.canonical())
	_, err = tx.ExecContext(ctx, "INSERT INTO log(seq, at, actor, action, entry_id, detail, prev, hash) VALUES (?,?,?,?,?,?,?,?)",
		r.Seq, toNanos(r.At), r.Actor, r.Action, r.EntryID, r.Detail, r.Prev, r.Hash)
	return classify(err)
}

// Log iterates over the mutation log, oldest first.
func (s *Store) Log(ctx context.Context) iter.Seq2[*LogRecord, error] {
	return func(yield func(*LogRecord, error) bool) {
		if err := s.checkOpen(); err != nil {
			yield(nil, err)
			return
		}
		after := int64(0)
		for {
			rows, err := s.db.r.QueryContext(ctx, "SELECT seq, at, actor, action, entry_id, detail, prev, hash FROM log WHERE seq > ? ORDER BY seq LIMIT 1000", after)
			if err != nil {
				yield(nil, classify(err))
				return
			}
			var page []*LogRecord
			for rows.Next() {
				var r LogRecord
				var at int64
				if err := rows.Scan(&r.Seq, &at, &r.Actor, &r.Action, &r.EntryID, &r.Detail, &r.Prev, &r.Hash); err != nil {
					rows.Close()
					yield(nil, classify(err))
					return
				}
				r.At = fromNanos(at)
				page = append(page, &r)
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				yield(nil, classify(err))
				return
			}
			for _, r := range page {
				if !yield(r, nil) {
					return
				}
			}
			if len(page) < 1000 {
				return
			}
			after = page[len(page)-1].Seq
		}
	}
}

// VerifyLog checks the whole chain and returns the head hash (record it
// outside the machine to prove later that the log was not rewritten) and
// the number of records.
func (s *Store) VerifyLog(ctx context.Context) (head []byte, n int64, err error) {
	prev := make([]byte, 32)
	want := int64(1)
	for r, err := range s.Log(ctx) {
		if err != nil {
			return nil, 0, err
		}
		if r.Seq != want {
			return nil, 0, fmt.Errorf("%w: record %d follows %d", ErrLogTampered, r.Seq, want-1)
		}
		if !vaultcrypto.Equal(r.Prev, prev) || !vaultcrypto.Equal(r.Hash, vaultcrypto.ChainHash(prev, r.canonical())) {
			return nil, 0, fmt.Errorf("%w: record %d", ErrLogTampered, r.Seq)
		}
		prev, want = r.Hash, want+1
	}
	return prev, want - 1, nil
}

// schemaBefore reports whether the database is older than version v.
func (s *Store) schemaBefore(v int) bool { return s.schema < v }
