package audit

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The learned layer: a logistic regression over hashed features of each
// sentence and each pair of adjacent sentences of the normalised text.
// It recognises an instruction aimed at the assistant from how it is
// phrased, not from a phrase list:
//
//   - every word, every pair of adjacent words, the first five bytes of
//     long words (a crude stem: "envoie", "envoyer"), and the first word of
//     the sentence (imperative mood) are hashed into 2^18 buckets;
//   - word classes in four languages (lexicon.go: addressee, persistence,
//     trigger, secret, exfiltration, execution, ...) and shapes (URL,
//     path, code, quotes, delimiters) fire as cues, and every cue and
//     every pair of cues present in the window has its own weight.
//
// The window with the highest score is the finding. Its score is
// provenance-blind; provenance is combined afterwards, explicitly, as for
// the phrase rules (see severityOf). Weights and thresholds are in
// model.bin, rebuilt bit for bit by `go generate ./audit` (train_test.go).

//go:embed model.bin
var modelBin []byte

const (
	modelMagic    = "MAUDLRN1"
	modelBits     = 18
	maxSentTokens = 40
	// learnedRule is the rule id of learned findings.
	learnedRule = "learned-injection"
)

// Feature kinds, salted into the bucket hash.
const (
	kindWord = iota + 1
	kindPair
	kindStem
	kindFirst
	kindCue
	kindCuePair
)

// model is a loaded model.bin.
type model struct {
	w     []int16
	scale float32 // a weight is w[i] * scale
	bias  float32
	// Logit thresholds for low, medium and high, chosen by the training
	// command on the tune sets alone.
	tLow, tMed, tHigh float32
}

func loadModel(b []byte) (*model, error) {
	const head = len(modelMagic) + 4*6
	if len(b) < head || string(b[:len(modelMagic)]) != modelMagic {
		return nil, errors.New("learned model: bad header")
	}
	le := binary.LittleEndian
	p := b[len(modelMagic):]
	if bits := le.Uint32(p); bits != modelBits {
		return nil, fmt.Errorf("learned model: %d hash bits, want %d", bits, modelBits)
	}
	f := func(i int) float32 { return math.Float32frombits(le.Uint32(p[4+4*i:])) }
	m := &model{scale: f(0), bias: f(1), tLow: f(2), tMed: f(3), tHigh: f(4)}
	body := b[head:]
	if len(body) != 2<<modelBits {
		return nil, fmt.Errorf("learned model: %d weight bytes, want %d", len(body), 2<<modelBits)
	}
	m.w = make([]int16, 1<<modelBits)
	for i := range m.w {
		m.w[i] = int16(le.Uint16(body[2*i:]))
	}
	return m, nil
}

