package audit

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// normalized is text prepared for phrase matching: NFKC, lower case,
// confusable letters folded to Latin, zero-width and bidi controls removed,
// Unicode tag characters taken out (and decoded separately), runs of space
// collapsed. off maps each byte of text back to the original byte offset.
type normalized struct {
	text string
	off  []int32
	// What the hiding looked like, for obfuscation findings.
	zeroWidth, bidi int
	mixedScript     []span // words mixing Latin with Cyrillic or Greek
	tags            string // payload spelled in tag characters
	tagSpan         span
	// plain is set by the ASCII fast path when the text cannot hide a
	// payload: no run of encoded-looking bytes as long as minBlob, no '%',
	// no '<'. Then hiddenPayloads has nothing to find.
	plain bool
	// lines are the offsets of the normalised text that begin a line of
	// the original (newlines themselves become spaces).
	lines []int
	// gated is set when the ASCII fast path looked at every eight bytes
	// for the text tricks' gates (tricks.go), with what it found; else
	// textTricks looks itself.
	gated, spaced bool
	leetWindows   int
}

// lineStart and lineEnd search lines (in order) by halves: a text of many
// lines and many matches must not cost their product.
func (n *normalized) lineStart(i int) bool {
	_, found := slices.BinarySearch(n.lines, i)
	return i == 0 || found
}

// lineEnd returns where the line holding i ends.
func (n *normalized) lineEnd(i int) int {
	k, found := slices.BinarySearch(n.lines, i+1)
	if !found && k == len(n.lines) {
		return len(n.text)
	}
	return min(n.lines[k], len(n.text))
}

// confusables folds the Cyrillic and Greek letters that look like Latin
// ones (the usual homoglyph substitutions in prompt injection).
var confusables = map[rune]rune{
	'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y',
	'х': 'x', 'ѕ': 's', 'і': 'i', 'ј': 'j', 'ԁ': 'd', 'ɡ': 'g', 'ӏ': 'l', 'ո': 'n', 'ս': 'u',
	'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u',
	'χ': 'x', 'γ': 'y', 'ω': 'w',
}

func isZeroWidth(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\ufeff', '\u00ad', '\u180e':
		return true
	}
	return false
}

func isBidi(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' || r == '\u200e' || r == '\u200f' || r == '\u061c'
}

func normalize(src string) *normalized {
	return normalizeInto(src, &normalized{}, nil)
}

// normBuf is a normalisation's memory, reused across scans (scanner.go):
// the ASCII fast path writes its lower-cased copy into b. Whatever keeps
// a piece of the normalised text past the scan must copy it.
type normBuf struct {
	n normalized
	b []byte
}

var normPool = sync.Pool{New: func() any { return new(normBuf) }}

// normalizeInto normalises src into n; with buf, the ASCII fast path
// writes into *buf (grown as needed) instead of a new allocation.
func normalizeInto(src string, n *normalized, buf *[]byte) *normalized {
	if fastASCII(src, n, buf) {
		return n
	}
	var b strings.Builder
	b.Grow(len(src))
	off := make([]int32, 0, len(src))
	lastSpace := true
	newline := false
	wordStart, wordLatin, wordOther := -1, false, false
	endWord := func(at int) {
		if wordStart >= 0 && wordLatin && wordOther {
			n.mixedScript = append(n.mixedScript, span{start: wordStart, end: at})
		}
		wordStart, wordLatin, wordOther = -1, false, false
	}
	emit := func(s string, at int) {
		if newline && s != " " {
			n.lines = append(n.lines, len(off))
			newline = false
		}
		for i := 0; i < len(s); i++ {
			off = append(off, int32(at))
		}
		b.WriteString(s)
	}
	var tags strings.Builder
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf { // ASCII fast path
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				newline = newline || c == '\n'
				endWord(i)
				if !lastSpace {
					emit(" ", i)
					lastSpace = true
				}
			default:
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				if newline {
					n.lines = append(n.lines, len(off))
					newline = false
				}
				if isLetter(c) {
					if wordStart < 0 {
						wordStart = i
					}
					wordLatin = true
				} else {
					endWord(i)
				}
				off = append(off, int32(i))
				b.WriteByte(c)
				lastSpace = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		switch {
		case r >= 0xE0000 && r <= 0xE007F:
			if tags.Len() == 0 {
				n.tagSpan.start = i
			}
			n.tagSpan.end = i + size
			if a := r - 0xE0000; a >= 0x20 && a < 0x7f {
				tags.WriteByte(byte(a))
			}
		case isZeroWidth(r):
			n.zeroWidth++
		case isBidi(r):
			n.bidi++
		case unicode.IsSpace(r):
			endWord(i)
			if !lastSpace {
				emit(" ", i)
				lastSpace = true
			}
		default:
			if unicode.IsLetter(r) {
				if wordStart < 0 {
					wordStart = i
				}
				if unicode.Is(unicode.Latin, r) {
					wordLatin = true
				} else if unicode.Is(unicode.Cyrillic, r) || unicode.Is(unicode.Greek, r) {
					wordOther = true
				}
			} else {
				endWord(i)
			}
			lr := unicode.ToLower(r)
			if f, ok := confusables[lr]; ok {
				emit(string(f), i)
			} else {
				emit(strings.ToLower(norm.NFKC.String(string(r))), i)
			}
			lastSpace = false
		}
		i += size
	}
	endWord(len(src))
	n.text, n.off = b.String(), off
	n.tags = tags.String()
	return n
}

