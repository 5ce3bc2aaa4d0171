package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
	"github.com/memaudit/memaudit/segment"
)

// ScanOptions select the entries Scan reads. Zero values select everything
// that is not deleted.
type ScanOptions struct {
	Filter
	// Since and Until bound the entries' creation time (zero: open).
	Since, Until time.Time
	// SourceKinds and Sessions, when set, keep only these.
	SourceKinds []SourceKind
	Sessions    []string
	// Full rescans every entry; otherwise entries unchanged since the last
	// scan with the same rule set reuse its findings (ShowSecrets scanners
	// always rescan: secrets are never cached).
	Full bool
	// Record saves what this scan found for the next one (a cache in the
	// vault; it changes no memory).
	Record bool
}

// Matches reports whether the options select e (for entries outside a
// vault: a JSONL file, a Hermes home).
func (o *ScanOptions) Matches(e *Entry) bool { return o.Filter.match(e) && o.keep(e) }

// ContentHashHex is the EntryHash of a text outside a vault.
func ContentHashHex(text string) string {
	return fmt.Sprintf("%x", vaultcrypto.ContentHash(text)[:8])
}

func (o *ScanOptions) keep(e *Entry) bool {
	if !o.Since.IsZero() && e.Created.Before(o.Since) {
		return false
	}
	if !o.Until.IsZero() && e.Created.After(o.Until) {
		return false
	}
	if len(o.SourceKinds) > 0 && !slices.Contains(o.SourceKinds, e.Source.Kind) {
		return false
	}
	if len(o.Sessions) > 0 && !slices.Contains(o.Sessions, e.Session) {
		return false
	}
	return true
}

// ScanFinding is an auditor finding with what the vault knows around it:
// the entry's provenance, where the same instruction recurs, and which
// sessions were given the entry (the recall log).
type ScanFinding struct {
	audit.Finding
	Segment string    `json:"segment"`
	Source  Source    `json:"source"`
	Session string    `json:"session,omitempty"`
	Created time.Time `json:"created"`
	Status  Status    `json:"status"`
	// EntryHash identifies the entry's content (a baseline accepts a
	// finding only while the entry is unchanged).
	EntryHash  string     `json:"entry_hash"`
	Recurrence *Recurs    `json:"recurrence,omitempty"`
	Exposure   []Exposure `json:"exposure"`
}

// Recurs says that an injected instruction appears elsewhere too: which
// group of ScanResult.Groups (its index) lists where, and how many entries,
// segments and sessions that is. The lists are in the group, once: a report
// of a campaign planted in thousands of entries named every one of them
// again in each finding.
type Recurs struct {
	Group     int       `json:"group"`
	Entries   int       `json:"entries"`
	Segments  int       `json:"segments"`
	Sessions  int       `json:"sessions"`
	FirstSeen time.Time `json:"first_seen"`
}

// Recurrences returns what each entry's findings say of the recurrence
// groups (nil for an entry that is in none with another entry).
func Recurrences(groups []audit.Group) func(entryID string) *Recurs {
	byEntry := map[string]*Recurs{}
	for i, g := range groups {
		if len(g.Entries) < 2 {
			continue
		}
		r := &Recurs{Group: i, Entries: len(g.Entries), Segments: len(g.Segments), Sessions: len(g.Sessions), FirstSeen: g.FirstSeen}
		for _, id := range g.Entries {
			if _, ok := byEntry[id]; !ok {
				byEntry[id] = r
			}
		}
	}
	return func(id string) *Recurs { return byEntry[id] }
}

// ScanResult is a whole scan.
type ScanResult struct {
	RuleSet string `json:"rule_set"`
	// Entries is how many entries the scan covered; Rescanned how many it
	// read again (the others reused the last scan's findings).
	Entries   int           `json:"entries_scanned"`
	Rescanned int           `json:"entries_rescanned"`
	Findings  []ScanFinding `json:"findings"`
	Groups    []audit.Group `json:"recurring_instructions"`
}

