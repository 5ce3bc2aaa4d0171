// Package hermes reads a Hermes Agent home (~/.hermes or a profile folder)
// as memory entries: memories/MEMORY.md (the agent's notes), memories/USER.md
// (the user profile) and, optionally, the messages in state.db. It only
// reads: state.db is opened read-only and nothing in the home is changed.
// Layout facts: ../shared/reference/hermes-layout.md.
package hermes

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	_ "github.com/mutecomm/go-sqlcipher/v4" // registers "sqlite3"; no key: plain SQLite

	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// Entry is one memory read from the home, in memaudit's terms.
type Entry struct {
	// ID is stable across runs, so that an import can tell what it
	// already has: the file and a hash of the entry's text for the
	// curated files (an edited entry is a new one; entries that moved
	// keep their id), the session and message id for messages.
	ID string
	// Kind is memaudit's entry kind: note (MEMORY.md), fact (USER.md),
	// episode (a message).
	Kind       string
	Segment    string
	Text       string
	SourceKind string // agent, user, tool, system
	SourceURI  string
	Sender     string
	Channel    string
	Session    string
	Created    time.Time
}

// Home is what was read, and what could not be.
type Home struct {
	Entries []Entry
	// Files lists the plaintext files that hold memory.
	Files []string
	// Skipped says what was not read and why (unknown columns, invalid
	// UTF-8 replaced, ...).
	Skipped []string
}

// ErrNotHome is returned for a directory with neither memories/ nor
// state.db.
var ErrNotHome = errors.New("not a Hermes home (no memories/ and no state.db)")

const delimiter = "\n§\n"

// Read reads the home. withSessions adds the messages of state.db.
func Read(ctx context.Context, dir string, withSessions bool) (*Home, error) {
	h := &Home{}
	mem := filepath.Join(dir, "memories")
	found := false
	for _, f := range []struct{ name, segment, kind, entryKind string }{
		{"MEMORY.md", "agent", "agent", "note"},
		{"USER.md", "user/profile", "user", "fact"},
	} {
		path := filepath.Join(mem, f.name)
		b, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
		h.Files = append(h.Files, path)
		text := string(b)
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "\uFFFD")
			h.Skipped = append(h.Skipped, path+": invalid UTF-8 replaced")
		}
		fi, _ := os.Stat(path)
		for i, part := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), delimiter) {
			part = strings.TrimSpace(strings.ReplaceAll(part, "\x00", ""))
			if part == "" {
				continue
			}
			sum := vaultcrypto.ContentHash(part)
			h.Entries = append(h.Entries, Entry{ID: fmt.Sprintf("hermes:%s:%x", f.name, sum[:8]), Kind: f.entryKind, Segment: f.segment, Text: part,
				SourceKind: f.kind, SourceURI: fmt.Sprintf("hermes:memories/%s#%d", f.name, i+1), Created: fi.ModTime().UTC()})
		}
	}
	db := filepath.Join(dir, "state.db")
	if _, err := os.Stat(db); err == nil {
		found = true
		h.Files = append(h.Files, db)
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(db + suffix); err == nil {
				h.Files = append(h.Files, db+suffix)
			}
		}
		if withSessions {
			if err := readSessions(ctx, db, h); err != nil {
				return nil, fmt.Errorf("%s: %w", db, err)
			}
		}
	}
	if !found {
		return nil, ErrNotHome
	}
	// Other files that hold memory or its copies in plaintext: not read,
	// but the operator must know about them.
	for _, pat := range []string{"memories/*.bak.*", "memories/*.lock", "memories/ARCHIVE.jsonl", "pending/memory/*.json", "sessions/*"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		for _, p := range m {
			if fi, err := os.Stat(p); err == nil && (fi.Mode().IsRegular() && fi.Size() > 0 || fi.IsDir()) {
				h.Files = append(h.Files, p)
			}
		}
	}
	return h, nil
}

func columns(ctx context.Context, db *sql.DB, table string) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		cols[n] = true
	}
	return cols, rows.Err()
}

