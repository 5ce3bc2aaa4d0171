package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/memaudit/memaudit/internal/keyfile"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// TestPageCodecAgreesWithSQLCipher: the Go page codec authenticates and
// decrypts every page SQLCipher wrote, and what it re-encrypts under
// another key SQLCipher opens and authenticates; a flipped byte fails.
func TestPageCodecAgreesWithSQLCipher(t *testing.T) {
	ctx := context.Background()
	dir, ids, s := newKeyedVault(t, 300, "a page codec check, entry number")
	newKey, _ := vaultcrypto.NewDataKey()
	kf, err := keyfile.Load(filepath.Join(dir, keyFileName))
	if err != nil {
		t.Fatal(err)
	}
	oldKey, err := kf.Unlock(ids)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "rotated.db")
	os.WriteFile(out, nil, 0o600)
	if err := s.reencryptTo(ctx, out, vaultcrypto.SQLCipherKey(oldKey), vaultcrypto.SQLCipherKey(newKey)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// SQLCipher reads the rotated file under the new key, with every row.
	if err := checkPages(ctx, out, vaultcrypto.SQLCipherKey(newKey)); err != nil {
		t.Fatal(err)
	}
	o := Options{}
	o.fill()
	db := openReadOnlyForTest(t, out, vaultcrypto.SQLCipherKey(newKey), &o)
	var n int
	if err := db.QueryRow("SELECT count(*) FROM entries").Scan(&n); err != nil || n != 300 {
		t.Fatalf("rows in the rotated file: %d %v", n, err)
	}
	// SQLCipher authenticates every page the codec wrote (the rotation
	// itself samples; this is where the codec is held to all of them).
	rows, err := db.Query("PRAGMA cipher_integrity_check")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var msg string
		rows.Scan(&msg)
		t.Errorf("cipher_integrity_check: %s", msg)
	}
	rows.Close()
	// ... and not under the old key.
	if err := checkPages(ctx, out, vaultcrypto.SQLCipherKey(oldKey)); err == nil {
		t.Fatal("the old key opens the rotated file")
	}
	// A flipped byte in a page fails its HMAC in the Go codec.
	b, _ := os.ReadFile(out)
	b[3*pageSize+100] ^= 1
	c, _ := vaultcrypto.NewPageCodec(vaultcrypto.SQLCipherKey(newKey), pageSize)
	if err := c.Decrypt(4, b[3*pageSize:4*pageSize]); !errors.Is(err, vaultcrypto.ErrPageAuth) {
		t.Fatalf("flipped byte: %v", err)
	}
	if err := c.Decrypt(1, b[:pageSize]); err != nil || string(b[:15]) != "SQLite format 3" {
		t.Fatalf("page 1: %v %q", err, b[:16])
	}
}

func openReadOnlyForTest(t *testing.T, path string, spec []byte, o *Options) *sql.DB {
	t.Helper()
	db := sql.OpenDB(newConnector(path, spec, o, true))
	t.Cleanup(func() { db.Close() })
	return db
}