// Scan runs the auditor over the selected entries (decrypting in memory,
// writing nothing) and returns the findings, most severe first.
func (s *Store) Scan(ctx context.Context, sc *audit.Scanner, o ScanOptions, progress func(done int)) (*ScanResult, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	res := &ScanResult{RuleSet: sc.RuleSetVersion()}
	useCache := !o.Full && !sc.ShowsSecrets() && !s.schemaBefore(4)
	for _, g := range o.Segments {
		if err := segment.ValidateGlob(g); err != nil {
			return nil, err
		}
	}
	// Pass 1, without reading texts: which entries the options select,
	// and which of those the last scan saw unchanged. Over the whole vault,
	// a watermark says up to which change every entry was scanned: only
	// later changes are listed, with the findings kept for the rest.
	var toScan, cachedIDs []string
	var all []audit.Finding
	seqs := map[string]int64{}
	whole := o.unfiltered()
	mark, err := s.dbSeq(ctx) // before the listing: what it lists is at least this new
	if err != nil {
		return nil, err
	}
	since := int64(-1)
	if useCache && whole && !s.schemaBefore(9) {
		if wm, ok, err := s.scanWatermark(ctx, res.RuleSet); err != nil {
			return nil, err
		} else if ok {
			since = wm
		}
	}
	counted := since < 0
	if !counted {
		n, err := indexableCount(ctx, s.db.r)
		if err != nil {
			return nil, err
		}
		res.Entries = int(n)
	}
	if err := s.scanCandidates(ctx, res.RuleSet, useCache, since, func(c candidate) {
		if !o.Filter.match(&c.Entry) || !o.keep(&c.Entry) {
			return
		}
		if counted {
			res.Entries++
		}
		if c.cached != nil {
			if len(c.cached) > 0 {
				all = append(all, c.cached...)
				cachedIDs = append(cachedIDs, c.ID)
			}
			return
		}
		toScan = append(toScan, c.ID)
		seqs[c.ID] = c.seq
	}); err != nil {
		return nil, err
	}
	// Pass 2: read and scan the rest, a page at a time.
	var iterErr error
	source := func(yield func(audit.Entry) bool) {
		for i := 0; i < len(toScan); i += entryPage {
			page, err := s.getMany(ctx, toScan[i:min(i+entryPage, len(toScan))])
			if err != nil {
				iterErr = err
				return
			}
			for _, id := range toScan[i:min(i+entryPage, len(toScan))] {
				if e := page[id]; e != nil {
					if !yield(auditEntry(e)) {
						return
					}
				}
			}
		}
	}
	var fresh []Result
	for r := range sc.ScanAll(ctx, iter.Seq[audit.Entry](source)) {
		res.Rescanned++
		all = append(all, r.Findings...)
		fresh = append(fresh, Result{ID: r.Entry.ID, Findings: r.Findings})
		if len(r.Findings) > 0 {
			cachedIDs = append(cachedIDs, r.Entry.ID) // read in full below
		}
		if progress != nil && res.Rescanned%1000 == 0 {
			progress(res.Rescanned)
		}
	}
	if iterErr != nil {
		return nil, iterErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	entries := map[string]*Entry{} // the entries that have findings
	if len(cachedIDs) > 0 {
		for i := 0; i < len(cachedIDs); i += entryPage {
			page, err := s.getMany(ctx, cachedIDs[i:min(i+entryPage, len(cachedIDs))])
			if err != nil {
				return nil, err
			}
			maps.Copy(entries, page)
		}
	}
	if o.Record && !sc.ShowsSecrets() && !s.schemaBefore(4) && !s.opts.ReadOnly {
		if err := s.saveScanState(ctx, res.RuleSet, fresh, seqs); err != nil {
			return nil, err
		}
		if whole && !s.schemaBefore(9) {
			if err := s.setScanWatermark(ctx, res.RuleSet, mark); err != nil {
				return nil, err
			}
		}
		var flagged []*Entry
		for _, r := range fresh {
			if len(r.Findings) > 0 {
				flagged = append(flagged, &Entry{ID: r.ID})
			}
		}
		if err := s.reindexFlagged(ctx, flagged); err != nil {
			return nil, err
		}
	}
	byID := make(map[string]audit.Entry, len(entries))
	for id, e := range entries {
		byID[id] = auditEntry(e)
	}
	res.Groups = audit.Recurrence(all, byID)
	recurs := Recurrences(res.Groups)
	exposure, err := s.exposuresOf(ctx, slices.Collect(maps.Keys(entries)))
	if err != nil {
		return nil, err
	}
	for _, f := range all {
		e := entries[f.EntryID]
		sf := ScanFinding{Finding: f, Segment: e.Segment, Source: e.Source, Session: e.Session, Created: e.Created, Status: e.Status,
			EntryHash: fmt.Sprintf("%x", e.Hash[:min(8, len(e.Hash))])}
		sf.Exposure = exposure[f.EntryID]
		sf.Recurrence = recurs(f.EntryID)
		res.Findings = append(res.Findings, sf)
	}
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return a.EntryID < b.EntryID
	})
	if progress != nil {
		progress(res.Rescanned)
	}
	return res, nil
}