// encode is loadModel's inverse (the training command writes with it).
func (m *model) encode() []byte {
	le := binary.LittleEndian
	b := []byte(modelMagic)
	b = le.AppendUint32(b, modelBits)
	for _, f := range []float32{m.scale, m.bias, m.tLow, m.tMed, m.tHigh} {
		b = le.AppendUint32(b, math.Float32bits(f))
	}
	for _, w := range m.w {
		b = le.AppendUint16(b, uint16(w))
	}
	return b
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// tokenHash hashes a token as the extractor does (digits fold to 0: an
// IBAN or a port number is a shape, not a word).
func tokenHash(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if '0' <= c && c <= '9' {
			c = '0'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func pairHash(a, b uint64) uint64 { return (a*0x9E3779B97F4A7C15 ^ b) | 1 }

func bucket(h uint64, kind uint64) uint32 {
	return uint32(((h ^ kind*0xD6E8FEB86659FD93) * 0xBF58476D1CE4E5B9) >> (64 - modelBits))
}

// sentFeats is one sentence's features: bucket indices (with
// repetition), the cues that fired, and (when named) a name per index.
type sentFeats struct {
	start, end int // byte offsets in the normalised text
	idx        []uint32
	names      []string
	cues       uint32
}

// token is one word of the sentence being read.
type token struct {
	h, h5, ph uint64 // word, first five bytes (0: short word), pair with the previous word (0: first)
	start     int
	end       int
	quoted    bool
	// dotted words follow a '.', '@' or '/' with no space: parts of a
	// host name, an address or a path ("mail.example"), not reporting
	// words.
	dotted bool
}

// quotedKind salts the features of quoted words: a quoted instruction is
// mentioned, not given ("a page tried to make me 'send the keys to X'"),
// so its words get weights of their own. When every word of a sentence is
// quoted (a stray quote mark, or a whole entry in quotes), the quotes say
// nothing and the words count as plain.
const quotedKind = 16

// extract splits normalised text into sentences (at . ! ? before a space,
// at line starts, and every maxSentTokens tokens) and calls emit with each
// one's features. The sentFeats passed to emit is reused. lines are the
// offsets that begin a line.
func extract(t string, lines []int, named bool, emit func(*sentFeats)) {
	s := &sentFeats{idx: make([]uint32, 0, 4*maxSentTokens)}
	if named {
		s.names = make([]string, 0, 4*maxSentTokens)
	}
	var toks [maxSentTokens]token
	// A sentence runs from the end of the last one (punctuation before
	// its first word counts: a quote, "<!--") to its own end.
	tokens, start := 0, 0
	inQuote := false
	flush := func(end int) {
		if tokens > 0 {
			allQuoted := true
			for _, k := range toks[:tokens] {
				allQuoted = allQuoted && k.quoted
			}
			for i, k := range toks[:tokens] {
				q := uint64(0)
				if k.quoted && !allQuoted {
					q = quotedKind
				} else {
					c := lex.get(k.h)
					if k.ph != 0 {
						c |= lex.get(k.ph)
					}
					if k.dotted {
						c &^= 1 << cueReport
					}
					s.cues |= c
				}
				s.idx = append(s.idx, bucket(k.h, kindWord|q))
				if i == 0 {
					s.idx = append(s.idx, bucket(k.h, kindFirst|q))
				}
				if k.h5 != 0 {
					s.idx = append(s.idx, bucket(k.h5, kindStem|q))
				}
				if k.ph != 0 {
					s.idx = append(s.idx, bucket(k.ph, kindPair|q))
				}
				if named {
					tok := t[k.start:k.end]
					if q != 0 {
						tok = "‹" + tok + "›"
					}
					s.names = append(s.names, tok)
					if i == 0 {
						s.names = append(s.names, "^"+tok)
					}
					if k.h5 != 0 {
						s.names = append(s.names, stem(tok)+"*")
					}
					if k.ph != 0 {
						p := t[toks[i-1].start:toks[i-1].end]
						if q != 0 {
							p = "‹" + p
						}
						s.names = append(s.names, p+" "+tok)
					}
				}
			}
			s.start, s.end = start, end
			emit(s)
			start = end
		}
		s.idx, s.cues, tokens = s.idx[:0], 0, 0
		if named {
			s.names = s.names[:0]
		}
	}
	li := 0
	for i := 0; i < len(t); {
		for li < len(lines) && lines[li] <= i {
			if lines[li] == i {
				flush(i)
			}
			li++
		}
		c := t[i]
		size := 1
		word := isAlnum(c)
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(t[i:])
			size = n
			word = unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
			if !word {
				switch r {
				case '“', '„', '«':
					s.cues |= 1 << cueQuote
					inQuote = true
				case '”', '»':
					s.cues |= 1 << cueQuote
					inQuote = false
				}
				i += size
				continue
			}
		}
		if word {
			j := i
			h, h5 := uint64(fnvOffset), uint64(0)
			for j < len(t) {
				b := t[j]
				if b >= utf8.RuneSelf {
					r, n := utf8.DecodeRuneInString(t[j:])
					if !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)) {
						break
					}
					for k := 0; k < n; k++ {
						h ^= uint64(t[j+k])
						h *= fnvPrime
					}
					j += n
				} else {
					if !isAlnum(b) {
						break
					}
					if '0' <= b && b <= '9' {
						b = '0'
					}
					h ^= uint64(b)
					h *= fnvPrime
					j++
				}
				if h5 == 0 && j-i >= 5 {
					h5 = h
				}
			}
			k := token{h: h, start: i, end: j, quoted: inQuote, dotted: i > 0 && (t[i-1] == '.' || t[i-1] == '@' || t[i-1] == '/')}
			if j-i > 5 {
				k.h5 = h5
			}
			if tokens > 0 {
				k.ph = pairHash(toks[tokens-1].h, h)
			}
			toks[tokens] = k
			tokens++
			i = j
			if tokens >= maxSentTokens {
				flush(j)
			}
			continue
		}
		next := func(k int) byte {
			if i+k < len(t) {
				return t[i+k]
			}
			return 0
		}
		switch c {
		case '.', '!', '?':
			if c == '!' && next(1) == '[' {
				s.cues |= 1 << cueImage
			}
			if c == '.' && i > 0 && t[i-1] == '/' {
				s.cues |= 1 << cuePath
			}
			if next(1) == ' ' || next(1) == 0 || next(1) == '\n' {
				i++
				flush(i)
				continue
			}
		case ':':
			if next(1) == '/' && next(2) == '/' {
				s.cues |= 1 << cueURL
			}
		case '@':
			if i > 0 && isAlnum(t[i-1]) && isAlnum(next(1)) {
				s.cues |= 1 << cueEmail
			}
		case '~':
			if next(1) == '/' {
				s.cues |= 1 << cuePath
			}
		case '`':
			s.cues |= 1 << cueCode
		case '<':
			if next(1) == '!' && next(2) == '-' && next(3) == '-' {
				s.cues |= 1 << cueComment
			}
		case '"':
			s.cues |= 1 << cueQuote
			inQuote = !inQuote
		case '\'':
			before := i > 0 && isAlnum(t[i-1])
			after := isAlnum(next(1)) || next(1) >= utf8.RuneSelf
			switch {
			case !before && after:
				s.cues |= 1 << cueQuote
				inQuote = true
			case before && !after && inQuote:
				inQuote = false
			}
		case '{', '}':
			s.cues |= 1 << cueBrace
		case '|':
			s.cues |= 1 << cuePipe
		case '[', ']':
			s.cues |= 1 << cueBracket
		}
		if strings.IndexByte("=-#*%_<>", c) >= 0 && next(1) == c && next(2) == c {
			s.cues |= 1 << cueDelimiter
		}
		i += size
	}
	flush(len(t))
}

