package audit

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// span is a validated candidate: the secret's byte range, and a note and
// severity adjustment when the validation was not conclusive.
type span struct {
	start, end int
	note       string
	adjust     int
}

// detector validates the candidates one rule's triggers find.
type detector interface {
	ruleID() string
	triggers() []string
	// check examines a trigger found at text[ts:te].
	check(text string, ts, te int) (span, bool)
}

// prefixed detects tokens that start with a fixed prefix: the body after it
// must have the right alphabet and length, and pass the optional checks.
type prefixed struct {
	id         string
	prefixes   []string
	body       charset
	min, max   int
	contains   string
	suffix     string
	minEntropy float64
	// checksum, when set, lowers the severity of tokens that fail it
	// (documented examples, hand-made fakes) rather than dropping them.
	checksum func(body string) bool
	// keywords, when set, must appear within window bytes before the
	// token (for prefixes shared with other kinds of string).
	keywords []string
	window   int
	// exclude lists longer prefixes that belong to other rules.
	exclude []string
}

var _ detector = (*prefixed)(nil)

func (p *prefixed) ruleID() string     { return p.id }
func (p *prefixed) triggers() []string { return p.prefixes }

func (p *prefixed) check(text string, ts, te int) (span, bool) {
	pre := text[ts:te]
	exact := false
	for _, x := range p.prefixes {
		exact = exact || pre == x
	}
	if !exact { // the automaton folds case; prefixes are case-sensitive
		return span{}, false
	}
	if ts > 0 && (isB64URL(text[ts-1]) || text[ts-1] == '.') {
		return span{}, false
	}
	for _, x := range p.exclude {
		if strings.HasPrefix(text[ts:], x) {
			return span{}, false
		}
	}
	end := run(text, te, p.body)
	body := text[te:end]
	if len(body) < p.min || (p.max > 0 && len(body) > p.max) {
		return span{}, false
	}
	if p.contains != "" && !strings.Contains(body, p.contains) {
		return span{}, false
	}
	if p.suffix != "" && !strings.HasSuffix(body, p.suffix) {
		return span{}, false
	}
	if placeholder(body) || documented[text[ts:end]] {
		return span{}, false
	}
	if p.minEntropy > 0 && entropy(body) < p.minEntropy {
		return span{}, false
	}
	if len(p.keywords) > 0 && !nearKeyword(text, ts, p.window, p.keywords) {
		return span{}, false
	}
	s := span{start: ts, end: end}
	if p.checksum != nil && !p.checksum(body) {
		s.note, s.adjust = "checksum does not verify (an example or a hand-made fake?)", -1
	}
	return s, true
}

// nearKeyword reports whether any keyword occurs (case-folded) within
// window bytes before pos.
func nearKeyword(text string, pos, window int, keywords []string) bool {
	from := max(0, pos-window)
	l := strings.ToLower(text[from:min(len(text), pos+8)])
	for _, k := range keywords {
		if strings.Contains(l, k) {
			return true
		}
	}
	return false
}

// contextual detects prefix-less secrets (Mistral and Cohere keys, AWS
// secret keys, Twilio auth tokens): a keyword triggers, and the first token
// of the right alphabet and length within window bytes after it is checked.
type contextual struct {
	id         string
	keywords   []string
	body       charset
	min, max   int
	window     int
	minEntropy float64
	// allClasses requires upper case, lower case and digits (random
	// alphanumeric keys have all three; hex digests and words do not).
	allClasses bool
}

var _ detector = (*contextual)(nil)

func (c *contextual) ruleID() string     { return c.id }
func (c *contextual) triggers() []string { return c.keywords }

func (c *contextual) check(text string, ts, te int) (span, bool) {
	limit := min(len(text), te+c.window)
	for i := te; i < limit; {
		if !c.body(text[i]) {
			i++
			continue
		}
		if i > 0 && isB64URL(text[i-1]) && c.body(text[i-1]) {
			i = run(text, i, c.body)
			continue
		}
		end := run(text, i, c.body)
		tok := text[i:end]
		if len(tok) >= c.min && len(tok) <= c.max && (end == len(text) || !isAlnum(text[end])) &&
			mixed(tok) && (!c.allClasses || allClasses(tok)) && entropy(tok) >= c.minEntropy && !placeholder(tok) && !documented[tok] {
			return span{start: i, end: end}, true
		}
		i = end
	}
	return span{}, false
}

// telegram detects bot tokens "<8–10 digit bot id>:<35 characters>", bare
// or inside api.telegram.org/bot... URLs. The trigger is ":AA": the secret
// half starts with "AA" in practice.
type telegram struct{}

func (telegram) ruleID() string     { return "telegram-bot-token" }
func (telegram) triggers() []string { return []string{":AA"} }
func (telegram) check(text string, ts, te int) (span, bool) {
	if text[ts+1:te] != "AA" {
		return span{}, false
	}
	start := runBack(text, ts, isDigit)
	if n := ts - start; n < 8 || n > 10 || (start > 0 && isAlnum(text[start-1]) && !strings.HasSuffix(text[:start], "bot")) {
		return span{}, false
	}
	end := run(text, ts+1, isB64URL)
	if end-(ts+1) != 35 || placeholder(text[ts+1:end]) {
		return span{}, false
	}
	return span{start: start, end: end}, true
}

