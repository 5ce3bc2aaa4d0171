package audit

import (
	"context"
	"hash/fnv"
	"iter"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Group is one injected instruction and everywhere it recurs.
type Group struct {
	// Instruction is the normalised text of the first occurrence.
	Instruction string    `json:"instruction"`
	Rules       []string  `json:"rules"`
	Entries     []string  `json:"entries"`
	Segments    []string  `json:"segments"`
	Sessions    []string  `json:"sessions"`
	FirstSeen   time.Time `json:"first_seen"`
	LastSeen    time.Time `json:"last_seen"`
}

// similarity is the Jaccard similarity of word 3-shingles above which two
// instructions are "the same, or nearly" (a changed address or a typo).
const similarity = 0.6

// commonShingle is the most groups a shingle may be in and still pick
// candidates for a new instruction.
const commonShingle = 32

// shingles hashes the word 3-grams of a normalised sentence, punctuation
// dropped ("on," and "on" are the same word).
func shingles(s string) map[uint64]bool {
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '/' && r != '@' })
	out := map[uint64]bool{}
	if len(words) < 3 {
		h := fnv.New64a()
		h.Write([]byte(s))
		out[h.Sum64()] = true
		return out
	}
	for i := 0; i+3 <= len(words); i++ {
		h := fnv.New64a()
		h.Write([]byte(words[i] + " " + words[i+1] + " " + words[i+2]))
		out[h.Sum64()] = true
	}
	return out
}

func jaccard(a, b map[uint64]bool) float64 {
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// Recurrence groups the injection findings of many entries by instruction,
// so that "recurs in N segments and M sessions, first seen T" can be told.
// entries maps entry ids to their entries (for segment, session, time).
// Groups are ordered by spread: most segments first.
//
// Work grows with the findings, not with their square: an instruction seen
// before is found by its text, a new one is compared only with the groups
// that share an uncommon shingle with it (one in at most commonShingle
// groups: instructions alike enough share their uncommon word triples too,
// while a common one, "the user prefers", would make every group a
// candidate), and membership is kept in sets (a campaign planted in 10,000
// entries was quadratic in both).
func Recurrence(findings []Finding, entries map[string]Entry) []Group {
	type member struct {
		order int // groups are matched first come, first served
		sh    map[uint64]bool
		g     *Group
		seen  map[string]bool // "kind\x00value" already in the group's lists
	}
	var groups []*member
	byText := map[string]*member{}
	byShingle := map[uint64][]*member{}
	for _, f := range findings {
		if f.Category != Injection || f.Instruction == "" {
			continue
		}
		m := byText[f.Instruction]
		if m == nil {
			sh := shingles(f.Instruction)
			tried := map[*member]bool{}
			for k := range sh {
				if len(byShingle[k]) > commonShingle {
					continue
				}
				for _, c := range byShingle[k] {
					if tried[c] {
						continue
					}
					tried[c] = true
					if (m == nil || c.order < m.order) && jaccard(sh, c.sh) >= similarity {
						m = c
					}
				}
			}
			if m == nil {
				m = &member{order: len(groups), sh: sh, g: &Group{Instruction: f.Instruction}, seen: map[string]bool{}}
				groups = append(groups, m)
				for k := range sh {
					byShingle[k] = append(byShingle[k], m)
				}
			}
			byText[f.Instruction] = m
		}
		g := m.g
		e := entries[f.EntryID]
		add := func(xs *[]string, kind, x string) {
			if x != "" && !m.seen[kind+"\x00"+x] {
				m.seen[kind+"\x00"+x] = true
				*xs = append(*xs, x)
			}
		}
		add(&g.Rules, "r", f.Rule)
		add(&g.Entries, "e", f.EntryID)
		add(&g.Segments, "g", e.Segment)
		add(&g.Sessions, "s", e.Session)
		if !e.Created.IsZero() && (g.FirstSeen.IsZero() || e.Created.Before(g.FirstSeen)) {
			g.FirstSeen = e.Created
		}
		if e.Created.After(g.LastSeen) {
			g.LastSeen = e.Created
		}
	}
	out := make([]Group, len(groups))
	for i, m := range groups {
		out[i] = *m.g
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].Segments) != len(out[j].Segments) {
			return len(out[i].Segments) > len(out[j].Segments)
		}
		return len(out[i].Entries) > len(out[j].Entries)
	})
	return out
}

// Result is one entry's findings from ScanAll.
type Result struct {
	Entry    Entry
	Findings []Finding
}

// ScanAll scans a stream of entries on every core and yields each entry
// with its findings, in input order. Memory stays bounded by the number of
// entries in flight.
func (s *Scanner) ScanAll(ctx context.Context, entries iter.Seq[Entry]) iter.Seq[Result] {
	return func(yield func(Result) bool) {
		workers := runtime.GOMAXPROCS(0)
		type job struct {
			e   Entry
			out chan []Finding
		}
		jobs := make(chan job, workers*4)
		order := make(chan job, workers*4)
		var wg sync.WaitGroup
		for i := 0; i < workers; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range jobs {
					j.out <- s.Scan(ctx, j.e)
				}
			}()
		}
		stop := make(chan struct{})
		go func() {
			defer close(order)
			defer close(jobs)
			for e := range entries {
				j := job{e: e, out: make(chan []Finding, 1)}
				select {
				case order <- j:
				case <-stop:
					return
				}
				select {
				case jobs <- j:
				case <-stop:
					return
				}
			}
		}()
		defer func() {
			close(stop)
			for range order {
			}
			wg.Wait()
		}()
		for j := range order {
			if !yield(Result{Entry: j.e, Findings: <-j.out}) {
				return
			}
		}
	}
}
