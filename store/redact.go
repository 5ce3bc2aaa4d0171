package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// Span is a byte range of an entry's text to redact, and the rule that
// found it (it goes into the marker).
type Span struct {
	Start, End int
	Rule       string
}

// Redact replaces spans of an entry's text with [REDACTED:<rule>:<hash>]
// markers (the hash lets an operator match a redaction to a known secret
// without keeping it) and keeps the rest of the entry. The entry becomes
// redacted (a quarantined entry stays quarantined), the old text is
// overwritten in the database (secure_delete) and the write-ahead log is
// checkpointed and truncated so that no old page image stays there. The
// index still holds the old terms in its older segments until it is
// rebuilt: the redaction asks for that (see RebuildIndex), and a caller
// should call RebuildIndex after a batch of redactions. When another
// connection keeps the log from being truncated, the entry is returned with
// an error wrapping ErrPurgePending.
func (s *Store) Redact(ctx context.Context, id string, spans []Span, reason string) (*Entry, error) {
	if err := s.checkWritable("redact"); err != nil {
		return nil, err
	}
	if len(spans) == 0 {
		return nil, fmt.Errorf("%w: nothing to redact", ErrInvalidEntry)
	}
	cur, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	text, err := redactText(cur.Text, spans)
	if err != nil {
		return nil, err
	}
	to := StatusRedacted
	if cur.Status == StatusQuarantined {
		to = StatusQuarantined
	}
	e, err := s.updateStatusPurge(ctx, id, []Status{StatusActive, StatusQuarantined, StatusRedacted}, to, &text, ActionRedact,
		fmt.Sprintf("%d span(s); %s", len(spans), reason), true)
	if err != nil {
		return nil, err
	}
	if err := s.foldWAL(ctx); err != nil {
		// The redaction is committed; the index holder truncates the log
		// when it meets the rebuild request the redaction made.
		return e, fmt.Errorf("%w: %w", ErrPurgePending, err)
	}
	return e, nil
}

func redactText(text string, spans []Span) (string, error) {
	sp := append([]Span(nil), spans...)
	sort.Slice(sp, func(i, j int) bool { return sp[i].Start < sp[j].Start })
	var b strings.Builder
	pos := 0
	for _, x := range sp {
		switch {
		case x.Start < pos || x.End > len(text) || x.Start >= x.End:
			return "", fmt.Errorf("%w: span %d-%d out of range or overlapping", ErrInvalidEntry, x.Start, x.End)
		case !utf8.RuneStart(text[x.Start]) || (x.End < len(text) && !utf8.RuneStart(text[x.End])):
			return "", fmt.Errorf("%w: span %d-%d splits a character", ErrInvalidEntry, x.Start, x.End)
		}
		rule := x.Rule
		if rule == "" {
			rule = "manual"
		}
		b.WriteString(text[pos:x.Start])
		fmt.Fprintf(&b, "[REDACTED:%s:%s]", rule, vaultcrypto.ShortHash(text[x.Start:x.End])[:8])
		pos = x.End
	}
	b.WriteString(text[pos:])
	return b.String(), nil
}
