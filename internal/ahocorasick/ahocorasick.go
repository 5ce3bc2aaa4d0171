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
	// next[state*256+byte] is the next state, with failure links folded
	// in, so scanning is one table look-up per byte.
	next []int32
	// out[state] lists the patterns ending at state (its own and those of
	// its failure chain).
	out   [][]int32
	lens  []int
	count int
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
	m.next = make([]int32, len(trans)*256)
	for s := range trans {
		for c := 0; c < 256; c++ {
			// Upper-case input bytes follow their lower-case transitions.
			m.next[s*256+c] = trans[s][lower(byte(c))]
		}
	}
	return m
}

// Len is the number of patterns.
func (m *Matcher) Len() int { return m.count }

// Scan calls fn for every match in text, in order of end offset. fn returns
// false to stop.
func (m *Matcher) Scan(text string, fn func(Match) bool) {
	s := int32(0)
	next := m.next
	for i := 0; i < len(text); i++ {
		s = next[int(s)<<8|int(text[i])]
		if outs := m.out[s]; outs != nil {
			for _, p := range outs {
				if !fn(Match{Pattern: int(p), Start: i + 1 - m.lens[p], End: i + 1}) {
					return
				}
			}
		}
	}
}
