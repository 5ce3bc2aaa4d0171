package audit

import (
	"html"
	"strings"
	"unicode/utf8"
)

// textTricks finds text written so that neither the phrase rules nor the
// learned layer can read it as it stands, and reads it: HTML character
// references, ROT13 and reversed text (when the entry names the trick, as
// it must for its reader to undo it), letters spaced out, leetspeak. Each
// reading is a payload the scanner scans like a decoded blob; a trick that
// carries ordinary text finds nothing there. norm is the entry's
// normalised text, for the cues. (Held-out set 22 found these five missed;
// invisible styling, comments, alt text, full-width letters, URL encoding
// and JSON escapes were already read.)
func textTricks(text, norm string) []payload {
	var out []payload
	if strings.Contains(text, "&#") {
		if p, ok := charRefPayload(text); ok {
			out = append(out, p)
		}
	}
	if containsAny(norm, rot13Cues) {
		out = append(out, payload{text: rotate13(text), start: 0, end: len(text), how: "ROT13"})
	}
	if containsAny(norm, reverseCues) {
		out = append(out, payload{text: reverseRunes(text), start: 0, end: len(text), how: "reversed text"})
	}
	if p, ok := spacedPayload(text); ok {
		out = append(out, p)
	}
	if p, ok := leetPayload(text); ok {
		out = append(out, p)
	}
	for i := range out {
		out[i].trick = true
	}
	return out
}

var (
	rot13Cues   = []string{"rot13", "rot-13", "rot 13"}
	reverseCues = []string{"backwards", "backward", "reversed", "in reverse", "al revés", "del revés", "à l'envers", "rückwärts", "von hinten nach vorn"}
)

// minRefs is how many character references make a payload: one or two are
// an accented letter in prose ("Caf&#233;").
const minRefs = 4

// charRefPayload decodes the HTML character references of text, from the
// first to the end of the last.
func charRefPayload(text string) (payload, bool) {
	if strings.Count(text, "&#") < minRefs {
		return payload{}, false
	}
	start := strings.Index(text, "&#")
	last := strings.LastIndex(text, "&#")
	end := strings.IndexByte(text[last:], ';')
	if end < 0 {
		return payload{}, false
	}
	end += last + 1
	d := html.UnescapeString(text[start:end])
	if d == text[start:end] {
		return payload{}, false
	}
	return payload{text: d, start: start, end: end, how: "HTML character references"}, true
}

// rotate13 rotates ASCII letters by 13 places, byte by byte: every other
// byte, invalid UTF-8 included, stays as it is.
func rotate13(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			b[i] = 'a' + (c-'a'+13)%26
		case c >= 'A' && c <= 'Z':
			b[i] = 'A' + (c-'A'+13)%26
		}
	}
	return string(b)
}

// reverseRunes writes s backwards, a character at a time.
func reverseRunes(s string) string {
	b := make([]byte, 0, len(s))
	for i := len(s); i > 0; {
		_, n := utf8.DecodeLastRuneInString(s[:i])
		b = append(b, s[i-n:i]...)
		i -= n
	}
	return string(b)
}

// minSpaced is how many spaced-out characters make a payload: a spaced
// word in a heading ("w e l c o m e") is typography.
const minSpaced = 8

// spacedPayload reads a run of single characters each followed by one
// space ("s e n d   t h e"): one space joins, two or more part words. A
// quick look at the spaces first: most text has no space two bytes after
// another.
func spacedPayload(text string) (payload, bool) {
	quick := false
	for i := strings.IndexByte(text, ' '); i >= 0 && i+4 < len(text); {
		if text[i+2] == ' ' && text[i+4] == ' ' && text[i+1] != ' ' && text[i+3] != ' ' {
			quick = true
			break
		}
		k := strings.IndexByte(text[i+1:], ' ')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	if !quick {
		return payload{}, false
	}
	var best payload
	var b strings.Builder
	i := 0
	for i < len(text) {
		// A run starts at a character with a space (or the end) after it.
		start, n, gaps := i, 0, 0
		b.Reset()
		j := i
		for j < len(text) && text[j] != ' ' && text[j] != '\n' {
			_, size := utf8.DecodeRuneInString(text[j:])
			k := j + size
			if k < len(text) && text[k] != ' ' {
				break // more than one character: a word, not a spaced letter
			}
			if n > 0 && gaps > 1 {
				b.WriteByte(' ')
			}
			b.WriteString(text[j:k])
			n++
			gaps = 0
			for k < len(text) && text[k] == ' ' {
				k++
				gaps++
			}
			j = k
			if gaps == 0 {
				break
			}
		}
		if n >= minSpaced && b.Len() > len(best.text) {
			best = payload{text: b.String(), start: start, end: min(j, len(text)), how: "spaced-out letters"}
		}
		if n > 1 {
			i = j // on past the run: each byte is looked at a bounded number of times
			continue
		}
		// Next word.
		k := strings.IndexAny(text[i:], " \n")
		if k < 0 {
			break
		}
		i += k + 1
	}
	return best, best.text != ""
}

// leetDigit maps the digits leetspeak uses for letters.
var leetDigit = [10]byte{'o', 'i', 0, 'e', 'a', 's', 0, 't', 'b', 'g'}

// minLeet is how many leet words make a payload: "h4ppy" alone is a
// greeting, not a hiding place.
const minLeet = 3

// leetPayload reads words of letters and the digits leetspeak uses for
// letters ("s3nd", "4ss1st4nt"). Hex runs (hashes, colours) and words with
// other digits ("LH1234", "B12") are not leet. It looks only where a digit
// stands next to a letter.
func leetPayload(text string) (payload, bool) {
	near := false
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= '0' && c <= '9' && leetDigit[c-'0'] != 0 &&
			(i > 0 && asciiLetter(text[i-1]) || i+1 < len(text) && asciiLetter(text[i+1])) {
			near = true
			break
		}
	}
	if !near {
		return payload{}, false
	}
	b := []byte(text)
	count := 0
	for i := 0; i < len(b); {
		if !isAlnum(b[i]) {
			i++
			continue
		}
		j := i
		letters, digits, hexOnly := 0, 0, true
		ok := true
		for j < len(b) && isAlnum(b[j]) {
			c := b[j]
			switch {
			case c >= '0' && c <= '9':
				digits++
				ok = ok && leetDigit[c-'0'] != 0
			default:
				letters++
				l := c | 0x20
				hexOnly = hexOnly && l >= 'a' && l <= 'f'
			}
			j++
		}
		if ok && letters > 0 && digits > 0 && !(hexOnly && j-i >= 6) {
			for k := i; k < j; k++ {
				if c := b[k]; c >= '0' && c <= '9' {
					b[k] = leetDigit[c-'0']
				}
			}
			count++
		}
		i = j
	}
	// Written in leetspeak, not prose with a few ordinals or model
	// numbers in it: a third of the words at least.
	if count < minLeet || 3*count < len(strings.Fields(text)) {
		return payload{}, false
	}
	return payload{text: string(b), start: 0, end: len(text), how: "leetspeak"}, true
}

func asciiLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
