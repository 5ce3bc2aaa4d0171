package store

import (
	"fmt"
	"time"

	"github.com/memaudit/memaudit/segment"
)

// SourceKind says who or what wrote an entry.
type SourceKind string

// Source kinds.
const (
	SourceUser   SourceKind = "user"
	SourceAgent  SourceKind = "agent"
	SourceTool   SourceKind = "tool"
	SourceWeb    SourceKind = "web"
	SourceEmail  SourceKind = "email"
	SourceImport SourceKind = "import"
	SourceSystem SourceKind = "system"
)

// SourceKinds lists the known source kinds.
var SourceKinds = []SourceKind{SourceUser, SourceAgent, SourceTool, SourceWeb, SourceEmail, SourceImport, SourceSystem}

// Valid reports whether k is a known source kind.
func (k SourceKind) Valid() bool {
	for _, s := range SourceKinds {
		if k == s {
			return true
		}
	}
	return false
}

// Trust derived from the source kind when neither the entry nor the segment
// policy sets it: content from the outside world (web pages, e-mail, tool
// results) is what attackers control.
func (k SourceKind) Trust() segment.Trust {
	switch k {
	case SourceUser, SourceSystem:
		return segment.TrustHigh
	case SourceAgent, SourceImport:
		return segment.TrustMedium
	case SourceTool:
		return segment.TrustLow
	default:
		return segment.TrustUntrusted
	}
}

// Status is an entry's life-cycle state.
type Status string

// Statuses. Only active entries are recalled.
const (
	StatusActive      Status = "active"
	StatusQuarantined Status = "quarantined"
	StatusRedacted    Status = "redacted"
	StatusDeleted     Status = "deleted"
)

// Common kinds of memory. Kind is free-form; these are the usual ones.
const (
	KindFact        = "fact"
	KindPreference  = "preference"
	KindInstruction = "instruction"
	KindEpisode     = "episode"
	KindNote        = "note"
)

// Source is an entry's provenance.
type Source struct {
	Kind SourceKind `json:"kind"`
	// URI is where it came from: a URL, a tool name, a file.
	URI string `json:"uri,omitempty"`
	// Sender is the id of the person or bot that sent it.
	Sender string `json:"sender,omitempty"`
	// Channel is the messaging channel (telegram, discord, ...).
	Channel string `json:"channel,omitempty"`
}

// Entry is one memory.
type Entry struct {
	// ID is a ULID made by Remember, or the caller's id (import).
	ID      string        `json:"id"`
	Segment string        `json:"segment"`
	Text    string        `json:"text"`
	Kind    string        `json:"kind"`
	Source  Source        `json:"source"`
	Session string        `json:"session,omitempty"`
	Trust   segment.Trust `json:"trust"`
	Created time.Time     `json:"created"`
	Updated time.Time     `json:"updated"`
	Tags    []string      `json:"tags,omitempty"`
	Status  Status        `json:"status"`
	// Hash is the SHA-256 of Text.
	Hash []byte `json:"hash"`

	// seq is the change that last touched the entry (scan state).
	seq int64
	// findingRules are the rules the write guard or the last scan found
	// in the entry; the index holds them so that search can ask for them.
	findingRules []string
}

// Limits on entry fields other than text (bytes).
const (
	maxIDLen    = 128
	maxFieldLen = 4096
	maxTags     = 64
)

func checkField(name, v string, max int) error {
	if len(v) > max {
		return fmt.Errorf("%w: %s longer than %d bytes", ErrInvalidEntry, name, max)
	}
	for _, r := range v {
		if r < 0x20 || r == 0x7f || r == 0xfffd {
			return fmt.Errorf("%w: %s holds a control or invalid character", ErrInvalidEntry, name)
		}
	}
	return nil
}
