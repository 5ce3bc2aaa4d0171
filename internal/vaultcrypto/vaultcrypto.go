// Package vaultcrypto holds every cryptographic operation of a memaudit vault:
// data key generation, HKDF derivation of the per-purpose keys, the key check
// value, wrapping the data key with age, and the AEAD that seals index file
// chunks. Nothing else in the module calls crypto/* directly.
//
// Every change to this file needs security review.
package vaultcrypto

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"sync/atomic"

	"filippo.io/age"
)

// KeySize is the size of the data key and of every derived key: 256 bits, the
// AES-256 key size and SQLCipher's raw key size.
const KeySize = 32

// checkSize is the length of the key check value. 128 bits makes an accidental
// match with another key impossible in practice; it is public, so it must be a
// PRF output and not the key itself.
const checkSize = 16

// saltSize is the size of SQLCipher's per-database salt (fixed by SQLCipher)
// and of the per-file salt of index files (128 bits: random salts never
// collide in practice, so every index file gets its own key).
const saltSize = 16

// HKDF labels. Distinct labels make the derived keys independent: learning one
// (a SQLCipher key lifted from a process) reveals nothing of the others.
const (
	labelSQLCipher = "memaudit v1 sqlcipher key"
	labelDBSalt    = "memaudit v1 sqlcipher salt"
	labelIndex     = "memaudit v1 index key"
	labelIndexFile = "memaudit v1 index file key"
	labelCheck     = "memaudit v1 key check value"
	labelSpool     = "memaudit v1 recall spool key"
	labelSpoolSalt = "memaudit v1 recall spool salt"
)

// ErrOpen is returned when an index chunk fails authentication: the file was
// damaged, altered, or sealed under another key.
var ErrOpen = errors.New("vaultcrypto: message authentication failed")

// ErrWrongKey is returned by Unwrap when none of the identities opens a slot.
var ErrWrongKey = errors.New("vaultcrypto: no identity matches")

// NewDataKey returns a fresh random data key.
func NewDataKey() ([]byte, error) {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, fmt.Errorf("read random: %w", err)
	}
	return k, nil
}

// NewID returns n random bytes hex-encoded, for non-secret identifiers (key
// ids, vault ids).
func NewID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}

func derive(secret []byte, salt []byte, label string, n int) []byte {
	k, err := hkdf.Key(sha256.New, secret, salt, label, n)
	if err != nil {
		// Only reachable with n > 255*32, which no caller asks for.
		panic("vaultcrypto: hkdf: " + err.Error())
	}
	return k
}

// KeyCheck returns the public key check value of a data key. It lets a vault
// tell "this is not the vault's key" (ErrWrongKey) from "the database is
// damaged" (ErrCorrupt).
func KeyCheck(dataKey []byte) []byte { return derive(dataKey, nil, labelCheck, checkSize) }

// CheckKey reports, in constant time, whether check is the key check value of
// dataKey.
func CheckKey(dataKey, check []byte) bool {
	return hmac.Equal(KeyCheck(dataKey), check)
}

// SQLCipherKey returns the raw SQLCipher key specification x'<key><salt>' for a
// data key: 32 bytes of HKDF output used directly (no SQLCipher PBKDF2), and a
// salt derived from the same data key so that the database header shows which
// key file it belongs to without revealing anything.
// The caller wipes the returned slice after use.
func SQLCipherKey(dataKey []byte) []byte {
	k := derive(dataKey, nil, labelSQLCipher, KeySize)
	defer Wipe(k)
	return rawKeySpec(k, DBSalt(dataKey))
}

// SpoolKey is SQLCipherKey for the recall spool, a second database: its
// own key and salt, so that no page of one file authenticates in the other.
func SpoolKey(dataKey []byte) []byte {
	k := derive(dataKey, nil, labelSpool, KeySize)
	defer Wipe(k)
	return rawKeySpec(k, derive(dataKey, nil, labelSpoolSalt, saltSize))
}

func rawKeySpec(k, salt []byte) []byte {
	out := make([]byte, 0, 3+2*(KeySize+saltSize))
	out = append(out, "x'"...)
	out = hex.AppendEncode(out, k)
	out = hex.AppendEncode(out, salt)
	return append(out, '\'')
}

// DBSalt is the salt SQLCipher writes in the first 16 bytes of the database
// file for this data key.
func DBSalt(dataKey []byte) []byte { return derive(dataKey, nil, labelDBSalt, saltSize) }

// IndexKey returns the key from which every index file key is derived.
func IndexKey(dataKey []byte) []byte { return derive(dataKey, nil, labelIndex, KeySize) }

// Wipe overwrites b with zeros.
func Wipe(b []byte) { clear(b) }

// FileSealer seals and opens the chunks of one index file. Each file has its
// own random salt and so its own AES-256-GCM key, which makes a per-file
// counter a safe nonce: no (key, nonce) pair is ever used twice.
//
// Every sealed chunk starts with its file's salt. bleve normally hands the
// reader the id of the writer that sealed a file, but it can rewrite part of
// a snapshot under a new writer id and keep older values, so the reader must
// not trust the id for the salt.
type FileSealer struct {
	aead    cipher.AEAD
	salt    []byte
	counter atomic.Uint64
}

// FileSaltSize is the length of the salt that names a file key.
const FileSaltSize = saltSize

