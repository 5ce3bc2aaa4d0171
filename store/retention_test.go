package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/memaudit/memaudit/segment"
	"github.com/memaudit/memaudit/store"
)

func TestExpireHonoursRetention(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	s := v.s
	now := time.Now()
	if err := s.SetPolicy(ctx, "channel/slack/tmp", segment.Policy{Retention: 24 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	old, _ := s.Remember(ctx, store.Entry{Segment: "channel/slack/tmp", Text: "old news", Created: now.Add(-48 * time.Hour)})
	fresh, _ := s.Remember(ctx, store.Entry{Segment: "channel/slack/tmp", Text: "fresh news", Created: now.Add(-time.Hour)})
	kept, _ := s.Remember(ctx, store.Entry{Segment: "agent", Text: "ancient but kept", Created: now.Add(-9000 * time.Hour)})
	n, err := s.Expire(ctx)
	if err != nil || n != 1 {
		t.Fatalf("expired %d, %v; want 1", n, err)
	}
	for id, want := range map[string]store.Status{old.ID: store.StatusDeleted, fresh.ID: store.StatusActive, kept.ID: store.StatusActive} {
		if e, _ := s.Get(ctx, id); e.Status != want {
			t.Errorf("%s: %s, want %s", id, e.Status, want)
		}
	}
	if n, _ := s.Expire(ctx); n != 0 {
		t.Fatalf("second expire forgot %d more", n)
	}
}
