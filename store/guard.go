package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/segment"
)

// ErrBlocked is returned when the write guard refuses an entry. The
// wrapping error names the rules, never the text.
var ErrBlocked = errors.New("blocked by the write guard")

// GuardFinding is a finding the write guard attached to an entry.
type GuardFinding struct {
	Rule        string         `json:"rule"`
	Category    audit.Category `json:"category"`
	Severity    audit.Severity `json:"severity"`
	Fingerprint string         `json:"fingerprint"`
}

// guardDecision is what the guard does with one entry.
type guardDecision struct {
	findings   []GuardFinding
	quarantine bool
	block      string // rules, when blocked
}

// guard scans e (already prepared) and applies the segment's guard mode:
// allow (store as is), flag (store with the findings attached), quarantine
// (store, never recall), block (refuse). The default mode quarantines high
// and critical findings in entries from untrusted sources (trust low or
// untrusted: web, e-mail, tool content, or a policy that says so) and flags
// the rest.
func (s *Store) guard(ctx context.Context, e *Entry, mode segment.GuardMode) guardDecision {
	var d guardDecision
	if s.opts.Scanner == nil || mode == segment.GuardAllow {
		return d
	}
	fs := s.opts.Scanner.Scan(ctx, auditEntry(e))
	if len(fs) == 0 {
		return d
	}
	worst := audit.Severity(0)
	var rules []string
	for _, f := range fs {
		d.findings = append(d.findings, GuardFinding{Rule: f.Rule, Category: f.Category, Severity: f.Severity, Fingerprint: f.Fingerprint})
		if f.Severity > worst {
			worst = f.Severity
		}
		if f.Severity >= audit.Medium && !strings.Contains(strings.Join(rules, ","), f.Rule) {
			rules = append(rules, f.Rule)
		}
	}
	switch mode {
	case segment.GuardFlag:
	case segment.GuardQuarantine:
		d.quarantine = worst >= audit.Medium
	case segment.GuardBlock:
		if worst >= audit.Medium {
			d.block = strings.Join(rules, ", ")
		}
	default:
		d.quarantine = worst >= audit.High && e.Trust <= segment.TrustLow
	}
	return d
}

// saveFindings records the guard's findings inside the write transaction.
func saveFindings(ctx context.Context, tx *sql.Tx, id string, fs []GuardFinding, at int64) error {
	for _, f := range fs {
		if _, err := tx.ExecContext(ctx, "INSERT INTO entry_findings(entry_id, rule, category, severity, fingerprint, at) VALUES (?,?,?,?,?,?)",
			id, f.Rule, string(f.Category), f.Severity.String(), f.Fingerprint, at); err != nil {
			return classify(err)
		}
	}
	return nil
}

// Findings returns what the write guard found in an entry.
func (s *Store) Findings(ctx context.Context, id string) ([]GuardFinding, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	found, err := s.findingsOf(ctx, []string{id})
	return found[id], err
}

// attachFindings fills the hits' Findings with one query.
func (s *Store) attachFindings(ctx context.Context, hits []Hit) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.Entry.ID
	}
	found, err := s.findingsOf(ctx, ids)
	for i := range hits {
		hits[i].Findings = found[hits[i].Entry.ID]
	}
	return err
}

// findingsOf returns the write guard's findings of the given entries.
func (s *Store) findingsOf(ctx context.Context, ids []string) (map[string][]GuardFinding, error) {
	q := "SELECT entry_id, rule, category, severity, fingerprint FROM entry_findings WHERE entry_id IN (?" +
		strings.Repeat(", ?", len(ids)-1) + ") ORDER BY rowid"
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	out := map[string][]GuardFinding{}
	for rows.Next() {
		var id, cat, sev string
		var f GuardFinding
		if err := rows.Scan(&id, &f.Rule, &cat, &sev, &f.Fingerprint); err != nil {
			return nil, classify(err)
		}
		f.Category = audit.Category(cat)
		if f.Severity, err = audit.ParseSeverity(sev); err != nil {
			return nil, fmt.Errorf("%w: finding severity", ErrCorrupt)
		}
		out[id] = append(out[id], f)
	}
	return out, classify(rows.Err())
}
