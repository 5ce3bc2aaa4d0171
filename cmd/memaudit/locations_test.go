package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultPaths(t *testing.T) {
	for _, tc := range []struct {
		name            string
		goos            string
		env             map[string]string
		vault, identity string
	}{
		{"linux", "linux", map[string]string{"HOME": "/home/u"},
			"/home/u/.local/share/memaudit/vault", "/home/u/.config/memaudit/identity"},
		{"linux with XDG", "linux", map[string]string{"HOME": "/home/u", "XDG_DATA_HOME": "/data", "XDG_CONFIG_HOME": "/conf"},
			"/data/memaudit/vault", "/conf/memaudit/identity"},
		{"relative XDG ignored", "linux", map[string]string{"HOME": "/home/u", "XDG_DATA_HOME": "data", "XDG_CONFIG_HOME": "./conf"},
			"/home/u/.local/share/memaudit/vault", "/home/u/.config/memaudit/identity"},
		{"XDG without HOME", "freebsd", map[string]string{"XDG_DATA_HOME": "/data"}, "/data/memaudit/vault", ""},
		{"no home", "linux", nil, "", ""},
		{"relative home", "linux", map[string]string{"HOME": "home"}, "", ""},
		{"macOS", "darwin", map[string]string{"HOME": "/Users/u", "XDG_DATA_HOME": "/data"},
			"/Users/u/Library/Application Support/memaudit/vault", "/Users/u/Library/Application Support/memaudit/identity"},
		{"macOS without HOME", "darwin", nil, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, id := defaultPaths(func(k string) string { return tc.env[k] }, tc.goos)
			if v != tc.vault || id != tc.identity {
				t.Fatalf("got %q %q, want %q %q", v, id, tc.vault, tc.identity)
			}
			if v != "" && id != "" && strings.HasPrefix(id, v+string(filepath.Separator)) {
				t.Fatal("the identity is inside the vault's directory")
			}
		})
	}
}

// homeCLI runs the CLI in-process with only the given environment: a
// temporary HOME and whatever else env sets.
type homeCLI struct{ env map[string]string }

func newHomeCLI(t *testing.T) *homeCLI {
	return &homeCLI{env: map[string]string{"HOME": t.TempDir(), "USER": "tester"}}
}

func (h *homeCLI) run(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return h.env[k] }}
	code := run(context.Background(), args, e)
	return result{code, out.String(), errb.String()}
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// TestInitWithNothingSet: 'memaudit init' with no flag and no variable
// creates the vault and the identity at the default locations, private,
// says where, and the other commands find them.
func TestInitWithNothingSet(t *testing.T) {
	h := newHomeCLI(t)
	home := h.env["HOME"]
	vault := filepath.Join(home, ".local", "share", "memaudit", "vault")
	id := filepath.Join(home, ".config", "memaudit", "identity")

	// Before init: the default is named, and the hint says what to do.
	r := h.run(t, "list")
	if r.code != 2 || !strings.Contains(r.stderr, "none at the default location "+vault) || !strings.Contains(r.stderr, "hint: create one with 'memaudit init'") {
		t.Fatalf("list before init: %+v", r)
	}
	r = h.run(t, "init")
	if r.code != 0 || !strings.Contains(r.stderr, "wrote a new identity to "+id) || !strings.Contains(r.stderr, "created vault "+vault) ||
		!strings.Contains(r.stderr, "MEMAUDIT_VAULT") {
		t.Fatalf("init: %+v", r)
	}
	if strings.Contains(r.stderr, "AGE-SECRET-KEY") || r.stdout != "" {
		t.Fatalf("init printed key material: %+v", r)
	}
	for path, want := range map[string]os.FileMode{
		id: 0o600, filepath.Dir(id): 0o700, vault: 0o700, filepath.Dir(vault): 0o700,
	} {
		if got := mode(t, path); got != want {
			t.Errorf("%s: mode %o, want %o", path, got, want)
		}
	}
	if r := h.run(t, "add", "--segment", "user/profile", "prefers tea"); r.code != 0 {
		t.Fatalf("add with nothing set: %+v", r)
	}
	if r := h.run(t, "list", "--format", "jsonl"); r.code != 0 || !strings.Contains(r.stdout, "prefers tea") {
		t.Fatalf("list with nothing set: %+v", r)
	}
	// A second init refuses, and leaves the identity alone.
	before, _ := os.ReadFile(id)
	if r := h.run(t, "init"); r.code != 2 || !strings.Contains(r.stderr, "already exists") {
		t.Fatalf("second init: %+v", r)
	}
	if after, _ := os.ReadFile(id); !bytes.Equal(before, after) {
		t.Fatal("a second init changed the identity")
	}
	// Another vault named by flag uses the default identity.
	other := filepath.Join(home, "other")
	if r := h.run(t, "init", "--vault", other); r.code != 0 || !strings.Contains(r.stderr, "using the identity at "+id) {
		t.Fatalf("init --vault: %+v", r)
	}
	if r := h.run(t, "list", "--vault", other); r.code != 0 {
		t.Fatalf("list --vault: %+v", r)
	}
}

// TestDefaultsGiveWay: MEMAUDIT_VAULT, MEMAUDIT_IDENTITY, flags and the XDG
// variables override the defaults; a passphrase or recipients named at
// init mean no identity is made.
func TestDefaultsGiveWay(t *testing.T) {
	h := newHomeCLI(t)
	home := h.env["HOME"]
	h.env["XDG_DATA_HOME"] = filepath.Join(home, "data")
	h.env["XDG_CONFIG_HOME"] = filepath.Join(home, "conf")
	if r := h.run(t, "init"); r.code != 0 || !strings.Contains(r.stderr, filepath.Join(home, "data", "memaudit", "vault")) {
		t.Fatalf("init under XDG: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(home, "conf", "memaudit", "identity")); err != nil {
		t.Fatal(err)
	}
	env := filepath.Join(home, "env-vault")
	h.env["MEMAUDIT_VAULT"], h.env["MEMAUDIT_IDENTITY"] = env, filepath.Join(home, "env-key")
	if r := h.run(t, "init"); r.code != 0 || !strings.Contains(r.stderr, "created vault "+env) || strings.Contains(r.stderr, "with nothing set") {
		t.Fatalf("init with MEMAUDIT_*: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(home, "env-key")); err != nil {
		t.Fatal(err)
	}
	delete(h.env, "MEMAUDIT_VAULT")
	delete(h.env, "MEMAUDIT_IDENTITY")

	pass := filepath.Join(home, "pass")
	os.WriteFile(pass, []byte("correct horse battery staple\n"), 0o600)
	h2 := newHomeCLI(t)
	if r := h2.run(t, "init", "--passphrase-file", pass); r.code != 0 || strings.Contains(r.stderr, "identity") {
		t.Fatalf("init with a passphrase: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(h2.env["HOME"], ".config", "memaudit", "identity")); err == nil {
		t.Fatal("init with a passphrase made an identity too")
	}
	if r := h2.run(t, "list"); r.code != 2 || !strings.Contains(r.stderr, "none at the default location") {
		t.Fatalf("list on a passphrase vault with nothing given: %+v", r)
	}
	if r := h2.run(t, "list", "--passphrase-file", pass); r.code != 0 {
		t.Fatalf("list with the passphrase: %+v", r)
	}

	// No home at all: no default, and the error says what to give.
	none := &homeCLI{env: map[string]string{}}
	if r := none.run(t, "init"); r.code != 2 || !strings.Contains(r.stderr, "give --vault DIR or set MEMAUDIT_VAULT") {
		t.Fatalf("init without a home: %+v", r)
	}
}