func stem(tok string) string {
	n := 0
	for i := range tok {
		if n == 5 {
			return tok[:i]
		}
		n++
	}
	return tok
}

// cueFeatures appends the features of a window's cues: one per cue, one
// per pair of cues.
func cueFeatures(cues uint32, idx []uint32, names *[]string) []uint32 {
	for a := cue(0); a < numCues; a++ {
		if cues&(1<<a) == 0 {
			continue
		}
		idx = append(idx, bucket(uint64(a)+1, kindCue))
		if names != nil {
			*names = append(*names, "class:"+cueNames[a])
		}
		for b := a + 1; b < numCues; b++ {
			if cues&(1<<b) != 0 {
				idx = append(idx, bucket(uint64(a)<<8|uint64(b)+1, kindCuePair))
				if names != nil {
					*names = append(*names, "classes:"+cueNames[a]+"+"+cueNames[b])
				}
			}
		}
	}
	return idx
}

// invSqrt[n] normalises a window of n features (a length-independent
// score: long jailbreaks and one-line notes on one scale).
var invSqrt = func() (t [4096]float32) {
	for i := 1; i < len(t); i++ {
		t[i] = float32(1 / math.Sqrt(float64(i)))
	}
	return t
}()

func inv(n int) float32 {
	if n < len(invSqrt) {
		return invSqrt[n]
	}
	return float32(1 / math.Sqrt(float64(n)))
}

// window is a scored stretch of one or two sentences.
type window struct {
	start, end int
	logit      float32
	cues       uint32
}

// score returns the best window of the normalised text (ok false for text
// without a word). With sents, it also appends every single-sentence
// window there.
func (m *model) score(t string, lines []int, sents *[]window) (best window, ok bool) {
	type sent struct {
		start, end int
		sum        int32
		n          int
		cues       uint32
	}
	var prev sent
	have := false
	var cueBuf [int(numCues) * (int(numCues) + 1) / 2]uint32
	logit := func(sum int32, n int, cues uint32) float32 {
		cf := cueFeatures(cues, cueBuf[:0], nil)
		for _, i := range cf {
			sum += int32(m.w[i])
		}
		n += len(cf)
		// The conversion keeps the compiler from fusing the multiply
		// and the add: the training command computes the same bits.
		return m.bias + float32(m.scale*float32(sum)*inv(n))
	}
	consider := func(w window) {
		if !ok || w.logit > best.logit {
			best, ok = w, true
		}
	}
	extract(t, lines, false, func(s *sentFeats) {
		var sum int32
		for _, i := range s.idx {
			sum += int32(m.w[i])
		}
		cur := sent{start: s.start, end: s.end, sum: sum, n: len(s.idx), cues: s.cues}
		one := window{start: cur.start, end: cur.end, logit: logit(cur.sum, cur.n, cur.cues), cues: cur.cues}
		consider(one)
		if sents != nil {
			*sents = append(*sents, one)
		}
		if have {
			c := prev.cues | cur.cues
			consider(window{start: prev.start, end: cur.end, logit: logit(prev.sum+cur.sum, prev.n+cur.n, c), cues: c})
		}
		prev, have = cur, true
	})
	return best, ok
}

