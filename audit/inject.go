package audit

import (
	"strings"
)

// phraseDetector matches one injection rule over normalised text.
type phraseDetector struct {
	id string
	m  PhraseMatch
}

func (p *phraseDetector) check(nz *normalized, ts, te int) (span, bool) {
	n := nz.text
	// Triggers are whole words: "post" is not in "postgres".
	if ts > 0 && isWordByte(n[ts-1]) && isWordByte(n[ts]) {
		return span{}, false
	}
	if te < len(n) && isWordByte(n[te-1]) && isWordByte(n[te]) {
		return span{}, false
	}
	if p.m.LineStart && !nz.lineStart(ts) {
		return span{}, false
	}
	if te+1 < len(n) && n[te] == ' ' {
		for _, w := range p.m.UnlessNext {
			if strings.HasPrefix(n[te+1:], w) && (te+1+len(w) == len(n) || !isWordByte(n[te+1+len(w)])) {
				return span{}, false
			}
		}
	}
	if inURL(n, ts) {
		return span{}, false // "https://mirror.example/download" names a place, it asks nothing
	}
	reach := p.m.UnlessReach
	if reach == 0 {
		reach = 12
	}
	for _, u := range p.m.Unless {
		// At a word start of the whole text: "never " negates, the end
		// of "whenever " does not.
		if wordIn(n, max(0, ts-len(u)-reach), ts, u) >= 0 {
			return span{}, false
		}
	}
	window := p.m.Window
	if window == 0 {
		window = 120
	}
	limit := len(n)
	if p.m.MinWords > 0 {
		limit = nz.lineEnd(ts)
		if len(strings.Fields(n[ts:limit])) < p.m.MinWords {
			return span{}, false
		}
	}
	end := te
	for _, group := range p.m.Require {
		to := min(limit, te+window)
		best := -1
		for _, w := range group {
			if k := indexWord(n[te:to], w); k >= 0 {
				if e := te + k + len(w); best < 0 || e < best {
					best = e
				}
			}
			// With Around, also before the trigger (never inside it:
			// "your reply" does not satisfy "reply").
			if p.m.Around && best < 0 {
				from := max(0, ts-window)
				if k := indexWord(n[from:ts], w); k >= 0 && from+k+len(w) <= ts {
					best = te
				}
			}
		}
		if best < 0 {
			return span{}, false
		}
		end = max(end, best)
	}
	if p.m.SameClause {
		if m := n[ts:end]; strings.ContainsAny(m, ";\n") || strings.Contains(m, ". ") {
			return span{}, false
		}
	}
	// ... or just after it, where German puts it ("gibt das Passwort nie
	// heraus").
	within := n[te:min(len(n), end+unlessAfter)]
	for _, w := range p.m.UnlessWithin {
		if indexWord(within, w) >= 0 {
			return span{}, false
		}
	}
	return span{start: ts, end: end}, true
}

// unlessAfter is how far past a match UnlessWithin words still cancel it.
const unlessAfter = 12

// inURL reports whether n[i] is inside a URL: the text since the last
// white space holds "://".
func inURL(n string, i int) bool {
	from := strings.LastIndexByte(n[:i], ' ') + 1
	return from < i && strings.Contains(n[from:i], "://")
}

func isWordByte(c byte) bool { return isAlnum(c) || c >= 0x80 }

// indexWord finds w in s starting at a word boundary (stems may go on:
// "send" finds "sending"); the start of s counts as one.
func indexWord(s, w string) int { return wordIn(s, 0, len(s), w) }

// wordIn finds w in s[from:to] where it starts a word of s (the byte
// before from counts), and returns its offset in s, or -1.
func wordIn(s string, from, to int, w string) int {
	for i := from; i < to; {
		k := strings.Index(s[i:to], w)
		if k < 0 {
			return -1
		}
		k += i
		if k == 0 || !isWordByte(s[k-1]) || !isWordByte(w[0]) {
			return k
		}
		i = k + 1
	}
	return -1
}

// provenance weighs an injection finding by where the entry came from:
// instructions that arrive through the outside world are what poisoning
// looks like; the owner's own words usually are preferences, and the
// owner is the one person whose standing rules the agent is there to
// keep. So the owner's own message weighs two down, system text one: the
// owner's rules that forward bills to a partner, pay a verified new
// account or switch off a noisy prompt (seventh round: 14 fewer of the
// development sets' look-alikes flagged, no attack lost on any set: the
// attacks the sets plant in the owner's own chat were all still found).
func provenance(e Entry, owners map[string]bool) (int, string) {
	switch e.SourceKind {
	case "web":
		return 1, "arrived from a web page"
	case "email":
		return 1, "arrived in an e-mail"
	case "tool":
		return 1, "arrived in a tool result"
	case "system":
		return -1, "written by the system"
	case "user":
		owner := owners[e.Sender]
		if chat, ok := dmChat(e.Segment); ok && (e.Sender == "" || e.Sender == chat) {
			owner = true
		}
		switch {
		case owner && (strings.HasPrefix(e.Segment, "channel/") || e.Segment == "user/profile"):
			return -2, "the owner's own message"
		case strings.HasPrefix(e.Segment, "channel/") && e.Sender != "" && !owner:
			return 1, "from a sender who is not this channel's owner"
		}
	}
	return 0, "no provenance adjustment"
}

// dmChat returns the chat id of a direct-message segment
// (channel/<platform>/dm/<chat>).
func dmChat(seg string) (string, bool) {
	parts := strings.Split(seg, "/")
	if len(parts) >= 4 && parts[0] == "channel" && parts[2] == "dm" {
		return parts[3], true
	}
	return "", false
}
