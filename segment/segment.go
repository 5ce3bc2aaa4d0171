// Package segment names and governs the parts of an agent's memory.
//
// A segment is a slash-separated name that mirrors where memory came from:
// "channel/telegram/dm/<chat_id>", "channel/discord/<guild>/<channel>",
// "channel/slack/<channel>", "skill/<name>", "user/profile", "agent". Each
// segment has a Policy: which other segments a recall from it may read (its
// own only, unless shared explicitly), its default trust, what the write
// guard does with findings, and how long entries are kept.
package segment

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxNameLen bounds a segment name (bytes).
const MaxNameLen = 256

// maxPartLen bounds one slash-separated part (bytes).
const maxPartLen = 128

// maxDeep bounds the ** parts of a glob.
const maxDeep = 3

// ErrInvalidName is returned for a name that Validate rejects.
var ErrInvalidName = errors.New("invalid segment name")

// ErrInvalidGlob is returned for a malformed glob.
var ErrInvalidGlob = errors.New("invalid segment glob")

// Validate checks a segment name: 1 to 256 bytes of UTF-8, parts separated
// by single slashes, no empty, "." or ".." part, no leading or trailing slash,
// no control, space or glob characters (* ? [ ] \).
func Validate(name string) error {
	if err := validate(name, false); err != nil {
		return err
	}
	return nil
}

func validate(name string, glob bool) error {
	kind := ErrInvalidName
	if glob {
		kind = ErrInvalidGlob
	}
	if name == "" {
		return fmt.Errorf("%w: empty", kind)
	}
	if len(name) > MaxNameLen {
		return fmt.Errorf("%w: longer than %d bytes", kind, MaxNameLen)
	}
	if !utf8.ValidString(name) {
		return fmt.Errorf("%w: not valid UTF-8", kind)
	}
	for _, part := range strings.Split(name, "/") {
		switch {
		case part == "":
			return fmt.Errorf("%w: empty part (leading, trailing or double slash)", kind)
		case part == "." || part == "..":
			return fmt.Errorf("%w: %q part", kind, part)
		case len(part) > maxPartLen:
			return fmt.Errorf("%w: part longer than %d bytes", kind, maxPartLen)
		}
		for _, r := range part {
			if unicode.IsControl(r) || unicode.IsSpace(r) || r == '\\' || r == utf8.RuneError {
				return fmt.Errorf("%w: control, space or backslash character", kind)
			}
			if !glob && (r == '*' || r == '?' || r == '[' || r == ']') {
				return fmt.Errorf("%w: glob character %q", kind, r)
			}
		}
	}
	return nil
}

// ValidateGlob checks a glob: a name whose parts may use * (any run within a
// part), ? and [...] as in path.Match, or be "**" to match any number of
// parts (including none). A trailing "/*" matches exactly one more part.
func ValidateGlob(glob string) error {
	if err := validate(glob, true); err != nil {
		return err
	}
	deep := 0
	for _, part := range strings.Split(glob, "/") {
		if part == "**" {
			// Each ** multiplies the work of Match by the name's depth.
			if deep++; deep > maxDeep {
				return fmt.Errorf("%w: more than %d ** parts", ErrInvalidGlob, maxDeep)
			}
			continue
		}
		if _, err := path.Match(part, ""); err != nil {
			return fmt.Errorf("%w: %v", ErrInvalidGlob, err)
		}
	}
	return nil
}

// Match reports whether name matches glob. A malformed glob matches nothing.
func Match(glob, name string) bool {
	return matchParts(strings.Split(glob, "/"), strings.Split(name, "/"))
}

func matchParts(g, n []string) bool {
	for len(g) > 0 {
		if g[0] == "**" {
			for i := 0; i <= len(n); i++ {
				if matchParts(g[1:], n[i:]) {
					return true
				}
			}
			return false
		}
		if len(n) == 0 {
			return false
		}
		ok, err := path.Match(g[0], n[0])
		if err != nil || !ok {
			return false
		}
		g, n = g[1:], n[1:]
	}
	return len(n) == 0
}

// Trust is how far the memory system trusts an entry's content.
type Trust int

// Trust levels, lowest first. The zero value means "not set: derive it".
const (
	TrustUnset Trust = iota
	TrustUntrusted
	TrustLow
	TrustMedium
	TrustHigh
)

var trustNames = []string{"", "untrusted", "low", "medium", "high"}

func (t Trust) String() string {
	if t < 0 || int(t) >= len(trustNames) {
		return fmt.Sprintf("trust(%d)", int(t))
	}
	return trustNames[t]
}

// ParseTrust parses a trust name.
func ParseTrust(s string) (Trust, error) {
	for i, n := range trustNames {
		if n == s && i > 0 {
			return Trust(i), nil
		}
	}
	return TrustUnset, fmt.Errorf("unknown trust %q (want untrusted, low, medium or high)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (t Trust) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *Trust) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*t = TrustUnset
		return nil
	}
	v, err := ParseTrust(string(b))
	*t = v
	return err
}

// GuardMode is what the write guard does with an entry the auditor flags.
type GuardMode string

// Guard modes. The empty value means the vault's default.
const (
	GuardDefault    GuardMode = ""
	GuardAllow      GuardMode = "allow"
	GuardFlag       GuardMode = "flag"
	GuardQuarantine GuardMode = "quarantine"
	GuardBlock      GuardMode = "block"
)

// Valid reports whether m is a known mode.
func (m GuardMode) Valid() bool {
	switch m {
	case GuardDefault, GuardAllow, GuardFlag, GuardQuarantine, GuardBlock:
		return true
	}
	return false
}

// Policy governs one segment. The zero Policy is the safe default: recalls
// read the segment itself only, trust is derived from each entry's source,
// the guard uses the vault's default, and entries are kept forever.
type Policy struct {
	// ReadFrom lists globs of other segments that a recall from this
	// segment may also read. Empty means its own entries only.
	ReadFrom []string `json:"read_from,omitempty"`
	// DefaultTrust, when set, replaces the trust derived from an entry's
	// source kind for entries written without an explicit trust.
	DefaultTrust Trust `json:"default_trust,omitempty"`
	// Guard is the write-guard mode used by the auditor.
	Guard GuardMode `json:"guard,omitempty"`
	// Retention, when positive, is how long entries are kept.
	Retention time.Duration `json:"retention,omitempty"`
}

// Validate checks the policy's globs and values.
func (p Policy) Validate() error {
	for _, g := range p.ReadFrom {
		if err := ValidateGlob(g); err != nil {
			return err
		}
	}
	if p.DefaultTrust < TrustUnset || p.DefaultTrust > TrustHigh {
		return fmt.Errorf("invalid default trust %d", p.DefaultTrust)
	}
	if !p.Guard.Valid() {
		return fmt.Errorf("invalid guard mode %q", p.Guard)
	}
	if p.Retention < 0 {
		return errors.New("negative retention")
	}
	return nil
}

// CanRead reports whether a recall from segment from may read segment target
// under policy p (the policy of from).
func (p Policy) CanRead(from, target string) bool {
	if from == target {
		return true
	}
	for _, g := range p.ReadFrom {
		if Match(g, target) {
			return true
		}
	}
	return false
}
