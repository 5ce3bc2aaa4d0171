package vaultcrypto

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/vectors.json")

// vectors pins the key derivations of format version 1 (docs/format.md):
// a change to a label, a size or an algorithm fails here before it makes
// existing vaults unreadable.
type vectors struct {
	DataKey   string `json:"data_key"`
	SQLCipher string `json:"sqlcipher_key_spec"`
	Spool     string `json:"spool_key_spec"`
	DBSalt    string `json:"db_salt"`
	IndexKey  string `json:"index_key"`
	Check     string `json:"key_check_value"`
	FileSalt  string `json:"file_salt"`
	Plain     string `json:"chunk_plaintext"`
	Sealed    string `json:"chunk_sealed_counter_1"`
}

func TestVectors(t *testing.T) {
	dk := make([]byte, KeySize)
	for i := range dk {
		dk[i] = byte(i)
	}
	salt := bytes.Repeat([]byte{0xa5}, FileSaltSize)
	s, err := NewFileSealer(IndexKey(dk), salt)
	if err != nil {
		t.Fatal(err)
	}
	got := vectors{
		DataKey: hex.EncodeToString(dk), SQLCipher: string(SQLCipherKey(dk)), Spool: string(SpoolKey(dk)), DBSalt: hex.EncodeToString(DBSalt(dk)),
		IndexKey: hex.EncodeToString(IndexKey(dk)), Check: hex.EncodeToString(KeyCheck(dk)),
		FileSalt: hex.EncodeToString(salt), Plain: hex.EncodeToString([]byte("memaudit")),
		Sealed: hex.EncodeToString(s.Seal([]byte("memaudit"))),
	}
	const path = "../../testdata/vectors.json"
	if *update {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want vectors
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("derivations changed:\n got %+v\nwant %+v", got, want)
	}
	// The pinned sealed chunk opens to the pinned plaintext.
	sealed, _ := hex.DecodeString(want.Sealed)
	plain, err := s.Open(sealed)
	if err != nil || string(plain) != "memaudit" {
		t.Fatalf("pinned chunk: %q %v", plain, err)
	}
}

func TestSealOpen(t *testing.T) {
	ik, _ := NewDataKey()
	salt := NewFileSalt()
	s, _ := NewFileSealer(ik, salt)
	a := s.Seal([]byte("alpha"))
	b := s.Seal([]byte("alpha"))
	if bytes.Equal(a, b) {
		t.Fatal("two seals of the same chunk are equal: nonce reused")
	}
	if len(a) != len("alpha")+Overhead || !bytes.Equal(SaltOf(a), salt) {
		t.Fatalf("layout: %d bytes", len(a))
	}
	for i := range a {
		c := bytes.Clone(a)
		c[i] ^= 1
		if _, err := s.Open(c); !errors.Is(err, ErrOpen) {
			t.Fatalf("flipped byte %d accepted", i)
		}
	}
	other, _ := NewFileSealer(ik, NewFileSalt())
	if _, err := other.Open(a); !errors.Is(err, ErrOpen) {
		t.Fatal("opened under another file's key")
	}
	if _, err := s.Open(a[:Overhead-1]); !errors.Is(err, ErrOpen) {
		t.Fatal("short chunk accepted")
	}
	if p, err := s.Open(a); err != nil || string(p) != "alpha" {
		t.Fatalf("round trip: %q %v", p, err)
	}
}

func TestKeyCheck(t *testing.T) {
	k1, _ := NewDataKey()
	k2, _ := NewDataKey()
	if !CheckKey(k1, KeyCheck(k1)) || CheckKey(k2, KeyCheck(k1)) {
		t.Fatal("key check value does not tell keys apart")
	}
	if bytes.Contains(KeyCheck(k1), k1[:8]) {
		t.Fatal("key check value leaks the key")
	}
}

func FuzzOpen(f *testing.F) {
	ik, _ := NewDataKey()
	s, _ := NewFileSealer(ik, bytes.Repeat([]byte{1}, FileSaltSize))
	f.Add(s.Seal([]byte("seed")))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := s.Open(b)
		if err == nil && !bytes.Equal(s.Seal(p)[:FileSaltSize], b[:FileSaltSize]) {
			t.Fatal("opened a chunk of another salt")
		}
	})
}

func TestIDHasherIsShortHash(t *testing.T) {
	ids := []string{"a", "", "b\x00c", "01JB"}
	h := NewIDHasher()
	for _, id := range ids {
		h.Add(id)
	}
	if got, want := h.Sum(), ShortHash(ids...); got != want {
		t.Fatalf("IDHasher %s, ShortHash %s", got, want)
	}
}
