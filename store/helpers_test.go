package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/store"
)

func init() { keyring.UseLowScryptForTests() }

// testVault is a fresh vault with an X25519 identity written to a file.
type testVault struct {
	dir    string
	idFile string
	ids    []age.Identity
	s      *store.Store
}

func newVault(t testing.TB) *testVault {
	t.Helper()
	root := t.TempDir()
	v := &testVault{dir: filepath.Join(root, "vault"), idFile: filepath.Join(root, "identity")}
	g, err := keyring.Generate(false)
	if err != nil {
		t.Fatal(err)
	}
	if err := keyring.WriteIdentityFile(v.idFile, g); err != nil {
		t.Fatal(err)
	}
	if v.ids, err = keyring.ParseIdentities(g.File); err != nil {
		t.Fatal(err)
	}
	v.s, err = store.Create(context.Background(), v.dir, store.CreateOptions{Options: store.Options{Identities: v.ids}, Recipients: []store.Recipient{g.Recipient}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.s.Close() })
	return v
}

func (v *testVault) reopen(t testing.TB, o store.Options) *store.Store {
	t.Helper()
	if err := v.s.Close(); err != nil {
		t.Fatal(err)
	}
	o.Identities = v.ids
	s, err := store.Open(context.Background(), v.dir, o)
	if err != nil {
		t.Fatal(err)
	}
	v.s = s
	return s
}

func remember(t testing.TB, s *store.Store, seg, text string) *store.Entry {
	t.Helper()
	e, err := s.Remember(context.Background(), store.Entry{Segment: seg, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// vaultFiles returns every regular file under dir.
func vaultFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// assertNotInFile fails when the file holds needle.
func assertNotInFile(t testing.TB, path, needle string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(needle)) {
		t.Errorf("%s holds the secret", path)
	}
}
