package store_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/memaudit/memaudit/store"
)

// A disk that fills during rotation: the rotation fails with a clear
// error, and the vault still opens under its old key with every entry.
// Needs a small tmpfs (root); skipped where mounting is not allowed.
func TestRotateOnAFullDisk(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	defer exec.Command("umount", mnt).Run()
	ctx := context.Background()
	v := newVault(t)
	ents := fill(t, v.s, 1500)
	v.s.Close()
	// Move the vault onto the small disk.
	dir := filepath.Join(mnt, "vault")
	if out, err := exec.Command("cp", "-a", v.dir, dir).CombinedOutput(); err != nil {
		t.Skipf("vault does not fit the tmpfs: %v %s", err, out)
	}
	// Fill the disk but for a little room: enough to open the vault and
	// write the key file, not enough for the re-encrypted database.
	var st syscall.Statfs_t
	if err := syscall.Statfs(mnt, &st); err != nil {
		t.Fatal(err)
	}
	free := int64(st.Bavail) * int64(st.Bsize)
	dbSize := fileSize(t, filepath.Join(dir, "vault.db"))
	if free-dbSize/2 < 200<<10 {
		t.Skipf("tmpfs too small for this test: %d free, database %d", free, dbSize)
	}
	filler := filepath.Join(mnt, "filler")
	if err := os.WriteFile(filler, make([]byte, free-dbSize/2), 0o600); err != nil {
		t.Fatal(err)
	}
	err := store.Rotate(ctx, dir, store.Options{Identities: v.ids}, nil)
	if err == nil {
		t.Fatal("rotation on a full disk reported success")
	}
	t.Logf("rotation on a full disk: %v", err)
	if strings.Contains(err.Error(), "AGE-SECRET") {
		t.Fatal("error holds key material")
	}
	os.Remove(filler) // the operator frees space
	s, err := store.Open(ctx, dir, store.Options{Identities: v.ids})
	if err != nil {
		t.Fatalf("vault does not open after a failed rotation: %v", err)
	}
	defer s.Close()
	n := 0
	for _, err := range s.Entries(ctx, store.Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != len(ents) {
		t.Fatalf("%d entries after a failed rotation, want %d", n, len(ents))
	}
	if r, err := s.Verify(ctx); err != nil || !r.OK() {
		t.Fatalf("verify: %+v %v", r, err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
