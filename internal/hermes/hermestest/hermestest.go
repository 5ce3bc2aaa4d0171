// Package hermestest builds Hermes Agent homes for tests: memories/*.md and
// a state.db created from Hermes' own DDL, read in place from the reference
// snapshot ($MEMAUDIT_HERMES_AGENT, else ../shared/hermes-agent beside the
// repository). The database is made by Python's sqlite3, as Hermes makes it
// (its schema has FTS5 tables, which the Go driver cannot create).
//
// Without python3 or the snapshot the tests that need them are skipped;
// with MEMAUDIT_REQUIRE_PYTHON set (CI) they fail.
package hermestest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Schema names a DDL file of the snapshot.
type Schema string

// The schemas in the snapshot.
const (
	V30 Schema = "state-schema.sql"     // SCHEMA_VERSION 30 (hermes_state_common.py 00704d08)
	V24 Schema = "state-schema-v24.sql" // SCHEMA_VERSION 24, an older copy
)

// Version is the schema version a Schema stands for.
func (s Schema) Version() int {
	if s == V24 {
		return 24
	}
	return 30
}

func required() bool { return os.Getenv("MEMAUDIT_REQUIRE_PYTHON") != "" }

// Snapshot returns the directory of the Hermes Agent reference files, or
// skips (fails in CI) when it is missing.
func Snapshot(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("MEMAUDIT_HERMES_AGENT")
	if dir == "" {
		_, file, _, _ := runtime.Caller(0)
		dir = filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "hermes-agent")
	}
	dir, _ = filepath.Abs(dir)
	if _, err := os.Stat(filepath.Join(dir, string(V30))); err != nil {
		if required() {
			t.Fatalf("the Hermes Agent reference files are missing (%s), and MEMAUDIT_REQUIRE_PYTHON is set (CI)", dir)
		}
		t.Skipf("the Hermes Agent reference files are missing (%s); set MEMAUDIT_HERMES_AGENT", dir)
	}
	return dir
}

func python(t testing.TB) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		if required() {
			t.Fatal("python3 not installed, and MEMAUDIT_REQUIRE_PYTHON is set (CI)")
		}
		t.Skip("python3 not installed: state.db fixtures are built with its sqlite3")
	}
	return py
}

// Row is one row of sessions or messages: column name to value.
type Row map[string]any

// Home is a Hermes home being built.
type Home struct {
	Dir      string
	Schema   Schema
	sessions []Row
	messages []Row
	// IDs are the messages' ids after Build, in the order added.
	IDs []int64
}

// New starts a home in dir (created, 0700).
func New(t testing.TB, dir string, schema Schema) *Home {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "memories"), 0o700); err != nil {
		t.Fatal(err)
	}
	return &Home{Dir: dir, Schema: schema}
}

// Memory writes memories/<name> (MEMORY.md or USER.md) as Hermes does:
// entries joined by a line holding only §.
func (h *Home) Memory(t testing.TB, name string, entries ...string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(h.Dir, "memories", name), []byte(strings.Join(entries, "\n§\n")), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Session adds a sessions row (started_at defaults to 1773670000).
func (h *Home) Session(r Row) {
	if _, ok := r["started_at"]; !ok {
		r["started_at"] = 1773670000.0
	}
	h.sessions = append(h.sessions, r)
}

// Message adds a messages row and returns its index in IDs.
func (h *Home) Message(r Row) int {
	h.messages = append(h.messages, r)
	return len(h.messages) - 1
}

// Build writes state.db with Hermes' DDL and the rows added.
func (h *Home) Build(t testing.TB) {
	t.Helper()
	snap := Snapshot(t)
	py := python(t)
	_, file, _, _ := runtime.Caller(0)
	spec, err := json.Marshal(map[string]any{
		"ddl": filepath.Join(snap, string(h.Schema)), "db": filepath.Join(h.Dir, "state.db"), "version": h.Schema.Version(),
		"optional": []string{"_compressed_summary", "profile_name", "display_identity", "display_order"},
		"sessions": h.sessions, "messages": h.messages,
	})
	if err != nil {
		t.Fatal(err)
	}
	script, ddl := filepath.Join(filepath.Dir(file), "build_state.py"), filepath.Join(snap, string(h.Schema))
	// Stat what the subprocess reads, so that go test's cache sees changes.
	os.Stat(script)
	os.Stat(ddl)
	cmd := exec.Command(py, script)
	cmd.Stdin = bytes.NewReader(spec)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("build state.db: %v: %s", err, stderr.String())
	}
	if err := json.Unmarshal(out, &h.IDs); err != nil {
		t.Fatalf("build state.db: %v", err)
	}
}

// ToolCall is an assistant message's tool_calls JSON for one call.
func ToolCall(id, name string, args any) string {
	a, _ := json.Marshal(args)
	b, _ := json.Marshal([]any{map[string]any{"id": id, "type": "function", "function": map[string]any{"name": name, "arguments": string(a)}}})
	return string(b)
}
