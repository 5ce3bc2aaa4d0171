package main

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestFirstRun goes through the real binary as a newcomer would, with
// nothing set but a (temporary) home: the version, help for a command, a
// typo, a command before there is a vault, init at the default locations,
// and then commands that find the vault and the identity by themselves.
func TestFirstRun(t *testing.T) {
	home := t.TempDir()
	env := []string{"HOME=" + home, "XDG_DATA_HOME=", "XDG_CONFIG_HOME=", "MEMAUDIT_VAULT=", "MEMAUDIT_IDENTITY=", "MEMAUDIT_PASSPHRASE_FILE="}
	vault, identity := defaultPaths(func(k string) string {
		if k == "HOME" {
			return home
		}
		return ""
	}, runtime.GOOS)

	v := runBin(t, env, "", "--version")
	if v.code != 0 || !strings.HasPrefix(v.stdout, "memaudit ") || !strings.Contains(v.stdout, runtime.Version()) {
		t.Fatalf("--version: %v", v)
	}
	if r := runBin(t, env, "", "version"); r != v {
		t.Fatalf("version %v, --version %v", r, v)
	}
	h := runBin(t, env, "", "help", "scan")
	if h.code != 0 || !strings.HasPrefix(h.stdout, "Usage: memaudit scan") || !strings.Contains(h.stdout, "--fail-on") {
		t.Fatalf("help scan: %v", h)
	}
	if r := runBin(t, env, "", "scan", "--help"); r != h {
		t.Fatalf("scan --help differs from help scan: %v", r)
	}
	if r := runBin(t, env, "", "sacn"); r.code != 2 || !strings.Contains(r.stderr, "did you mean 'memaudit scan'?") {
		t.Fatalf("sacn: %v", r)
	}
	if r := runBin(t, env, "", "scan"); r.code != 2 || !strings.Contains(r.stderr, "none at the default location "+vault) ||
		!strings.Contains(r.stderr, "memaudit: hint: create one with 'memaudit init'") {
		t.Fatalf("scan before init: %v", r)
	}
	r := runBin(t, env, "", "init")
	if r.code != 0 || !strings.Contains(r.stderr, "created vault "+vault) || !strings.Contains(r.stderr, "wrote a new identity to "+identity) {
		t.Fatalf("init: %v", r)
	}
	if strings.HasPrefix(identity, vault+string(filepath.Separator)) {
		t.Fatal("the default identity is inside the vault")
	}
	if r := runBin(t, env, "", "add", "--segment", "user/profile", "prefers answers in French"); r.code != 0 {
		t.Fatalf("add: %v", r)
	}
	if r := runBin(t, env, "", "scan", "--format", "table"); r.code != 0 || !strings.Contains(r.stdout, "scanned 1 entries") {
		t.Fatalf("scan: %v", r)
	}
	if r := runBin(t, env, "", "stats"); r.code != 0 || !strings.Contains(r.stdout, "entries:   1 (1 active)") {
		t.Fatalf("stats: %v", r)
	}
}
