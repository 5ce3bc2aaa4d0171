package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/memaudit/memaudit/internal/ulid"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
	"github.com/memaudit/memaudit/segment"
)

// The vault stores times as Unix nanoseconds in a signed 64-bit integer,
// so it holds the times from MinTime to MaxTime. Every time that comes
// from outside (an entry's creation time, a token's expiry) is checked with
// checkTime first: toNanos of a time outside wraps round silently.
var (
	MinTime = time.Unix(0, math.MinInt64).UTC() // 1677-09-21 00:12:43.145224192 UTC
	MaxTime = time.Unix(0, math.MaxInt64).UTC() // 2262-04-11 23:47:16.854775807 UTC
)

// checkTime refuses a time the vault cannot hold; name says which.
func checkTime(name string, t time.Time) error {
	if t.Before(MinTime) || t.After(MaxTime) {
		return fmt.Errorf("%s %s is outside the times a vault can hold (%s to %s)", name,
			t.UTC().Format(time.RFC3339), MinTime.Format(time.DateOnly), MaxTime.Format(time.DateOnly))
	}
	return nil
}

func toNanos(t time.Time) int64   { return t.UTC().UnixNano() }
func fromNanos(n int64) time.Time { return time.Unix(0, n).UTC() }

func trustOf(v int) segment.Trust {
	t := segment.Trust(v)
	if t < segment.TrustUntrusted || t > segment.TrustHigh {
		return segment.TrustUntrusted
	}
	return t
}

// prepare validates e and fills in what the caller left out. now is the
// write time; policy is the segment's.
func (s *Store) prepare(e *Entry, now time.Time, policy segment.Policy) error {
	if err := segment.Validate(e.Segment); err != nil {
		return err
	}
	switch {
	case e.Text == "":
		return fmt.Errorf("%w: empty text", ErrInvalidEntry)
	case len(e.Text) > s.opts.MaxTextBytes:
		return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(e.Text), s.opts.MaxTextBytes)
	case !utf8.ValidString(e.Text):
		return fmt.Errorf("%w: text is not valid UTF-8", ErrInvalidEntry)
	case strings.IndexByte(e.Text, 0) >= 0:
		return fmt.Errorf("%w: text holds a NUL byte", ErrInvalidEntry)
	}
	if e.ID == "" {
		e.ID = ulid.New(now)
	} else if err := checkField("id", e.ID, maxIDLen); err != nil {
		return err
	}
	if e.Kind == "" {
		e.Kind = KindFact
	}
	if e.Source.Kind == "" {
		e.Source.Kind = SourceUser
	}
	if !e.Source.Kind.Valid() {
		return fmt.Errorf("%w: unknown source kind", ErrInvalidEntry)
	}
	for name, v := range map[string]string{"kind": e.Kind, "source uri": e.Source.URI, "sender": e.Source.Sender, "channel": e.Source.Channel, "session": e.Session} {
		if err := checkField(name, v, maxFieldLen); err != nil {
			return err
		}
	}
	if len(e.Tags) > maxTags {
		return fmt.Errorf("%w: more than %d tags", ErrInvalidEntry, maxTags)
	}
	for _, t := range e.Tags {
		if t == "" {
			return fmt.Errorf("%w: empty tag", ErrInvalidEntry)
		}
		if err := checkField("tag", t, maxFieldLen); err != nil {
			return err
		}
	}
	if e.Trust == segment.TrustUnset {
		e.Trust = policy.DefaultTrust
	}
	if e.Trust == segment.TrustUnset {
		e.Trust = e.Source.Kind.Trust()
	}
	if e.Trust < segment.TrustUntrusted || e.Trust > segment.TrustHigh {
		return fmt.Errorf("%w: trust out of range", ErrInvalidEntry)
	}
	if e.Created.IsZero() {
		e.Created = now
	}
	if err := checkTime("created", e.Created); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidEntry, err)
	}
	e.Created = e.Created.UTC()
	e.Updated = now.UTC()
	if e.Status == "" {
		e.Status = StatusActive
	}
	if e.Status != StatusActive && e.Status != StatusQuarantined && e.Status != StatusRedacted {
		return fmt.Errorf("%w: new entries are active, quarantined or redacted", ErrInvalidEntry)
	}
	e.Hash = vaultcrypto.ContentHash(e.Text)
	return nil
}

