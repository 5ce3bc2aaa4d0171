// Package rofs gives tests a read-only view of a directory, as a vault on a
// read-only file system (a forensic copy, a snapshot, a ro bind mount) is
// seen. It is used by tests only.
package rofs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// View returns a path at which dir is read-only: a read-only bind mount when
// the test runs as root with the right to mount (writes fail with EROFS, as
// on a read-only file system), or dir itself with every write bit cleared
// when it runs as another user (writes fail with EACCES). Root without the
// right to mount cannot be denied a write at all: the test is skipped.
func View(t testing.TB, dir string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		chmodTree(t, dir, false)
		t.Cleanup(func() { chmodTree(t, dir, true) })
		return dir
	}
	mnt := t.TempDir()
	if err := syscall.Mount(dir, mnt, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("cannot make a read-only view as root without the right to mount: %v", err)
	}
	if err := syscall.Mount("", mnt, "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		syscall.Unmount(mnt, 0)
		t.Skipf("cannot remount read-only: %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(mnt, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", mnt, err)
		}
	})
	if f, err := os.Create(filepath.Join(mnt, "probe")); err == nil {
		f.Close()
		t.Fatalf("the read-only view of %s is writable", dir)
	} else if !errors.Is(err, syscall.EROFS) {
		t.Fatalf("probe write: %v, want EROFS", err)
	}
	return mnt
}

func chmodTree(t testing.TB, dir string, writable bool) {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		m := fi.Mode().Perm()
		if writable {
			m |= 0o200
		} else {
			m &^= 0o222
		}
		return os.Chmod(p, m)
	})
	if err != nil {
		t.Fatal(err)
	}
}
