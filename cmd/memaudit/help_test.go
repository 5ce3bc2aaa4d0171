package main

import (
	"strings"
	"testing"
)

// TestHelpForEveryCommand: 'memaudit help CMD' prints that command's help
// on stdout, the same as 'memaudit CMD --help', and opens no vault (none is
// set here: a command that tried would fail).
func TestHelpForEveryCommand(t *testing.T) {
	v := &cliVault{}
	for name := range commands {
		t.Run(name, func(t *testing.T) {
			a := v.memaudit(t, "", "help", name)
			b := v.memaudit(t, "", name, "--help")
			if a.code != 0 || a.stderr != "" || !strings.HasPrefix(a.stdout, "Usage: memaudit "+name) {
				t.Fatalf("help %s: %+v", name, a)
			}
			if b != a {
				t.Fatalf("%s --help differs from help %s:\n%+v\n%+v", name, name, b, a)
			}
			if c := v.memaudit(t, "", name, "-h"); c != a {
				t.Fatalf("%s -h: %+v", name, c)
			}
		})
	}
	if r := v.memaudit(t, "", "help"); r.code != 0 || !strings.Contains(r.stdout, "Example:") {
		t.Fatalf("help: %+v", r)
	}
	if r := v.memaudit(t, "", "help", "sacn"); r.code != 2 || !strings.Contains(r.stderr, "did you mean 'memaudit scan'?") {
		t.Fatalf("help sacn: %+v", r)
	}
}

func TestUnknownCommandSuggests(t *testing.T) {
	v := &cliVault{}
	for _, tc := range []struct{ typed, hint string }{
		{"sacn", "did you mean 'memaudit scan'?"},
		{"serch", "did you mean 'memaudit search'?"},
		{"verfiy", "did you mean 'memaudit verify'?"},
		{"lsit", "did you mean 'memaudit list'?"},
		{"rotate", "did you mean 'memaudit rotate-key'?"},
		{"key", "did you mean 'memaudit keys' or 'memaudit keygen'?"},
		{"ver", "did you mean 'memaudit verify' or 'memaudit version'?"},
		{"stat", "did you mean 'memaudit stats'?"},
		{"frobnicate", "run 'memaudit --help' for the list"},
	} {
		r := v.memaudit(t, "", tc.typed)
		want := "memaudit: error: unknown command \"" + tc.typed + "\"\nmemaudit: hint: " + tc.hint
		if r.code != 2 || !strings.HasPrefix(r.stderr, want) || r.stdout != "" {
			t.Errorf("%s: %+v, want stderr starting %q", tc.typed, r, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{
		{"", "", 0}, {"scan", "scan", 0}, {"", "scan", 4}, {"scan", "", 4},
		{"sacn", "scan", 1}, // a swap
		{"scna", "scan", 1},
		{"sca", "scan", 1}, {"sscan", "scan", 1}, {"scam", "scan", 1},
		{"ca", "abc", 3}, // no substring edited twice
		{"verfiy", "verify", 1},
		{"list", "log", 3},
		{"rotate", "stats", 3},
		{"äb", "bä", 1}, // letters, not bytes
	} {
		if got := editDistance(tc.a, tc.b); got != tc.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.d)
		}
	}
}
