package audit

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
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
	modelBits     = 16
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
	// cueW and pairW are the weights of the cue features, copied out of
	// w (prepare) so that scoring a window's cues is a few loads from a
	// small table rather than hashing.
	cueW  [numCues]int32
	pairW [numCues][numCues]int32
}

// prepare fills the cue tables from w.
func (m *model) prepare() {
	for a := cue(0); a < numCues; a++ {
		m.cueW[a] = int32(m.w[cueBucket(a)])
		for b := a + 1; b < numCues; b++ {
			m.pairW[a][b] = int32(m.w[cuePairBucket(a, b)])
		}
	}
}

func cueBucket(a cue) uint32        { return bucket(uint64(a)+1, kindCue) }
func cuePairBucket(a, b cue) uint32 { return bucket(uint64(a)<<8|uint64(b)+1, kindCuePair) }

// cueSum is the summed weight and the number of the cue features of a
// window with these cues (the same features cueFeatures lists).
func (m *model) cueSum(cues uint32) (int32, int) {
	var sum int32
	n := 0
	for rest := cues; rest != 0; rest &= rest - 1 {
		a := bits.TrailingZeros32(rest)
		sum += m.cueW[a]
		n++
		for more := rest & (rest - 1); more != 0; more &= more - 1 {
			sum += m.pairW[a][bits.TrailingZeros32(more)]
			n++
		}
	}
	return sum, n
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
	m.prepare()
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

// hashWord hashes a token as the extractor does, eight bytes at a time
// (digits fold to 0: an IBAN or a port number is a shape, not a word),
// and its first five bytes (a crude stem; 0 for words of five bytes or
// fewer).
func hashWord(w string) (h, stem uint64) {
	h = uint64(len(w)) * 0x9E3779B97F4A7C15
	for p := 0; p < len(w); p += 8 {
		n := min(8, len(w)-p)
		var v uint64
		for k := n - 1; k >= 0; k-- {
			v = v<<8 | uint64(foldDigit[w[p+k]])
		}
		if p == 0 && len(w) > 5 {
			stem = mix64(v&0xFFFFFFFFFF ^ 0x5354454d)
		}
		h = mix64(h ^ v)
	}
	return h | 1, stem
}

// scanWord reads the word that starts at t[i] (a letter or digit) and
// returns its end and hashWord(t[i:end]). Normalised text is lower case,
// so it reads eight bytes at a time while they are lower-case letters and
// digits; a word with anything else in it (upper case, non-ASCII letters)
// is read byte by byte (scanWordBytes).
func scanWord(t string, i int) (end int, h, stem uint64) {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	var chunks [8]uint64
	n := 0
	for j := i; ; j += 8 {
		var x uint64
		if j+8 <= len(t) {
			x = uint64(t[j]) | uint64(t[j+1])<<8 | uint64(t[j+2])<<16 | uint64(t[j+3])<<24 |
				uint64(t[j+4])<<32 | uint64(t[j+5])<<40 | uint64(t[j+6])<<48 | uint64(t[j+7])<<56
		} else {
			for k := len(t) - 1; k >= j; k-- { // the text's end reads as zero bytes: not in a word
				x = x<<8 | uint64(t[k])
			}
		}
		// The high bit of each byte that is a-z, and of each that is 0-9.
		// Exact for ASCII bytes; a byte of 128 or more is never counted
		// (a carry out of it only reaches the bytes after it).
		letter := (x + 0x1f*lo) &^ (x + 0x05*lo) & hi
		digit := (x + 0x50*lo) &^ (x + 0x46*lo) & hi
		p := bits.TrailingZeros64(^(letter|digit)&hi) / 8 // bytes of the word in x
		dm := (digit >> 7) * 0xFF                         // digits fold to '0'
		x = x&^dm | dm&(0x30*lo)
		if p < 8 {
			if b := byte(x >> (8 * p)); b >= utf8.RuneSelf || wordByte[b] != 0 {
				return scanWordBytes(t, i) // the word goes on with a byte this loop does not read
			}
			x &= 1<<(8*p) - 1
		}
		if n == len(chunks) {
			if p == 0 { // exactly 64 bytes
				end = j
				break
			}
			return scanWordLong(t, i)
		}
		if p > 0 {
			chunks[n] = x
			n++
		}
		if p < 8 {
			end = j + p
			break
		}
	}
	h, stem = chunkHash(chunks[:n], end-i)
	return end, h, stem
}

// chunkHash is hashWord over a word of length bytes already gathered into
// little-endian eight-byte chunks (digits folded).
func chunkHash(chunks []uint64, length int) (h, stem uint64) {
	h = uint64(length) * 0x9E3779B97F4A7C15
	for _, c := range chunks {
		h = mix64(h ^ c)
	}
	if length > 5 {
		stem = mix64(chunks[0]&0xFFFFFFFFFF ^ 0x5354454d)
	}
	return h | 1, stem
}

// scanWordBytes is scanWord for any word, a byte at a time, gathering the
// eight-byte chunks as it finds the end (the bytes are read once).
func scanWordBytes(t string, i int) (end int, h, stem uint64) {
	var chunks [8]uint64
	var v uint64
	shift, n := uint(0), 0
	j := i
	for j < len(t) {
		b := t[j]
		if b < utf8.RuneSelf {
			k := wordByte[b]
			if k == 0 {
				break
			}
			if k == 2 {
				b = '0'
			}
			v |= uint64(b) << shift
			j++
			if shift += 8; shift == 64 {
				if n == len(chunks) {
					return scanWordLong(t, i)
				}
				chunks[n], v, shift = v, 0, 0
				n++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(t[j:])
		if !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)) {
			break
		}
		for k := 0; k < size; k++ {
			v |= uint64(t[j+k]) << shift
			if shift += 8; shift == 64 {
				if n == len(chunks) {
					return scanWordLong(t, i)
				}
				chunks[n], v, shift = v, 0, 0
				n++
			}
		}
		j += size
	}
	if shift > 0 {
		if n == len(chunks) {
			return scanWordLong(t, i)
		}
		chunks[n] = v
		n++
	}
	h, stem = chunkHash(chunks[:n], j-i)
	return j, h, stem
}

// scanWordLong is scanWord for words longer than 64 bytes.
func scanWordLong(t string, i int) (int, uint64, uint64) {
	j := i
	for j < len(t) {
		r, size := utf8.DecodeRuneInString(t[j:])
		if !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)) {
			break
		}
		j += size
	}
	h, stem := hashWord(t[i:j])
	return j, h, stem
}

