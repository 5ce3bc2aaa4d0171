package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// bleve re-seals its index metadata (a rotation does) by writing
// index_meta.json_temp and renaming it over index_meta.json, and an open
// that finds the temporary file adopts it unchecked. A crash or a full disk
// in the middle of that write leaves it cut short; the open drops it and
// keeps the whole metadata it would have replaced, with no rebuild. A whole
// temporary file under the vault's key is adopted, as bleve means it to be.
func TestOpenDropsPartialIndexMetadata(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		temp func(meta []byte) []byte
	}{
		{"cut short", func(meta []byte) []byte { return meta[:len(meta)/2] }},
		{"cut in its trailer", func(meta []byte) []byte { return meta[:len(meta)-2] }},
		{"one byte changed", func(meta []byte) []byte {
			b := append([]byte(nil), meta...)
			b[len(b)/3] ^= 1
			return b
		}},
		{"empty", func([]byte) []byte { return nil }},
		{"whole", func(meta []byte) []byte { return meta }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, ids, s := newKeyedVault(t, 50, "heron note")
			idxDir := s.indexDir()
			s.Close()
			meta, err := os.ReadFile(filepath.Join(idxDir, "index_meta.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(idxDir, indexMetaTemp), tc.temp(meta), 0o600); err != nil {
				t.Fatal(err)
			}
			s, err = Open(ctx, dir, Options{Identities: ids})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if r := s.Repaired(); r != "" {
				t.Fatalf("the open rebuilt the index: %s", r)
			}
			if _, err := os.Stat(filepath.Join(idxDir, indexMetaTemp)); err == nil {
				t.Fatal("the temporary metadata is still there")
			}
			hits, err := s.Search(ctx, "heron", SearchOptions{Limit: 100})
			if err != nil || len(hits) != 50 {
				t.Fatalf("search after the open: %d hits, %v; want 50", len(hits), err)
			}
			if r, err := s.Verify(ctx); err != nil || !r.OK() {
				t.Fatalf("verify: %+v %v", r, err)
			}
		})
	}
}
