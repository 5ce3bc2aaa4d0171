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
	// next[state*classes+class[byte]] is the next state's row offset
	// (state*classes, shifted left, low bit set when it has outputs),
	// failure links folded in: two look-ups and no multiply per byte.
	next []int32
	// out[state] lists the patterns ending at state (its own and those of
	// its failure chain).
	out     [][]int32
	lens    []int
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
	// Entries hold the target state shifted left by one, with the low bit
	// set when the target has outputs: the scan loop tests the bit instead
	// of loading the output list for every byte.
	m.next = make([]int32, len(trans)*nc)
	for s := range trans {
		for k := 0; k < nc; k++ {
			t := trans[s][rep[k]]
			v := t * int32(nc) << 1 // the row offset of t: no multiply per byte
			if len(m.out[t]) > 0 {
				v |= 1
			}
			m.next[s*nc+k] = v
		}
	}
	return m
}

// Len is the number of patterns.
func (m *Matcher) Len() int { return m.count }

// Scan calls fn for every match in text, in order of end offset. fn returns
// false to stop.
func (m *Matcher) Scan(text string, fn func(Match) bool) {
	row := int32(0)
	next, nc, class := m.next, int32(m.classes), &m.class
	for i := 0; i < len(text); i++ {
		v := next[row+int32(class[text[i]])]
		row = v >> 1
		if v&1 != 0 {
			for _, p := range m.out[row/nc] {
				if !fn(Match{Pattern: int(p), Start: i + 1 - m.lens[p], End: i + 1}) {
					return
				}
			}
		}
	}
}
