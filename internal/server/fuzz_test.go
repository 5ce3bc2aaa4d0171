package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/memaudit/memaudit/internal/server"
	"github.com/memaudit/memaudit/store"
)

// FuzzRequests sends arbitrary bodies to every endpoint with a token that
// reaches only skill/*: the server never fails with 500 or panics, every
// error is JSON with a code, and nothing lands outside skill/*.
func FuzzRequests(f *testing.F) {
	for _, seed := range []struct{ path, body string }{
		{"/v1/remember", `{"segment":"skill/a","text":"hello"}`},
		{"/v1/remember", `{"segment":"agent","text":"planted"}`},
		{"/v1/remember", `{"segment":"skill/../agent","text":"x"}`},
		{"/v1/remember", `{"segment":"skill/a","text":"\u0000\ud800"}`},
		{"/v1/remember/batch", `{"entries":[{"segment":"skill/a","text":"a"},{"segment":"skill/b","text":"b"}]}`},
		{"/v1/recall", `{"segment":"skill/a","query":"hello","limit":3}`},
		{"/v1/recall", `{"segment":"skill/a","query":"title:x AND -y~2 +z*","limit":-1}`},
		{"/v1/recall", `[1,2,3]`},
		{"/v1/entries/..%2F..%2Fetc", ``},
		{"/v1/findings?segment=skill/**", ``},
		{"/v1/segments", `{}`},
		{"/v1//segments", ``},
		{"/v1/./recall", `{"segment":"skill/a","query":"x"}`},
	} {
		f.Add(seed.path, seed.body)
	}
	st, sc := openVault(f)
	tok := newToken(f, st, store.TokenSpec{Segments: []string{"skill/*"}, Rights: allRights})
	h := server.New(st, server.Options{Scanner: sc, Rate: -1, MaxBodyBytes: 64 << 10}).Handler()
	f.Fuzz(func(t *testing.T, path, body string) {
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		for _, method := range []string{"GET", "POST", "DELETE"} {
			req, err := http.NewRequest(method, "http://memaudit"+path, strings.NewReader(body))
			if err != nil {
				return // not a URL net/http would route
			}
			req.Header.Set("Authorization", "Bearer "+tok)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code >= 500 {
				t.Fatalf("%s %q %q: %d %s", method, path, body, w.Code, w.Body)
			}
			if w.Code >= 400 {
				var e struct{ Error struct{ Code string } }
				if json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Error.Code == "" {
					t.Fatalf("%s %q: error without a JSON code: %s", method, path, w.Body)
				}
			}
		}
		for e, err := range st.Entries(t.Context(), store.Filter{}) {
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(e.Segment, "skill/") || strings.Count(e.Segment, "/") != 1 {
				t.Fatalf("an entry landed in %q", e.Segment)
			}
		}
	})
}