// Result is one entry's fresh findings, for the scan state.
type Result struct {
	ID       string
	Findings []audit.Finding
}

// candidate is an entry's metadata (no text) and, when the last scan saw
// it unchanged, that scan's findings (non-nil, possibly empty).
type candidate struct {
	Entry
	cached []audit.Finding
}

// unfiltered reports whether the options select every entry.
func (o *ScanOptions) unfiltered() bool {
	return len(o.Segments) == 0 && len(o.Statuses) == 0 && o.Since.IsZero() && o.Until.IsZero() &&
		len(o.SourceKinds) == 0 && len(o.Sessions) == 0
}

// scanWatermark returns the change up to which every entry was scanned with
// ruleSet, if there is one.
func (s *Store) scanWatermark(ctx context.Context, ruleSet string) (int64, bool, error) {
	var v string
	err := s.db.r.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'scan_watermark'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, classify(err)
	}
	rs, seqText, ok := strings.Cut(v, " ")
	seq, perr := strconv.ParseInt(seqText, 10, 64)
	if !ok || perr != nil || rs != ruleSet {
		return 0, false, nil // another rule set, or damaged: scan everything
	}
	return seq, true, nil
}

func (s *Store) setScanWatermark(ctx context.Context, ruleSet string, seq int64) error {
	_, err := s.db.w.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('scan_watermark', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, ruleSet+" "+strconv.FormatInt(seq, 10))
	return classify(err)
}

// scanCandidates lists the entries that are not deleted, without their
// text: every one (since < 0), or those changed after since and those
// with findings kept from a scan with ruleSet.
func (s *Store) scanCandidates(ctx context.Context, ruleSet string, useCache bool, since int64, fn func(candidate)) error {
	if since >= 0 {
		return s.scanCandidatesSince(ctx, ruleSet, since, fn)
	}
	q := `SELECT e.id, e.seq, e.segment, e.source_kind, e.session, e.created, e.status, NULL, NULL
		FROM entries e WHERE e.status != 'deleted' ORDER BY e.id`
	args := []any{}
	if useCache {
		q = `SELECT e.id, e.seq, e.segment, e.source_kind, e.session, e.created, e.status, st.seq, st.findings
			FROM entries e LEFT JOIN scan_state st ON st.entry_id = e.id AND st.rule_set = ?
			WHERE e.status != 'deleted' ORDER BY e.id`
		args = append(args, ruleSet)
	}
	return s.listCandidates(ctx, q, args, fn)
}

