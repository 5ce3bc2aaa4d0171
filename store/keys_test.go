package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/store"
)

func TestKeySlotsAndRewrap(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	e := remember(t, v.s, "agent", "still here after rewrap")
	g2, _ := keyring.Generate(true) // post-quantum hybrid
	ids2, _ := keyring.ParseIdentities(g2.File)
	if err := v.s.AddKeySlot(ctx, g2.Recipient); err != nil {
		t.Fatal(err)
	}
	slots, err := v.s.KeySlots()
	if err != nil || len(slots) != 2 || !slots[0].Opens || slots[1].Opens || slots[1].Type != "mlkem768x25519" {
		t.Fatalf("slots: %+v %v", slots, err)
	}
	if err := v.s.RemoveKeySlot(ctx, slots[0].ID, false); !errors.Is(err, store.ErrLastSlot) {
		t.Fatalf("removing the current identity's only slot: %v", err)
	}
	// The new identity opens the vault too.
	s2, err := store.Open(ctx, v.dir, store.Options{Identities: ids2, IndexWait: 1})
	if err != nil {
		t.Fatalf("open with the added slot: %v", err)
	}
	s2.Close()
	// Rewrap to a fresh identity only: the old one stops working, data
	// untouched.
	g3, _ := keyring.Generate(false)
	ids3, _ := keyring.ParseIdentities(g3.File)
	start := time.Now()
	if err := v.s.Rewrap(ctx, []store.Recipient{g3.Recipient}); err != nil {
		t.Fatal(err)
	}
	t.Logf("rewrap took %v", time.Since(start))
	v.s.Close()
	if _, err := store.Open(ctx, v.dir, store.Options{Identities: v.ids}); !errors.Is(err, store.ErrWrongKey) {
		t.Fatalf("old identity after rewrap: %v", err)
	}
	if _, err := store.Open(ctx, v.dir, store.Options{Identities: ids2}); !errors.Is(err, store.ErrWrongKey) {
		t.Fatalf("removed identity after rewrap: %v", err)
	}
	s3, err := store.Open(ctx, v.dir, store.Options{Identities: ids3})
	if err != nil {
		t.Fatal(err)
	}
	defer s3.Close()
	if got, err := s3.Get(ctx, e.ID); err != nil || got.Text != e.Text {
		t.Fatalf("entry after rewrap: %v", err)
	}
	var actions []string
	for r := range s3.Log(ctx) {
		actions = append(actions, r.Action)
	}
	if actions[len(actions)-1] != "rotate" || actions[len(actions)-2] != "keys" {
		t.Fatalf("key changes not logged: %v", actions)
	}
	if err := s3.Rewrap(ctx, nil); err == nil {
		t.Fatal("rewrap to nothing accepted")
	}
}

// TestOpenRemovesACrashedKeyWritesTempFile: a SIGKILL during `keys add`
// can leave .key.json.tmp-NNNN, a complete key file wrapping the data key to
// a recipient whose addition was never acknowledged. Open removes it, unless
// a key operation holds the key lock.
func TestOpenRemovesACrashedKeyWritesTempFile(t *testing.T) {
	v := newVault(t)
	kf, err := os.ReadFile(filepath.Join(v.dir, "key.json"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(v.dir, ".key.json.tmp-1234567")
	if err := os.WriteFile(tmp, kf, 0o600); err != nil {
		t.Fatal(err)
	}
	v.reopen(t, store.Options{})
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the crashed write's key file is still there: %v", err)
	}
	// While another process holds the key lock, its temporary file stays.
	if err := os.WriteFile(tmp, kf, 0o600); err != nil {
		t.Fatal(err)
	}
	lock, err := fsutil.TryLock(filepath.Join(v.dir, "key.lock"), 0)
	if err != nil {
		t.Fatal(err)
	}
	v.reopen(t, store.Options{})
	if _, err := os.Stat(tmp); err != nil {
		t.Fatalf("a running key operation's file was removed: %v", err)
	}
	lock.Unlock()
}
