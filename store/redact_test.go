package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/memaudit/memaudit/store"
)

// On a plaintext vault (so that raw bytes can be searched), redaction must
// leave the secret in no file: not in free database pages, not in the
// write-ahead log, not in the index.
func TestRedactLeavesNoOldText(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "plain")
	s, err := store.CreatePlaintext(ctx, dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	secret := canary("ghpzz")
	fill(t, s, 50)
	e := remember(t, s, "agent", "deploy with token "+secret+" and tag heron")
	fill(t, s, 50)
	start := strings.Index(e.Text, secret)
	got, err := s.Redact(ctx, e.ID, []store.Span{{Start: start, End: start + len(secret), Rule: "github-token"}}, "leaked token")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got.Text, secret) || !strings.Contains(got.Text, "[REDACTED:github-token:") ||
		!strings.HasPrefix(got.Text, "deploy with token ") || got.Status != store.StatusRedacted {
		t.Fatalf("redacted entry: %+v", got)
	}
	if err := s.RebuildIndex(ctx); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Recall(ctx, "agent", "heron deploy", store.RecallOptions{})
	if err != nil || hitIDs(hits) != e.ID {
		t.Fatalf("redacted entry must stay recallable: %v %v", hitIDs(hits), err)
	}
	if hits, _ := s.Search(ctx, strings.ToLower(secret), store.SearchOptions{}); len(hits) != 0 {
		t.Fatal("the index still finds the secret")
	}
	// While the vault is still open (a running agent): the write-ahead log
	// must not keep the old page.
	for _, f := range vaultFiles(t, dir) {
		b, _ := os.ReadFile(f)
		if bytes.Contains(b, []byte(secret)) || bytes.Contains(b, []byte(strings.ToLower(secret))) {
			t.Fatalf("%s still holds the redacted secret", f)
		}
	}
}

func TestRedactBadSpansLoseNothing(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	e := remember(t, v.s, "agent", "café secret here")
	for _, sp := range [][]store.Span{
		{{Start: 3, End: 4}},                     // splits é
		{{Start: 0, End: 100}},                   // out of range
		{{Start: 5, End: 8}, {Start: 6, End: 9}}, // overlapping
		{},
	} {
		if _, err := v.s.Redact(ctx, e.ID, sp, "x"); !errors.Is(err, store.ErrInvalidEntry) {
			t.Fatalf("%v: %v", sp, err)
		}
	}
	if got, _ := v.s.Get(ctx, e.ID); got.Text != e.Text || got.Status != store.StatusActive {
		t.Fatalf("a refused redaction changed the entry: %+v", got)
	}
	if err := v.s.Quarantine(ctx, e.ID, "x"); err != nil {
		t.Fatal(err)
	}
	got, err := v.s.Redact(ctx, e.ID, []store.Span{{Start: 6, End: 12, Rule: "password-in-text"}}, "y")
	if err != nil || got.Status != store.StatusQuarantined {
		t.Fatalf("redacting a quarantined entry must keep it quarantined: %+v %v", got, err)
	}
}
