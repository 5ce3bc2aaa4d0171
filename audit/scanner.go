package audit

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/memaudit/memaudit/internal/ahocorasick"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// Options configure a Scanner. The zero value enables every rule and masks
// secrets.
type Options struct {
	// Disable lists rule ids to skip.
	Disable []string
	// ShowSecrets puts matched secrets in Finding.Secret and unmasked
	// excerpts. Off by default: reports get copied into tickets and chats.
	ShowSecrets bool
}

// Scanner scans entries with a fixed rule set. It is safe for concurrent
// use.
type Scanner struct {
	opts    Options
	rules   map[string]Rule
	version string
	ac      *ahocorasick.Matcher
	// byPattern[i] are the detectors that own trigger pattern i.
	byPattern [][]detector
}

// New builds a scanner from the embedded rule set.
func New(opts Options) (*Scanner, error) {
	rs, err := Rules()
	if err != nil {
		return nil, err
	}
	s := &Scanner{opts: opts, rules: map[string]Rule{}, version: rs.Version}
	for _, r := range rs.Rules {
		s.rules[r.ID] = r
	}
	disabled := map[string]bool{}
	for _, id := range opts.Disable {
		if _, ok := s.rules[id]; !ok {
			return nil, fmt.Errorf("disable: unknown rule %q", id)
		}
		disabled[id] = true
	}
	index := map[string]int{}
	var patterns []string
	for _, d := range credentialDetectors() {
		if _, ok := s.rules[d.ruleID()]; !ok {
			return nil, fmt.Errorf("detector %s has no rule metadata", d.ruleID())
		}
		if disabled[d.ruleID()] {
			continue
		}
		for _, t := range d.triggers() {
			key := strings.ToLower(t)
			i, ok := index[key]
			if !ok {
				i = len(patterns)
				index[key] = i
				patterns = append(patterns, key)
				s.byPattern = append(s.byPattern, nil)
			}
			s.byPattern[i] = append(s.byPattern[i], d)
		}
	}
	s.ac = ahocorasick.New(patterns)
	return s, nil
}

// RuleSetVersion identifies the rules this scanner applies.
func (s *Scanner) RuleSetVersion() string { return s.version }

// Rule returns a rule's metadata.
func (s *Scanner) Rule(id string) (Rule, bool) {
	r, ok := s.rules[id]
	return r, ok
}

// raw is a validated match before masking and weighting.
type raw struct {
	rule string
	span
}

// Scan returns the findings in one entry, ordered by position. It returns
// early (with what it found) when ctx is done.
func (s *Scanner) Scan(ctx context.Context, e Entry) []Finding {
	var found []raw
	// until[d] is the end of d's last match: triggers inside it are not
	// checked again, so a long key full of trigger-like bytes costs one
	// check, not one per trigger.
	until := map[detector]int{}
	n := 0
	s.ac.Scan(e.Text, func(m ahocorasick.Match) bool {
		if n++; n&1023 == 0 && ctx.Err() != nil {
			return false
		}
		for _, d := range s.byPattern[m.Pattern] {
			if m.Start < until[d] {
				continue
			}
			if sp, ok := d.check(e.Text, m.Start, m.End); ok {
				found = append(found, raw{rule: d.ruleID(), span: sp})
				until[d] = max(sp.end, m.End)
			}
		}
		return true
	})
	found = dedupe(found)
	out := make([]Finding, 0, len(found))
	for _, r := range found {
		out = append(out, s.finding(e, r, found))
	}
	return out
}

// dedupe drops matches contained in a longer (or equal, earlier-listed)
// match: "sk-" inside "sk-proj-...", a URL password inside a URL that is a
// webhook, the same span found by two triggers.
func dedupe(rs []raw) []raw {
	slices.SortStableFunc(rs, func(a, b raw) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return (b.end - b.start) - (a.end - a.start)
	})
	var out []raw
	for _, r := range rs {
		contained := false
		for _, o := range out {
			if r.start >= o.start && r.end <= o.end {
				contained = true
				break
			}
		}
		if !contained {
			out = append(out, r)
		}
	}
	return out
}

func (s *Scanner) finding(e Entry, r raw, all []raw) Finding {
	rule := s.rules[r.rule]
	secret := e.Text[r.start:r.end]
	f := Finding{
		EntryID:     e.ID,
		Rule:        r.rule,
		Category:    rule.Category,
		Severity:    (rule.Severity + Severity(r.adjust)).clamp(),
		Start:       r.start,
		End:         r.end,
		Fingerprint: vaultcrypto.ShortHash(r.rule, e.ID, secret),
		Explanation: rule.Description,
	}
	if r.note != "" {
		f.Explanation += "; " + r.note
	}
	if s.opts.ShowSecrets {
		f.Secret = secret
	}
	f.Excerpt = s.excerpt(e.Text, r, all)
	return f
}

// excerptContext is how much text an excerpt shows around a match.
const excerptContext = 40

// excerpt shows the match in context with every credential in the window
// masked (unless ShowSecrets).
func (s *Scanner) excerpt(text string, r raw, all []raw) string {
	from := max(0, r.start-excerptContext)
	to := min(len(text), r.end+excerptContext)
	for from > 0 && from < len(text) && text[from]&0xC0 == 0x80 {
		from--
	}
	for to < len(text) && text[to]&0xC0 == 0x80 {
		to++
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := from
	for _, o := range all {
		if s.opts.ShowSecrets || o.end <= from || o.start >= to || s.rules[o.rule].Category != Credential {
			continue
		}
		st, en := max(o.start, from), min(o.end, to)
		if st < pos {
			continue
		}
		b.WriteString(oneLine(text[pos:st]))
		b.WriteString(Mask(text[o.start:o.end]))
		pos = en
	}
	b.WriteString(oneLine(text[pos:to]))
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

func oneLine(s string) string {
	return strings.NewReplacer("\n", "⏎", "\r", "", "\t", " ").Replace(s)
}

// Mask shows a secret's first characters (at most 8, at most a quarter of
// it) and a short hash of the whole, enough to recognise it, not to use it.
func Mask(secret string) string {
	n := min(8, len(secret)/4)
	return secret[:n] + "…[" + vaultcrypto.ShortHash(secret)[:8] + "]"
}
