package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/internal/server"
	"github.com/memaudit/memaudit/store"
)

func init() { keyring.UseLowScryptForTests() }

// openVault creates a vault with the write guard on.
func openVault(t testing.TB) (*store.Store, *audit.Scanner) {
	t.Helper()
	g, err := keyring.Generate(false)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := keyring.ParseIdentities(g.File)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := audit.New(audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Create(context.Background(), filepath.Join(t.TempDir(), "vault"), store.CreateOptions{
		Options: store.Options{Identities: ids, Scanner: sc}, Recipients: []store.Recipient{g.Recipient}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, sc
}

func newToken(t testing.TB, st *store.Store, spec store.TokenSpec) string {
	t.Helper()
	tok, _, err := st.CreateToken(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// client calls a test server.
type client struct {
	t    testing.TB
	base string
	hc   *http.Client
}

func serve(t testing.TB, st *store.Store, o server.Options) *client {
	ts := httptest.NewServer(server.New(st, o).Handler())
	t.Cleanup(ts.Close)
	return &client{t: t, base: ts.URL, hc: ts.Client()}
}

type response struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

// code is the error code of an error response.
func (r response) code() string {
	if e, ok := r.body["error"].(map[string]any); ok {
		return e["code"].(string)
	}
	return ""
}

func (c *client) do(method, path, token string, body any) response {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewBufferString(b)
	default:
		raw, _ := json.Marshal(b)
		rd = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, c.base+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := response{status: res.StatusCode, header: res.Header, raw: string(raw)}
	json.Unmarshal(raw, &r.body)
	return r
}

func countEntries(t testing.TB, st *store.Store) int {
	t.Helper()
	n := 0
	for _, err := range st.Entries(context.Background(), store.Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	return n
}
