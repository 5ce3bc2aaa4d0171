package store

import (
	"filippo.io/age"

	"github.com/memaudit/memaudit/internal/keyring"
)

// ParseRecipient parses a recipient for a key slot: an age X25519 recipient
// (age1...), an age post-quantum hybrid recipient (age1pq1...), or an SSH
// public key line (ssh-ed25519, ssh-rsa).
func ParseRecipient(s string) (Recipient, error) { return keyring.ParseRecipient(s) }

// PassphraseRecipient returns a passphrase key slot (age scrypt). age
// refuses to mix a passphrase with other recipients in one file, so it is a
// slot of its own.
func PassphraseRecipient(pass string) (Recipient, error) { return keyring.PassphraseRecipient(pass) }

// PassphraseIdentity returns the identity that opens a passphrase slot.
func PassphraseIdentity(pass string) (age.Identity, error) { return keyring.PassphraseIdentity(pass) }

// LoadIdentityFile reads an age or SSH identity file. A file that group or
// others can read is refused with ErrInsecureKeyFile unless allowLoose.
func LoadIdentityFile(path string, allowLoose bool) ([]age.Identity, error) {
	return keyring.LoadIdentityFile(path, allowLoose)
}
