package vaultcrypto

import (
	"bytes"
	"errors"
	"testing"
)

func TestBackupObjects(t *testing.T) {
	k := NewBackupKeys(bytes.Repeat([]byte{1}, KeySize))
	other := NewBackupKeys(bytes.Repeat([]byte{2}, KeySize))
	plain := []byte("pages")
	sealed := k.SealObject("pack", "n1", plain)
	if BackupKeyIDOf(sealed) != k.ID() || len(k.ID()) != 16 {
		t.Fatalf("key id %q", BackupKeyIDOf(sealed))
	}
	if got, err := k.OpenObject("pack", "n1", sealed); err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("open: %v", err)
	}
	if bytes.Contains(sealed, plain) {
		t.Fatal("plaintext in the sealed object")
	}
	for name, f := range map[string]func() error{
		"renamed":    func() error { _, err := k.OpenObject("pack", "n2", sealed); return err },
		"other kind": func() error { _, err := k.OpenObject("snapshot", "n1", sealed); return err },
		"flipped bit": func() error {
			b := bytes.Clone(sealed)
			b[len(b)-1] ^= 1
			_, err := k.OpenObject("pack", "n1", b)
			return err
		},
		"truncated": func() error { _, err := k.OpenObject("pack", "n1", sealed[:10]); return err },
	} {
		if err := f(); !errors.Is(err, ErrOpen) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := other.OpenObject("pack", "n1", sealed); !errors.Is(err, ErrBackupKey) {
		t.Errorf("other key: %v", err)
	}
	if bytes.Equal(k.SealObject("pack", "n1", plain), sealed) {
		t.Error("two seals of the same object are equal (no fresh salt)")
	}
	if k.Name("pack", plain) != k.Name("pack", plain) || k.Name("pack", plain) == other.Name("pack", plain) || k.Name("pack", plain) == k.Name("page", plain) {
		t.Error("names must be deterministic, keyed and domain-separated")
	}
	var a, b [PageHashSize]byte
	k.NewPageHasher().Sum(&a, plain)
	other.NewPageHasher().Sum(&b, plain)
	if a == b {
		t.Error("page hashes are not keyed")
	}
}

func FuzzOpenObject(f *testing.F) {
	k := NewBackupKeys(bytes.Repeat([]byte{3}, KeySize))
	f.Add(k.SealObject("pack", "n", []byte("x")))
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := k.OpenObject("pack", "n", b); err == nil && !bytes.HasPrefix(b, []byte(backupMagic)) {
			t.Fatal("opened an object without the magic")
		}
	})
}
