package store

import (
	"context"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"github.com/memaudit/memaudit/internal/keyring"
)

// newKeyedVault creates an encrypted vault in a temporary directory under
// a fresh age identity and remembers n entries in segment "agent", the
// i-th "text" followed by a letter (so that they are not all one entry).
func newKeyedVault(t *testing.T, n int, text string) (dir string, ids []age.Identity, s *Store) {
	t.Helper()
	ctx := context.Background()
	g, err := keyring.Generate(false)
	if err != nil {
		t.Fatal(err)
	}
	if ids, err = keyring.ParseIdentities(g.File); err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(t.TempDir(), "v")
	if s, err = Create(ctx, dir, CreateOptions{Options: Options{Identities: ids}, Recipients: []Recipient{g.Recipient}}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if _, err := s.Remember(ctx, Entry{Segment: "agent", Text: text + " " + string(rune('a'+i%26))}); err != nil {
			t.Fatal(err)
		}
	}
	return dir, ids, s
}
