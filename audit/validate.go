package audit

import (
	"hash/crc32"
	"math"
	"strings"
)

// Character classes of token bodies.
type charset func(byte) bool

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
func isB64URL(c byte) bool { return isAlnum(c) || c == '-' || c == '_' }
func isB64(c byte) bool    { return isAlnum(c) || c == '+' || c == '/' }
func isLowerHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f'
}
func isHex(c byte) bool    { return isLowerHex(c) || 'A' <= c && c <= 'F' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isBase32(c byte) bool { return 'A' <= c && c <= 'Z' || '2' <= c && c <= '7' }

// maxRun bounds every token run a detector reads (the longest token body,
// a PyPI macaroon, is under 400 bytes). It keeps a scan linear in the text
// even when the text repeats a trigger: each trigger reads a bounded run.
const maxRun = 640

// run returns the end of the run of cs starting at i, at most maxRun long.
func run(text string, i int, cs charset) int {
	limit := min(len(text), i+maxRun)
	for i < limit && cs(text[i]) {
		i++
	}
	return i
}

// runBack returns the start of the run of cs ending at i, at most 64 long
// (it reads schemes and bot ids).
func runBack(text string, i int, cs charset) int {
	limit := max(0, i-64)
	for i > limit && cs(text[i-1]) {
		i--
	}
	return i
}

// entropy is the Shannon entropy of s in bits per byte.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	h := 0.0
	n := float64(len(s))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// placeholderWords mark documentation examples and templates.
var placeholderWords = []string{"xxxx", "****", "....", "your", "example", "sample", "dummy", "placeholder",
	"redacted", "changeme", "insert", "replace", "fake", "<", ">", "{", "}", "$", "...", "…"}

// placeholder reports whether a token looks like a template or an example:
// a placeholder word, six repeats of one character, or a long ascending run.
func placeholder(tok string) bool {
	l := strings.ToLower(tok)
	for _, w := range placeholderWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	rep, asc := 1, 1
	for i := 1; i < len(l); i++ {
		if l[i] == l[i-1] {
			if rep++; rep >= 6 {
				return true
			}
		} else {
			rep = 1
		}
		if l[i] == l[i-1]+1 {
			if asc++; asc >= 8 {
				return true
			}
		} else {
			asc = 1
		}
	}
	return false
}

// documented holds example keys published in providers' documentation:
// reported as examples, never as live secrets.
var documented = map[string]bool{
	"AKIAIOSFODNN7EXAMPLE":                     true,
	"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY": true,
}

// letterClasses reports which of lower case, upper case and digits s has.
func letterClasses(s string) (lo, up, di bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		lo = lo || 'a' <= c && c <= 'z'
		up = up || 'A' <= c && c <= 'Z'
		di = di || '0' <= c && c <= '9'
	}
	return lo, up, di
}

// mixed reports whether s has at least two of: lower case, upper case,
// digits (random tokens do; words and numbers do not).
func mixed(s string) bool {
	l, u, d := letterClasses(s)
	n := 0
	for _, b := range []bool{l, u, d} {
		if b {
			n++
		}
	}
	return n >= 2
}

// allClasses reports whether s has upper case, lower case and digits.
func allClasses(s string) bool {
	l, u, d := letterClasses(s)
	return l && u && d
}

// Base62 alphabets for GitHub's checksum. GitHub documents the checksum
// (CRC-32 of the random part, base62, six characters) but not the digit
// order, so both common orders are tried.
const (
	base62Upper = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	base62Lower = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)

func base62(n uint32, alphabet string, width int) string {
	b := make([]byte, width)
	for i := width - 1; i >= 0; i-- {
		b[i] = alphabet[n%62]
		n /= 62
	}
	return string(b)
}

// githubChecksumOK checks the last six characters of a classic GitHub
// token body (36 characters after the prefix) against the CRC-32 of the
// first thirty.
func githubChecksumOK(body string) bool {
	if len(body) != 36 {
		return false
	}
	sum := crc32.ChecksumIEEE([]byte(body[:30]))
	return body[30:] == base62(sum, base62Upper, 6) || body[30:] == base62(sum, base62Lower, 6)
}
