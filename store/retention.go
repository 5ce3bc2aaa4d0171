package store

import (
	"context"
	"fmt"
)

// Expire forgets (see Forget) every entry older than its segment's
// Policy.Retention and returns how many it forgot. Segments without a
// retention keep their entries forever. Nothing runs it in the background:
// an agent or a timer calls it (memaudit expire).
func (s *Store) Expire(ctx context.Context) (int, error) {
	if err := s.checkWritable("expire"); err != nil {
		return 0, err
	}
	segs, err := s.Segments(ctx)
	if err != nil {
		return 0, err
	}
	now := s.opts.Now()
	n := 0
	for _, sg := range segs {
		if sg.Policy.Retention <= 0 {
			continue
		}
		cutoff := toNanos(now.Add(-sg.Policy.Retention))
		rows, err := s.db.r.QueryContext(ctx, "SELECT id FROM entries WHERE segment = ? AND status != 'deleted' AND created < ?", sg.Name, cutoff)
		if err != nil {
			return n, classify(err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return n, classify(err)
			}
			ids = append(ids, id)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return n, classify(err)
		}
		for _, id := range ids {
			if err := s.Forget(ctx, id); err != nil {
				return n, fmt.Errorf("expire %s: %w", id, err)
			}
			n++
		}
	}
	return n, nil
}
