// Package server is memaudit's local memory service: HTTP and JSON over a
// Unix socket (or a loopback address) in front of one open vault, for agents
// that are not written in Go. Every request but /v1/health carries a bearer
// token (store.CreateToken) that limits it to some segments and rights;
// a token for one segment can neither read nor write another, and cannot
// even learn whether an id belongs to another segment.
//
// The API, all JSON:
//
//	GET    /v1/health                      no token needed
//	POST   /v1/remember                    right remember
//	POST   /v1/remember/batch              right remember; all or none
//	POST   /v1/recall                      right recall
//	GET    /v1/entries/{id}                right recall
//	DELETE /v1/entries/{id}?reason=...     right forget
//	GET    /v1/segments                    any right; the segments the token reaches
//	GET    /v1/findings?segment=GLOB       right audit
//
// Errors are {"error": {"code": "...", "message": "..."}} with the stable
// codes listed in codes.go. Messages never hold entry text or tokens.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/store"
)

// Options tune a Server. The zero value is right for most uses.
type Options struct {
	// Rate is the number of requests a token may make per second, with
	// bursts of twice that (default 200; negative: no limit).
	Rate float64
	// MaxBodyBytes bounds a request body (default 8 MiB).
	MaxBodyBytes int64
	// MaxBatch bounds the entries of one batch (default 1,000).
	MaxBatch int
	// RequestTimeout bounds the work of one request (default 30 s).
	RequestTimeout time.Duration
	// HeaderTimeout bounds how long a client may take to send its request
	// headers (default 5 s): slow clients are cut off.
	HeaderTimeout time.Duration
	// MaxConns bounds the open connections (default 256).
	MaxConns int
	// Scanner, when set, serves /v1/findings. The write guard is the
	// store's (store.Options.Scanner), not the server's.
	Scanner *audit.Scanner
	// ErrorLog, when set, receives internal errors (never entry text or
	// tokens: store errors hold neither).
	ErrorLog func(error)
	// Now returns the current time; tests set it.
	Now func() time.Time
}

func (o *Options) defaults() {
	if o.Rate == 0 {
		o.Rate = 200
	}
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = 8 << 20
	}
	if o.MaxBatch == 0 {
		o.MaxBatch = 1000
	}
	if o.RequestTimeout == 0 {
		o.RequestTimeout = 30 * time.Second
	}
	if o.HeaderTimeout == 0 {
		o.HeaderTimeout = 5 * time.Second
	}
	if o.MaxConns == 0 {
		o.MaxConns = 256
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Server serves one open vault.
type Server struct {
	st      *store.Store
	opts    Options
	limits  *limiter
	handler http.Handler
}

// New returns a server for st. The caller keeps st open while it serves
// and closes it after Shutdown.
func New(st *store.Store, opts Options) *Server {
	opts.defaults()
	s := &Server{st: st, opts: opts, limits: newLimiter(opts.Rate, opts.Now)}
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/health", s.health)
	mux.Handle("/v1/remember", s.auth(store.RightRemember, "POST", s.remember))
	mux.Handle("/v1/remember/batch", s.auth(store.RightRemember, "POST", s.rememberBatch))
	mux.Handle("/v1/recall", s.auth(store.RightRecall, "POST", s.recall))
	mux.Handle("/v1/entries/{id}", s.entry())
	mux.Handle("/v1/segments", s.auth("", "GET", s.segments))
	mux.Handle("/v1/findings", s.auth(store.RightAudit, "GET", s.findings))
	notFound := func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, CodeNotFound, "no such endpoint")
	}
	mux.HandleFunc("/", notFound)
	// The mux answers a path that is not clean ("//", "/./", "/../")
	// with a redirect and an HTML body; every answer here is JSON, and
	// the endpoints have one name each.
	s.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if path.Clean(r.URL.Path) != r.URL.Path {
			notFound(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
	return s
}

// Handler returns the server's routes, for tests and for callers that run
// their own http.Server.
func (s *Server) Handler() http.Handler { return s.handler }

// HTTPServer returns an http.Server with the handler and the timeouts set.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           inHandler(s.handler),
		ConnContext:       connContext,
		ReadHeaderTimeout: s.opts.HeaderTimeout,
		ReadTimeout:       s.opts.RequestTimeout,
		WriteTimeout:      s.opts.RequestTimeout + 5*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// Serve serves on l until ctx is done, then shuts down gracefully: the
// listener closes at once and requests in flight finish (within grace).
// At most MaxConns connections are open; see conns.go for which one gives
// way when another arrives.
func (s *Server) Serve(ctx context.Context, l net.Listener, grace time.Duration) error {
	hs := s.HTTPServer()
	l = newConnLimit(l, s.opts.MaxConns, s.opts.Now)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := hs.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

type ctxKey struct{}

// token returns the request's authenticated token.
func token(r *http.Request) *store.Token { return r.Context().Value(ctxKey{}).(*store.Token) }

// auth checks the method, the bearer token, the right and the rate limit
// before h runs. An empty right admits any token.
func (s *Server) auth(right store.Right, method string, h func(http.ResponseWriter, *http.Request)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != method {
			w.Header().Set("Allow", method)
			writeError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "use "+method)
			return
		}
		s.authorized(w, r, right, h)
	})
}