// Remember stores one entry durably (the database commit) and indexes it. It
// returns the stored entry with its id, trust, times and hash filled in;
// also with an error wrapping ErrIndexBehind, when the entry is stored but
// the index could not follow.
func (s *Store) Remember(ctx context.Context, e Entry) (*Entry, error) {
	out, err := s.RememberBatch(ctx, []Entry{e})
	// A batch of one: "entry 0" would tell the caller nothing.
	if ee, ok := err.(*EntryError); ok {
		err = ee.Err
	}
	if len(out) == 0 {
		return nil, err
	}
	return out[0], err // with ErrIndexBehind, the entry is stored
}

// RememberBatch stores entries in one transaction: all or none. Entries with
// a caller's id that already exists are an error (ErrInvalidEntry), so that
// nothing is half-imported.
func (s *Store) RememberBatch(ctx context.Context, entries []Entry) ([]*Entry, error) {
	if err := s.checkWritable("remember"); err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return nil, nil
	}
	now := s.opts.Now()
	policies := map[string]segment.Policy{}
	var found map[string][]GuardFinding // the write guard's findings
	out := make([]*Entry, len(entries))
	seen := make(map[string]int, len(entries))
	for i := range entries {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err // nothing written
			}
		}
		e, fs, err := s.prepareEntry(ctx, entries[i], now, policies)
		if err != nil {
			return nil, &EntryError{Index: i, Err: err}
		}
		if j, dup := seen[e.ID]; dup {
			return nil, &EntryError{Index: i, Err: fmt.Errorf("%w: id repeats entry %d", ErrInvalidEntry, j)}
		}
		seen[e.ID] = i
		if len(fs) > 0 {
			if found == nil {
				found = map[string][]GuardFinding{}
			}
			found[e.ID] = fs
		}
		out[i] = e
	}

	s.wmu.Lock()
	defer s.wmu.Unlock()
	seq, prev, err := s.writeEntries(ctx, out, now, found)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err() // rolled back: nothing written
		}
		return nil, err
	}
	return out, s.indexCommitted(ctx, out, prev, seq)
}

// indexCommitted brings the index up to change seq after a commit that
// wrote ents (nil when they are indexed already): straight from them when
// the index was at prev, else by catching up from the database. An error
// wraps ErrIndexBehind: the change is committed and the index catches up
// on its next search or open. The caller holds s.wmu.
func (s *Store) indexCommitted(ctx context.Context, ents []*Entry, prev, seq int64) error {
	var err error
	if prev == s.applied.Load() {
		err = s.applyLockedCtx(ctx, ents, seq)
	} else {
		err = s.catchUpLocked(ctx)
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrIndexBehind, err)
	}
	return nil
}

// EntryError says which entry of a batch was refused.
type EntryError struct {
	Index int
	Err   error
}

func (e *EntryError) Error() string { return fmt.Sprintf("entry %d: %v", e.Index, e.Err) }
func (e *EntryError) Unwrap() error { return e.Err }

// prepareEntry validates and completes e for writing at now, with its
// segment's policy (cached in policies), and runs the write guard: the entry
// as it will be stored (quarantined if the guard says so) and what the
// guard found.
func (s *Store) prepareEntry(ctx context.Context, e Entry, now time.Time, policies map[string]segment.Policy) (*Entry, []GuardFinding, error) {
	p, ok := policies[e.Segment]
	if !ok && segment.Validate(e.Segment) == nil {
		var err error
		if p, err = s.Policy(ctx, e.Segment); err != nil {
			return nil, nil, err
		}
		policies[e.Segment] = p
	}
	if err := s.prepare(&e, now, p); err != nil {
		return nil, nil, err
	}
	d := s.guard(ctx, &e, p.Guard)
	if d.block != "" {
		return nil, nil, fmt.Errorf("%w: %s", ErrBlocked, d.block)
	}
	if d.quarantine {
		e.Status = StatusQuarantined
	}
	for _, f := range d.findings {
		if !slices.Contains(e.findingRules, f.Rule) {
			e.findingRules = append(e.findingRules, f.Rule)
		}
	}
	return &e, d.findings, nil
}

