// Package s3server runs a real S3-compatible server for tests: Versity's
// versitygw over a temporary directory (its posix backend), built from the
// Go module proxy once and cached in the build cache.
//
// Where the binary is: $MEMAUDIT_S3SERVER if set; else
// $(go env GOCACHE)/memaudit-s3server-versitygw-<Version>/versitygw, built
// there on first use with 'go install' into that directory (never into this
// module's go.mod). Where it is absent and cannot be built, tests skip, or
// fail when MEMAUDIT_REQUIRE_S3=1 (CI sets it).
package s3server

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// Module and Version are the server built for tests.
const (
	Module  = "github.com/versity/versitygw/cmd/versitygw"
	Version = "v1.8.0"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// Binary returns the server's path, building it if needed.
func Binary() (string, error) {
	buildOnce.Do(func() {
		if p := os.Getenv("MEMAUDIT_S3SERVER"); p != "" {
			binPath = p
			return
		}
		out, err := exec.Command("go", "env", "GOCACHE").Output()
		if err != nil {
			buildErr = fmt.Errorf("go env GOCACHE: %w", err)
			return
		}
		dir := filepath.Join(strings.TrimSpace(string(out)), "memaudit-s3server-versitygw-"+Version)
		binPath = filepath.Join(dir, "versitygw")
		if _, err := os.Stat(binPath); err == nil {
			return
		}
		cmd := exec.Command("go", "install", Module+"@"+Version)
		cmd.Env = append(os.Environ(), "GOBIN="+dir, "CGO_ENABLED=0", "GOFLAGS=-mod=mod")
		cmd.Dir = os.TempDir()
		if b, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("build %s@%s: %v: %s", Module, Version, err, b)
		}
	})
	return binPath, buildErr
}

// Server is a running versitygw.
type Server struct {
	Endpoint string
	Bucket   string
	Access   string
	Secret   string
	Root     string

	t    testing.TB
	bin  string
	addr string
	cmd  *exec.Cmd
}

// Start runs a server over a temporary directory with one bucket, and
// points the AWS SDK at it (AWS_ENDPOINT_URL and fake random credentials,
// through t.Setenv). It stops when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin, err := Binary()
	if err != nil {
		if os.Getenv("MEMAUDIT_REQUIRE_S3") != "" {
			t.Fatalf("no S3 server for the tests: %v", err)
		}
		t.Skipf("no S3 server for the tests (set MEMAUDIT_REQUIRE_S3=1 to fail instead): %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s := &Server{Endpoint: "http://" + addr, Bucket: "memaudit-test", Access: "AK" + token(9), Secret: token(20),
		Root: t.TempDir(), t: t, addr: addr}
	if err := os.MkdirAll(filepath.Join(s.Root, s.Bucket), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_ENDPOINT_URL", s.Endpoint)
	t.Setenv("AWS_ACCESS_KEY_ID", s.Access)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s.Secret)
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(s.Root, "no-config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(s.Root, "no-credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	s.bin = bin
	s.Resume()
	t.Cleanup(s.Stop)
	return s
}

// URL is the s3:// address of prefix in the server's bucket.
func (s *Server) URL(prefix string) string { return "s3://" + s.Bucket + "/" + prefix }

// Stop kills the server (as a crash or a network cut would look to a
// client: connections refused).
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

// Resume starts the server again over the same directory.
func (s *Server) Resume() {
	s.t.Helper()
	cmd := exec.Command(s.bin, "--port", s.addr, "--quiet", "posix", s.Root)
	cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY="+s.Access, "ROOT_SECRET_KEY="+s.Secret)
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("start S3 server: %v", err)
	}
	s.cmd = cmd
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", s.addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			s.Stop()
			s.t.Fatalf("S3 server did not listen on %s", s.addr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// token returns n random bytes, hex: fake credentials.
func token(n int) string { return vaultcrypto.NewID(n) }