// discordBot detects bot tokens near the word "discord": three base64url
// parts, the first the bot's id in base64 (starts M, N or O).
type discordBot struct{}

func (discordBot) ruleID() string     { return "discord-bot-token" }
func (discordBot) triggers() []string { return []string{"discord"} }
func (discordBot) check(text string, ts, te int) (span, bool) {
	limit := min(len(text), te+200)
	for i := te; i < limit; i++ {
		c := text[i]
		if (c != 'M' && c != 'N' && c != 'O') || (i > 0 && isB64URL(text[i-1])) {
			continue
		}
		a := run(text, i, isB64URL)
		if a-i < 23 || a-i > 28 || a >= len(text) || text[a] != '.' {
			continue
		}
		b := run(text, a+1, isB64URL)
		if b-a-1 != 6 || b >= len(text) || text[b] != '.' {
			continue
		}
		e := run(text, b+1, isB64URL)
		if e-b-1 < 27 || e-b-1 > 40 || placeholder(text[i:e]) {
			continue
		}
		return span{start: i, end: e}, true
	}
	return span{}, false
}

// jwt detects JSON Web Tokens: three base64url parts whose header decodes
// to a JSON object naming an algorithm.
type jwt struct{}

func (jwt) ruleID() string     { return "jwt" }
func (jwt) triggers() []string { return []string{"eyJ"} }
func (jwt) check(text string, ts, te int) (span, bool) {
	if text[ts:te] != "eyJ" || (ts > 0 && isB64URL(text[ts-1])) {
		return span{}, false
	}
	a := run(text, ts, isB64URL)
	if a >= len(text) || text[a] != '.' {
		return span{}, false
	}
	b := run(text, a+1, isB64URL)
	if b >= len(text) || text[b] != '.' || b-a-1 < 4 {
		return span{}, false
	}
	e := run(text, b+1, isB64URL)
	if e-b-1 < 16 {
		return span{}, false
	}
	hdr, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(text[ts:a], "="))
	if err != nil {
		return span{}, false
	}
	var h struct {
		Alg string `json:"alg"`
	}
	if json.Unmarshal(hdr, &h) != nil || h.Alg == "" || strings.EqualFold(h.Alg, "none") {
		return span{}, false
	}
	return span{start: ts, end: e}, true
}

// maxKeyBlock bounds how far a key's end marker is looked for (an 8192-bit
// RSA key in PEM is under 7 KB), which keeps repeated headers linear.
const maxKeyBlock = 16 << 10

// privateKey detects PEM, OpenSSH, PGP, PuTTY and age private keys.
type privateKey struct{}

func (privateKey) ruleID() string { return "private-key" }
func (privateKey) triggers() []string {
	return []string{"-----BEGIN ", "PuTTY-User-Key-File-", "AGE-SECRET-KEY-"}
}
func (privateKey) check(text string, ts, te int) (span, bool) {
	switch {
	case strings.HasPrefix(text[ts:], "AGE-SECRET-KEY-"):
		end := run(text, te, func(c byte) bool { return isDigit(c) || 'A' <= c && c <= 'Z' || c == '-' })
		if end-te < 50 {
			return span{}, false
		}
		return span{start: ts, end: end}, true
	case strings.HasPrefix(text[ts:], "PuTTY-User-Key-File-"):
		if !strings.Contains(text[ts:min(len(text), ts+4000)], "Private-Lines:") {
			return span{}, false
		}
		end := strings.Index(text[ts:min(len(text), ts+maxKeyBlock)], "Private-MAC:")
		if end < 0 {
			end = min(len(text)-ts, 4000)
		}
		return span{start: ts, end: ts + end}, true
	case strings.HasPrefix(text[ts:], "-----BEGIN "):
		line := text[ts:min(len(text), ts+80)]
		close := strings.Index(line[11:], "-----")
		if close < 0 {
			return span{}, false
		}
		label := line[11 : 11+close]
		if !strings.HasSuffix(label, "PRIVATE KEY") && label != "PGP PRIVATE KEY BLOCK" {
			return span{}, false
		}
		bodyStart := ts + 11 + close + 5
		endMark := "-----END " + label + "-----"
		end := strings.Index(text[bodyStart:min(len(text), bodyStart+maxKeyBlock)], endMark)
		if end < 0 {
			end = min(len(text), bodyStart+8192)
		} else {
			end = bodyStart + end + len(endMark)
		}
		body := text[bodyStart:end]
		if strings.Count(body, "\n")+strings.Count(body, `\n`) < 1 && len(body) < 64 {
			return span{}, false // a header quoted in prose, no key
		}
		s := span{start: ts, end: end}
		if strings.HasPrefix(label, "ENCRYPTED") || strings.Contains(body, "Proc-Type: 4,ENCRYPTED") {
			s.note, s.adjust = "the key is passphrase-encrypted", -1
		}
		return s, true
	}
	return span{}, false
}