// fastASCII normalises the common case, ASCII text without runs of white
// space, in one pass: lower case, white space as single spaces, offsets
// unchanged (off stays nil). It returns false for other text.
//
// It reads eight bytes at a time: a few adds and masks per word tell
// non-ASCII, control bytes, spaces, '%' and '<', upper case and the bytes
// of encoded blobs apart, exactly for ASCII (asciiMasks). A word holding a
// control byte (a newline, a tab) goes through the byte loop, whose one
// table look-up per byte follows the same rules; FuzzFastASCII holds both
// to the rules written out a byte at a time.
func fastASCII(src string, n *normalized, buf *[]byte) bool {
	if src == "" {
		n.plain = true
		return true
	}
	var b []byte // a copy to lower-case in place
	if buf != nil {
		b = append((*buf)[:0], src...)
		*buf = b
	} else {
		b = []byte(src)
	}
	var run, longest int
	var prevSpace, double, special uint8
	ungated := false // a word went through the byte loop: the gates did not see it
	// byteStep is the rule for one byte; false means not ASCII.
	byteStep := func(i int) bool {
		c := b[i]
		k := asciiKind[c]
		b[i] = asciiFold[c]
		if k&(kindNewline|kindSpecial|kindHigh) != 0 {
			if k&kindHigh != 0 {
				return false
			}
			if k&kindNewline != 0 {
				n.lines = append(n.lines, i+1)
			}
			special |= k & kindSpecial
		}
		run = (run + 1) & -int(k&kindBlob) // the blob run so far, 0 after any other byte
		longest = max(longest, run)
		space := k & kindSpace
		double |= space & prevSpace
		prevSpace = space
		return true
	}
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		if x&swarHi != 0 {
			n.lines = n.lines[:0]
			return false
		}
		if swarBelow(x, 0x20) != 0 { // a control byte: this word a byte at a time
			for j := i; j < i+8; j++ {
				byteStep(j)
			}
			ungated = true
			continue
		}
		sp := swarEq(x, ' ')
		if sp&(sp<<8) != 0 || prevSpace != 0 && sp&0x80 != 0 {
			double = 1
		}
		prevSpace = uint8(sp>>63) * kindSpace
		if swarEq(x, '%')|swarEq(x, '<') != 0 {
			special = kindSpecial
		}
		y := x | swarRange(x, 'A', 'Z')>>2 // lower case
		binary.LittleEndian.PutUint64(b[i:], y)
		blob := swarRange(y, 'a', 'z') | swarRange(y, '0', '9') | swarEq(y, '+') | swarEq(y, '/') | swarEq(y, '=') | swarEq(y, '_') | swarEq(y, '-')
		n.trickWord(y) // the text tricks' gates, while the word is here
		if other := ^blob & swarHi; other == 0 {
			run += 8
		} else {
			longest = max(longest, run+bits.TrailingZeros64(other)/8)
			run = bits.LeadingZeros64(other) / 8 // the blob bytes after the last other byte
		}
		longest = max(longest, run)
	}
	for ; i < len(b); i++ {
		if !byteStep(i) {
			n.lines = n.lines[:0]
			return false
		}
	}
	if double != 0 {
		n.lines = n.lines[:0]
		return false
	}
	n.text = unsafe.String(&b[0], len(b)) // b is not written again
	n.plain = longest < minBlob && special == 0
	if len(b)%8 != 0 && len(b) >= 8 { // the tail went through the byte loop: its last eight bytes, lower case now
		n.trickWord(binary.LittleEndian.Uint64(b[len(b)-8:]))
	}
	n.gated = !ungated && len(b) >= 8
	return true
}

// asciiMasks: for a word x of eight ASCII bytes (no byte of 0x80 or more),
// the high bit of each byte that is c (swarEq), below c (swarBelow), or
// within lo..hi (swarRange). No add carries out of a byte, so each byte's
// answer is its own.
const swarLo, swarHi = 0x0101010101010101, 0x8080808080808080

func swarEq(x uint64, c byte) uint64 {
	y := x ^ uint64(c)*swarLo
	return ^(y + 0x7f*swarLo) & swarHi
}

func swarBelow(x uint64, c byte) uint64 { return ^(x + uint64(0x80-c)*swarLo) & swarHi }

func swarRange(x uint64, lo, hi byte) uint64 {
	return (x + uint64(0x80-lo)*swarLo) &^ (x + uint64(0x80-hi-1)*swarLo) & swarHi
}

// asciiKind classifies bytes for fastASCII, one table look-up per byte.
const (
	kindBlob    = 1 << iota // a byte of base64, hex or padding (blobByte)
	kindSpace               // white space
	kindNewline             // '\n' (kindSpace too)
	kindSpecial             // '%' and '<': the text may hide something
	kindHigh                // not ASCII
)

var asciiKind = func() (t [256]uint8) {
	for c := range t {
		if blobByte[c] {
			t[c] |= kindBlob
		}
	}
	for _, c := range " \t\r\f\v\n" {
		t[c] |= kindSpace
	}
	t['\n'] |= kindNewline
	t['%'] |= kindSpecial
	t['<'] |= kindSpecial
	for c := 0x80; c < 0x100; c++ {
		t[c] = kindHigh
	}
	return t
}()

// asciiFold is what fastASCII writes for each ASCII byte: lower case, and
// a space for any white space.
var asciiFold = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
		if asciiKind[c]&kindSpace != 0 {
			t[c] = ' '
		}
	}
	return t
}()

// orig maps a span of the normalised text to the original text.
func (n *normalized) orig(start, end int, srcLen int) (int, int) {
	if n.off == nil {
		return min(start, srcLen), min(end, srcLen)
	}
	if len(n.off) == 0 {
		return 0, 0
	}
	s := int(n.off[min(start, len(n.off)-1)])
	e := srcLen
	if end < len(n.off) {
		e = int(n.off[end])
	}
	return s, max(s, e)
}
