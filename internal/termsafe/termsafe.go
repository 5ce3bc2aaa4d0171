// Package termsafe keeps text that memaudit did not write from driving the
// operator's terminal.
//
// Entry text, source URIs, senders, sessions, segment names and error
// messages can come from a web page, an e-mail or a stranger in a group
// chat. Printed raw, ESC[8m hides what follows, OSC 52 writes the clipboard,
// and a bidi override makes a line read differently from what it holds.
// Writer escapes every such character as \u00XX (\xNN for a byte that is not
// UTF-8), which is also a valid JSON string escape, so JSON and JSONL output
// pass through unchanged in meaning. The CLI's own control sequences (colour,
// progress lines) go to Raw(w).
package termsafe

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"
)

// Unsafe reports whether r is a character a terminal may act on rather than
// show: C0 controls other than newline and tab, DEL, C1 controls, and the
// bidirectional formatting characters.
func Unsafe(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// String returns s with every unsafe character (and every byte that is not
// UTF-8) escaped.
func String(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	appendEscaped(&b, s)
	return b.String()
}

// clean reports whether s needs no escaping (the common case, checked
// without allocating).
func clean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || Unsafe(r) {
			return false
		}
		i += n
	}
	return true
}

func appendEscaped(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(b, `\x%02x`, s[i])
		case Unsafe(r):
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
}

// Writer escapes unsafe characters in everything written to it. A character
// split across two writes is held back until it is whole.
// It is safe for concurrent use.
type Writer struct {
	mu    sync.Mutex
	w     io.Writer
	carry []byte
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer {
	if sw, ok := w.(*Writer); ok {
		return sw
	}
	return &Writer{w: w}
}

// Write escapes p and writes it. It reports len(p) on success.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := len(p)
	if len(w.carry) > 0 {
		p = append(w.carry, p...)
		w.carry = nil
	}
	// Hold back an incomplete character at the end.
	if cut := incompleteTail(p); cut < len(p) {
		w.carry = append([]byte(nil), p[cut:]...)
		p = p[:cut]
	}
	s := string(p)
	if clean(s) {
		if _, err := io.WriteString(w.w, s); err != nil {
			return 0, err
		}
		return n, nil
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	appendEscaped(&b, s)
	if _, err := io.WriteString(w.w, b.String()); err != nil {
		return 0, err
	}
	return n, nil
}

// Flush writes out a character held back as incomplete (escaped: it never
// became whole).
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.carry) == 0 {
		return nil
	}
	s := String(string(w.carry))
	w.carry = nil
	_, err := io.WriteString(w.w, s)
	return err
}

// incompleteTail returns where a trailing, incomplete UTF-8 sequence of p
// starts (len(p) when there is none).
func incompleteTail(p []byte) int {
	for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax+1; i-- {
		c := p[i]
		if c < utf8.RuneSelf {
			return len(p)
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(p[i:]) {
				return i
			}
			return len(p)
		}
	}
	return len(p)
}

// Raw returns the writer under w when w is a Writer, for the CLI's own
// control sequences; otherwise w. Whatever is written to it must not hold
// text from outside.
func Raw(w io.Writer) io.Writer {
	if sw, ok := w.(*Writer); ok {
		sw.Flush()
		return sw.w
	}
	return w
}
