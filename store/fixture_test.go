package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/migrations"
	"github.com/memaudit/memaudit/segment"
	"github.com/memaudit/memaudit/store"
)

var update = flag.Bool("update", false, "regenerate the vault fixtures in ../testdata")

// The fixtures are vaults written by this code at a given schema, with an
// identity made for them alone (never used for anything else).
const (
	fixtureV1 = "../testdata/vault-schema1"
	sampleDir = "../testdata/sample-vault"
)

func fixtureEntries() []store.Entry {
	at := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	return []store.Entry{
		{ID: "fx-001", Segment: "user/profile", Text: "prefers answers in French", Kind: store.KindPreference, Created: at},
		{ID: "fx-002", Segment: "channel/telegram/dm/5550001", Text: "the user's dentist appointment is on Tuesday", Session: "20261001_090000_aaaa", Created: at.Add(time.Hour),
			Source: store.Source{Kind: store.SourceUser, Sender: "5550001", Channel: "telegram"}},
		{ID: "fx-003", Segment: "skill/browse", Text: "summary of a recipe page: bake the bread for forty minutes", Created: at.Add(2 * time.Hour),
			Source: store.Source{Kind: store.SourceWeb, URI: "https://recipes.example/bread"}},
	}
}

func writeFixture(t *testing.T, dir string, schema int, ents []store.Entry, policies map[string]segment.Policy) {
	t.Helper()
	os.RemoveAll(dir)
	os.Remove(dir + ".identity")
	g, err := keyring.Generate(false)
	if err != nil {
		t.Fatal(err)
	}
	if err := keyring.WriteIdentityFile(dir+".identity", g); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := store.CreateWithSchema(ctx, dir, store.CreateOptions{Recipients: []store.Recipient{g.Recipient}}, schema)
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range policies {
		if err := s.SetPolicy(ctx, name, p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.RememberBatch(ctx, ents); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// copyFixture copies a committed vault into a temporary directory (git
// checks files out 0644; the identity needs 0600).
func copyFixture(t *testing.T, dir string) (string, string) {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("fixture missing (go test ./store -run Fixture -update): %v", err)
	}
	dst := filepath.Join(t.TempDir(), "vault")
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	id := dst + ".identity"
	b, err := os.ReadFile(dir + ".identity")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(id, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return dst, id
}

// openDir opens a fixture in place (to add to it while writing it).
func openDir(t *testing.T, dir string) *store.Store {
	t.Helper()
	ids, err := keyring.LoadIdentityFile(dir+".identity", false)
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(context.Background(), dir, store.Options{Identities: ids})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// openFixture opens a copy of a committed vault.
func openFixture(t *testing.T, fixture string) *store.Store {
	t.Helper()
	dir, idFile := copyFixture(t, fixture)
	ids, err := keyring.LoadIdentityFile(idFile, false)
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(context.Background(), dir, store.Options{Identities: ids})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestFixtureUpgradeFromSchema1(t *testing.T) {
	if *update {
		writeFixture(t, fixtureV1, 1, fixtureEntries(), nil)
	}
	ctx := context.Background()
	s := openFixture(t, fixtureV1)
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Schema != migrations.Latest() || st.Schema < 2 {
		t.Fatalf("schema %d after open, want %d", st.Schema, migrations.Latest())
	}
	for _, want := range fixtureEntries() {
		got, err := s.Get(ctx, want.ID)
		if err != nil {
			t.Fatalf("%s lost in the upgrade: %v", want.ID, err)
		}
		if got.Text != want.Text || got.Segment != want.Segment || !got.Created.Equal(want.Created) || got.Source.Kind != orDefault(want.Source.Kind) {
			t.Fatalf("%s changed in the upgrade: %+v", want.ID, got)
		}
	}
	// The recall log is new in schema 2.
	hits, err := s.Recall(ctx, "channel/telegram/dm/5550001", "dentist", store.RecallOptions{Session: "after-upgrade"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("recall after upgrade: %v %v", hitIDs(hits), err)
	}
	if x, err := s.Exposures(ctx, "fx-002"); err != nil || len(x) != 1 {
		t.Fatalf("recall log after upgrade: %v %v", x, err)
	}
	if r, err := s.Verify(ctx); err != nil || !r.OK() {
		t.Fatalf("verify after upgrade: %+v %v", r, err)
	}
}

func orDefault(k store.SourceKind) store.SourceKind {
	if k == "" {
		return store.SourceUser
	}
	return k
}

func readSample(t *testing.T) []store.Entry {
	t.Helper()
	b, err := os.ReadFile("../testdata/sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Entry
	for _, line := range splitLines(b) {
		var e store.Entry
		if err := json.Unmarshal(line, &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

func splitLines(b []byte) [][]byte {
	var out [][]byte
	for _, l := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(l)) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// TestSampleVault keeps the README's sample vault (built from
// testdata/sample.jsonl) opening, searchable and whole.
func TestSampleVault(t *testing.T) {
	ents := readSample(t)
	ctx := context.Background()
	if *update {
		policies := map[string]segment.Policy{
			"channel/telegram/dm/5550001": {ReadFrom: []string{"user/profile"}},
			"skill/browse":                {DefaultTrust: segment.TrustUntrusted, Guard: segment.GuardQuarantine},
		}
		// A pasted key, generated now (fake, random), so that the sample
		// shows a credential finding too.
		leak := store.Entry{ID: "s-013", Segment: "channel/telegram/dm/5550001", Kind: store.KindNote,
			Text:    "for testing, the groq key is gsk_" + randAlnum(52) + " (remove later)",
			Source:  store.Source{Kind: store.SourceUser, Sender: "5550001", Channel: "telegram"},
			Session: "20260925_101000_5a6b7c8d", Created: time.Date(2026, 9, 25, 10, 10, 0, 0, time.UTC)}
		writeFixture(t, sampleDir, migrations.Latest(), append(ents, leak), policies)
		// Sessions that recalled entries, so that the scan shows
		// exposure: the planted book-club instruction reached two chat
		// sessions and a browsing one, the pasted key one.
		s := openDir(t, sampleDir)
		for _, r := range []struct{ from, q, session string }{
			{"channel/discord/4410/general", "book club", "20260922_190500_b1c2d3e4"},
			{"channel/discord/4410/general", "book club Thursday", "20260924_190000_f5a6b7c8"},
			{"skill/browse", "book club", "20260925_080000_9d0e1f2a"},
			{"channel/telegram/dm/5550001", "groq key", "20260926_091500_3b4c5d6e"},
		} {
			if _, err := s.Recall(ctx, r.from, r.q, store.RecallOptions{Session: r.session}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	s := openFixture(t, sampleDir)
	hits, err := s.Recall(ctx, "channel/telegram/dm/5550001", "French", store.RecallOptions{})
	if err != nil || hitIDs(hits) != "s-001" {
		t.Fatalf("shared profile not recalled: %s %v", hitIDs(hits), err)
	}
	if r, err := s.Verify(ctx); err != nil || !r.OK() || r.Entries != len(ents)+1 {
		t.Fatalf("sample vault: %+v %v", r, err)
	}
}
