//go:build linux

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestProgressOnlyOnATerminal: scan, rotate-key re-encrypting a vault of
// 12,000 entries, and an open rebuilding its missing index (more than one
// page of the rebuild). With stderr a terminal they show progress as they
// go, on the one shared meter; with stderr a pipe they print the same
// messages and no progress line.
func TestProgressOnlyOnATerminal(t *testing.T) {
	dir, env := importedVault(t, 12000)

	onTerminal := func(args ...string) string {
		master, tty := openPTY(t)
		cmd := exec.Command(binary(t), args...)
		cmd.Env = childEnv(t, env)
		var stdout bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, tty
		var onTTY bytes.Buffer
		read := make(chan struct{})
		go func() { io.Copy(&onTTY, master); close(read) }() // ends with EIO once no one holds the terminal
		err := cmd.Run()
		tty.Close()
		<-read
		if ee, ok := err.(*exec.ExitError); ok && args[0] == "scan" && ee.ExitCode() == 1 {
			err = nil // findings at or above --fail-on
		}
		if err != nil {
			t.Fatalf("%v on a terminal: %v\n%q", args, err, onTTY.String())
		}
		if args[0] != "stats" && args[0] != "scan" && stdout.Len() != 0 {
			t.Fatalf("progress on stdout: %q", stdout.String())
		}
		return onTTY.String()
	}
	if got := onTerminal("scan", "--format", "json", "--full"); !strings.Contains(got, "\r[####################] scanning 12000/12000 entries") {
		t.Fatalf("scan on a terminal: %q", got)
	}
	if r := runBin(t, env, "", "scan", "--format", "json", "--full"); r.code > 1 || strings.Contains(r.stderr, "\r") || strings.Contains(r.stderr, "scanning") {
		t.Fatalf("scan into a pipe: %v %q", r, r.stderr)
	}
	if got := onTerminal("rotate-key"); !strings.Contains(got, "\rre-encrypting the database and the index under a new key ... ") ||
		!strings.Contains(got, "rotated the data key") {
		t.Fatalf("rotate-key on a terminal: %q", got)
	}
	os.RemoveAll(filepath.Join(dir, "vault", "index"))
	if got := onTerminal("stats"); !strings.Contains(got, "\r[####################] indexing 12000/12000 entries") {
		t.Fatalf("an index rebuild on a terminal: %q", got)
	}

	r := runBin(t, env, "", "rotate-key")
	if r.code != 0 || strings.Contains(r.stderr, "\r") || strings.Contains(r.stderr, "indexing") ||
		!strings.Contains(r.stderr, "rotated the data key") {
		t.Fatalf("rotate-key into a pipe: %v %q", r, r.stderr)
	}
	os.RemoveAll(filepath.Join(dir, "vault", "index"))
	if r := runBin(t, env, "", "stats"); r.code != 0 || strings.Contains(r.stderr, "\r") || strings.Contains(r.stderr, "indexing") {
		t.Fatalf("an index rebuild into a pipe: %v %q", r, r.stderr)
	}
	if r := runBin(t, env, "", "verify"); r.code != 0 || !strings.Contains(r.stdout, "entries:  12000 (12000 indexed)") {
		t.Fatalf("verify: %v", r)
	}
}
