package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/memaudit/memaudit/store"
)

// Error codes: stable, for clients to switch on. Messages may change.
const (
	CodeBadRequest       = "bad_request"        // malformed JSON, unknown field, wrong content type
	CodeUnauthorized     = "unauthorized"       // no token, or an invalid or revoked one
	CodeTokenExpired     = "token_expired"      // the token's time is up
	CodeForbidden        = "forbidden"          // the token lacks the right or the segment
	CodeNotFound         = "not_found"          // no such entry (or not in the token's segments), no such endpoint
	CodeMethodNotAllowed = "method_not_allowed" // wrong HTTP method
	CodeTooLarge         = "too_large"          // body, entry text or batch over its limit
	CodeRateLimited      = "rate_limited"       // the token's rate limit; see Retry-After
	CodeInvalidEntry     = "invalid_entry"      // empty text, invalid UTF-8, bad fields
	CodeInvalidSegment   = "invalid_segment"    // a segment name that is not allowed
	CodeBadQuery         = "bad_query"          // a recall query the index refuses
	CodeBlocked          = "blocked"            // the write guard refused the entry; the message names the rule
	CodeUnavailable      = "unavailable"        // shutting down, or the request ran out of time
	CodeInternal         = "internal"           // anything else; details go to the server's error log
)

type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	var b errorBody
	b.Error.Code, b.Error.Message = code, msg
	writeJSON(w, status, b)
}

// fail maps a store error to a status and code. Store errors name rules,
// fields and ids, never entry text, so their messages can be passed on.
func (s *Server) fail(w http.ResponseWriter, err error) {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe), errors.Is(err, store.ErrTooLarge):
		writeError(w, http.StatusRequestEntityTooLarge, CodeTooLarge, err.Error())
	case errors.Is(err, store.ErrBlocked):
		writeError(w, http.StatusUnprocessableEntity, CodeBlocked, err.Error())
	case errors.Is(err, store.ErrInvalidSegment):
		writeError(w, http.StatusBadRequest, CodeInvalidSegment, err.Error())
	case errors.Is(err, store.ErrInvalidEntry):
		writeError(w, http.StatusBadRequest, CodeInvalidEntry, err.Error())
	case errors.Is(err, store.ErrBadQuery):
		writeError(w, http.StatusBadRequest, CodeBadQuery, err.Error())
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, CodeNotFound, "no such entry")
	case errors.Is(err, store.ErrSegmentDenied):
		writeError(w, http.StatusForbidden, CodeForbidden, err.Error())
	case errors.Is(err, store.ErrClosed), errors.Is(err, store.ErrRecallLog), errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		writeError(w, http.StatusServiceUnavailable, CodeUnavailable, "service unavailable; try again")
	default:
		if s.opts.ErrorLog != nil {
			s.opts.ErrorLog(err)
		}
		writeError(w, http.StatusInternalServerError, CodeInternal, "internal error")
	}
}
