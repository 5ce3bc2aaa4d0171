package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestGitleaksComparison runs gitleaks (MEMAUDIT_GITLEAKS = path to a
// gitleaks v8.30.1 binary; scripts/compare-gitleaks.sh installs one) and
// this scanner on the same credential corpus (each credential line of the
// own corpus, 20 fresh tokens each, one file per entry) and the same
// benign texts, then on the same 16 MB of mostly benign prose for speed.
// Skipped without the binary: gitleaks is not a dependency of the module.
func TestGitleaksComparison(t *testing.T) {
	bin := os.Getenv("MEMAUDIT_GITLEAKS")
	if bin == "" {
		t.Skip("MEMAUDIT_GITLEAKS not set (scripts/compare-gitleaks.sh sets it)")
	}
	dir := t.TempDir()
	type item struct{ kind, label, file, text string }
	var items []item
	own := loadCorpusRows(t)
	for round := 0; round < 20; round++ {
		for _, l := range loadCorpusRows(t) { // fresh tokens each round
			if l.label != "credential" {
				continue
			}
			items = append(items, item{kind: l.category, label: "credential", text: l.e.Text})
		}
	}
	for _, l := range own {
		if l.label == "benign" {
			items = append(items, item{kind: l.category, label: "benign", text: l.e.Text})
		}
	}
	var wild []struct{ Prompt string }
	if readJSON(t, "piguard/wildguard.json", &wild) {
		for _, w := range wild {
			items = append(items, item{kind: "wildguard", label: "benign", text: w.Prompt})
		}
	}
	for i := range items {
		items[i].file = filepath.Join(dir, fmt.Sprintf("%05d.txt", i))
		if err := os.WriteFile(items[i].file, []byte(items[i].text+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	report := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(bin, "dir", "--no-banner", "--log-level", "error", "--report-format", "json", "--report-path", report, "--exit-code", "0", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gitleaks: %v\n%s", err, out)
	}
	var leaks []struct{ File, RuleID string }
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &leaks); err != nil {
		t.Fatal(err)
	}
	gl := map[string]bool{}
	for _, l := range leaks {
		gl[filepath.Base(l.File)] = true
	}
	s := newScanner(t, Options{})
	type row struct{ n, ours, theirs int }
	rows := map[string]*row{}
	var benign, oursFP, theirsFP int
	for _, it := range items {
		// A credential comparison: on benign texts, only credential
		// findings count (gitleaks looks for nothing else).
		label := it.label
		if label == "benign" {
			label = "credential"
		}
		ours := flagged(s.Scan(context.Background(), Entry{Text: it.text}), label, false)
		theirs := gl[filepath.Base(it.file)]
		if it.label == "benign" {
			benign++
			if ours {
				oursFP++
			}
			if theirs {
				theirsFP++
			}
			continue
		}
		r := rows[it.kind]
		if r == nil {
			r = &row{}
			rows[it.kind] = r
		}
		r.n++
		if ours {
			r.ours++
		}
		if theirs {
			r.theirs++
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n| token kind (20 fresh tokens each) | memaudit recall | gitleaks v8.30.1 recall |\n|---|---|---|\n")
	kinds := make([]string, 0, len(rows))
	for k := range rows {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var tn, to, tt int
	for _, k := range kinds {
		r := rows[k]
		tn, to, tt = tn+r.n, to+r.ours, tt+r.theirs
		fmt.Fprintf(&sb, "| %s | %.2f | %.2f |\n", k, float64(r.ours)/float64(r.n), float64(r.theirs)/float64(r.n))
	}
	fmt.Fprintf(&sb, "| **all (%d)** | **%.3f** | **%.3f** |\n", tn, float64(to)/float64(tn), float64(tt)/float64(tn))
	fmt.Fprintf(&sb, "| credential findings on %d benign texts | %d | %d |\n", benign, oursFP, theirsFP)

	// Speed: the same text, one file for gitleaks, 300-byte entries for us,
	// one core each.
	text := benchText(16 << 20)
	big := filepath.Join(t.TempDir(), "prose.txt")
	os.WriteFile(big, []byte(text), 0o600)
	start := time.Now()
	cmd = exec.Command(bin, "dir", "--no-banner", "--log-level", "error", "--exit-code", "0", "--report-path", filepath.Join(t.TempDir(), "r.json"), big)
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gitleaks: %v\n%s", err, out)
	}
	theirs := time.Since(start)
	start = time.Now()
	for i := 0; i+300 <= len(text); i += 300 {
		s.Scan(context.Background(), Entry{Text: text[i : i+300]})
	}
	ours := time.Since(start)
	mb := float64(len(text)) / (1 << 20)
	fmt.Fprintf(&sb, "\nSpeed on %.0f MB of mostly benign prose, one core each: memaudit %.1f MB/s, gitleaks %.1f MB/s (process start included), ratio %.1fx\n",
		mb, mb/ours.Seconds(), mb/theirs.Seconds(), theirs.Seconds()/ours.Seconds())
	t.Log(sb.String())
	if out := os.Getenv("MEMAUDIT_COMPARE_OUT"); out != "" {
		os.WriteFile(out, []byte(sb.String()), 0o644)
	}
}