// writeEntries inserts entries in one transaction and returns the new and the
// previous change sequence numbers.
func (s *Store) writeEntries(ctx context.Context, ents []*Entry, now time.Time, found map[string][]GuardFinding) (seq, prev int64, err error) {
	w, err := s.beginEntries(ctx, now)
	if err != nil {
		return 0, 0, err
	}
	defer w.rollback()
	for i, e := range ents {
		if err := w.add(ctx, e, found[e.ID]); err != nil {
			if errors.Is(err, errIDExists) {
				return 0, 0, &EntryError{Index: i, Err: err}
			}
			return 0, 0, err
		}
	}
	if err := w.commit(ctx); err != nil {
		return 0, 0, err
	}
	return w.seq, w.prev, nil
}

// errIDExists: an entry's id is in the vault already (or earlier in the
// same transaction).
var errIDExists = fmt.Errorf("%w: id already exists", ErrInvalidEntry)

// entryWriter inserts entries in one write transaction, stamped with the
// change number it takes, and logs them at commit: one record for a single
// entry, one for a whole import (how many, and a hash of their ids).
type entryWriter struct {
	s         *Store
	tx        *sql.Tx
	seg, ins  *sql.Stmt
	now       time.Time
	prev, seq int64
	segments  map[string]bool
	n         int
	first     *Entry // for the log of a single entry
	firstQ    bool   // ... quarantined by the write guard
	ids       *vaultcrypto.IDHasher
}

func (s *Store) beginEntries(ctx context.Context, now time.Time) (w *entryWriter, err error) {
	tx, err := s.db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, classify(err)
	}
	w = &entryWriter{s: s, tx: tx, now: now, segments: map[string]bool{}, ids: vaultcrypto.NewIDHasher()}
	defer func() {
		if err != nil {
			w.rollback()
		}
	}()
	if w.prev, err = nextSeq(ctx, tx); err != nil {
		return nil, err
	}
	w.seq = w.prev + 1
	if w.seg, err = tx.PrepareContext(ctx, "INSERT OR IGNORE INTO segments(name, created) VALUES (?, ?)"); err != nil {
		return nil, classify(err)
	}
	if w.ins, err = tx.PrepareContext(ctx, "INSERT INTO entries("+entryCols+") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"); err != nil {
		return nil, classify(err)
	}
	return w, nil
}

// add inserts a prepared entry and what the write guard found in it.
func (w *entryWriter) add(ctx context.Context, e *Entry, found []GuardFinding) error {
	if !w.segments[e.Segment] {
		if _, err := w.seg.ExecContext(ctx, e.Segment, toNanos(w.now)); err != nil {
			return classify(err)
		}
		w.segments[e.Segment] = true
	}
	tags, _ := json.Marshal(e.Tags)
	if e.Tags == nil {
		tags = []byte("[]")
	}
	if _, err := w.ins.ExecContext(ctx, e.ID, w.seq, e.Segment, e.Text, e.Kind, string(e.Source.Kind), e.Source.URI,
		e.Source.Sender, e.Source.Channel, e.Session, int(e.Trust), toNanos(e.Created), toNanos(e.Updated),
		string(tags), string(e.Status), e.Hash); err != nil {
		if isConstraint(err) {
			return errIDExists
		}
		return classify(err)
	}
	if len(found) > 0 {
		if err := saveFindings(ctx, w.tx, e.ID, found, toNanos(w.now)); err != nil {
			return err
		}
	}
	if w.n == 0 {
		w.first, w.firstQ = e, e.Status == StatusQuarantined && len(found) > 0
	}
	w.n++
	w.ids.Add(e.ID)
	return nil
}

// commit bumps the change counter, logs and commits; nothing is committed
// when ctx is done by then.
func (w *entryWriter) commit(ctx context.Context) error {
	if err := setSeq(ctx, w.tx, w.seq); err != nil {
		return err
	}
	if err := addIndexable(ctx, w.tx, w.n); err != nil { // none is deleted
		return err
	}
	var err error
	if w.n == 1 {
		detail := "segment " + w.first.Segment
		if w.firstQ {
			detail += "; quarantined by the write guard"
		}
		err = w.s.appendLog(ctx, w.tx, w.now, ActionRemember, w.first.ID, detail)
	} else {
		err = w.s.appendLog(ctx, w.tx, w.now, ActionImport, "", fmt.Sprintf("%d entries, ids %s", w.n, w.ids.Sum()))
	}
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err // interrupted before the commit: rolled back
	}
	w.closeStmts()
	return classify(w.tx.Commit())
}

func (w *entryWriter) closeStmts() {
	if w.seg != nil {
		w.seg.Close()
	}
	if w.ins != nil {
		w.ins.Close()
	}
}

