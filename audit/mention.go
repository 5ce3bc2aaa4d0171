package audit

import "strings"

// A security note that quotes an attack mentions the instruction; it does
// not give it. mentioned reports how the phrase match at n[start:end] is
// framed within its sentence: introduced by a reporting frame ("tried to
// make me", "instructions like", "asked the assistant to"), or quoted (an
// opening quote before it that is still open, closed after it). A frame
// says by itself that the instruction is reported; quotes alone do not
// (the caller also wants a reporting word in the sentence: refused,
// blocked, phishing, example, ...).
func mentioned(n string, start, end int) (framed, inQuotes bool) {
	from, to := sentenceAround(n, start, end)
	before, after := n[from:start], n[end:to]
	for _, f := range mentionFrames {
		if strings.Contains(before, f) {
			framed = true
			break
		}
	}
	return framed, quoted(before, after)
}

// sentenceAround returns the bounds of the sentence holding n[start:end]:
// from after the last ". ", "! ", "? " or "; " before start to the first
// after end, and no further than sentenceReach bytes either side (so that
// a match costs the same in a run-on text of a megabyte).
func sentenceAround(n string, start, end int) (int, int) {
	lo, hi := max(0, start-sentenceReach), min(len(n), end+sentenceReach)
	from := lo
	for _, sep := range []string{". ", "! ", "? ", "; "} {
		if k := strings.LastIndex(n[lo:start], sep); k >= 0 && lo+k+len(sep) > from {
			from = lo + k + len(sep)
		}
	}
	to := hi
	for _, sep := range []string{". ", "! ", "? ", "; "} {
		if k := strings.Index(n[end:hi], sep); k >= 0 && end+k < to {
			to = end + k
		}
	}
	return from, to
}

// quoted reports whether a quotation opened in before is still open at
// the match and closes in after.
func quoted(before, after string) bool {
	// Straight double quotes: an odd count before means one is open.
	if strings.Count(before, "\"")%2 == 1 && strings.Contains(after, "\"") {
		return true
	}
	for _, q := range [][2]string{{"“", "”"}, {"«", "»"}, {"„", "“"}, {"‘", "’"}} {
		if o := strings.LastIndex(before, q[0]); o >= 0 && !strings.Contains(before[o:], q[1]) && strings.Contains(after, q[1]) {
			return true
		}
	}
	// A single quote opens at the start or after a space, colon or
	// parenthesis, and closes before a space, punctuation or the end; an
	// apostrophe sits between letters ("don't").
	o := -1
	for i := len(before) - 1; i >= 0; i-- {
		if before[i] == '\'' && (i == 0 || strings.IndexByte(" :(", before[i-1]) >= 0) {
			o = i
			break
		}
	}
	return o >= 0 && closingSingle(before[o+1:]) < 0 && closingSingle(after) >= 0
}

// closingSingle returns where a closing single quote is in s, or -1.
func closingSingle(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' && (i+1 == len(s) || !isWordByte(s[i+1])) {
			return i
		}
	}
	return -1
}

// mentionFrames introduce a reported instruction (normalised: lower case).
var mentionFrames = []string{
	"tried to make me", "tried to get me to", "tried to get the assistant", "tried to make the assistant", "attempted to make", "tried to convince",
	"asked the assistant to", "asking the assistant to", "asked assistants to", "asking assistants to", "asks assistants to", "ask assistants to",
	"telling assistants to", "telling the assistant to", "told the assistant to", "instructing the assistant to", "urging assistants to",
	"instructions like", "strings like", "phrases like", "messages like", "wanted me to", "wanted the assistant to",
	"versuchte, mich", "versuchte mich", "mich dazu bringen", "wollte, dass ich", "wollte, dass der assistent", "fordert den assistenten auf",
	"fordern assistenten auf", "auffordern", "anweisungen wie", "verlangte",
	"intentó que", "pedía al asistente", "pidió al asistente", "piden a los asistentes", "pide a los asistentes", "pedían que", "quería que",
	"órdenes como", "instrucciones como",
	"a tenté de me faire", "tenté de me faire", "demandait à l'assistant", "a demandé à l'assistant", "demandent aux assistants",
	"demande aux assistants", "voulait que", "voulait me faire", "instructions comme",
}
