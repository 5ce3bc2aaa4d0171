// Package hermes reads a Hermes Agent home (~/.hermes, and each profile in
// ~/.hermes/profiles/<name>/) as memory entries: memories/MEMORY.md (the
// agent's notes), memories/USER.md (the user profile) and, optionally, the
// messages in state.db, each with who wrote it. It only reads: state.db is
// opened read-only and nothing in the home is changed.
//
// Layout facts: ../shared/reference/hermes-layout.md and the reference
// snapshot of Hermes' own files (../shared/hermes-agent: state.db's DDL at
// schema versions 30 and 24).
package hermes

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/memaudit/memaudit/internal/vaultcrypto"
	"github.com/memaudit/memaudit/segment"
)

// Entry is one memory read from a home, in memaudit's terms.
type Entry struct {
	// ID is stable across runs, so that an import can tell what it
	// already has: the file and a hash of the entry's text for the
	// curated files (an edited entry is a new one; entries that moved
	// keep their id), the session and message id for messages. A
	// profile's ids carry its name.
	ID string
	// Kind is memaudit's entry kind: note (MEMORY.md), fact (USER.md),
	// episode (a message), summary (a compaction summary Hermes wrote).
	Kind       string
	Segment    string
	Text       string
	SourceKind string // agent, user, tool, system
	SourceURI  string
	Sender     string
	Channel    string
	Session    string
	// Trust is set where the source kind's default would be wrong: a
	// message of someone other than the owner in a group chat is low.
	// Zero means the vault derives it.
	Trust   segment.Trust
	Created time.Time
	Tags    []string
	// Skip, when set, says why an import leaves the entry out; a scan
	// still reads it, because its text is on disk. SkipUndone: the user
	// took the message back (/undo, active = 0). SkipCron, SkipSubagent:
	// a cron job's or a subagent's run, not a conversation with the user.
	Skip string
}

// Reasons an import skips an entry (Entry.Skip).
const (
	SkipUndone   = "undone"
	SkipCron     = "cron"
	SkipSubagent = "subagent"
)

// TagTimeUpperBound marks a curated entry whose Created is its file's
// modification time: Hermes records no time per entry, so the entry is at
// least that old, perhaps older.
const TagTimeUpperBound = "time:upper-bound"

// Options tune Read and ReadAll. The zero value reads the curated memory
// files only.
type Options struct {
	// Sessions adds the messages of state.db.
	Sessions bool
	// Owners are the sender ids of the home's owner, "id" or
	// "platform:id". In a group chat, a message of anyone else is given
	// trust low. Empty: the users of the home's DM sessions.
	Owners []string
}

// Home is what was read from one home, and what could not be.
type Home struct {
	// Dir is the home's directory.
	Dir string
	// Profile is the profile's name for <root>/profiles/<name>, "" for
	// any other home. Its segments start with profile/<name>/.
	Profile string
	Entries []Entry
	// Files lists the plaintext files that hold memory.
	Files []string
	// Skipped says what was not read and why (unknown columns, invalid
	// UTF-8 replaced, system prompts, ...).
	Skipped []string
	// Owners are the owner's sender ids used ("platform:id" or "id"), and
	// OwnersInferred whether they came from the home's DM sessions.
	Owners         []string
	OwnersInferred bool
}

// ErrNotHome is returned for a directory with neither memories/ nor
// state.db, itself or in a profile.
var ErrNotHome = errors.New("not a Hermes home (no memories/ and no state.db)")

// ErrNoDir is returned for a home that does not exist.
var ErrNoDir = errors.New("no such directory")

const delimiter = "\n§\n"

// isHome reports whether dir holds memories/ or state.db.
func isHome(dir string) bool {
	for _, name := range []string{"memories", "state.db"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// profileOf is the profile a home belongs to: <name> for
// <root>/profiles/<name>, "" otherwise.
func profileOf(dir string) string {
	clean := filepath.Clean(dir)
	if filepath.Base(filepath.Dir(clean)) == "profiles" {
		return filepath.Base(clean)
	}
	return ""
}

// ReadAll reads dir and every profile home under dir/profiles/, each with
// its own segments (profile/<name>/...). dir may itself be a profile.
func ReadAll(ctx context.Context, dir string, opts Options) ([]*Home, error) {
	switch fi, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%w: %s", ErrNoDir, dir)
	case err != nil:
		return nil, err
	case !fi.IsDir():
		return nil, fmt.Errorf("%w: %s is a file, not a directory", ErrNotHome, dir)
	}
	var homes []*Home
	if isHome(dir) {
		h, err := Read(ctx, dir, opts)
		if err != nil {
			return nil, err
		}
		homes = append(homes, h)
	}
	if profileOf(dir) == "" {
		names, _ := filepath.Glob(filepath.Join(dir, "profiles", "*"))
		sort.Strings(names)
		for _, p := range names {
			if fi, err := os.Stat(p); err != nil || !fi.IsDir() || !isHome(p) {
				continue
			}
			h, err := Read(ctx, p, opts)
			if err != nil {
				return nil, fmt.Errorf("profile %s: %w", filepath.Base(p), err)
			}
			homes = append(homes, h)
		}
	}
	if len(homes) == 0 {
		return nil, ErrNotHome
	}
	return homes, nil
}

// Read reads one home (not its profiles; see ReadAll).
func Read(ctx context.Context, dir string, opts Options) (*Home, error) {
	h := &Home{Dir: dir, Profile: profileOf(dir)}
	prefix, idPrefix := "", "hermes:"
	if h.Profile != "" {
		p := cleanPart(h.Profile)
		prefix, idPrefix = "profile/"+p+"/", "hermes:profile/"+p+":"
	}
	found := false
	var curated []curatedRef
	for _, f := range []struct{ name, segment, kind, entryKind, target string }{
		{"MEMORY.md", "agent", "agent", "note", "memory"},
		{"USER.md", "user/profile", "user", "fact", "user"},
	} {
		path := filepath.Join(dir, "memories", f.name)
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
			curated = append(curated, curatedRef{len(h.Entries), f.target})
			h.Entries = append(h.Entries, Entry{ID: fmt.Sprintf("%s%s:%x", idPrefix, f.name, sum[:8]), Kind: f.entryKind,
				Segment: prefix + f.segment, Text: part, SourceKind: f.kind, SourceURI: fmt.Sprintf("hermes:memories/%s#%d", f.name, i+1),
				Created: fi.ModTime().UTC(), Tags: []string{TagTimeUpperBound}})
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
		if opts.Sessions {
			written, err := readSessions(ctx, db, h, opts, prefix, idPrefix)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", db, err)
			}
			dateCurated(h, curated, written)
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

// curatedRef is an entry of MEMORY.md or USER.md: its index in
// Home.Entries and the memory tool's target for its file.
type curatedRef struct {
	index  int
	target string
}

// dateCurated gives curated entries the time and session of the memory
// tool call that wrote them, where state.db has one; the others keep their
// file's time, marked as an upper bound.
func dateCurated(h *Home, curated []curatedRef, written map[string]memoryWrite) {
	for _, c := range curated {
		e := &h.Entries[c.index]
		w, ok := written[memoryKey(c.target, e.Text)]
		if !ok {
			continue
		}
		e.Created, e.Session, e.Tags = w.at, w.session, nil
	}
}
