// Package hermesplugin_test runs the Hermes Agent provider's Python tests
// (integrations/hermes/tests) against a freshly built memaudit, so that
// `go test ./...` covers the plugin too.
package hermesplugin_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestHermesPluginPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("MEMAUDIT_REQUIRE_PYTHON") != "" {
			t.Fatal("python3 not installed, and MEMAUDIT_REQUIRE_PYTHON is set (CI)")
		}
		t.Skip("python3 not installed: the Hermes plugin tests need it")
	}
	bin := filepath.Join(t.TempDir(), "memaudit")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/memaudit").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(py, "-m", "unittest", "discover", "-s", "tests", "-v")
	cmd.Env = append(os.Environ(), "MEMAUDIT_BIN="+bin, "PYTHONDONTWRITEBYTECODE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python tests failed: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