// NewFileSalt returns a random salt for a new index file.
func NewFileSalt() []byte {
	s := make([]byte, saltSize)
	_, _ = rand.Read(s)
	return s
}

// NewFileSealer returns the sealer of the file whose key is derived from
// indexKey and salt.
func NewFileSealer(indexKey, salt []byte) (*FileSealer, error) {
	if len(indexKey) != KeySize || len(salt) != saltSize {
		return nil, errors.New("vaultcrypto: bad index key or salt size")
	}
	k := derive(indexKey, salt, labelIndexFile, KeySize)
	defer Wipe(k)
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &FileSealer{aead: aead, salt: append([]byte(nil), salt...)}, nil
}

// counterSize is how much of the 12-byte GCM nonce is stored with each chunk:
// the upper 4 bytes are always zero, and 2^64 chunks per file is unreachable.
const counterSize = 8

// Overhead is how many bytes Seal adds to a chunk: salt, counter, GCM tag.
const Overhead = saltSize + counterSize + 16

// Seal encrypts and authenticates one chunk. It is safe for concurrent use.
func (s *FileSealer) Seal(plain []byte) []byte {
	var nonce [12]byte
	binary.BigEndian.PutUint64(nonce[4:], s.counter.Add(1))
	out := make([]byte, 0, Overhead+len(plain))
	out = append(out, s.salt...)
	out = append(out, nonce[4:]...)
	return s.aead.Seal(out, nonce[:], plain, nil)
}

// SaltOf returns the salt a sealed chunk names, or nil if it is too short.
func SaltOf(sealed []byte) []byte {
	if len(sealed) < Overhead {
		return nil
	}
	return sealed[:saltSize]
}

// Open authenticates and decrypts one chunk sealed by a sealer with the same
// key and salt.
func (s *FileSealer) Open(sealed []byte) ([]byte, error) {
	if len(sealed) < Overhead || !bytes.Equal(sealed[:saltSize], s.salt) {
		return nil, ErrOpen
	}
	var nonce [12]byte
	copy(nonce[4:], sealed[saltSize:saltSize+counterSize])
	plain, err := s.aead.Open(nil, nonce[:], sealed[saltSize+counterSize:], nil)
	if err != nil {
		return nil, ErrOpen
	}
	return plain, nil
}

// Wrap encrypts the data key to one recipient with age and returns the age
// file (binary form).
func Wrap(dataKey []byte, r age.Recipient) ([]byte, error) {
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		return nil, fmt.Errorf("wrap data key: %w", err)
	}
	if _, err := w.Write(dataKey); err != nil {
		return nil, fmt.Errorf("wrap data key: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("wrap data key: %w", err)
	}
	return buf.Bytes(), nil
}

// Unwrap decrypts a wrapped data key with any of the identities. It returns
// ErrWrongKey when none matches, and another error when the wrapped key is
// damaged.
func Unwrap(wrapped []byte, ids ...age.Identity) ([]byte, error) {
	r, err := age.Decrypt(bytes.NewReader(wrapped), ids...)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) {
			return nil, ErrWrongKey
		}
		return nil, fmt.Errorf("unwrap data key: %w", err)
	}
	k := make([]byte, KeySize+1)
	n, err := io.ReadFull(r, k)
	if err != io.ErrUnexpectedEOF || n != KeySize {
		Wipe(k)
		if err == nil {
			err = errors.New("wrapped key too long")
		}
		return nil, fmt.Errorf("unwrap data key: %w", err)
	}
	return k[:KeySize], nil
}

// ContentHash is an entry's content hash: SHA-256 of its text. It lives in
// the encrypted database only.
func ContentHash(text string) []byte {
	h := sha256.Sum256([]byte(text))
	return h[:]
}

// ShortHash is a 16-hex-digit SHA-256 of its parts, NUL-separated: stable
// ids for findings. It is not a MAC; for a low-entropy secret it does not
// hide the secret from someone who can guess it.
func ShortHash(parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// ChainHash links a log record to the one before it: SHA-256 over a
// domain label, the previous hash and the record. Changing, removing or
// reordering any record changes every hash after it.
func ChainHash(prev, record []byte) []byte {
	h := sha256.New()
	h.Write([]byte("memaudit v1 log\x00"))
	h.Write(prev)
	h.Write(record)
	return h.Sum(nil)
}

// Equal compares two hashes in constant time.
func Equal(a, b []byte) bool { return hmac.Equal(a, b) }

// NewTokenSecret returns a service token's secret: 256 random bits,
// base64url without padding (43 characters).
func NewTokenSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// TokenHash is what a vault keeps of a token's secret: SHA-256 (the secret
// is random and long, so no slow hash is needed). Compare with Equal.
func TokenHash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// IDHasher computes ShortHash of a list of ids given one at a time (an
// import's log record), without holding the list.
type IDHasher struct {
	h hash.Hash
	n int
}

// NewIDHasher returns an empty IDHasher.
func NewIDHasher() *IDHasher { return &IDHasher{h: sha256.New()} }

// Add appends an id.
func (x *IDHasher) Add(id string) {
	if x.n > 0 {
		x.h.Write([]byte{0})
	}
	x.h.Write([]byte(id))
	x.n++
}

// Sum is ShortHash of the ids added.
func (x *IDHasher) Sum() string { return hex.EncodeToString(x.h.Sum(nil)[:8]) }
