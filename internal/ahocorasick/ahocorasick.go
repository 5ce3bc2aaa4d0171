// Package ahocorasick finds every occurrence of many byte patterns in one
// pass over the text (Aho–Corasick with a dense transition table), folding
// ASCII case. The auditor uses it to find credential prefixes and keywords
// without running a regular expression over every byte.
package ahocorasick

// Match is one occurrence: pattern index and the byte offsets of the match.
type Match struct {
	Pattern    int
	Start, End int
}

// Matcher is an immutable automaton, safe for concurrent use.
type Matcher struct {
	// next[row+class[byte]] is the next state's row offset (its number
	// times classes), failure links folded in: two look-ups and no
	// multiply per byte. States are numbered so that those with outputs
	// come last: a row offset of at least outRow has outputs.
	next   []int32
	outRow int32
	// out[state] lists the patterns ending at state (its own and those of
	// its failure chain), by the final numbering.
	out     [][]int32
	lens    []int
	maxLen  int
	count   int
	class   [256]uint8
	classes int
}

func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// New builds a matcher for patterns, compared with ASCII case folded. Empty
// patterns are ignored.
func New(patterns []string) *Matcher {
	m := &Matcher{count: len(patterns)}
	// Trie with goto transitions (-1 = none).
	trans := [][256]int32{{}}
	for i := range trans[0] {
		trans[0][i] = -1
	}
	m.out = [][]int32{nil}
	for pi, p := range patterns {
		m.lens = append(m.lens, len(p))
		m.maxLen = max(m.maxLen, len(p))
		if p == "" {
			continue
		}
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := lower(p[i])
			if trans[s][c] < 0 {
				var row [256]int32
				for j := range row {
					row[j] = -1
				}
				trans = append(trans, row)
				m.out = append(m.out, nil)
				trans[s][c] = int32(len(trans) - 1)
			}
			s = trans[s][c]
		}
		m.out[s] = append(m.out[s], int32(pi))
	}
	// Breadth-first: failure links, and fold them into the table.
	fail := make([]int32, len(trans))
	queue := make([]int32, 0, len(trans))
	for c := 0; c < 256; c++ {
		if t := trans[0][c]; t >= 0 {
			fail[t] = 0
			queue = append(queue, t)
		} else {
			trans[0][c] = 0
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		m.out[s] = append(m.out[s], m.out[fail[s]]...)
		for c := 0; c < 256; c++ {
			t := trans[s][c]
			if t >= 0 {
				fail[t] = trans[fail[s]][c]
				queue = append(queue, t)
			} else {
				trans[s][c] = trans[fail[s]][c]
			}
		}
	}
	// Compress the alphabet: bytes that occur in no pattern behave alike,
	// so the table needs a column per distinct pattern byte and one for
	// all others. A few dozen columns instead of 256 keep large pattern
	// sets' tables in cache.
	m.class[0] = 0
	nc := 1
	for _, p := range patterns {
		for i := 0; i < len(p); i++ {
			c := lower(p[i])
			if m.class[c] == 0 {
				m.class[c] = uint8(nc)
				nc++
			}
		}
	}
	for c := 0; c < 256; c++ {
		m.class[c] = m.class[lower(byte(c))]
	}
	rep := make([]byte, nc) // a byte of each class
	for c := 255; c >= 0; c-- {
		rep[m.class[c]] = lower(byte(c))
	}
	m.classes = nc
	// Renumber the states, those without outputs first (the root among
	// them: it has none), so that the scan loop tells a state with outputs
	// by comparing its row offset, not by loading anything. Keeping the
	// per-byte dependency chain to one load and one add is most of the
	// matcher's speed.
	num := make([]int32, len(trans))
	var order []int32
	for pass := 0; pass < 2; pass++ {
		for s := range trans {
			if (len(m.out[s]) > 0) == (pass == 1) {
				num[s] = int32(len(order))
				order = append(order, int32(s))
			}
		}
		if pass == 0 {
			m.outRow = int32(len(order) * nc)
		}
	}
	out := make([][]int32, len(trans))
	m.next = make([]int32, len(trans)*nc)
	for ns, s := range order {
		out[ns] = m.out[s]
		for k := 0; k < nc; k++ {
			m.next[ns*nc+k] = num[trans[s][rep[k]]] * int32(nc)
		}
	}
	m.out = out
	return m
}

// Len is the number of patterns.
func (m *Matcher) Len() int { return m.count }

// Scan calls fn for every match in text, in order of end offset. fn returns
// false to stop.
//
// Each byte's step depends on the one before (a load, then an add), so one
// walk over the text waits on memory most of the time. Longer texts are
// walked as two halves at once, whose steps do not wait on each other: the
// second half starts maxLen-1 bytes early, so it is in the right state
// where it takes over, and its matches are held back until the first
// half's are delivered.
func (m *Matcher) Scan(text string, fn func(Match) bool) {
	if len(text) < 4*m.maxLen+64 {
		m.scanFrom(text, 0, 0, fn)
		return
	}
	split := (len(text) + m.maxLen - 1) / 2
	bs := split - (m.maxLen - 1) // where the second walk starts
	next, nc, class, outRow := m.next, int32(m.classes), &m.class, m.outRow
	var held [16]Match
	later := held[:0]
	ra, rb := int32(0), int32(0)
	a, b := text[:split], text[bs:]
	steps := min(len(a), len(b))
	stopped := false
	for i := 0; i < steps; i++ {
		ra = next[ra+int32(class[a[i]])]
		rb = next[rb+int32(class[b[i]])]
		if ra >= outRow && !stopped {
			for _, p := range m.out[ra/nc] {
				if !fn(Match{Pattern: int(p), Start: i + 1 - m.lens[p], End: i + 1}) {
					stopped = true
					break
				}
			}
		}
		if rb >= outRow {
			if end := bs + i + 1; end > split {
				for _, p := range m.out[rb/nc] {
					later = append(later, Match{Pattern: int(p), Start: end - m.lens[p], End: end})
				}
			}
		}
		if stopped {
			return
		}
	}
	if !m.scanFrom(a, steps, ra, fn) { // the first half's last byte, when it is the longer
		return
	}
	for _, x := range later {
		if !fn(x) {
			return
		}
	}
	if steps < len(b) {
		m.scanFrom(text, bs+steps, rb, fn)
	}
}

// scanFrom walks text[from:] from the state at row offset row, in one
// walk; it returns false when fn stopped it.
func (m *Matcher) scanFrom(text string, from int, row int32, fn func(Match) bool) bool {
	next, nc, class, outRow := m.next, int32(m.classes), &m.class, m.outRow
	for i := from; i < len(text); i++ {
		row = next[row+int32(class[text[i]])]
		if row >= outRow {
			for _, p := range m.out[row/nc] {
				if !fn(Match{Pattern: int(p), Start: i + 1 - m.lens[p], End: i + 1}) {
					return false
				}
			}
		}
	}
	return true
}
