package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/memaudit/memaudit/segment"
	"github.com/memaudit/memaudit/store"
)

// Times are stored as Unix nanoseconds: 2300-01-01 used to wrap round to
// 1715 and be erased by the first expire. They are refused instead, and an
// entry created in the future is never expired.
func TestTimesOutsideTheVaultsRangeAreRefused(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	s := v.s
	for _, at := range []time.Time{
		time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC),
		store.MaxTime.Add(time.Nanosecond),
		store.MinTime.Add(-time.Nanosecond),
	} {
		_, err := s.Remember(ctx, store.Entry{Segment: "agent", Text: "from far away", Created: at})
		if !errors.Is(err, store.ErrInvalidEntry) || !strings.Contains(err.Error(), "outside the times a vault can hold") {
			t.Errorf("created %s: %v", at, err)
		}
	}
	for _, at := range []time.Time{store.MaxTime, store.MinTime} {
		e, err := s.Remember(ctx, store.Entry{Segment: "agent", Text: "at the edge " + at.String(), Created: at})
		if err != nil {
			t.Fatalf("created %s: %v", at, err)
		}
		if got, _ := s.Get(ctx, e.ID); !got.Created.Equal(at) {
			t.Errorf("created %s came back as %s", at, got.Created)
		}
	}
	if n := countEntries(t, s); n != 2 {
		t.Fatalf("%d entries stored, want the 2 at the edges", n)
	}

	// Tokens: an expiry past the range is refused, not wrapped.
	if _, _, err := s.CreateToken(ctx, store.TokenSpec{Segments: []string{"agent"}, Rights: []store.Right{store.RightRecall}, TTL: 2562047 * time.Hour}); !errors.Is(err, store.ErrInvalidToken) {
		t.Errorf("token with a ttl past 2262: %v", err)
	}
	if _, tok, err := s.CreateToken(ctx, store.TokenSpec{Segments: []string{"agent"}, Rights: []store.Right{store.RightRecall}, TTL: 100 * 365 * 24 * time.Hour}); err != nil || tok.Expires.Year() < 2100 {
		t.Errorf("token with a ttl of a century: %v %v", tok, err)
	}
}

func TestExpireNeverErasesFutureEntries(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	s := v.s
	if err := s.SetPolicy(ctx, "agent", segment.Policy{Retention: time.Hour}); err != nil {
		t.Fatal(err)
	}
	future, err := s.Remember(ctx, store.Entry{Segment: "agent", Text: "written with a clock far ahead", Created: time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.Expire(ctx); err != nil || n != 0 {
		t.Fatalf("expire forgot %d (%v)", n, err)
	}
	if e, _ := s.Get(ctx, future.ID); e.Status != store.StatusActive {
		t.Fatalf("future entry is %s", e.Status)
	}
}

func countEntries(t *testing.T, s *store.Store) int {
	t.Helper()
	n := 0
	for _, err := range s.Entries(context.Background(), store.Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	return n
}
