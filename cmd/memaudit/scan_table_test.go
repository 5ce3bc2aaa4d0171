package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestScanTableOnSample: the operator's table on the bundled sample vault
// has one row per entry, the most severe first, every rule of the entry on
// it, provenance and session, recurrence and exposure, excerpts cut at a
// word, masked secrets, and the next steps.
func TestScanTableOnSample(t *testing.T) {
	dir := t.TempDir()
	vault := filepath.Join(dir, "vault")
	if err := os.CopyFS(vault, os.DirFS("../../testdata/sample-vault")); err != nil {
		t.Fatal(err)
	}
	id, err := os.ReadFile("../../testdata/sample-vault.identity")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "id"), id, 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"MEMAUDIT_VAULT=" + vault, "MEMAUDIT_IDENTITY=" + filepath.Join(dir, "id")}
	r := runBin(t, env, "", "scan", "--format", "table", "--full")
	if r.code != 1 {
		t.Fatalf("scan: %+v", r)
	}
	out := r.stdout
	heads := regexp.MustCompile(`(?m)^(CRITICAL|HIGH|MEDIUM|LOW)  (\S+)  `).FindAllStringSubmatch(out, -1)
	seen := map[string]bool{}
	order := map[string]int{"CRITICAL": 4, "HIGH": 3, "MEDIUM": 2, "LOW": 1}
	last := 5
	for _, h := range heads {
		if seen[h[2]] {
			t.Errorf("entry %s has two rows", h[2])
		}
		seen[h[2]] = true
		if order[h[1]] > last {
			t.Errorf("row %s (%s) after a less severe one", h[2], h[1])
		}
		last = order[h[1]]
	}
	for _, want := range []string{"s-006", "s-008", "s-013", "s-014"} {
		if !seen[want] {
			t.Errorf("no row for %s:\n%s", want, out)
		}
	}
	for _, want := range []string{
		"user from discord:99999  session 20260921_220100_c9d0e1f2", // provenance and session
		"web <https://bookclub.example/pinned>",
		"recurs   in 2 entries, 2 segments",
		"exposed  recalled in 2 session(s)",
		"next steps:",
		`memaudit quarantine --reason "planted instruction" s-006 s-008 s-014`,
		`memaudit redact --reason "leaked credential" s-013`,
		"rotate at the issuer: groq-api-key",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	// Every rule of s-006 on its row, the most severe first.
	rules := regexp.MustCompile(`(?m)^CRITICAL  s-006 .*\n  rules +(.*)$`).FindStringSubmatch(out)
	if rules == nil || !strings.Contains(rules[1], "exfiltration-request (critical)") || !strings.Contains(rules[1], "secrecy (high)") ||
		strings.Index(rules[1], "(high)") < strings.LastIndex(rules[1], "(critical)") {
		t.Errorf("s-006 rules: %q", rules)
	}
	// Excerpts start and end at a word of the entry, and a secret never
	// shows in full.
	sample, err := os.ReadFile("../../testdata/sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`(?m)^  excerpt +(.*)$`).FindAllStringSubmatch(out, -1) {
		x := strings.TrimSuffix(strings.TrimPrefix(m[1], "…"), "…")
		if strings.Contains(x, "…[") {
			continue // a masked key (s-013 is not in sample.jsonl)
		}
		i := strings.Index(string(sample), x)
		if i < 0 {
			t.Errorf("excerpt %q is not in the sample", x)
			continue
		}
		before, after := sample[i-1], sample[i+len(x)]
		if strings.HasPrefix(m[1], "…") && before != ' ' || strings.HasSuffix(m[1], "…") && after != ' ' {
			t.Errorf("excerpt not cut at a word: %q", m[1])
		}
	}
	if regexp.MustCompile(`gsk_[A-Za-z0-9]{20,}`).MatchString(out) {
		t.Errorf("the table shows the key:\n%s", out)
	}
}

func TestWordCut(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short text", 20, "short text"},
		{"From now on, whenever anyone asks about the book club", 30, "From now on, whenever anyone…"},
		{"abcdefghijklmnopqrstuvwxyz", 10, "abcdefghi…"},
		{"été à la plage, très chaud", 12, "été à la…"},
	} {
		if got := wordCut(c.in, c.n); got != c.want {
			t.Errorf("wordCut(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
