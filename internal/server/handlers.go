package server

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/memaudit/memaudit/segment"
	"github.com/memaudit/memaudit/store"
)

// EntryIn is an entry as a client sends it.
type EntryIn struct {
	Segment string       `json:"segment"`
	Text    string       `json:"text"`
	Kind    string       `json:"kind,omitempty"`
	Source  store.Source `json:"source"`
	Session string       `json:"session,omitempty"`
	Tags    []string     `json:"tags,omitempty"`
	// Trust, when set, lowers the trust the vault gives the entry: a
	// client that knows its text came from someone other than the owner (a
	// stranger in a group chat) says so, and the write guard then treats it
	// like outside content. It can never raise trust (errTrustAbove).
	Trust segment.Trust `json:"trust,omitempty"`
}

func (in *EntryIn) entry() store.Entry {
	return store.Entry{Segment: in.Segment, Text: in.Text, Kind: in.Kind, Source: in.Source, Session: in.Session, Tags: in.Tags, Trust: in.Trust}
}

// errTrustAbove refuses a client's trust above what the vault would give.
var errTrustAbove = errors.New("trust above what the segment's policy or the source kind gives")

// checkTrust refuses a trust above the one the store would derive: the
// segment policy's default trust, else the source kind's.
func (s *Server) checkTrust(ctx context.Context, in *EntryIn) error {
	if in.Trust == segment.TrustUnset {
		return nil
	}
	p, err := s.st.Policy(ctx, in.Segment)
	if err != nil {
		return err
	}
	ceiling := p.DefaultTrust
	if ceiling == segment.TrustUnset {
		kind := in.Source.Kind
		if kind == "" {
			kind = store.SourceUser
		}
		ceiling = kind.Trust()
	}
	if in.Trust > ceiling {
		return errTrustAbove
	}
	return nil
}

// trustOK writes the error for an entry whose trust checkTrust refuses.
func (s *Server) trustOK(w http.ResponseWriter, r *http.Request, in *EntryIn) bool {
	switch err := s.checkTrust(r.Context(), in); {
	case err == nil:
		return true
	case errors.Is(err, errTrustAbove):
		writeError(w, http.StatusBadRequest, CodeInvalidEntry, err.Error())
	default:
		s.fail(w, err)
	}
	return false
}

// EntryOut is an entry as the server returns it. Text is left out of
// write acknowledgements (the client has it).
type EntryOut struct {
	ID       string               `json:"id"`
	Segment  string               `json:"segment"`
	Text     string               `json:"text,omitempty"`
	Kind     string               `json:"kind"`
	Source   store.Source         `json:"source"`
	Session  string               `json:"session,omitempty"`
	Trust    segment.Trust        `json:"trust"`
	Created  time.Time            `json:"created"`
	Tags     []string             `json:"tags,omitempty"`
	Status   store.Status         `json:"status"`
	Findings []store.GuardFinding `json:"findings,omitempty"`
	Score    float64              `json:"score,omitempty"`
}

func out(e *store.Entry, withText bool) EntryOut {
	o := EntryOut{ID: e.ID, Segment: e.Segment, Kind: e.Kind, Source: e.Source, Session: e.Session,
		Trust: e.Trust, Created: e.Created, Tags: e.Tags, Status: e.Status}
	if withText {
		o.Text = e.Text
	}
	return o
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if r.Method != "GET" {
		w.Header().Set("Allow", "GET")
		writeError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "use GET")
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// covers refuses a segment outside the token's reach, naming the
// segment (the caller sent it, so nothing leaks).
func covers(w http.ResponseWriter, t *store.Token, seg string) bool {
	if err := segment.Validate(seg); err != nil {
		writeError(w, http.StatusBadRequest, CodeInvalidSegment, err.Error())
		return false
	}
	if !t.Covers(seg) {
		writeError(w, http.StatusForbidden, CodeForbidden, "token does not reach segment "+seg)
		return false
	}
	return true
}

// committed reports whether a write took effect: no error, or only the
// index lagging behind a committed change (logged; the index catches up
// before the next search). Answering such a write with an error would
// make the agent repeat it.
func (s *Server) committed(err error) bool {
	if errors.Is(err, store.ErrIndexBehind) {
		if s.opts.ErrorLog != nil {
			s.opts.ErrorLog(err)
		}
		return true
	}
	return err == nil
}

// acknowledge returns a stored entry with what the write guard found.
func (s *Server) acknowledge(r *http.Request, e *store.Entry) (EntryOut, error) {
	o := out(e, false)
	f, err := s.st.Findings(r.Context(), e.ID)
	o.Findings = f
	return o, err
}

func (s *Server) remember(w http.ResponseWriter, r *http.Request) {
	var in EntryIn
	if !decode(w, r, &in) || !covers(w, token(r), in.Segment) || !s.trustOK(w, r, &in) {
		return
	}
	e, err := s.st.Remember(r.Context(), in.entry())
	if !s.committed(err) {
		s.fail(w, err)
		return
	}
	o, err := s.acknowledge(r, e)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"entry": o})
}

