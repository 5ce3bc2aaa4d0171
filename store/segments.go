package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/memaudit/memaudit/segment"
)

// Policy returns a segment's policy (the zero Policy when none was set).
func (s *Store) Policy(ctx context.Context, name string) (segment.Policy, error) {
	var p segment.Policy
	if err := segment.Validate(name); err != nil {
		return p, err
	}
	var raw string
	err := s.db.r.QueryRowContext(ctx, "SELECT policy FROM segments WHERE name = ?", name).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return p, nil
	}
	if err != nil {
		return p, classify(err)
	}
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return p, fmt.Errorf("%w: policy of a segment", ErrCorrupt)
	}
	return p, nil
}

// SetPolicy sets a segment's policy, creating the segment if needed.
func (s *Store) SetPolicy(ctx context.Context, name string, p segment.Policy) error {
	if err := s.checkWritable("setting a policy"); err != nil {
		return err
	}
	if err := segment.Validate(name); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return err
	}
	tx, err := s.db.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	now := s.opts.Now()
	if _, err = tx.ExecContext(ctx, `INSERT INTO segments(name, policy, created) VALUES (?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET policy = excluded.policy`, name, string(raw), toNanos(now)); err != nil {
		return classify(err)
	}
	if err := s.appendLog(ctx, tx, now, ActionPolicy, "", name+" "+string(raw)); err != nil {
		return err
	}
	return classify(tx.Commit())
}

// SegmentInfo describes one segment.
type SegmentInfo struct {
	Name        string         `json:"name"`
	Policy      segment.Policy `json:"policy"`
	Active      int            `json:"active"`
	Quarantined int            `json:"quarantined"`
	Total       int            `json:"total"`
}

// Segments lists every segment with its entry counts (deleted entries
// count in Total only).
func (s *Store) Segments(ctx context.Context) ([]SegmentInfo, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT s.name, s.policy,
		(SELECT count(*) FROM entries e WHERE e.segment = s.name AND e.status = 'active'),
		(SELECT count(*) FROM entries e WHERE e.segment = s.name AND e.status = 'quarantined'),
		(SELECT count(*) FROM entries e WHERE e.segment = s.name)
		FROM segments s ORDER BY s.name`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []SegmentInfo
	for rows.Next() {
		var si SegmentInfo
		var raw string
		if err := rows.Scan(&si.Name, &raw, &si.Active, &si.Quarantined, &si.Total); err != nil {
			return nil, classify(err)
		}
		if err := json.Unmarshal([]byte(raw), &si.Policy); err != nil {
			return nil, fmt.Errorf("%w: policy of a segment", ErrCorrupt)
		}
		out = append(out, si)
	}
	return out, classify(rows.Err())
}

// segmentNames returns every segment name, cached until the change counter
// moves (only entry writes add segments that hold entries).
func (s *Store) segmentNames(ctx context.Context) ([]string, error) {
	seq, err := s.dbSeq(ctx)
	if err != nil {
		return nil, err
	}
	s.segMu.Lock()
	defer s.segMu.Unlock()
	if s.segNames != nil && s.segSeq == seq {
		return s.segNames, nil
	}
	rows, err := s.db.r.QueryContext(ctx, "SELECT name FROM segments ORDER BY name")
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	names := []string{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, classify(err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(err)
	}
	s.segNames, s.segSeq = names, seq
	return names, nil
}

// expand returns the existing segments matching any glob.
func (s *Store) expand(ctx context.Context, globs []string) ([]string, error) {
	for _, g := range globs {
		if err := segment.ValidateGlob(g); err != nil {
			return nil, err
		}
	}
	names, err := s.segmentNames(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, n := range names {
		for _, g := range globs {
			if segment.Match(g, n) {
				out = append(out, n)
				break
			}
		}
	}
	return out, nil
}

// Segment is a handle on one segment: what an agent's channel or skill
// holds. Its Recall reads only what the segment's policy allows.
type Segment struct {
	s    *Store
	name string
}

// Segment returns a handle on the named segment. The segment need not exist
// yet; it is created by its first write.
func (s *Store) Segment(name string) (*Segment, error) {
	if err := segment.Validate(name); err != nil {
		return nil, err
	}
	return &Segment{s: s, name: name}, nil
}

// Name returns the segment's name.
func (g *Segment) Name() string { return g.name }

// Remember stores e in this segment (e.Segment is set to it).
func (g *Segment) Remember(ctx context.Context, e Entry) (*Entry, error) {
	if e.Segment != "" && e.Segment != g.name {
		return nil, fmt.Errorf("entry for segment %q written through segment %q: %w", e.Segment, g.name, ErrSegmentDenied)
	}
	e.Segment = g.name
	return g.s.Remember(ctx, e)
}

// Get returns an entry if this segment's policy may read it.
func (g *Segment) Get(ctx context.Context, id string) (*Entry, error) {
	e, err := g.s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	p, err := g.s.Policy(ctx, g.name)
	if err != nil {
		return nil, err
	}
	if !p.CanRead(g.name, e.Segment) {
		return nil, ErrSegmentDenied
	}
	return e, nil
}

// Forget deletes an entry of this segment.
func (g *Segment) Forget(ctx context.Context, id string) error {
	e, err := g.s.Get(ctx, id)
	if err != nil {
		return err
	}
	if e.Segment != g.name {
		return ErrSegmentDenied
	}
	return g.s.Forget(ctx, id)
}

// Recall searches what this segment may read: itself and the segments its
// policy shares with it. See Store.Recall.
func (g *Segment) Recall(ctx context.Context, query string, opts RecallOptions) ([]Hit, error) {
	return g.s.recall(ctx, g.name, query, opts)
}