// listCandidates runs a query whose rows are an entry's id, seq, segment,
// source kind, session, creation time and status, then the seq and
// findings of its scan state (NULL when there is none), and hands each to
// fn: with the kept findings when they were found at the entry's change.
func (s *Store) listCandidates(ctx context.Context, q string, args []any, fn func(candidate)) error {
	rows, err := s.db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	for rows.Next() {
		var c candidate
		var sk, status string
		var created int64
		var stSeq sql.NullInt64
		var stFindings sql.NullString
		if err := rows.Scan(&c.ID, &c.seq, &c.Segment, &sk, &c.Session, &created, &status, &stSeq, &stFindings); err != nil {
			return classify(err)
		}
		c.Source.Kind, c.Status, c.Created = SourceKind(sk), Status(status), fromNanos(created)
		if stSeq.Valid && stSeq.Int64 == c.seq {
			c.cached = []audit.Finding{}
			if stFindings.String != "[]" && json.Unmarshal([]byte(stFindings.String), &c.cached) != nil {
				c.cached = nil // a damaged cache row: rescan the entry
			}
		}
		fn(c)
	}
	return classify(rows.Err())
}

// scanCandidatesSince lists the entries changed after since (to scan),
// then the unchanged ones with findings kept for ruleSet (through the
// partial index scan_state_found).
func (s *Store) scanCandidatesSince(ctx context.Context, ruleSet string, since int64, fn func(candidate)) error {
	err := s.listCandidates(ctx, `SELECT id, seq, segment, source_kind, session, created, status, NULL, NULL FROM entries
		WHERE seq > ? AND status != 'deleted' ORDER BY seq, id`, []any{since}, fn)
	if err != nil {
		return err
	}
	return s.listCandidates(ctx, `SELECT e.id, e.seq, e.segment, e.source_kind, e.session, e.created, e.status, st.seq, st.findings
		FROM scan_state st INDEXED BY scan_state_found JOIN entries e ON e.id = st.entry_id
		WHERE st.rule_set = ? AND st.findings != '[]' AND st.seq = e.seq AND e.seq <= ? AND e.status != 'deleted'`,
		[]any{ruleSet, since}, fn)
}

func (s *Store) saveScanState(ctx context.Context, ruleSet string, fresh []Result, seqs map[string]int64) error {
	if len(fresh) == 0 {
		return nil
	}
	tx, err := s.db.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, "INSERT OR REPLACE INTO scan_state(entry_id, seq, rule_set, findings) VALUES (?,?,?,?)")
	if err != nil {
		return classify(err)
	}
	defer st.Close()
	for _, r := range fresh {
		fs := r.Findings
		if fs == nil {
			fs = []audit.Finding{}
		}
		raw, _ := json.Marshal(fs)
		if _, err := st.ExecContext(ctx, r.ID, seqs[r.ID], ruleSet, string(raw)); err != nil {
			return classify(err)
		}
	}
	return classify(tx.Commit())
}

func auditEntry(e *Entry) audit.Entry {
	return audit.Entry{ID: e.ID, Segment: e.Segment, Text: e.Text, SourceKind: string(e.Source.Kind),
		SourceURI: e.Source.URI, Sender: e.Source.Sender, Session: e.Session, Created: e.Created}
}

// reindexFlagged re-indexes entries with the rules found in them, so that
// search can ask for finding:<rule>. (A later change to an entry re-indexes
// it without them until the next scan.)
func (s *Store) reindexFlagged(ctx context.Context, stubs []*Entry) error {
	if !s.hasIdx.Load() || len(stubs) == 0 {
		return nil
	}
	ids := make([]string, len(stubs))
	for i, e := range stubs {
		ids[i] = e.ID
	}
	for i := 0; i < len(ids); i += entryPage {
		page, err := s.getMany(ctx, ids[i:min(i+entryPage, len(ids))])
		if err != nil {
			return err
		}
		ents := slices.Collect(maps.Values(page))
		if err := s.loadFindingRules(ctx, ents); err != nil {
			return err
		}
		s.wmu.Lock()
		err = s.applyLocked(ents, s.applied.Load())
		s.wmu.Unlock()
		if err != nil {
			return err
		}
	}
	return nil
}
