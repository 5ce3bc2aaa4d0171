package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/memaudit/memaudit/internal/rofs"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds the real memaudit once for all end-to-end tests.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "memaudit-e2e-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "memaudit")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = err
			t.Logf("%s", out)
		}
	})
	if buildErr != nil {
		t.Fatalf("build: %v", buildErr)
	}
	return binPath
}

type binRun struct {
	code           int
	stdout, stderr string
}

func (r binRun) String() string { return r.stdout + r.stderr }

// childEnv is the environment of a memaudit the tests start: this one's,
// with HOME a new temporary directory and the XDG variables cleared, so
// that the default vault and identity locations are never the real home's,
// and then env (which may set HOME again, and wins).
func childEnv(t *testing.T, env []string) []string {
	t.Helper()
	safe := append(os.Environ(), "HOME="+t.TempDir(), "XDG_DATA_HOME=", "XDG_CONFIG_HOME=")
	return append(safe, env...)
}

func runBin(t *testing.T, env []string, stdin string, args ...string) binRun {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = childEnv(t, env)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return binRun{code, out.String(), errb.String()}
}

// TestEndToEnd drives the real binary through an incident: create a vault,
// import memory, scan in every format, quarantine and redact, rescan,
// verify the log, damage the vault and see verify fail.
func TestEndToEnd(t *testing.T) {
	dir := t.TempDir()
	env := []string{"MEMAUDIT_VAULT=" + filepath.Join(dir, "vault"), "MEMAUDIT_IDENTITY=" + filepath.Join(dir, "key")}
	if r := runBin(t, env, "", "init"); r.code != 0 {
		t.Fatalf("init: %v", r)
	}
	sample, err := os.ReadFile("../../testdata/sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	key := "gsk_" + strings.Repeat("Wm4", 17) + "Z"
	corpus := string(sample) + `{"id":"k-1","segment":"agent","text":"for testing, the groq key is ` + key + ` (remove later)","source":{"kind":"user"}}` + "\n"
	if r := runBin(t, env, corpus, "import", "-"); r.code != 0 {
		t.Fatalf("import: %v", r)
	}
	for _, format := range []string{"table", "json", "jsonl", "sarif"} {
		r := runBin(t, env, "", "scan", "--format", format, "--full")
		if r.code != 1 || !strings.Contains(r.stdout, "s-006") || !strings.Contains(r.stdout, "s-008") || !strings.Contains(r.stdout, "k-1") {
			t.Fatalf("scan --format %s: %v", format, r)
		}
		if strings.Contains(r.stdout, key) {
			t.Fatalf("scan --format %s printed the secret", format)
		}
		if format == "sarif" {
			var doc map[string]any
			if json.Unmarshal([]byte(r.stdout), &doc) != nil || doc["version"] != "2.1.0" {
				t.Fatalf("sarif: %s", r.stdout)
			}
		}
	}
	if r := runBin(t, env, "", "scan", "--format", "jsonl", "--show-secrets", "--segment", "agent"); !strings.Contains(r.stdout, key) {
		t.Fatalf("--show-secrets: %v", r)
	}
	// Incremental: nothing changed, nothing rescanned.
	r := runBin(t, env, "", "scan", "--format", "json")
	if !strings.Contains(r.stdout, `"entries_rescanned": 0`) {
		t.Fatalf("rescan: %s", r.stdout)
	}
	if r := runBin(t, env, "", "scan", "--format", "jsonl", "--quarantine-at", "critical"); r.code != 1 || !strings.Contains(r.stderr, "quarantined") {
		t.Fatalf("quarantine-at: %v", r)
	}
	if r := runBin(t, env, "", "search", "book club"); strings.Contains(r.stdout, "s-006") == false {
		t.Fatalf("the operator still sees quarantined evidence: %v", r)
	}
	if r := runBin(t, env, "", "redact", "--reason", "pasted key", "k-1"); r.code != 0 {
		t.Fatalf("redact: %v", r)
	}
	if r := runBin(t, env, "", "get", "k-1"); strings.Contains(r.stdout, key) || !strings.Contains(r.stdout, "[REDACTED:groq-api-key:") {
		t.Fatalf("after redact: %v", r)
	}
	r = runBin(t, env, "", "scan", "--format", "json")
	if !strings.Contains(r.stdout, `"entries_rescanned": 4`) || strings.Contains(r.stdout, `"k-1"`) { // s-006, s-008, s-014 quarantined, k-1 redacted
		t.Fatalf("rescan after quarantine and redact: %s", r.stdout)
	}
	r = runBin(t, env, "", "verify")
	if r.code != 0 || !strings.Contains(r.stdout, "log:") {
		t.Fatalf("verify: %v", r)
	}
	if r := runBin(t, env, "", "log"); !strings.Contains(r.stdout, "redact") || !strings.Contains(r.stdout, "quarantine") || !strings.Contains(r.stdout, "import") {
		t.Fatalf("log: %v", r)
	}
	// Damage a database page: verify names it and exits 1.
	db := filepath.Join(dir, "vault", "vault.db")
	b, _ := os.ReadFile(db)
	b[len(b)-700] ^= 0x20
	os.WriteFile(db, b, 0o600)
	if r := runBin(t, env, "", "verify"); r.code != 1 || !strings.Contains(r.stdout, "DAMAGED:  database") {
		t.Fatalf("verify after damage: %v", r)
	}
	// Bad input: clear errors, exit 2.
	if r := runBin(t, env, "", "scan", "--frobnicate"); r.code != 2 || !strings.HasPrefix(r.stderr, "memaudit: error:") {
		t.Fatalf("unknown flag: %v", r)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// TestSecretsRedirectedToAFileArePrivate: `keygen > FILE` and `token create >
// FILE` leave FILE mode 0600 even when the shell created it world-readable.
func TestSecretsRedirectedToAFileArePrivate(t *testing.T) {
	dir := t.TempDir()
	env := []string{"MEMAUDIT_VAULT=" + filepath.Join(dir, "vault"), "MEMAUDIT_IDENTITY=" + filepath.Join(dir, "key")}
	if r := runBin(t, env, "", "init"); r.code != 0 {
		t.Fatalf("init: %v", r)
	}
	for name, args := range map[string][]string{
		"keygen": {"keygen"},
		"token":  {"token", "create", "--segment", "agent", "--rights", "recall"},
	} {
		path := filepath.Join(dir, name+".out")
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o666)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Chmod(0o666); err != nil { // as under umask 000
			t.Fatal(err)
		}
		cmd := exec.Command(binary(t), args...)
		cmd.Env = append(os.Environ(), env...)
		var errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = f, &errb
		err = cmd.Run()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v %s", name, err, errb.String())
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
			t.Fatalf("%s: output file %v, %v", name, fi.Mode(), err)
		}
	}
}

// TestReadOnlyVaultThroughTheBinary: on a read-only file system, the
// commands that read work (and say that the vault is read-only), those that
// write fail with a clear message and a hint, and nothing changes.
func TestReadOnlyVaultThroughTheBinary(t *testing.T) {
	dir := t.TempDir()
	vault := filepath.Join(dir, "vault")
	env := []string{"MEMAUDIT_VAULT=" + vault, "MEMAUDIT_IDENTITY=" + filepath.Join(dir, "key")}
	if r := runBin(t, env, "", "init"); r.code != 0 {
		t.Fatalf("init: %v", r)
	}
	sample, err := os.ReadFile("../../testdata/sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if r := runBin(t, env, string(sample), "import", "-"); r.code != 0 {
		t.Fatalf("import: %v", r)
	}
	list := runBin(t, env, "", "list", "--format", "jsonl")
	id := strings.TrimSuffix(strings.SplitN(strings.SplitN(list.stdout, `"id":"`, 2)[1], `"`, 2)[0], "")
	ro := rofs.View(t, vault)
	env[0] = "MEMAUDIT_VAULT=" + ro
	for _, args := range [][]string{
		{"verify"}, {"list"}, {"search", "dentist"}, {"get", id}, {"export"}, {"log"}, {"stats"}, {"segments"},
		{"policy", "user/profile"}, {"scan", "--format", "json"},
	} {
		r := runBin(t, env, "", args...)
		want := 0
		if args[0] == "scan" {
			want = 1 // the sample has findings
		}
		if r.code != want || !strings.Contains(r.stderr, "is read-only: opened without writing anything") {
			t.Errorf("%v: %v", args, r)
		}
	}
	if r := runBin(t, env, "", "list", "--format", "jsonl"); r.stdout != list.stdout {
		t.Errorf("list read-only differs:\n%s\n%s", r.stdout, list.stdout)
	}
	for _, args := range [][]string{
		{"add", "--segment", "agent", "x"}, {"forget", id}, {"quarantine", "--reason", "x", id},
		{"policy", "agent", "--own-only"}, {"token", "create", "--segment", "agent", "--rights", "recall"}, {"rotate-key"},
	} {
		r := runBin(t, env, "", args...)
		if r.code != 2 || !strings.Contains(r.stderr, "read-only") || strings.Contains(r.stderr, "unable to open database") {
			t.Errorf("%v: %v", args, r)
		}
	}
}