func (w *entryWriter) rollback() {
	w.closeStmts()
	w.tx.Rollback()
}

// nextSeq reads the change counter inside a write transaction.
func nextSeq(ctx context.Context, tx *sql.Tx) (int64, error) {
	var v string
	if err := tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'seq'").Scan(&v); err != nil {
		return 0, classify(err)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: change counter", ErrCorrupt)
	}
	return n, nil
}

func setSeq(ctx context.Context, tx *sql.Tx, seq int64) error {
	_, err := tx.ExecContext(ctx, "UPDATE meta SET value = ? WHERE key = 'seq'", strconv.FormatInt(seq, 10))
	return classify(err)
}

// updateStatus changes one entry's status (and text, when text is not nil)
// and re-indexes it.
func (s *Store) updateStatus(ctx context.Context, id string, from []Status, to Status, text *string, action, reason string) (*Entry, error) {
	return s.updateStatusPurge(ctx, id, from, to, text, action, reason, false)
}

// updateStatusPurge is updateStatus that, with purge, also asks for an
// index rebuild in the same transaction (a redaction: the old text stays in
// older index segments until then).
func (s *Store) updateStatusPurge(ctx context.Context, id string, from []Status, to Status, text *string, action, reason string, purge bool) (*Entry, error) {
	if err := s.checkWritable(string(action)); err != nil {
		return nil, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, classify(err)
	}
	defer tx.Rollback()
	e, _, err := scanEntry(tx.QueryRowContext(ctx, "SELECT "+entryCols+" FROM entries WHERE id = ?", id))
	if err != nil {
		return nil, err
	}
	allowed := false
	for _, f := range from {
		allowed = allowed || e.Status == f
	}
	if !allowed {
		return nil, fmt.Errorf("entry %s is %s: %w", id, e.Status, ErrInvalidEntry)
	}
	prev, err := nextSeq(ctx, tx)
	if err != nil {
		return nil, err
	}
	seq := prev + 1
	e.Status = to
	e.Updated = s.opts.Now().UTC()
	if text != nil {
		e.Text = *text
		if e.Text != "" { // a tombstone keeps the hash of what it held
			e.Hash = vaultcrypto.ContentHash(e.Text)
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE entries SET seq = ?, status = ?, updated = ?, text = ?, hash = ? WHERE id = ?",
		seq, string(e.Status), toNanos(e.Updated), e.Text, e.Hash, id); err != nil {
		return nil, classify(err)
	}
	if to == StatusDeleted { // from a status the index holds
		if err := addIndexable(ctx, tx, -1); err != nil {
			return nil, err
		}
	}
	if err := setSeq(ctx, tx, seq); err != nil {
		return nil, err
	}
	if err := s.appendLog(ctx, tx, e.Updated, action, id, reason); err != nil {
		return nil, err
	}
	if purge {
		if _, err := requestRebuildTx(ctx, tx); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, classify(err)
	}
	// A status change is applied whatever ctx says: it is one document.
	return e, s.indexCommitted(context.WithoutCancel(ctx), []*Entry{e}, prev, seq)
}

// Forget deletes an entry: its text is erased (SQLite's secure_delete
// overwrites the freed bytes) and it leaves the index; a tombstone with its
// id, segment and provenance stays for the audit trail.
func (s *Store) Forget(ctx context.Context, id string) error {
	return s.ForgetReason(ctx, id, "")
}

// ForgetReason is Forget with a reason for the mutation log.
func (s *Store) ForgetReason(ctx context.Context, id, reason string) error {
	empty := ""
	_, err := s.updateStatus(ctx, id, []Status{StatusActive, StatusQuarantined, StatusRedacted}, StatusDeleted, &empty, ActionForget, reason)
	return err
}

// Quarantine keeps an entry as evidence but stops Recall from returning it.
// The reason goes into the mutation log.
func (s *Store) Quarantine(ctx context.Context, id, reason string) error {
	_, err := s.updateStatus(ctx, id, []Status{StatusActive, StatusRedacted}, StatusQuarantined, nil, ActionQuarantine, reason)
	return err
}

// Release returns a quarantined entry to active.
func (s *Store) Release(ctx context.Context, id, reason string) error {
	_, err := s.updateStatus(ctx, id, []Status{StatusQuarantined}, StatusActive, nil, ActionRelease, reason)
	return err
}
