// Package hermesplugin_test runs the Hermes Agent provider's Python tests
// (integrations/hermes/tests) against a freshly built memaudit and Hermes'
// own files, so that `go test ./...` covers the plugin too.
//
// Hermes' files (its MemoryProvider base class, memory manager, plugin
// loader, manifest parser, setup wizard and memory tool) are read in place
// from the reference snapshot: $MEMAUDIT_HERMES_AGENT, else
// ../shared/hermes-agent beside the repository. Without them the tests that
// need them are skipped, and with MEMAUDIT_REQUIRE_PYTHON set (CI) they fail.
package hermesplugin_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// snapshot is where the Hermes Agent reference files are.
func snapshot(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv("MEMAUDIT_HERMES_AGENT"); dir != "" {
		return dir
	}
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "hermes-agent"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// consult stats every file the Python tests depend on (the plugin, the
// tests, the Go sources of the binary they run, Hermes' files), so that
// go test's cache sees a change to any of them: the tests read them from
// subprocesses, which the cache does not watch.
func consult(t *testing.T, roots ...string) {
	t.Helper()
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && p != root || d.Name() == "testdata" || d.Name() == "__pycache__") {
				return filepath.SkipDir
			}
			if !d.IsDir() {
				os.Stat(p)
			}
			return nil
		})
	}
}

func TestHermesPluginPython(t *testing.T) {
	required := os.Getenv("MEMAUDIT_REQUIRE_PYTHON") != ""
	py, err := exec.LookPath("python3")
	if err != nil {
		if required {
			t.Fatal("python3 not installed, and MEMAUDIT_REQUIRE_PYTHON is set (CI)")
		}
		t.Skip("python3 not installed: the Hermes plugin tests need it")
	}
	hermes := snapshot(t)
	if _, err := os.Stat(filepath.Join(hermes, "agent", "memory_provider.py")); err != nil {
		if required {
			t.Fatalf("the Hermes Agent reference files are missing (%s), and MEMAUDIT_REQUIRE_PYTHON is set (CI)", hermes)
		}
		t.Logf("the Hermes Agent reference files are missing (%s): the tests against Hermes' own code will be skipped", hermes)
	}
	consult(t, filepath.Join("..", ".."), hermes)
	// One binary for every Python test (the first cgo build is slow).
	bin := filepath.Join(t.TempDir(), "memaudit")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/memaudit").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(py, "-m", "unittest", "discover", "-s", "tests", "-v")
	cmd.Env = append(os.Environ(), "MEMAUDIT_BIN="+bin, "MEMAUDIT_HERMES_AGENT="+hermes, "PYTHONDONTWRITEBYTECODE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python tests failed: %v\n%s", err, out)
	}
	if required && regexp.MustCompile(`(?m)skipped`).Match(out) {
		t.Fatalf("python tests were skipped, and MEMAUDIT_REQUIRE_PYTHON is set (CI):\n%s", out)
	}
	t.Logf("%s", out)
}
