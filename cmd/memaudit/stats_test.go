package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestStatsTable: stats prints a table like every other command, and
// --format json keeps the JSON it printed before.
func TestStatsTable(t *testing.T) {
	v := newCLIVault(t)
	for _, text := range []string{"prefers tea", "likes long walks", "was in Lisbon"} {
		if r := v.memaudit(t, "", "add", "--segment", "user/profile", text); r.code != 0 {
			t.Fatalf("add: %+v", r)
		}
	}
	var first struct{ ID string }
	line, _, _ := strings.Cut(v.memaudit(t, "", "list", "--format", "jsonl").stdout, "\n")
	if err := json.Unmarshal([]byte(line), &first); err != nil || first.ID == "" {
		t.Fatalf("list: %q %v", line, err)
	}
	if r := v.memaudit(t, "", "forget", first.ID); r.code != 0 {
		t.Fatalf("forget: %+v", r)
	}
	r := v.memaudit(t, "", "stats")
	if r.code != 0 || strings.HasPrefix(strings.TrimSpace(r.stdout), "{") {
		t.Fatalf("stats: %+v", r)
	}
	for _, want := range []string{"segments:  1\n", "entries:   3 (2 active, 1 deleted)\n", "database:  ", " KiB\n", "key id:    "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stats lacks %q:\n%s", want, r.stdout)
		}
	}
	r = v.memaudit(t, "", "stats", "--format", "json")
	var st struct {
		ByStatus map[string]int `json:"by_status"`
		Segments int            `json:"segments"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &st) != nil || st.ByStatus["active"] != 2 || st.ByStatus["deleted"] != 1 || st.Segments != 1 {
		t.Fatalf("stats --format json: %+v", r)
	}
	if r := v.memaudit(t, "", "stats", "--format", "xml"); r.code != 2 || !strings.Contains(r.stderr, "unknown --format") {
		t.Fatalf("stats --format xml: %+v", r)
	}
}

func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB",
		5 << 20: "5.0 MiB", 3 << 30: "3.0 GiB", 2 << 40: "2.0 TiB"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}
