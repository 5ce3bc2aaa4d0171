package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/memaudit/memaudit/audit"
)

// startServe runs the real binary's serve and waits until it listens.
func startServe(t *testing.T, env []string, args ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"serve"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	var log strings.Builder
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		signalled := false
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
			if strings.Contains(sc.Text(), "serving on") && !signalled {
				ready <- true
				signalled = true
			}
		}
		if !signalled {
			ready <- false
		}
	}()
	select {
	case ok := <-ready:
		if !ok {
			cmd.Wait()
			t.Fatalf("serve did not start: %s", log.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start in 30 s")
	}
	return cmd, &log
}

func socketClient(path string) *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", path)
	}}}
}

func call(t *testing.T, c *http.Client, method, path, tok, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, "http://memaudit"+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var m map[string]any
	json.Unmarshal(raw, &m)
	return res.StatusCode, m
}

// TestServeEndToEnd: the real binary serves a vault on its socket; tokens
// made and revoked by the CLI while it runs; SIGTERM finishes what is in
// flight; every acknowledged write is in the vault afterwards.
func TestServeEndToEnd(t *testing.T) {
	dir, err := os.MkdirTemp("", "ma-serve")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	vault := filepath.Join(dir, "v")
	env := []string{"MEMAUDIT_VAULT=" + vault, "MEMAUDIT_IDENTITY=" + filepath.Join(dir, "key")}
	if r := runBin(t, env, "", "init"); r.code != 0 {
		t.Fatalf("init: %v", r)
	}
	r := runBin(t, env, "", "token", "create", "--segment", "channel/telegram/**", "--rights", "remember,recall", "--label", "e2e")
	tok := strings.TrimSpace(r.stdout)
	if r.code != 0 || !strings.HasPrefix(tok, "mat_") || strings.Contains(r.stderr, tok) {
		t.Fatalf("token create: %v", r)
	}
	if r := runBin(t, env, "", "token", "create", "--segment", "x", "--rights", "admin"); r.code != 2 || !strings.Contains(r.stderr, "unknown right") {
		t.Fatalf("bad right: %v", r)
	}
	cmd, log := startServe(t, env)
	c := socketClient(filepath.Join(vault, "memaudit.sock"))

	// Another server on the same socket is refused; so is a non-loopback
	// address.
	if r := runBin(t, env, "", "serve"); r.code != 2 || !strings.Contains(r.stderr, "in use") {
		t.Fatalf("second serve: %v", r)
	}
	if r := runBin(t, env, "", "serve", "--socket", "none", "--listen", "0.0.0.0:0"); r.code != 2 || !strings.Contains(r.stderr, "not a loopback") {
		t.Fatalf("non-loopback: %v", r)
	}

	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				body := fmt.Sprintf(`{"segment":"channel/telegram/dm/%d","text":"note %d of writer %d","source":{"kind":"user"}}`, w, i, w)
				status, m := call(t, c, "POST", "/v1/remember", tok, body)
				if status != 201 {
					t.Errorf("remember: %d %v", status, m)
					return
				}
				mu.Lock()
				acked = append(acked, m["entry"].(map[string]any)["id"].(string))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	status, m := call(t, c, "POST", "/v1/recall", tok, `{"segment":"channel/telegram/dm/1","query":"writer","limit":50}`)
	if status != 200 || len(m["hits"].([]any)) != 20 {
		t.Fatalf("recall: %d %v", status, m)
	}
	// Revoked by the CLI while the server runs: refused at once.
	id := strings.TrimPrefix(tok, "mat_")[:16]
	if r := runBin(t, env, "", "token", "revoke", id); r.code != 0 {
		t.Fatalf("revoke: %v", r)
	}
	if status, m := call(t, c, "GET", "/v1/segments", tok, ""); status != 401 {
		t.Fatalf("revoked token: %d %v", status, m)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("serve after SIGTERM: %v\n%s", err, log.String())
	}
	if !strings.Contains(log.String(), "stopped") {
		t.Fatalf("serve log: %s", log.String())
	}
	r = runBin(t, env, "", "list", "--format", "jsonl")
	if r.code != 0 {
		t.Fatalf("list: %v", r)
	}
	for _, id := range acked {
		if !strings.Contains(r.stdout, id) {
			t.Fatalf("acknowledged %s missing after shutdown", id)
		}
	}
	if len(acked) != 80 {
		t.Fatalf("%d acknowledged", len(acked))
	}
	if r := runBin(t, env, "", "log"); !strings.Contains(r.stdout, "token") || !strings.Contains(r.stdout, "serve") {
		t.Fatalf("log: %v", r)
	}
	// A socket path that is a symlink: refused, exit 2, target untouched.
	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("keep"), 0o600)
	link := filepath.Join(vault, "link.sock")
	os.Symlink(target, link)
	if r := runBin(t, env, "", "serve", "--socket", link); r.code != 2 || !strings.Contains(r.stderr, "symlink") {
		t.Fatalf("symlink socket: %v", r)
	}
}

