package vaultcrypto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"sync"

	"golang.org/x/crypto/pbkdf2"
)

// SQLCipher 4's page format, for re-encrypting a database file page by
// page (key rotation) without SQLCipher's software AES: each page of
// pageSize bytes holds
//
//	[page 1 only: 16-byte salt] AES-256-CBC(data) ‖ IV (16) ‖ HMAC-SHA512(data ‖ IV ‖ le32(pgno)) (64)
//
// with the raw key spec's 32-byte key as the AES key and
// PBKDF2-HMAC-SHA512(key, salt XOR 0x3a, 2 iterations, 32 bytes) as the
// HMAC key (SQLCipher's "fast" KDF for the HMAC key). The first 16 bytes of
// page 1's plaintext are SQLite's magic string, replaced by the salt on disk.
const (
	sqlcipherIV       = 16
	sqlcipherHMAC     = 64
	sqlcipherReserve  = sqlcipherIV + sqlcipherHMAC
	sqlcipherSaltSize = 16
	sqlcipherHMACIter = 2
)

var sqliteMagic = []byte("SQLite format 3\x00")

// ErrPageAuth: a page's HMAC does not verify (damage, or the wrong key).
var ErrPageAuth = errors.New("sqlcipher page authentication failed")

// PageCodec decrypts or encrypts the pages of one SQLCipher 4 database.
// It is safe for concurrent use.
type PageCodec struct {
	block    cipher.Block
	hmacKey  []byte
	salt     []byte
	pageSize int
	// macs holds HMAC states keyed with hmacKey, reset between pages:
	// keying one costs two SHA-512 blocks, a quarter of a 1 KiB page's MAC.
	macs sync.Pool
}

// NewPageCodec makes a codec from a raw key spec x'<64 hex key><32 hex
// salt>' (SQLCipherKey) and the database's page size.
func NewPageCodec(spec []byte, pageSize int) (*PageCodec, error) {
	if len(spec) != 3+2*(KeySize+sqlcipherSaltSize) || string(spec[:2]) != "x'" || spec[len(spec)-1] != '\'' {
		return nil, errors.New("not a raw SQLCipher key spec")
	}
	raw := make([]byte, KeySize+sqlcipherSaltSize)
	if _, err := hex.Decode(raw, spec[2:len(spec)-1]); err != nil {
		return nil, errors.New("not a raw SQLCipher key spec")
	}
	defer Wipe(raw)
	key, salt := raw[:KeySize], append([]byte(nil), raw[KeySize:]...)
	if pageSize < 512 || pageSize%aes.BlockSize != 0 {
		return nil, fmt.Errorf("page size %d", pageSize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	hsalt := make([]byte, len(salt))
	for i, b := range salt {
		hsalt[i] = b ^ 0x3a
	}
	hk := pbkdf2.Key(key, hsalt, sqlcipherHMACIter, KeySize, sha512.New)
	c := &PageCodec{block: block, hmacKey: hk, salt: salt, pageSize: pageSize}
	c.macs.New = func() any { return hmac.New(sha512.New, c.hmacKey) }
	return c, nil
}

// Wipe forgets the HMAC key (the AES key schedule and the pooled HMAC
// states cannot be wiped in Go).
func (c *PageCodec) Wipe() { Wipe(c.hmacKey) }

func (c *PageCodec) mac(pgno uint32, data []byte) []byte {
	m := c.macs.Get().(hash.Hash)
	defer c.macs.Put(m)
	m.Reset()
	m.Write(data)
	var n [4]byte
	binary.LittleEndian.PutUint32(n[:], pgno)
	m.Write(n[:])
	return m.Sum(make([]byte, 0, sqlcipherHMAC))
}

// layout returns where a page's encrypted data starts (after the salt on
// page 1) and ends (where the IV and HMAC begin).
func (c *PageCodec) layout(pgno uint32, page []byte) (off, end int, err error) {
	if len(page) != c.pageSize {
		return 0, 0, fmt.Errorf("page %d: %d bytes, want %d", pgno, len(page), c.pageSize)
	}
	if pgno == 1 {
		off = sqlcipherSaltSize
	}
	return off, c.pageSize - sqlcipherReserve, nil
}

// Decrypt verifies and decrypts page pgno (1-based) in place: page
// becomes the plaintext page SQLite wrote (reserve bytes left as they are).
func (c *PageCodec) Decrypt(pgno uint32, page []byte) error {
	off, end, err := c.layout(pgno, page)
	if err != nil {
		return err
	}
	iv := page[end : end+sqlcipherIV]
	if !hmac.Equal(c.mac(pgno, page[off:end+sqlcipherIV]), page[end+sqlcipherIV:end+sqlcipherReserve]) {
		return fmt.Errorf("%w: page %d", ErrPageAuth, pgno)
	}
	cipher.NewCBCDecrypter(c.block, iv).CryptBlocks(page[off:end], page[off:end])
	if pgno == 1 {
		copy(page, sqliteMagic)
	}
	return nil
}

// Encrypt encrypts plaintext page pgno in place with a fresh IV.
func (c *PageCodec) Encrypt(pgno uint32, page []byte) error {
	off, end, err := c.layout(pgno, page)
	if err != nil {
		return err
	}
	iv := page[end : end+sqlcipherIV]
	if _, err := rand.Read(iv); err != nil {
		return err
	}
	cipher.NewCBCEncrypter(c.block, iv).CryptBlocks(page[off:end], page[off:end])
	copy(page[end+sqlcipherIV:end+sqlcipherReserve], c.mac(pgno, page[off:end+sqlcipherIV]))
	if pgno == 1 {
		copy(page, c.salt)
	}
	return nil
}
