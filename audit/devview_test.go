package audit

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestDevelopmentView prints what a change may be judged on: seen rows
// only. It scores the own corpus, the BIPIA test split, the AWS cases, the
// generated tune rows, the held-out sets whose misses have been read
// (heldSets[:readHeld]) and the seen benign rows of the public sets
// (train and tune Taskmaster, WildGuard, BIPIA e-mails); never an unseen
// test set or a held-out set not yet read, so that looking at it while
// changing the engine cannot tune on them. MEMAUDIT_DEV_OUT names the
// file it writes; MEMAUDIT_DEV_MISSES, a set name (or part of one) whose
// misses and false positives it lists as well, each with the findings
// below medium the engine did make (all of them for a false positive).
// MEMAUDIT_DEV_RULES names an older rules.json to scan with instead of
// the embedded one (git show REV:audit/rules.json): a read set scored on
// the rules written before it was read shows what a change to the rest of
// the engine does for wording the rules did not know.
//
//	MEMAUDIT_DEV_OUT=/tmp/dev.txt go test -run TestDevelopmentView ./audit
func TestDevelopmentView(t *testing.T) {
	out := os.Getenv("MEMAUDIT_DEV_OUT")
	if out == "" {
		t.Skip("MEMAUDIT_DEV_OUT not set")
	}
	want := os.Getenv("MEMAUDIT_DEV_MISSES")
	if f := os.Getenv("MEMAUDIT_DEV_RULES"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		saved := rulesJSON
		rulesJSON = b
		t.Cleanup(func() { rulesJSON = saved })
	}
	s := newScanner(t, Options{})
	ctx := context.Background()
	by := map[string]*tally{}
	learnedHits := map[string]int{} // the learned layer's own findings at medium or above
	var misses []string
	score := func(set string, r row) {
		fs := s.Scan(ctx, r.e)
		k := set + "|" + r.label
		if by[k] == nil {
			by[k] = &tally{}
		}
		by[k].n++
		hit := flagged(fs, r.label, false)
		if hit {
			by[k].hit++
		}
		if flagged(fs, r.label, true) {
			by[k].rules++
		}
		for _, f := range fs {
			if f.Rule == learnedRule && f.Severity >= Medium {
				learnedHits[k]++
				break
			}
		}
		if want != "" && strings.Contains(set, want) && (r.label == "benign") == hit {
			var low []string
			for _, f := range fs {
				if f.Severity < Medium || r.label == "benign" {
					low = append(low, f.Severity.String()+":"+f.Rule)
				}
			}
			misses = append(misses, fmt.Sprintf("%s %s %s %s %v: %q", set, r.label, r.category, r.e.SourceKind, low, r.e.Text))
		}
	}
	unread := map[string]bool{}
	for _, h := range heldSets[readHeld:] {
		unread[h.name] = true
		unread[h.name+", hidden"] = true
	}
	for _, r := range evalRows(t) {
		if unread[r.set] || !r.seen && !strings.HasPrefix(r.set, "generated") {
			continue
		}
		score(r.set, r)
	}
	for _, r := range loadSplit(t) {
		if r.role == "test" || r.label != "benign" || strings.HasPrefix(r.group, "gen") || strings.HasPrefix(r.group, "held") {
			continue
		}
		score("seen "+r.group+" ("+r.role+")", r)
	}
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%-60s n=%5d  %s  rules %s  learned %.3f\n", k, by[k].n, by[k].rate(), by[k].rulesRate(), float64(learnedHits[k])/float64(by[k].n))
	}
	for _, m := range misses {
		b.WriteString(m + "\n")
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
