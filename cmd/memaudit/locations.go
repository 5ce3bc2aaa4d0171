package main

import (
	"path/filepath"
	"runtime"
)

// Where the vault and the identity are when neither a flag nor
// MEMAUDIT_VAULT / MEMAUDIT_IDENTITY names them:
//
//	Linux and other Unix  $XDG_DATA_HOME/memaudit/vault    (~/.local/share/memaudit/vault)
//	                      $XDG_CONFIG_HOME/memaudit/identity (~/.config/memaudit/identity)
//	macOS                 ~/Library/Application Support/memaudit/vault
//	                      ~/Library/Application Support/memaudit/identity
//
// The vault is data, so it goes where the platform keeps an application's
// data. The identity is the key to the vault, so it is never inside the
// vault's directory: whatever copies the vault (a backup, a snapshot,
// rsync, a sync folder) must not carry the key that opens it. On Linux it
// is in the configuration tree, where sops keeps age keys ($XDG_CONFIG_HOME/
// sops/age/keys.txt); macOS has one tree for both, so it sits beside the
// vault there, not in it.

// defaultPaths returns the default vault directory and identity file for
// goos, from the environment getenv reads; "" when there is no home to put
// them in. XDG variables that are not absolute paths are ignored, as the
// XDG Base Directory specification says.
func defaultPaths(getenv func(string) string, goos string) (vault, identity string) {
	home := getenv("HOME")
	if goos == "darwin" {
		if !filepath.IsAbs(home) {
			return "", ""
		}
		base := filepath.Join(home, "Library", "Application Support", "memaudit")
		return filepath.Join(base, "vault"), filepath.Join(base, "identity")
	}
	xdg := func(name, fallback string) string {
		if d := getenv(name); filepath.IsAbs(d) {
			return d
		}
		if !filepath.IsAbs(home) {
			return ""
		}
		return filepath.Join(home, fallback)
	}
	if d := xdg("XDG_DATA_HOME", filepath.Join(".local", "share")); d != "" {
		vault = filepath.Join(d, "memaudit", "vault")
	}
	if d := xdg("XDG_CONFIG_HOME", ".config"); d != "" {
		identity = filepath.Join(d, "memaudit", "identity")
	}
	return vault, identity
}

// defaultPathsHere is defaultPaths for this platform.
func defaultPathsHere(getenv func(string) string) (vault, identity string) {
	return defaultPaths(getenv, runtime.GOOS)
}
