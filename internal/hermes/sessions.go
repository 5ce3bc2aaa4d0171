package hermes

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	_ "github.com/mutecomm/go-sqlcipher/v4" // registers "sqlite3"; no key: plain SQLite

	"github.com/memaudit/memaudit/segment"
)

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

// session is a row of the sessions table, with what was worked out from it.
type session struct {
	id, platform, userID, chat, chatType, thread, key string
	kind                                              string // dm, local, group (group, channel, thread), cron, subagent
	shared                                            bool   // a group session several people write in
}

// row is the columns read from one message and its session.
type row struct {
	id, ts, role, content, toolName, toolCalls, displayKind sql.NullString
	active, compacted, summary                              sql.NullInt64
	sessionID                                               string
}

// skippedCounts counts what readSessions leaves out without an entry.
type skippedCounts struct {
	system, hidden, copies int
}

// readSessions reads the messages of state.db, read-only, with the columns
// the schema has. It returns the memory tool's writes it saw, by target
// and text, so that curated entries can be dated.
func readSessions(ctx context.Context, path string, h *Home, opts Options, prefix, idPrefix string) (map[string]memoryWrite, error) {
	// mode=ro: SQLite opens the file read-only and writes nothing to it.
	// Without a -wal file, immutable=1 also stops it from creating one
	// (a WAL-mode database otherwise gets empty -wal and -shm files).
	dsn := "file:" + url.PathEscape(path) + "?mode=ro&_query_only=true"
	if _, err := os.Stat(path + "-wal"); errors.Is(err, os.ErrNotExist) {
		dsn += "&immutable=1"
	}
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return nil, fmt.Errorf("open read-only: %w", err)
	}
	scols, err := columns(ctx, db, "sessions")
	if err != nil || len(scols) == 0 {
		return nil, fmt.Errorf("not a Hermes state database (no sessions table)")
	}
	mcols, err := columns(ctx, db, "messages")
	if err != nil || !mcols["session_id"] || !mcols["content"] || !mcols["role"] {
		return nil, fmt.Errorf("not a Hermes state database (messages lacks session_id, role or content)")
	}
	pick := func(cols map[string]bool, alias, table string, note bool, names ...string) string {
		var out []string
		for _, n := range names {
			if cols[n] {
				out = append(out, alias+"."+n)
			} else {
				out = append(out, "NULL")
				if note {
					h.Skipped = append(h.Skipped, fmt.Sprintf("%s.%s: no such column in this schema", table, n))
				}
			}
		}
		return strings.Join(out, ", ")
	}

	sessions, names, err := readSessionRows(ctx, db, scols, pick)
	if err != nil {
		return nil, err
	}
	owners := newOwners(opts.Owners, sessions)
	h.Owners, h.OwnersInferred = owners.list(), len(opts.Owners) == 0

	// Columns older schemas lack are said once; the ones of newer
	// versions that only refine what is read (active, compacted,
	// _compressed_summary, display_kind) are used when present.
	q := "SELECT " + pick(mcols, "m", "messages", true, "id", "timestamp") + ", m.session_id, m.role, m.content, " +
		pick(mcols, "m", "messages", false, "tool_name", "tool_calls", "active", "compacted", "_compressed_summary", "display_kind") +
		" FROM messages m ORDER BY m.session_id, " + map[bool]string{true: "m.id", false: "m.rowid"}[mcols["id"]]
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("read messages: %w", err)
	}
	defer rows.Close()
	var skipped skippedCounts
	written := map[string]memoryWrite{}
	seen := map[string]bool{} // session, role, timestamp, content of the rows read
	n := 0
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.ts, &r.sessionID, &r.role, &r.content, &r.toolName, &r.toolCalls, &r.active, &r.compacted, &r.summary, &r.displayKind); err != nil {
			return nil, fmt.Errorf("read messages: %w", err)
		}
		n++
		s := sessions[r.sessionID]
		if s == nil {
			s = &session{id: r.sessionID, kind: "local"}
		}
		ts, err := parseTime(r.ts.String)
		if err != nil {
			return nil, fmt.Errorf("message %s of session %s: %w", r.id.String, r.sessionID, err)
		}
		if r.role.String == "assistant" && r.toolCalls.Valid {
			memoryWrites(r.toolCalls.String, ts, s.id, written)
		}
		text := strings.TrimSpace(strings.ReplaceAll(r.content.String, "\x00", ""))
		if text == "" {
			continue
		}
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "\uFFFD")
		}
		isSummary := r.summary.Int64 == 1 || isSummaryText(text)
		switch {
		case r.displayKind.String == "hidden":
			// Model-facing scaffolding the gateway never shows.
			skipped.hidden++
			continue
		case r.role.String == "system" && !isSummary:
			// System prompts are built by Hermes (from memory, among
			// others) and repeat in every session: not memory.
			skipped.system++
			continue
		}
		// In-place compaction archives rows (active = 0, compacted = 1)
		// and writes live copies of the ones it keeps: one message, once.
		dup := r.sessionID + "\x00" + r.role.String + "\x00" + r.ts.String + "\x00" + text
		if seen[dup] {
			skipped.copies++
			continue
		}
		seen[dup] = true

		e := Entry{ID: idPrefix + "msg:" + s.id + ":" + r.id.String, Kind: "episode", Text: text, Session: s.id, Channel: s.platform,
			SourceURI: "hermes:state.db/messages/" + r.id.String, Created: ts}
		if !r.id.Valid {
			e.ID = fmt.Sprintf("%smsg:%s:n%d", idPrefix, s.id, n)
		}
		e.Segment = prefix + segmentFor(s.platform, s.chatType, s.chat, s.thread)
		switch {
		case isSummary:
			// Written by Hermes' context compressor: the agent's text.
			e.Kind, e.SourceKind = "summary", "agent"
		case r.role.String == "user":
			e.SourceKind = "user"
			e.Sender, e.Trust = owners.author(s, text, names)
		case r.role.String == "assistant":
			e.SourceKind = "agent"
		case r.role.String == "tool":
			e.SourceKind = "tool"
			if r.toolName.String != "" {
				e.SourceURI = r.toolName.String
			}
		default:
			e.SourceKind = "system"
		}
		if r.active.Valid && r.active.Int64 == 0 && r.compacted.Int64 == 0 {
			e.Skip = SkipUndone
		}
		switch s.kind {
		case "cron":
			e.Skip = SkipCron
		case "subagent":
			e.Skip = SkipSubagent
		}
		if e.Skip != "" {
			e.Tags = append(e.Tags, "hermes:"+e.Skip)
		}
		h.Entries = append(h.Entries, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if skipped.system > 0 {
		h.Skipped = append(h.Skipped, plural(skipped.system, "system message", "system messages")+" (prompts Hermes builds, not memory)")
	}
	if skipped.hidden > 0 {
		h.Skipped = append(h.Skipped, plural(skipped.hidden, "hidden row", "hidden rows")+" (display_kind hidden: scaffolding the model saw, never shown)")
	}
	if skipped.copies > 0 {
		h.Skipped = append(h.Skipped, plural(skipped.copies, "message copy", "message copies")+" that in-place compaction made (each message read once)")
	}
	return written, nil
}

