package main

import (
	"sort"
	"strings"
)

// suggest returns the commands a mistyped name was probably meant to be:
// the commands it begins, if it has three letters or more ("rotate" for
// rotate-key, "ver" for verify and version); or else those at the smallest
// edit distance, if that is small for the name's length (one edit up to
// four letters, two beyond: "sacn" for scan). Closest first.
func suggest(name string) []string {
	limit := 1
	if len([]rune(name)) > 4 {
		limit = 2
	}
	dist := map[string]int{}
	var prefixed, near []string
	for c := range commands {
		d := editDistance(name, c)
		dist[c] = d
		if len(name) >= 3 && strings.HasPrefix(c, name) {
			prefixed = append(prefixed, c)
		}
		if d <= limit {
			near = append(near, c)
		}
	}
	out := prefixed
	if len(out) == 0 {
		best := limit
		for _, c := range near {
			best = min(best, dist[c])
		}
		for _, c := range near {
			if dist[c] == best {
				out = append(out, c)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if dist[out[i]] != dist[out[j]] {
			return dist[out[i]] < dist[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// editDistance is the optimal string alignment distance between a and b:
// the fewest insertions, deletions, substitutions and swaps of two
// neighbouring letters ("sacn" is one swap from "scan") that turn a into
// b, no substring edited twice.
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// d[i][j] is the distance between s[:i] and t[:j].
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}

// orList quotes commands for a hint: 'memaudit a', 'memaudit a' or
// 'memaudit b'.
func orList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'memaudit " + n + "'"
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
