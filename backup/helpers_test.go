package backup_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/store"
)

func init() { keyring.UseLowScryptForTests() }

// vault is a fresh vault with its identity.
type vault struct {
	dir string
	ids []age.Identity
	s   *store.Store
}

func newVault(t testing.TB) *vault {
	t.Helper()
	v := &vault{dir: filepath.Join(t.TempDir(), "vault")}
	g, err := keyring.Generate(false)
	if err != nil {
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

var words = strings.Fields("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango")

// fill remembers n entries of about 300 bytes of fake text.
func (v *vault) fill(t testing.TB, n int, seed uint64) []*store.Entry {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	var out []*store.Entry
	for i := 0; i < n; i += 5000 {
		var batch []store.Entry
		for j := i; j < min(n, i+5000); j++ {
			var b strings.Builder
			for b.Len() < 300 {
				fmt.Fprintf(&b, "%s%d ", words[r.IntN(len(words))], r.IntN(10000))
			}
			batch = append(batch, store.Entry{Segment: fmt.Sprintf("channel/telegram/dm/%d", j%20), Text: b.String(),
				Source: store.Source{Kind: store.SourceUser, Sender: fmt.Sprint(j % 20)}, Session: fmt.Sprintf("s%d", j/100)})
		}
		got, err := v.s.RememberBatch(context.Background(), batch)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, got...)
	}
	return out
}

func (v *vault) head(t testing.TB) (int64, []byte) {
	t.Helper()
	h, n, err := v.s.VerifyLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n, h
}
