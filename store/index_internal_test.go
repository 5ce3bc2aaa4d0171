package store

import (
	"context"
	"fmt"
	"testing"
)

// A rebuild whose last page is exactly full still brings the index to the
// database's change counter: otherwise every later catch-up would replay
// the whole last import.
func TestRebuildOfExactPagesReachesTheCounter(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir() + "/v"
	s, err := CreatePlaintext(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	ents := make([]Entry, 2*replayChunk)
	for i := range ents {
		ents[i] = Entry{Segment: "agent", Text: fmt.Sprintf("entry %d", i)}
	}
	if _, err := s.RememberBatch(ctx, ents); err != nil {
		t.Fatal(err)
	}
	if err := s.RebuildIndex(ctx); err != nil {
		t.Fatal(err)
	}
	db, err := s.dbSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.applied.Load(); got != db {
		t.Fatalf("index at change %d after the rebuild, database at %d", got, db)
	}
	s.wmu.Lock()
	err = s.flushIndexLocked()
	s.wmu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.indexSeq(); err != nil || got != db {
		t.Fatalf("index records change %d (%v), database at %d", got, err, db)
	}
}