// readSessionRows reads the sessions table: each session's chat and kind,
// and, from origin_json, the user ids behind display names, per platform.
func readSessionRows(ctx context.Context, db *sql.DB, cols map[string]bool, pick func(map[string]bool, string, string, bool, ...string) string) (map[string]*session, names, error) {
	q := "SELECT s.id, " + pick(cols, "s", "sessions", true, "source", "user_id", "chat_id", "chat_type", "thread_id") + ", " +
		pick(cols, "s", "sessions", false, "session_key", "origin_json", "model_config") + " FROM sessions s"
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, nil, fmt.Errorf("read sessions: %w", err)
	}
	defer rows.Close()
	out := map[string]*session{}
	nm := names{}
	for rows.Next() {
		var id string
		var source, user, chat, chatType, thread, key, origin, model sql.NullString
		if err := rows.Scan(&id, &source, &user, &chat, &chatType, &thread, &key, &origin, &model); err != nil {
			return nil, nil, fmt.Errorf("read sessions: %w", err)
		}
		s := &session{id: id, platform: source.String, userID: user.String, chat: chat.String, chatType: chatType.String, thread: thread.String, key: key.String}
		s.kind, s.shared = classify(s, model.String)
		out[id] = s
		nm.add(s.platform, origin.String)
	}
	return out, nm, rows.Err()
}

// parseTime reads a timestamp (Unix seconds, a float); zero when there is
// none. It goes through whole seconds: f*1e9 overflows int64 past 2262 (and
// wraps round to 1677). The store refuses times it cannot hold, naming the
// entry; what no time can hold is refused here.
func parseTime(s string) (time.Time, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f <= 0 {
		return time.Time{}, nil
	}
	if f >= 1<<62 || math.IsNaN(f) {
		return time.Time{}, fmt.Errorf("timestamp %g is out of range", f)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// cleanPart makes one part of a segment name: characters a segment name
// refuses become "_", "." and ".." become "_", at most 100 bytes (cut
// between characters).
func cleanPart(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == '*' || r == '?' || r == '[' || r == ']' || r == utf8.RuneError || isSpaceOrControl(r) {
			return '_'
		}
		return r
	}, s)
	if s == "." || s == ".." {
		s = "_"
	}
	if len(s) > 100 {
		cut := 100
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	if s == "" {
		s = "_"
	}
	return s
}

// segmentFor maps a session's source columns to a segment name:
// channel/<platform>/<chat_type>/<chat_id>[/<thread>], with parts that are
// missing left out and characters a segment name refuses replaced.
func segmentFor(platform, chatType, chat, thread string) string {
	if platform == "" {
		platform = "unknown"
	}
	parts := []string{"channel", cleanPart(platform)}
	for _, p := range []string{chatType, chat, thread} {
		if p != "" {
			parts = append(parts, cleanPart(p))
		}
	}
	name := strings.Join(parts, "/")
	if segment.Validate(name) != nil {
		return "channel/unknown"
	}
	return name
}