func mix64(x uint64) uint64 {
	x *= 0xBF58476D1CE4E5B9
	return x ^ x>>31
}

var foldDigit = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = '0'
	}
	return t
}()

// tokenHash is hashWord's word hash (the lexicon is keyed by it).
func tokenHash(s string) uint64 {
	h, _ := hashWord(s)
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
	// With weights given to extract, idx stays empty and sum and n are
	// the summed weight and the number of the features instead.
	sum int32
	n   int
}

// token is one word of the sentence being read.
type token struct {
	h, h5, ph  uint64 // word, first five bytes (0: short word), pair with the previous word (0: first)
	start, end int32
	quoted     bool
	pairStart  bool   // the word begins a two-word lexicon entry
	lex        uint32 // the word's lexicon bits
	// dotted words follow a '.', '@' or '/' with no space: parts of a
	// host name, an address or a path ("mail.example"), not reporting
	// words.
	dotted bool
}

// wordByte classifies ASCII for the tokenizer: 0 not in a word, 1 a
// letter, 2 a digit (hashed as 0).
var wordByte = func() (t [128]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = 1
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = 1
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = 2
	}
	return t
}()

// scratch is extract's working memory, reused across calls: the scanner
// runs on every write, so the hot path allocates nothing per entry.
type scratch struct {
	s    sentFeats
	toks [maxSentTokens]token
}

