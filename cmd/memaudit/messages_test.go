package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestMessagesForPeople: errors a newcomer meets say what is wrong in
// their terms, not the program's.
func TestMessagesForPeople(t *testing.T) {
	v := newCLIVault(t)
	missing := filepath.Join(t.TempDir(), "no-such-hermes")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"add", "--segment", "user/profile", ""}, "memaudit: error: invalid entry: "},
		{[]string{"add", "--segment", "../etc", "prefers tea"}, "memaudit: error: invalid segment name: "},
		{[]string{"scan", "--hermes", missing}, "memaudit: error: no such directory: " + missing + "\n"},
		{[]string{"import", "--format", "hermes", missing}, "memaudit: error: no such directory: " + missing + "\n"},
		{[]string{"scan", "--hermes", v.id}, "is a file, not a directory"},
	} {
		r := v.memaudit(t, "", tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) || strings.Contains(r.stderr, "entry 0") {
			t.Errorf("%v: %+v, want %q", tc.args, r, tc.want)
		}
	}
}
