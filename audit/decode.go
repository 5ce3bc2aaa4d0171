package audit

import (
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode/utf8"
)

// payload is text hidden inside an entry: decoded from base64, hex or
// percent-encoding, or inside an HTML comment or hidden element.
type payload struct {
	text string
	// start and end locate the hiding place in the entry's text.
	start, end int
	how        string
	// trick: read from text written to defeat reading (textTricks), not
	// decoded from an encoding or taken out of markup.
	trick bool
}

// maxDecodeDepth bounds nested encodings (base64 of hex of ...).
const maxDecodeDepth = 3

// minBlob is the shortest encoded blob worth decoding.
const minBlob = 24

// printable reports whether decoded bytes read as text.
func printable(b []byte) bool {
	if len(b) == 0 || !utf8.Valid(b) {
		return false
	}
	ok := 0
	for _, r := range string(b) {
		if r == '\n' || r == '\t' || r >= 0x20 && r != 0x7f {
			ok++
		}
	}
	return ok*10 >= utf8.RuneCount(b)*9
}

// hiddenPayloads finds what text hides, one level deep; the scanner recurses.
func hiddenPayloads(text string) []payload {
	var out []payload
	// Encoded blobs: runs of base64 or hex characters.
	for i := 0; i < len(text); {
		if !blobByte[text[i]] {
			i++
			continue
		}
		end := i
		for end < len(text) && end-i < 1<<16 && blobByte[text[end]] {
			end++
		}
		if end-i >= minBlob {
			blob := text[i:end]
			if p, ok := decodeBlob(blob); ok {
				out = append(out, payload{text: p, start: i, end: end, how: "encoded"})
			}
		}
		i = end + 1
	}
	// Percent-encoding.
	if strings.Count(text, "%") >= 3 {
		for _, f := range strings.Fields(text) {
			if strings.Count(f, "%") >= 3 {
				if d, err := url.QueryUnescape(f); err == nil && d != f && printable([]byte(d)) {
					at := strings.Index(text, f)
					out = append(out, payload{text: d, start: at, end: at + len(f), how: "percent-encoded"})
				}
			}
		}
	}
	// HTML comments and hidden elements.
	if strings.IndexByte(text, '<') >= 0 {
		out = append(out, htmlHidden(text)...)
	}
	return out
}

// blobByte marks the bytes of base64 (both alphabets), hex and padding.
var blobByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = isB64(byte(c)) || c == '-' || c == '_' || c == '='
	}
	return t
}()

func decodeBlob(blob string) (string, bool) {
	trim := strings.TrimRight(blob, "=")
	if len(trim)%2 == 0 && isAllHex(trim) {
		if b, err := hex.DecodeString(trim); err == nil && printable(b) {
			return string(b), true
		}
		return "", false
	}
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(trim); err == nil && printable(b) && len(b) >= 12 {
			return string(b), true
		}
	}
	return "", false
}

func isAllHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

// htmlHidden returns HTML comments and the contents of elements styled or
// marked to be invisible.
func htmlHidden(text string) []payload {
	var out []payload
	for i := 0; ; {
		a := strings.Index(text[i:], "<!--")
		if a < 0 {
			break
		}
		a += i
		b := strings.Index(text[a+4:], "-->")
		end := len(text)
		if b >= 0 {
			end = a + 4 + b
		}
		out = append(out, payload{text: text[a+4 : end], start: a, end: min(len(text), end+3), how: "HTML comment"})
		i = min(len(text), end+3)
		if i >= len(text) {
			break
		}
	}
	lower := asciiLower(text) // same length as text, so offsets carry over
	for _, marker := range []string{"display:none", "display: none", "visibility:hidden", "visibility: hidden", "font-size:0", "font-size: 0", " hidden>", " hidden "} {
		for i := 0; ; {
			k := strings.Index(lower[i:], marker)
			if k < 0 {
				break
			}
			k += i
			gt := strings.IndexByte(lower[k:], '>')
			if gt < 0 {
				break
			}
			start := k + gt + 1
			lt := strings.IndexByte(lower[start:], '<')
			end := len(text)
			if lt >= 0 {
				end = start + lt
			}
			if end > start {
				out = append(out, payload{text: text[start:end], start: start, end: end, how: "hidden HTML"})
			}
			i = end
		}
	}
	return out
}

// asciiLower lower-cases ASCII letters only, keeping every byte offset
// (strings.ToLower can change the length of invalid UTF-8).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
