// Package keyring parses the recipients and identities an operator hands to
// memaudit (age X25519, age post-quantum hybrid, SSH ed25519 and RSA keys,
// passphrases) and generates new identities.
package keyring

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"golang.org/x/crypto/ssh"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/internal/keyfile"
)

// ErrInsecureFile is returned for an identity or passphrase file that group
// or others can access.
var ErrInsecureFile = fsutil.ErrLoosePermissions

// ErrPassphraseGiven is returned when a file that should hold an identity
// holds something else (for example a bare passphrase).
var ErrNotIdentity = errors.New("file holds no age or SSH identity")

// scryptLogN is the scrypt work factor of passphrase slots: age's default,
// about one second on a laptop.
var scryptLogN = 18

// UseLowScryptForTests makes passphrase slots cheap. Only tests call it.
func UseLowScryptForTests() { scryptLogN = 10 }

// ParseRecipient parses one recipient: age1... (X25519), age1pq1... (hybrid
// post-quantum), or an SSH public key line (ssh-ed25519, ssh-rsa).
func ParseRecipient(s string) (keyfile.Recipient, error) {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "age1pq1"):
		r, err := age.ParseHybridRecipient(s)
		if err != nil {
			return keyfile.Recipient{}, fmt.Errorf("parse post-quantum recipient: %w", err)
		}
		return keyfile.Recipient{Recipient: r, Type: keyfile.TypeHybrid, Label: short(s), Text: s}, nil
	case strings.HasPrefix(s, "age1"):
		r, err := age.ParseX25519Recipient(s)
		if err != nil {
			return keyfile.Recipient{}, fmt.Errorf("parse age recipient: %w", err)
		}
		return keyfile.Recipient{Recipient: r, Type: keyfile.TypeX25519, Label: s, Text: s}, nil
	case strings.HasPrefix(s, "ssh-ed25519 "), strings.HasPrefix(s, "ssh-rsa "):
		r, err := agessh.ParseRecipient(s)
		if err != nil {
			return keyfile.Recipient{}, fmt.Errorf("parse SSH recipient: %w", err)
		}
		pk, comment, _, _, err := ssh.ParseAuthorizedKey([]byte(s))
		if err != nil {
			return keyfile.Recipient{}, fmt.Errorf("parse SSH recipient: %w", err)
		}
		label := ssh.FingerprintSHA256(pk)
		if comment != "" {
			label += " " + comment
		}
		typ := keyfile.TypeSSHEd25519
		if pk.Type() == ssh.KeyAlgoRSA {
			typ = keyfile.TypeSSHRSA
		}
		return keyfile.Recipient{Recipient: r, Type: typ, Label: label, Text: s}, nil
	}
	return keyfile.Recipient{}, errors.New("unknown recipient type (want age1..., age1pq1..., ssh-ed25519 or ssh-rsa)")
}

// short abbreviates the 2,000-character hybrid recipients for labels.
func short(s string) string {
	if len(s) <= 40 {
		return s
	}
	return s[:24] + "..." + s[len(s)-12:]
}

// PassphraseRecipient returns the recipient of a passphrase slot.
func PassphraseRecipient(pass string) (keyfile.Recipient, error) {
	if pass == "" {
		return keyfile.Recipient{}, errors.New("empty passphrase")
	}
	r, err := age.NewScryptRecipient(pass)
	if err != nil {
		return keyfile.Recipient{}, err
	}
	r.SetWorkFactor(scryptLogN)
	return keyfile.Recipient{Recipient: r, Type: keyfile.TypeScrypt, Label: "passphrase"}, nil
}

// PassphraseIdentity returns the identity that opens passphrase slots.
func PassphraseIdentity(pass string) (age.Identity, error) {
	if pass == "" {
		return nil, errors.New("empty passphrase")
	}
	return age.NewScryptIdentity(pass)
}

// ParseIdentities parses an age identity file (AGE-SECRET-KEY-1...,
// AGE-SECRET-KEY-PQ-1...) or an unencrypted SSH private key.
func ParseIdentities(data []byte) ([]age.Identity, error) {
	trimmed := bytes.TrimSpace(data)
	if bytes.HasPrefix(trimmed, []byte("-----BEGIN")) {
		id, err := agessh.ParseIdentity(trimmed)
		if err != nil {
			var missing *ssh.PassphraseMissingError
			if errors.As(err, &missing) {
				return nil, errors.New("passphrase-protected SSH keys are not supported; use an age identity")
			}
			return nil, errors.New("cannot parse SSH private key")
		}
		return []age.Identity{id}, nil
	}
	ids, err := age.ParseIdentities(bytes.NewReader(data))
	if err != nil {
		// age's errors never include key material.
		return nil, fmt.Errorf("%w: %v", ErrNotIdentity, err)
	}
	return ids, nil
}

// LoadIdentityFile reads an identity file, refusing one that group or others
// can access unless allowLoose is set.
func LoadIdentityFile(path string, allowLoose bool) ([]age.Identity, error) {
	if !allowLoose {
		if err := fsutil.CheckPrivate(path); err != nil {
			return nil, err
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	defer clear(data)
	ids, err := ParseIdentities(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ids, nil
}

// ReadPassphraseFile reads a passphrase from the first line of a file, with
// the same permission rule as identity files.
func ReadPassphraseFile(path string, allowLoose bool) (string, error) {
	if !allowLoose {
		if err := fsutil.CheckPrivate(path); err != nil {
			return "", err
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	defer clear(data)
	line, _, _ := bytes.Cut(data, []byte("\n"))
	line = bytes.TrimRight(line, "\r")
	if len(line) == 0 {
		return "", fmt.Errorf("%s: empty passphrase", path)
	}
	return string(line), nil
}

// Generated is a new identity: the text of its identity file and its
// recipient.
type Generated struct {
	File      []byte
	Recipient keyfile.Recipient
}

// Generate makes a new X25519 identity, or a post-quantum hybrid one with pq.
func Generate(pq bool) (*Generated, error) {
	var secret, public string
	if pq {
		id, err := age.GenerateHybridIdentity()
		if err != nil {
			return nil, err
		}
		secret, public = id.String(), id.Recipient().String()
	} else {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			return nil, err
		}
		secret, public = id.String(), id.Recipient().String()
	}
	r, err := ParseRecipient(public)
	if err != nil {
		return nil, err
	}
	file := fmt.Appendf(nil, "# memaudit identity\n# public key: %s\n%s\n", public, secret)
	return &Generated{File: file, Recipient: r}, nil
}

// WriteIdentityFile writes a generated identity with mode 0600, refusing to
// overwrite an existing file.
func WriteIdentityFile(path string, g *Generated) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fsutil.FileMode)
	if err != nil {
		return err
	}
	if err := f.Chmod(fsutil.FileMode); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(g.File); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// RecipientOf returns the recipient of an identity that can tell it
// (X25519, hybrid and unencrypted SSH identities).
func RecipientOf(id age.Identity) (keyfile.Recipient, error) {
	switch i := id.(type) {
	case *age.X25519Identity:
		return ParseRecipient(i.Recipient().String())
	case *age.HybridIdentity:
		return ParseRecipient(i.Recipient().String())
	case *agessh.Ed25519Identity, *agessh.RSAIdentity:
		return keyfile.Recipient{}, errors.New("cannot derive the recipient of an SSH identity; pass its public key with --recipient")
	}
	return keyfile.Recipient{}, errors.New("identity type has no recipient")
}
