package audit

import (
	"fmt"
	"strings"
	"time"
)

// Category is what kind of problem a finding is.
type Category string

// Categories.
const (
	Credential  Category = "credential"
	Injection   Category = "injection"
	Obfuscation Category = "obfuscation"
)

// Severity orders findings. The zero value is not a severity.
type Severity int

// Severities, lowest first.
const (
	Low Severity = iota + 1
	Medium
	High
	Critical
)

var severityNames = map[Severity]string{Low: "low", Medium: "medium", High: "high", Critical: "critical"}

func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity parses low, medium, high or critical.
func ParseSeverity(s string) (Severity, error) {
	for k, v := range severityNames {
		if v == strings.ToLower(s) {
			return k, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want low, medium, high or critical)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

func (s Severity) clamp() Severity { return max(Low, min(Critical, s)) }

// Entry is what the scanner reads: the text and where it came from. It
// mirrors store.Entry without depending on it.
type Entry struct {
	ID      string
	Segment string
	Text    string
	// SourceKind is user, agent, tool, web, email, import or system.
	SourceKind string
	SourceURI  string
	Sender     string
	Session    string
	Created    time.Time
}

// Finding is one problem in one entry.
type Finding struct {
	EntryID  string   `json:"entry_id"`
	Rule     string   `json:"rule"`
	Category Category `json:"category"`
	Severity Severity `json:"severity"`
	// Start and End are the byte offsets of the match in the entry's text
	// (for findings in decoded or normalised text, the span of the text
	// they were decoded from).
	Start int `json:"start"`
	End   int `json:"end"`
	// Excerpt shows the match; secrets are masked unless ShowSecrets.
	Excerpt string `json:"excerpt"`
	// Secret is the matched credential, set only with ShowSecrets.
	Secret string `json:"secret,omitempty"`
	// Fingerprint is stable for the same rule, entry and match.
	Fingerprint string `json:"fingerprint"`
	// Factor is the provenance weighting applied (see Explanation).
	Factor      int    `json:"provenance_factor"`
	Explanation string `json:"explanation"`
	// Instruction is the normalised sentence an injection finding matched
	// (empty for credentials), the key for recurrence.
	Instruction string `json:"instruction,omitempty"`
}