// TestRedactWhileServing: `memaudit redact` while `memaudit serve` holds the
// index succeeds (exit 0), the serving process rebuilds its index and
// truncates the log when asked, and the service still recalls the entry
// (without the secret) and no longer finds the secret.
func TestRedactWhileServing(t *testing.T) {
	dir := t.TempDir()
	vault := filepath.Join(dir, "vault")
	env := []string{"MEMAUDIT_VAULT=" + vault, "MEMAUDIT_IDENTITY=" + filepath.Join(dir, "key")}
	if r := runBin(t, env, "", "init"); r.code != 0 {
		t.Fatalf("init: %v", r)
	}
	sc, err := audit.New(audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var key string
	for key == "" || len(sc.Scan(context.Background(), audit.Entry{ID: "x", Text: "deploy with " + key})) == 0 {
		key = "ghp_" + randomAlnum(36) // one the auditor finds, as real ones are
	}
	if r := runBin(t, env, "", "add", "--segment", "agent", "deploy with "+key+" tonight, heron"); r.code != 0 {
		t.Fatalf("add: %v", r)
	}
	id := strings.TrimSpace(runBin(t, env, "", "list", "--format", "jsonl").stdout)
	id = strings.SplitN(strings.SplitN(id, `"id":"`, 2)[1], `"`, 2)[0]
	tok := strings.TrimSpace(runBin(t, env, "", "token", "create", "--segment", "agent", "--rights", "recall").stdout)
	serve, _ := startServe(t, env)
	c := socketClient(filepath.Join(vault, "memaudit.sock"))
	if code, m := call(t, c, "POST", "/v1/recall", tok, `{"segment":"agent","query":"`+strings.ToLower(key)+`"}`); code != 200 || len(m["hits"].([]any)) != 1 {
		t.Fatalf("recall of the key before: %d %v", code, m)
	}
	r := runBin(t, env, "", "redact", "--reason", "pasted key", id)
	if r.code != 0 || !strings.Contains(r.stderr, "rebuilt the index and truncated the write-ahead log") {
		t.Fatalf("redact while serving: %v", r)
	}
	code, m := call(t, c, "POST", "/v1/recall", tok, `{"segment":"agent","query":"heron deploy"}`)
	if code != 200 || len(m["hits"].([]any)) != 1 || strings.Contains(fmt.Sprint(m), key) {
		t.Fatalf("recall after: %d %v", code, m)
	}
	if code, m := call(t, c, "POST", "/v1/recall", tok, `{"segment":"agent","query":"`+strings.ToLower(key)+`"}`); code != 200 || len(m["hits"].([]any)) != 0 {
		t.Fatalf("the key is still found: %d %v", code, m)
	}
	serve.Process.Signal(syscall.SIGTERM)
	serve.Wait()
	if v := runBin(t, env, "", "verify"); v.code != 0 {
		t.Fatalf("verify: %v", v)
	}
}

// randomAlnum is a random alphanumeric string: fixtures use fake, freshly
// generated secrets.
func randomAlnum(n int) string {
	const set = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = set[rand.IntN(len(set))]
	}
	return string(b)
}