func (s *Server) authorized(w http.ResponseWriter, r *http.Request, right store.Right, h func(http.ResponseWriter, *http.Request)) {
	// The scheme is case-insensitive (RFC 7235).
	scheme, raw, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	raw = strings.TrimSpace(raw)
	if !strings.EqualFold(scheme, "Bearer") || raw == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="memaudit"`)
		w.Header().Set("Connection", "close") // give the slot back
		writeError(w, http.StatusUnauthorized, CodeUnauthorized, "a bearer token is needed")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.RequestTimeout)
	defer cancel()
	t, err := s.st.Authenticate(ctx, raw)
	switch {
	case errors.Is(err, store.ErrTokenExpired):
		w.Header().Set("Connection", "close")
		writeError(w, http.StatusUnauthorized, CodeTokenExpired, "token expired")
		return
	case errors.Is(err, store.ErrBadToken):
		w.Header().Set("WWW-Authenticate", `Bearer realm="memaudit", error="invalid_token"`)
		w.Header().Set("Connection", "close")
		writeError(w, http.StatusUnauthorized, CodeUnauthorized, "invalid or revoked token")
		return
	case err != nil:
		s.fail(w, err)
		return
	}
	if wait, ok := s.limits.allow(t.ID); !ok {
		w.Header().Set("Retry-After", retryAfter(wait))
		writeError(w, http.StatusTooManyRequests, CodeRateLimited, "rate limit for this token reached")
		return
	}
	if right != "" && !t.Can(right) {
		writeError(w, http.StatusForbidden, CodeForbidden, "token lacks the "+string(right)+" right")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
	// The mutation log names the token behind every change.
	ctx = store.WithActor(ctx, "serve:token:"+t.ID)
	h(w, r.WithContext(context.WithValue(ctx, ctxKey{}, t)))
}

// writeJSON writes v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// decode reads one JSON value into v: unknown fields, trailing data and
// an oversized body are errors that say so.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		writeError(w, http.StatusUnsupportedMediaType, CodeBadRequest, "send application/json")
		return false
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("trailing data after the JSON value")
	}
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		writeError(w, http.StatusRequestEntityTooLarge, CodeTooLarge, "request body larger than the limit")
		return false
	case err != nil:
		writeError(w, http.StatusBadRequest, CodeBadRequest, "malformed JSON: "+jsonProblem(err))
		return false
	}
	return true
}

// jsonProblem says what is wrong with a body without quoting it.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "syntax error at byte " + strconv.FormatInt(se.Offset, 10)
	case errors.As(err, &te):
		return "wrong type for field " + te.Field
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return strings.TrimPrefix(err.Error(), "json: ")
	case errors.Is(err, io.EOF):
		return "empty body"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "truncated JSON"
	}
	return "unreadable body"
}