// readSessions reads messages with the columns that exist, read-only.
func readSessions(ctx context.Context, path string, h *Home) error {
	// mode=ro: SQLite opens the file read-only and writes nothing to it.
	// Without a -wal file, immutable=1 also stops it from creating one
	// (a WAL-mode database otherwise gets empty -wal and -shm files).
	dsn := "file:" + url.PathEscape(path) + "?mode=ro&_query_only=true"
	if _, err := os.Stat(path + "-wal"); errors.Is(err, os.ErrNotExist) {
		dsn += "&immutable=1"
	}
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return fmt.Errorf("open read-only: %w", err)
	}
	scols, err := columns(ctx, db, "sessions")
	if err != nil || len(scols) == 0 {
		return fmt.Errorf("not a Hermes state database (no sessions table)")
	}
	mcols, err := columns(ctx, db, "messages")
	if err != nil || !mcols["session_id"] || !mcols["content"] || !mcols["role"] {
		return fmt.Errorf("not a Hermes state database (messages lacks session_id, role or content)")
	}
	pick := func(cols map[string]bool, alias, table string, names ...string) string {
		var out []string
		for _, n := range names {
			if cols[n] {
				out = append(out, alias+"."+n)
			} else {
				out = append(out, "NULL")
				h.Skipped = append(h.Skipped, fmt.Sprintf("%s.%s: no such column in this schema", table, n))
			}
		}
		return strings.Join(out, ", ")
	}
	q := "SELECT " + pick(mcols, "m", "messages", "id", "timestamp") + ", m.session_id, m.role, m.content, " +
		pick(scols, "s", "sessions", "source", "user_id", "chat_id", "chat_type", "thread_id") +
		" FROM messages m LEFT JOIN sessions s ON s.id = m.session_id ORDER BY m.session_id, " + map[bool]string{true: "m.id", false: "m.rowid"}[mcols["id"]]
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("read messages: %w", err)
	}
	defer rows.Close()
	n, systemSkipped := 0, 0
	defer func() {
		if systemSkipped > 0 {
			h.Skipped = append(h.Skipped, fmt.Sprintf("%d system messages (prompts Hermes builds, not memory)", systemSkipped))
		}
	}()
	for rows.Next() {
		var id, ts, source, user, chat, chatType, thread sql.NullString
		var session, role string
		var content sql.NullString
		if err := rows.Scan(&id, &ts, &session, &role, &content, &source, &user, &chat, &chatType, &thread); err != nil {
			return fmt.Errorf("read messages: %w", err)
		}
		n++
		text := strings.TrimSpace(strings.ReplaceAll(content.String, "\x00", ""))
		if text == "" {
			continue
		}
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "\uFFFD")
		}
		if role == "system" {
			// System prompts are built by Hermes (from memory, among
			// others) and repeat in every session: not memory.
			systemSkipped++
			continue
		}
		e := Entry{ID: "hermes:msg:" + session + ":" + id.String, Kind: "episode", Text: text, Session: session, Channel: source.String,
			SourceURI: "hermes:state.db/messages/" + id.String}
		if !id.Valid {
			e.ID = fmt.Sprintf("hermes:msg:%s:n%d", session, n)
		}
		switch role {
		case "user":
			e.SourceKind, e.Sender = "user", user.String
		case "assistant":
			e.SourceKind = "agent"
		case "tool":
			e.SourceKind = "tool"
		default:
			e.SourceKind = "system"
		}
		e.Segment = segmentFor(source.String, chatType.String, chat.String, thread.String)
		if f, err := parseFloat(ts.String); err == nil && f > 0 {
			// Converted through whole seconds: f*1e9 overflows int64 past
			// 2262 (and then wrapped round to 1677). The store refuses
			// times it cannot hold, naming the entry.
			if f >= 1<<62 || math.IsNaN(f) {
				return fmt.Errorf("message %s of session %s: timestamp %g is out of range", id.String, session, f)
			}
			sec, frac := math.Modf(f)
			e.Created = time.Unix(int64(sec), int64(frac*1e9)).UTC()
		}
		h.Entries = append(h.Entries, e)
	}
	return rows.Err()
}

func parseFloat(s string) (float64, error) {
	var f float64
	_, err := fmt.Sscan(s, &f)
	return f, err
}

// segmentFor maps a session's source columns to a segment name:
// channel/<platform>/<chat_type>/<chat_id>[/<thread>], with parts that are
// missing left out and characters a segment name refuses replaced.
func segmentFor(platform, chatType, chat, thread string) string {
	clean := func(s string) string {
		s = strings.Map(func(r rune) rune {
			if r == '/' || r == '\\' || r == '*' || r == '?' || r == '[' || r == ']' || r <= ' ' || r == 0x7f {
				return '_'
			}
			return r
		}, s)
		if s == "." || s == ".." {
			s = "_"
		}
		if len(s) > 100 {
			s = s[:100]
		}
		return s
	}
	if platform == "" {
		platform = "unknown"
	}
	parts := []string{"channel", clean(platform)}
	for _, p := range []string{chatType, chat, thread} {
		if p != "" {
			parts = append(parts, clean(p))
		}
	}
	return strings.Join(parts, "/")
}
