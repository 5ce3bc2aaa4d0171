package server

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"syscall"
)

// ErrSocketInUse: another server listens on the socket path.
var ErrSocketInUse = errors.New("socket is in use by a running server")

// ErrNotLoopback: a TCP address that other machines could reach, without
// the explicit flag that allows it.
var ErrNotLoopback = errors.New("address is not a loopback address")

// ListenUnix listens on a Unix socket at path, made 0600 in a directory
// that is 0700 and ours (created so when missing). It refuses a path that
// is a symlink or not a socket, and a socket another server listens on; a
// stale socket left by a crash is replaced.
func ListenUnix(path string) (net.Listener, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return nil, err
	}
	if fi.Mode()&fs.ModeSymlink != 0 || !fi.IsDir() {
		return nil, fmt.Errorf("socket directory %s is not a directory", dir)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("socket directory %s is readable by others (mode %o); chmod 700 it or choose another", dir, fi.Mode().Perm())
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Getuid() {
		return nil, fmt.Errorf("socket directory %s belongs to another user", dir)
	}
	switch fi, err := os.Lstat(path); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	case fi.Mode()&fs.ModeSymlink != 0:
		return nil, fmt.Errorf("socket path %s is a symlink; refusing to follow it", path)
	case fi.Mode()&fs.ModeSocket == 0:
		return nil, fmt.Errorf("socket path %s exists and is not a socket; refusing to replace it", path)
	default:
		if c, err := net.Dial("unix", path); err == nil {
			c.Close()
			return nil, fmt.Errorf("%w: %s", ErrSocketInUse, path)
		}
		if err := os.Remove(path); err != nil {
			return nil, err
		}
	}
	old := syscall.Umask(0o177)
	l, err := net.Listen("unix", path)
	syscall.Umask(old)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(path, 0o600); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

// ListenTCP listens on a TCP address, which must be a loopback address
// (127.0.0.0/8, ::1 or localhost) unless allowNonLoopback is set.
func ListenTCP(addr string, allowNonLoopback bool) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if !allowNonLoopback {
		ip := net.ParseIP(host)
		if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return nil, fmt.Errorf("%w: %s (the service has no TLS; keep it on this machine)", ErrNotLoopback, addr)
		}
		if host == "localhost" {
			addr = net.JoinHostPort("127.0.0.1", addr[len(host)+1:])
		}
	}
	return net.Listen("tcp", addr)
}