var scratchPool = sync.Pool{New: func() any { return &scratch{s: sentFeats{idx: make([]uint32, 0, 4*maxSentTokens)}} }}

// tokenCues returns the cues a plain (unquoted) word fires, alone and with
// the word before it.
func tokenCues(k *token, afterPairStart bool) uint32 {
	return wordCues(k.lex, k.ph, afterPairStart, k.dotted)
}

// wordCues is tokenCues on a word's parts: its lexicon bits, its pair
// hash with the word before, whether that word begins a two-word entry,
// and whether it is dotted.
func wordCues(lexBits uint32, ph uint64, afterPairStart, dotted bool) uint32 {
	c := lexBits
	if afterPairStart {
		c |= lex.get(ph)
	}
	if dotted {
		c &^= 1 << cueReport
	}
	return c & cueMask
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
func extract(t string, lines []int, w []int16, named bool, emit func(*sentFeats)) {
	x := scratchPool.Get().(*scratch)
	defer scratchPool.Put(x)
	s := &x.s
	s.idx, s.names, s.cues, s.sum, s.n = s.idx[:0], nil, 0, 0, 0
	if named {
		s.names = make([]string, 0, 4*maxSentTokens)
	}
	toks := &x.toks
	// The streaming state of the scoring path (w given, not named): the
	// sums with quotes honoured and with quotes ignored (used when every
	// word of the sentence is quoted), and likewise the word cues.
	var sumQ, sumP int32
	var cuesQ, cuesP uint32
	allQuoted, prevPair := true, false
	var prevH uint64
	stream := w != nil && !named
	// A sentence runs from the end of the last one (punctuation before
	// its first word counts: a quote, "<!--") to its own end.
	tokens, start := 0, 0
	inQuote := false
	flush := func(end int) {
		if tokens > 0 && stream {
			if allQuoted {
				s.sum, s.cues = sumP, s.cues|cuesP
			} else {
				s.sum, s.cues = sumQ, s.cues|cuesQ
			}
			s.start, s.end = start, end
			emit(s)
			start = end
		} else if tokens > 0 {
			allQuoted := true
			for _, k := range toks[:tokens] {
				allQuoted = allQuoted && k.quoted
			}
			for i, k := range toks[:tokens] {
				q := uint64(0)
				if k.quoted && !allQuoted {
					q = quotedKind
				} else {
					s.cues |= tokenCues(&k, i > 0 && toks[i-1].pairStart)
				}
				if w != nil {
					s.sum += int32(w[bucket(k.h, kindWord|q)])
					s.n++
					if i == 0 {
						s.sum += int32(w[bucket(k.h, kindFirst|q)])
						s.n++
					}
					if k.h5 != 0 {
						s.sum += int32(w[bucket(k.h5, kindStem|q)])
						s.n++
					}
					if k.ph != 0 {
						s.sum += int32(w[bucket(k.ph, kindPair|q)])
						s.n++
					}
				} else {
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
		s.idx, s.cues, s.sum, s.n, tokens = s.idx[:0], 0, 0, 0, 0
		sumQ, sumP, cuesQ, cuesP, allQuoted = 0, 0, 0, 0, true
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
		if c == ' ' { // the commonest byte: nothing to do
			i++
			continue
		}
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
			j, h, h5 := scanWord(t, i)
			dotted := i > 0 && (t[i-1] == '.' || t[i-1] == '@' || t[i-1] == '/')
			var ph uint64
			if tokens > 0 {
				ph = pairHash(prevH, h)
			}
			prevH = h
			lexBits := lex.get(h)
			pairStart := lexBits&pairStartBit != 0
			if stream { // no token kept: the sums go on as the words come
				c := wordCues(lexBits, ph, tokens > 0 && prevPair, dotted)
				var v int32
				n := 1
				v = int32(w[bucket(h, kindWord)])
				if tokens == 0 {
					v += int32(w[bucket(h, kindFirst)])
					n++
				}
				if h5 != 0 {
					v += int32(w[bucket(h5, kindStem)])
					n++
				}
				if tokens > 0 {
					v += int32(w[bucket(ph, kindPair)])
					n++
				}
				sumP += v
				cuesP |= c
				s.n += n
				if inQuote {
					v = int32(w[bucket(h, kindWord|quotedKind)])
					if tokens == 0 {
						v += int32(w[bucket(h, kindFirst|quotedKind)])
					}
					if h5 != 0 {
						v += int32(w[bucket(h5, kindStem|quotedKind)])
					}
					if tokens > 0 {
						v += int32(w[bucket(ph, kindPair|quotedKind)])
					}
				} else {
					cuesQ |= c
					allQuoted = false
				}
				sumQ += v
				prevPair = pairStart
			} else {
				toks[tokens] = token{h: h, h5: h5, ph: ph, start: int32(i), end: int32(j), quoted: inQuote, dotted: dotted, lex: lexBits, pairStart: pairStart}
			}
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

// stem shows the stem feature's bytes (the first five), cut back to a
// character boundary for display.
func stem(tok string) string {
	n := min(5, len(tok))
	for n > 0 && n < len(tok) && !utf8.RuneStart(tok[n]) {
		n--
	}
	return tok[:n]
}

// cueFeatures appends the cue features of a window of one sentence with
// cues a (b = 0) or of two with cues a and b: one feature per cue of
// either, one per pair of cues that fire in the same sentence. Pairs do
// not reach across sentences: "always answer briefly." next to "the
// calendar is at https://..." is not an order to send anything anywhere.
func cueFeatures(a, b uint32, idx []uint32, names *[]string) []uint32 {
	for rest := a | b; rest != 0; rest &= rest - 1 {
		c := cue(bits.TrailingZeros32(rest))
		idx = append(idx, cueBucket(c))
		if names != nil {
			*names = append(*names, "class:"+cueNames[c])
		}
	}
	pairs := func(x, skip uint32) {
		for rest := x; rest != 0; rest &= rest - 1 {
			c := cue(bits.TrailingZeros32(rest))
			for more := rest & (rest - 1); more != 0; more &= more - 1 {
				d := cue(bits.TrailingZeros32(more))
				if skip&(1<<c) != 0 && skip&(1<<d) != 0 {
					continue // counted with the first sentence
				}
				idx = append(idx, cuePairBucket(c, d))
				if names != nil {
					*names = append(*names, "classes:"+cueNames[c]+"+"+cueNames[d])
				}
			}
		}
	}
	pairs(a, 0)
	pairs(b, a)
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
	logit := func(sum int32, n int, a, b uint32) float32 {
		// The cue features of cueFeatures(a, b): those of each sentence,
		// less those of what they share, counted twice.
		cs, cn := m.cueSum(a)
		sum += cs
		n += cn
		if b != 0 {
			cs, cn = m.cueSum(b)
			sum += cs
			n += cn
			cs, cn = m.cueSum(a & b)
			sum -= cs
			n -= cn
		}
		// The conversion keeps the compiler from fusing the multiply
		// and the add: the training command computes the same bits.
		return m.bias + float32(m.scale*float32(sum)*inv(n))
	}
	consider := func(w window) {
		if !ok || w.logit > best.logit {
			best, ok = w, true
		}
	}
	extract(t, lines, m.w, false, func(s *sentFeats) {
		cur := sent{start: s.start, end: s.end, sum: s.sum, n: s.n, cues: s.cues}
		one := window{start: cur.start, end: cur.end, logit: logit(cur.sum, cur.n, cur.cues, 0), cues: cur.cues}
		consider(one)
		if sents != nil {
			*sents = append(*sents, one)
		}
		if have {
			c := prev.cues | cur.cues
			consider(window{start: prev.start, end: cur.end, logit: logit(prev.sum+cur.sum, prev.n+cur.n, prev.cues, cur.cues), cues: c})
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
	var sc []uint32 // each sentence's cues (a window has one or two)
	extract(sub, sl, nil, true, func(s *sentFeats) {
		idx = append(idx, s.idx...)
		names = append(names, s.names...)
		sc = append(sc, s.cues)
	})
	sc = append(sc, 0)
	idx = cueFeatures(sc[0], sc[1], idx, &names)
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

// weighRules lowers phrase-rule findings the learned layer and the
// sentence around them show are not instructions given to the agent:
//
//   - mentioned: introduced as an attempt or an example ("tried to make
//     me", "instructions like", ...), or quoted or introduced as a request
//     ("asked the assistant to", "told the bot to") with a reporting word
//     (tried, blocked, example, phishing, caught, ...) in its sentence or
//     the one either side: a security note that quotes
//     an attack is not the attack. Down two, and where the entry came from
//     no longer weighs it (the source reported the instruction, it did not
//     give it);
//   - reported, by the model's reading: a reporting word in the sentence
//     and every sentence the match touches scored below the low
//     threshold. Down two (not for claimRules);
//   - checked by the owner: the owner says in the first person that they
//     checked or arranged what an ownerRules match claims (ownerChecked).
//     Down two; where it came from still weighs it;
//   - gated by the owner: its sentence has the owner asked, shown or
//     approve first (ownerGated). Down two, and where it came from no
//     longer weighs it: the gate disarms it whoever wrote it;
//   - a benign standing instruction: see formRules. Down one.
//
// The phrase rules alone cannot tell these apart from the real thing.
func (s *Scanner) weighRules(text string, found []raw, sents []window, best float32) {
	for i := range found {
		r := &found[i]
		if r.nend == 0 || s.rules[r.rule].Category != Injection || r.rule == learnedRule {
			continue
		}
		top, cues, any := float32(math.Inf(-1)), uint32(0), false
		// sents are in order and do not overlap: the first that ends after
		// the match starts, by binary search, then those it touches.
		k, _ := slices.BinarySearchFunc(sents, r.nstart, func(w window, at int) int {
			if w.end <= at {
				return -1
			}
			return 1
		})
		j := k
		for _, w := range sents[k:] {
			if w.start >= r.nend {
				break
			}
			top, cues, any = max(top, w.logit), cues|w.cues, true
			j++
		}
		if !any {
			continue
		}
		strong, weak, inQuotes := mentioned(text, r.nstart, r.nend)
		report := cues&(1<<cueReport) != 0
		// A note that reports an attack often says how it ended in the
		// next sentence ("...told the bot to run curl | sh; the approval
		// prompt caught it"): for a request frame or quotes, a reporting
		// word in the sentence either side counts too.
		nearReport := report
		for _, w := range [2]int{k - 1, j} {
			if w >= 0 && w < len(sents) && sents[w].cues&(1<<cueReport) != 0 {
				nearReport = true
			}
		}
		var note string
		switch {
		case strong || (weak || inQuotes) && nearReport:
			note = "lowered: the instruction is quoted or reported in a sentence that says so, not given"
			r.mention = true
		case ownerRules[r.rule] && ownerChecked(text, r.nstart, r.nend):
			note = "lowered: the owner says in the first person that they checked or arranged this themselves"
		case ownerGated(sentenceOf(text, r.nstart, r.nend)):
			note = "lowered: the sentence asks the owner first (the owner is asked, shown or approves before it happens)"
			r.mention = true
		case report && top < s.model.tLow && !claimRules[r.rule]:
			note = fmt.Sprintf("lowered: the learned layer reads the sentence as reported or quoted, not given (score %.2f, below %.2f)", sigmoid(top), sigmoid(s.model.tLow))
		case !report && formRules[r.rule] && max(top, best) < s.model.tLow && !asksDanger(cues) && !promotes(text, r.nstart, r.nend):
			r.adjust--
			r.note = appendNote(r.note, fmt.Sprintf("lowered: a standing instruction the learned layer reads as benign (score %.2f, below %.2f)", sigmoid(max(top, best)), sigmoid(s.model.tLow)))
			continue
		default:
			continue
		}
		r.adjust -= 2
		r.note = appendNote(r.note, note)
	}
}

// weighLearned lowers the learned finding the way weighRules lowers a
// phrase match that is mentioned: its window introduces the instruction
// as an attempt, an example or a request somebody made ("an e-mail
// instructed the assistant to ...") and a reporting word stands in the
// window or the sentence either side. Down two, and its source no longer
// weighs it. Unlike a phrase match, a strong frame alone is not enough:
// the model is the backstop for an attack dressed as an example, so the
// dressing has to say it was reported too. sents are the sentence
// windows when the scan kept them (have); otherwise they are scored
// again, which happens only for entries the layer flags. A window that
// has the owner asked, shown or approve first (ownerGated) is lowered
// the same way, frame or not.
func (s *Scanner) weighLearned(n *normalized, r *raw, w window, sents []window, have bool) {
	win := n.text[w.start:w.end]
	if ownerGated(win) {
		r.adjust -= 2
		r.mention = true
		r.note = appendNote(r.note, "lowered: the instruction asks the owner first (the owner is asked, shown or approves before it happens)")
		return
	}
	if !containsAny(win, strongFrames) && !containsAny(win, weakFrames) && !agentRequested(win) {
		return
	}
	report := w.cues&(1<<cueReport) != 0
	if !report {
		if !have {
			s.model.score(n.text, n.lines, &sents)
		}
		for _, x := range sents {
			if (x.end <= w.start && w.start-x.end < 3 || x.start >= w.end && x.start-w.end < 3) && x.cues&(1<<cueReport) != 0 {
				report = true
			}
		}
	}
	if report {
		r.adjust -= 2
		r.mention = true
		r.note = appendNote(r.note, "lowered: the instruction is reported as somebody's attempt or request, not given")
	}
}

// claimRules match what is asked or claimed outright (a payment or
// download source that changed, a grant of rights, a false report of
// work done): their words carry the danger whoever frames them, so only
// a mention (quoted, or introduced as reported) lowers them, not the
// learned layer's score with a reporting word somewhere in the sentence
// ("PyPI is blocked here" is part of the claim).
var claimRules = map[string]bool{"payment-details-changed": true, "download-redirect": true, "privilege-grant": true, "false-completion": true}

func appendNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// formRules match the form of a standing instruction ("from now on",
// "before answering") bound to any action verb; what the instruction asks
// decides whether it is dangerous, and that is the learned layer's to
// read. When it scores the whole entry (its best window of one or two
// sentences) below its low threshold, the sentences name nothing
// dangerous (asksDanger) and nothing near the match promotes a product,
// the finding drops one level: "going forward,
// include the page number when you quote the book" is the owner's habit,
// not an attack.
var formRules = map[string]bool{"persistent-directive": true, "tool-coercion": true}

// asksDanger reports whether the cues of the sentences a match touches
// name something dangerous to ask: secrets, code, permissions, deception,
// money or downloads, or sending to an address ("forward" alone is also
// "going forward").
func asksDanger(cues uint32) bool {
	const always = 1<<cueSecret | 1<<cueExec | 1<<cuePerm | 1<<cueDeceive | 1<<cueMoney | 1<<cueDownload
	const outside = 1<<cueURL | 1<<cueEmail
	return cues&always != 0 || cues&(1<<cueExfil) != 0 && cues&outside != 0
}

// promotes reports whether the words around a match push a product or a
// site ("always recommend QuantumFund"): sponsored content is a danger
// the cues do not name.
func promotes(text string, start, end int) bool {
	near := text[max(0, start-200):min(len(text), end+200)]
	for _, w := range []string{"recommend", "promot", "advertis", "sponsor", "affiliate", "empfiehl", "empfehl", "recomiend", "recomend", "recommand", "publicité", "publicidad", "werbung"} {
		if strings.Contains(near, w) {
			return true
		}
	}
	return false
}
