package fsutil

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// ErrLocked is returned by TryLock when another process (or another open
// file in this process) holds the lock.
var ErrLocked = errors.New("lock held elsewhere")

// Lock is an exclusive advisory lock on a file (flock), released by Unlock or
// when the process dies, so a crash never leaves a stale lock.
type Lock struct{ f *os.File }

// TryLock takes the lock on path, retrying until wait has passed.
func TryLock(path string, wait time.Duration) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, FileMode)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return &Lock{f: f}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, err
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, ErrLocked
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Unlock releases the lock.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// TryRLock takes a shared lock on an existing file without waiting, opening
// it read-only (so that it works on a read-only file system). It fails with
// ErrLocked while another process holds the exclusive lock, and with an
// error satisfying errors.Is(err, fs.ErrNotExist) when there is no file.
func TryRLock(path string) (*Lock, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrLocked
		}
		return nil, err
	}
	return &Lock{f: f}, nil
}
