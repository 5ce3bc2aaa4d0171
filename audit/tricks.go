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
// carries ordinary text finds nothing there. n is the entry's normalised
// form (with the gates the ASCII fast path computed, if it did) and cues
// the trick cues the scan's automaton found in it (trickCues, a bit each). (Held-out set 22 found these five missed; invisible
// styling, comments, alt text, full-width letters, URL encoding and JSON
// escapes were already read.) Every test before a reader is cheap: the
// scan pays for a trick only where one may be.
func textTricks(text string, n *normalized, cues uint8) []payload {
	norm := n.text
	var out []payload
	if strings.Contains(text, "&#") {
		if p, ok := charRefPayload(text); ok {
			out = append(out, p)
		}
	}
	if cues&(1<<trickROT13) != 0 {
		out = append(out, payload{text: rotate13(text), start: 0, end: len(text), how: "ROT13"})
	}
	if cues&(1<<trickReversed) != 0 {
		out = append(out, payload{text: reverseRunes(text), start: 0, end: len(text), how: "reversed text"})
	}
	spaced, leet := n.spaced, n.leetWindows >= 2
	if !n.gated {
		spaced, leet = gates(norm)
	}
	if spaced {
		if p, ok := spacedPayload(text); ok {
			out = append(out, p)
		}
	}
	if leet {
		if p, ok := leetPayload(text); ok {
			out = append(out, p)
		}
	}
	for i := range out {
		out[i].trick = true
	}
	return out
}

// The trick cues, by bit: words an entry uses to tell its reader how to
// undo the trick. The scanner's automaton looks for them with the rules'
// triggers.
const (
	trickROT13 = iota
	trickReversed
)

var trickCues = [...][]string{
	trickROT13:    {"rot13", "rot-13", "rot 13"},
	trickReversed: {"backwards", "backward", "reversed", "in reverse", "al revés", "del revés", "à l'envers", "rückwärts", "von hinten nach vorn"},
}

// ascii8 loads eight bytes of t at i with every byte of 0x80 or more set
// to zero, so that the swar helpers are exact on what is left.
func ascii8(t string, i int) uint64 {
	t = t[i : i+8] // one bounds check, and the loads below combine into one
	x := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
		uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
	return x &^ ((x & swarHi >> 7) * 0xff)
}

// trickWord notes what one eight-byte word of lower-case ASCII says for
// the text tricks' gates: spaced, when it holds a space, a character, a
// space, a character and a space in a row (any run of eight spaced
// characters, fifteen bytes or more, fills some aligned eight bytes that
// way); a leet window, when a digit stands beside a letter past 'f' (hex,
// hashes and colours have digits only beside a to f). The ASCII fast path
// of normalize calls it as it goes; gates does the same for other text.
func (n *normalized) trickWord(x uint64) {
	sp := swarEq(x, ' ')
	if sp&(sp>>16)&(sp>>32)&^(sp>>8)&^(sp>>24) != 0 {
		n.spaced = true
	}
	if d := swarRange(x, '0', '9'); d != 0 {
		if l := swarRange(x, 'g', 'z'); d&(l<<8|l>>8) != 0 {
			n.leetWindows++
		}
	}
}

// gates looks over normalised text eight bytes at a time, as the ASCII
// fast path does, for where a spaced-out run (spaced) or leetspeak (two
// leet windows or more) may be, so that their readers run only there.
func gates(t string) (spaced, leet bool) {
	var g normalized
	for i := 0; i+8 <= len(t); i += 8 {
		g.trickWord(ascii8(t, i))
	}
	if len(t)%8 != 0 && len(t) >= 8 { // the tail: the last eight bytes
		g.trickWord(ascii8(t, len(t)-8))
	}
	return g.spaced, g.leetWindows >= 2
}

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
// space ("s e n d   t h e"): one space joins, two or more part words.
func spacedPayload(text string) (payload, bool) {
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
// other digits ("LH1234", "B12") are not leet.
func leetPayload(text string) (payload, bool) {
	count, words := 0, 0
	leetWords(text, func(start, end int, leet bool) {
		words++
		if leet {
			count++
		}
	})
	// Written in leetspeak, not prose with a few ordinals or model
	// numbers in it: a third of the words at least. Counted before
	// anything is copied: most text that gets here has one hash or code.
	if count < minLeet || 3*count < words {
		return payload{}, false
	}
	b := []byte(text)
	leetWords(text, func(start, end int, leet bool) {
		for k := start; leet && k < end; k++ {
			if c := b[k]; c >= '0' && c <= '9' {
				b[k] = leetDigit[c-'0']
			}
		}
	})
	return payload{text: string(b), start: 0, end: len(text), how: "leetspeak"}, true
}

// leetWords calls fn with each run of ASCII letters and digits in text and
// whether it reads as leetspeak.
func leetWords(text string, fn func(start, end int, leet bool)) {
	for i := 0; i < len(text); {
		if !isAlnum(text[i]) {
			i++
			continue
		}
		j := i
		letters, digits, hexOnly, ok := 0, 0, true, true
		for j < len(text) && isAlnum(text[j]) {
			c := text[j]
			if c >= '0' && c <= '9' {
				digits++
				ok = ok && leetDigit[c-'0'] != 0
			} else {
				letters++
				l := c | 0x20
				hexOnly = hexOnly && l >= 'a' && l <= 'f'
			}
			j++
		}
		fn(i, j, ok && letters > 0 && digits > 0 && !(hexOnly && j-i >= 6))
		i = j
	}
}

func asciiLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
