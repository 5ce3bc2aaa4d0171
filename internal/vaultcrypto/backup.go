package vaultcrypto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
)

// Backup labels. A backup is sealed under keys derived from the data key, so
// whoever can open a key slot can restore it, and nothing else is needed;
// distinct labels keep the backup keys independent of the vault's own.
const (
	labelBackupObject = "memaudit v1 backup object key"
	labelBackupFile   = "memaudit v1 backup file key"
	labelBackupName   = "memaudit v1 backup name key"
	labelBackupID     = "memaudit v1 backup key id"
)

// backupMagic starts every sealed backup object: format and version.
const backupMagic = "MAB1"

// BackupKeyIDSize is the size of a backup key id: 64 bits tell apart the
// few data keys a vault has over its life; it is public, a PRF output.
const BackupKeyIDSize = 8

// backupHeaderSize is magic, key id and the object's random salt.
const backupHeaderSize = len(backupMagic) + BackupKeyIDSize + saltSize

// BackupOverhead is how many bytes SealObject adds: header and GCM tag.
const BackupOverhead = backupHeaderSize + 16

// PageHashSize is the length of a page hash in a backup manifest: 128 bits
// of a keyed hash, so that no two distinct pages of a vault share one in
// practice, and nobody without the key can compute or match one.
const PageHashSize = 16

// BackupKeys seal, open and name the objects of a vault's backups. They are
// derived from the data key:
//
//	object key  = HKDF(data key, "memaudit v1 backup object key")
//	  per object: HKDF(object key, salt = 16 random bytes, "memaudit v1 backup file key")
//	name key    = HKDF(data key, "memaudit v1 backup name key")   (HMAC-SHA256)
//	key id      = HKDF(data key, "memaudit v1 backup key id")[:8] (public)
//
// Every call needs security review: these keys read every backup.
type BackupKeys struct {
	id      []byte
	object  []byte
	nameKey []byte
}

// NewBackupKeys derives the backup keys of a data key. Wipe them after use.
func NewBackupKeys(dataKey []byte) *BackupKeys {
	return &BackupKeys{
		id:      derive(dataKey, nil, labelBackupID, BackupKeyIDSize),
		object:  derive(dataKey, nil, labelBackupObject, KeySize),
		nameKey: derive(dataKey, nil, labelBackupName, KeySize),
	}
}

// ID is the public key id (16 hex digits) that names which data key sealed
// an object.
func (k *BackupKeys) ID() string { return hex.EncodeToString(k.id) }

// Wipe forgets the keys; the value is unusable afterwards.
func (k *BackupKeys) Wipe() {
	Wipe(k.object)
	Wipe(k.nameKey)
}

// Name is the keyed hash (64 hex digits) that names content: equal content
// gets the same name, and a name reveals nothing about the content to anyone
// without the key. The domain separates names of different kinds.
func (k *BackupKeys) Name(domain string, content []byte) string {
	m := hmac.New(sha256.New, k.nameKey)
	m.Write([]byte(domain))
	m.Write([]byte{0})
	m.Write(content)
	return hex.EncodeToString(m.Sum(nil))
}

// PageHasher hashes database pages for a manifest. It is not safe for
// concurrent use; make one per goroutine.
type PageHasher struct{ m hash.Hash }

// NewPageHasher returns a hasher of pages under the name key.
func (k *BackupKeys) NewPageHasher() *PageHasher {
	return &PageHasher{m: hmac.New(sha256.New, k.nameKey)}
}

// Sum returns the page's keyed hash, PageHashSize bytes, into dst.
func (h *PageHasher) Sum(dst *[PageHashSize]byte, page []byte) {
	h.m.Reset()
	h.m.Write([]byte("page\x00"))
	h.m.Write(page)
	var full [sha256.Size]byte
	copy(dst[:], h.m.Sum(full[:0]))
}

// ErrBackupKey is returned by OpenObject for an object sealed under another
// key (another vault's, or this vault's before a rotation).
var ErrBackupKey = errors.New("vaultcrypto: backup object sealed under another key")

// BackupKeyIDOf returns the key id an object's header names, or "" when it
// is not a sealed backup object.
func BackupKeyIDOf(sealed []byte) string {
	if len(sealed) < BackupOverhead || string(sealed[:len(backupMagic)]) != backupMagic {
		return ""
	}
	return hex.EncodeToString(sealed[len(backupMagic) : len(backupMagic)+BackupKeyIDSize])
}

// SealObject encrypts and authenticates one backup object. The object's
// kind and name are authenticated with it, so an object moved or renamed
// in the store fails to open. Each object has a random salt and so its own
// AES-256-GCM key, which makes a fixed nonce safe.
func (k *BackupKeys) SealObject(kind, name string, plain []byte) []byte {
	out := make([]byte, backupHeaderSize, BackupOverhead+len(plain))
	copy(out, backupMagic)
	copy(out[len(backupMagic):], k.id)
	_, _ = rand.Read(out[len(backupMagic)+BackupKeyIDSize : backupHeaderSize])
	aead := k.objectAEAD(out[len(backupMagic)+BackupKeyIDSize : backupHeaderSize])
	var nonce [12]byte
	return aead.Seal(out, nonce[:], plain, objectAD(out[:backupHeaderSize], kind, name))
}

// OpenObject authenticates and decrypts an object sealed by SealObject
// under the same keys, kind and name.
func (k *BackupKeys) OpenObject(kind, name string, sealed []byte) ([]byte, error) {
	id := BackupKeyIDOf(sealed)
	if id == "" {
		return nil, ErrOpen
	}
	if id != k.ID() {
		return nil, ErrBackupKey
	}
	aead := k.objectAEAD(sealed[len(backupMagic)+BackupKeyIDSize : backupHeaderSize])
	var nonce [12]byte
	plain, err := aead.Open(nil, nonce[:], sealed[backupHeaderSize:], objectAD(sealed[:backupHeaderSize], kind, name))
	if err != nil {
		return nil, ErrOpen
	}
	return plain, nil
}

func (k *BackupKeys) objectAEAD(salt []byte) cipher.AEAD {
	key := derive(k.object, salt, labelBackupFile, KeySize)
	defer Wipe(key)
	block, err := aes.NewCipher(key)
	if err != nil {
		panic("vaultcrypto: " + err.Error()) // 32-byte keys are always valid
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic("vaultcrypto: " + err.Error())
	}
	return aead
}

func objectAD(header []byte, kind, name string) []byte {
	ad := make([]byte, 0, len(header)+len(kind)+1+len(name))
	ad = append(ad, header...)
	ad = append(ad, kind...)
	ad = append(ad, 0)
	return append(ad, name...)
}