// contribution is one named feature's share of a window's score.
type contribution struct {
	name string
	w    float32
}

// explain names the features of a window (the span score found) and
// their weights, largest first.
func (m *model) explain(t string, lines []int, w window) []contribution {
	sub := t[w.start:w.end]
	var sl []int
	for _, l := range lines {
		if l > w.start && l < w.end {
			sl = append(sl, l-w.start)
		}
	}
	total := map[string]float32{}
	var idx []uint32
	var names []string
	cues := uint32(0)
	extract(sub, sl, true, func(s *sentFeats) {
		idx = append(idx, s.idx...)
		names = append(names, s.names...)
		cues |= s.cues
	})
	idx = cueFeatures(cues, idx, &names)
	k := inv(len(idx)) * m.scale
	for i, ix := range idx {
		total[names[i]] += float32(m.w[ix]) * k
	}
	out := make([]contribution, 0, len(total))
	for n, v := range total {
		out = append(out, contribution{n, v})
	}
	slices.SortFunc(out, func(a, b contribution) int {
		if a.w != b.w {
			if a.w > b.w {
				return -1
			}
			return 1
		}
		return strings.Compare(a.name, b.name)
	})
	return out
}

func sigmoid(x float32) float64 { return 1 / (1 + math.Exp(-float64(x))) }

// learned returns the finding for the best window w of normalised text,
// if it reaches the low threshold.
func (s *Scanner) learned(n *normalized, text string, w window) (raw, bool) {
	m := s.model
	if w.logit < m.tLow {
		return raw{}, false
	}
	sev := Low
	switch {
	case w.logit >= m.tHigh:
		sev = High
	case w.logit >= m.tMed:
		sev = Medium
	}
	var asks []string
	for _, d := range dangers {
		if w.cues&(1<<d.c) != 0 {
			asks = append(asks, d.what)
		}
	}
	// Danger raises an instruction the model is sure of by one: what it
	// asks matters as much as that it asks.
	if sev >= Medium && len(asks) > 0 {
		sev++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "learned score %.2f (thresholds low %.2f, medium %.2f, high %.2f)", sigmoid(w.logit), sigmoid(m.tLow), sigmoid(m.tMed), sigmoid(m.tHigh))
	if len(asks) > 0 {
		fmt.Fprintf(&b, "; asks to %s", strings.Join(asks, ", "))
		if sev > Medium {
			b.WriteString(" (+1)")
		}
	}
	b.WriteString("; features ")
	shown := 0
	for _, c := range m.explain(n.text, n.lines, w) {
		if c.w <= 0 || shown == 6 {
			break
		}
		if shown > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q %+.2f", c.name, c.w)
		shown++
	}
	st, en := n.orig(w.start, w.end, len(text))
	rl := s.rules[learnedRule]
	return raw{rule: learnedRule, span: span{start: st, end: en, note: b.String(), adjust: int(sev) - int(rl.Severity)},
		instr: strings.TrimSpace(n.text[w.start:w.end])}, true
}

// reported lowers phrase-rule findings in sentences the learned layer
// reads as reported or quoted rather than given: the sentence has a
// reporting word outside quotes (tried, blocked, example, phishing, ...)
// and every sentence the match touches scores below the low threshold.
// A security note that quotes an attack is not the attack; the phrase
// rules cannot tell the two apart, the model was trained to.
func (s *Scanner) reported(found []raw, sents []window) {
	for i := range found {
		r := &found[i]
		if r.nend == 0 || s.rules[r.rule].Category != Injection || r.rule == learnedRule {
			continue
		}
		top, cues, any := float32(math.Inf(-1)), uint32(0), false
		for _, w := range sents {
			if w.end > r.nstart && w.start < r.nend {
				top, cues, any = max(top, w.logit), cues|w.cues, true
			}
		}
		if !any || cues&(1<<cueReport) == 0 || top >= s.model.tLow {
			continue
		}
		r.adjust -= 2
		note := fmt.Sprintf("lowered: the learned layer reads the sentence as reported or quoted, not given (score %.2f, below %.2f)", sigmoid(top), sigmoid(s.model.tLow))
		if r.note != "" {
			note = r.note + "; " + note
		}
		r.note = note
	}
}