func (s *Server) rememberBatch(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Entries []EntryIn `json:"entries"`
	}
	if !decode(w, r, &in) {
		return
	}
	if len(in.Entries) == 0 {
		writeError(w, http.StatusBadRequest, CodeInvalidEntry, "no entries")
		return
	}
	if len(in.Entries) > s.opts.MaxBatch {
		writeError(w, http.StatusRequestEntityTooLarge, CodeTooLarge, "more entries than the batch limit")
		return
	}
	ents := make([]store.Entry, len(in.Entries))
	for i := range in.Entries {
		if !covers(w, token(r), in.Entries[i].Segment) || !s.trustOK(w, r, &in.Entries[i]) {
			return
		}
		ents[i] = in.Entries[i].entry()
	}
	stored, err := s.st.RememberBatch(r.Context(), ents)
	if !s.committed(err) {
		s.fail(w, err)
		return
	}
	outs := make([]EntryOut, len(stored))
	for i, e := range stored {
		if outs[i], err = s.acknowledge(r, e); err != nil {
			s.fail(w, err)
			return
		}
	}
	writeJSON(w, http.StatusCreated, map[string]any{"entries": outs})
}

func (s *Server) recall(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Segment string `json:"segment"`
		Query   string `json:"query"`
		Limit   int    `json:"limit,omitempty"`
		Session string `json:"session,omitempty"`
		// WithFindings adds the write guard's findings to each hit, so
		// that a client can keep flagged entries out of a model's context.
		WithFindings bool `json:"with_findings,omitempty"`
	}
	t := token(r)
	if !decode(w, r, &in) || !covers(w, t, in.Segment) {
		return
	}
	if in.Limit < 0 || in.Limit > 1000 {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "limit must be between 1 and 1000")
		return
	}
	// The token's globs narrow what the segment's policy shares: a
	// token for one segment never reads another through a policy.
	hits, err := s.st.Recall(r.Context(), in.Segment, in.Query, store.RecallOptions{Limit: in.Limit, Session: in.Session, Segments: t.Segments, WithFindings: in.WithFindings})
	if err != nil {
		s.fail(w, err)
		return
	}
	outs := make([]EntryOut, 0, len(hits))
	for _, h := range hits {
		o := out(h.Entry, true)
		o.Score, o.Findings = h.Score, h.Findings
		outs = append(outs, o)
	}
	writeJSON(w, http.StatusOK, map[string]any{"hits": outs})
}

// recallable says whether an agent may see an entry: active, or redacted
// (the secret is gone; Recall returns those too).
func recallable(st store.Status) bool { return st == store.StatusActive || st == store.StatusRedacted }

// entry serves GET (recall right) and DELETE (forget right) on one id. An
// entry outside the token's segments, or neither active nor redacted, is "not found", the
// same as an id that does not exist: a token learns nothing about other
// segments, and quarantined evidence can be neither read nor forgotten
// by an agent (the operator releases or forgets it).
func (s *Server) entry() http.Handler {
	get := func(w http.ResponseWriter, r *http.Request) {
		if e := s.visible(w, r); e != nil {
			writeJSON(w, http.StatusOK, map[string]any{"entry": out(e, true)})
		}
	}
	del := func(w http.ResponseWriter, r *http.Request) {
		e := s.visible(w, r)
		if e == nil {
			return
		}
		reason := r.URL.Query().Get("reason")
		if reason == "" {
			reason = "forgotten through the memory service by token " + token(r).ID
		}
		if err := s.st.ForgetReason(r.Context(), e.ID, reason); !s.committed(err) {
			s.fail(w, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"forgotten": e.ID})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case "GET":
			s.authorized(w, r, store.RightRecall, get)
		case "DELETE":
			s.authorized(w, r, store.RightForget, del)
		default:
			w.Header().Set("Allow", "GET, DELETE")
			writeError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "use GET or DELETE")
		}
	})
}

func (s *Server) visible(w http.ResponseWriter, r *http.Request) *store.Entry {
	e, err := s.st.Get(r.Context(), r.PathValue("id"))
	if err == nil && (!token(r).Covers(e.Segment) || !recallable(e.Status)) {
		err = store.ErrNotFound
	}
	if err != nil {
		s.fail(w, err)
		return nil
	}
	return e
}

func (s *Server) segments(w http.ResponseWriter, r *http.Request) {
	all, err := s.st.Segments(r.Context())
	if err != nil {
		s.fail(w, err)
		return
	}
	// Names and counts only: a policy may name segments the token does
	// not reach.
	type segmentOut struct {
		Name        string `json:"name"`
		Active      int    `json:"active"`
		Quarantined int    `json:"quarantined"`
	}
	t := token(r)
	seen := []segmentOut{}
	for _, si := range all {
		if t.Covers(si.Name) {
			seen = append(seen, segmentOut{si.Name, si.Active, si.Quarantined})
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"segments": seen, "globs": t.Segments, "rights": t.Rights})
}

func (s *Server) findings(w http.ResponseWriter, r *http.Request) {
	if s.opts.Scanner == nil {
		writeError(w, http.StatusNotFound, CodeNotFound, "the auditor is not enabled on this server")
		return
	}
	t := token(r)
	glob := r.URL.Query().Get("segment")
	if glob != "" {
		if err := segment.ValidateGlob(glob); err != nil {
			writeError(w, http.StatusBadRequest, CodeInvalidSegment, err.Error())
			return
		}
	}
	// Record: the next call rescans only new or changed entries (the
	// state is a cache in the vault; it changes no memory).
	res, err := s.st.Scan(r.Context(), s.opts.Scanner, store.ScanOptions{Filter: store.Filter{Segments: t.Segments}, Record: true}, nil)
	if err != nil {
		s.fail(w, err)
		return
	}
	fs := []store.ScanFinding{}
	for _, f := range res.Findings {
		if glob == "" || segment.Match(glob, f.Segment) {
			fs = append(fs, f)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"findings": fs, "entries_scanned": res.Entries, "rule_set": res.RuleSet})
}
