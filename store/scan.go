package store

import (
	"context"
	"iter"
	"slices"
	"sort"
	"time"

	"github.com/memaudit/memaudit/audit"
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
	Segment    string     `json:"segment"`
	Source     Source     `json:"source"`
	Session    string     `json:"session,omitempty"`
	Created    time.Time  `json:"created"`
	Status     Status     `json:"status"`
	Recurrence *Recurs    `json:"recurrence,omitempty"`
	Exposure   []Exposure `json:"exposure"`
}

// Recurs says where else an injected instruction appears.
type Recurs struct {
	Entries   []string  `json:"entries"`
	Segments  []string  `json:"segments"`
	Sessions  []string  `json:"sessions"`
	FirstSeen time.Time `json:"first_seen"`
}

// ScanResult is a whole scan.
type ScanResult struct {
	RuleSet  string        `json:"rule_set"`
	Entries  int           `json:"entries_scanned"`
	Findings []ScanFinding `json:"findings"`
	Groups   []audit.Group `json:"recurring_instructions"`
}

// Scan runs the auditor over the selected entries (decrypting in memory,
// writing nothing) and returns the findings, most severe first.
func (s *Store) Scan(ctx context.Context, sc *audit.Scanner, o ScanOptions, progress func(done int)) (*ScanResult, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	res := &ScanResult{RuleSet: sc.RuleSetVersion()}
	var iterErr error
	entries := map[string]*Entry{}
	source := func(yield func(audit.Entry) bool) {
		for e, err := range s.Entries(ctx, o.Filter) {
			if err != nil {
				iterErr = err
				return
			}
			if !o.keep(e) {
				continue
			}
			entries[e.ID] = e
			if !yield(auditEntry(e)) {
				return
			}
		}
	}
	var all []audit.Finding
	for r := range sc.ScanAll(ctx, iter.Seq[audit.Entry](source)) {
		res.Entries++
		all = append(all, r.Findings...)
		if progress != nil && res.Entries%1000 == 0 {
			progress(res.Entries)
		}
	}
	if iterErr != nil {
		return nil, iterErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	byID := make(map[string]audit.Entry, len(entries))
	for id, e := range entries {
		byID[id] = auditEntry(e)
	}
	res.Groups = audit.Recurrence(all, byID)
	exposure := map[string][]Exposure{}
	for _, f := range all {
		e := entries[f.EntryID]
		sf := ScanFinding{Finding: f, Segment: e.Segment, Source: e.Source, Session: e.Session, Created: e.Created, Status: e.Status}
		if x, ok := exposure[f.EntryID]; ok {
			sf.Exposure = x
		} else {
			x, err := s.Exposures(ctx, f.EntryID)
			if err != nil {
				return nil, err
			}
			exposure[f.EntryID], sf.Exposure = x, x
		}
		for _, g := range res.Groups {
			if len(g.Entries) > 1 && slices.Contains(g.Entries, f.EntryID) {
				sf.Recurrence = &Recurs{Entries: g.Entries, Segments: g.Segments, Sessions: g.Sessions, FirstSeen: g.FirstSeen}
				break
			}
		}
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
		progress(res.Entries)
	}
	return res, nil
}

func auditEntry(e *Entry) audit.Entry {
	return audit.Entry{ID: e.ID, Segment: e.Segment, Text: e.Text, SourceKind: string(e.Source.Kind),
		SourceURI: e.Source.URI, Sender: e.Source.Sender, Session: e.Session, Created: e.Created}
}
