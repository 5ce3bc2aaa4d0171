package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/memaudit/memaudit/internal/indexcrypt"
	"github.com/memaudit/memaudit/internal/keyfile"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

// After a rotation, the old data key (kept aside here, as an attacker who
// once had it would) opens neither the database nor the index.
func TestOldDataKeyOpensNothingAfterRotation(t *testing.T) {
	ctx := context.Background()
	dir, ids, s := newKeyedVault(t, 100, "heron note")
	s.Close()
	kf, _ := keyfile.Load(filepath.Join(dir, keyFileName))
	oldKey, err := kf.Unlock(ids)
	if err != nil {
		t.Fatal(err)
	}
	if err := Rotate(ctx, dir, Options{Identities: ids}, nil); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, dir, Options{Identities: ids})
	if err != nil {
		t.Fatal(err)
	}
	if s.Repaired() != "" {
		t.Fatalf("the open after the rotation rebuilt the index: %s", s.Repaired())
	}
	// Every file the index uses is sealed under the new key, and no other
	// segment file is left on disk.
	kf, _ = keyfile.Load(filepath.Join(dir, keyFileName))
	newKey, err := kf.Unlock(ids)
	if err != nil {
		t.Fatal(err)
	}
	newIK := vaultcrypto.IndexKey(newKey)
	if old, err := foreignIndexFiles(s.idx, s.indexDir(), indexcrypt.KeyID(newIK)); err != nil || len(old) > 0 {
		t.Fatalf("index files under another key after the rotation: %v %v", old, err)
	}
	used := map[string]bool{}
	r, _ := s.idx.Advanced()
	rd, _ := r.Reader()
	for _, ss := range rd.(*scorch.IndexSnapshot).Segments() {
		if p, ok := ss.Segment().(interface{ Path() string }); ok {
			used[filepath.Base(p.Path())] = true
		}
	}
	rd.Close()
	onDisk, _ := zapFiles(s.indexDir())
	for _, f := range onDisk {
		if !used[f] {
			t.Errorf("segment file %s left on disk after the rotation", f)
		}
	}
	s.Close()

	// The database, with the old key.
	spec := vaultcrypto.SQLCipherKey(oldKey)
	db := sql.OpenDB(newConnector(filepath.Join(dir, dbFileName), spec, &Options{BusyTimeout: 1e9, CacheKiB: 1024}, true))
	var n int
	err = db.QueryRow("SELECT count(*) FROM entries").Scan(&n)
	db.Close()
	if err == nil {
		t.Fatalf("the old key read the rotated database (%d entries)", n)
	}
	// The index, with the old key registered for it.
	oldIK := vaultcrypto.IndexKey(oldKey)
	indexDir, _ := filepath.Abs(filepath.Join(dir, indexDirName))
	unregister, err := indexcrypt.Register(indexDir, indexcrypt.KeyID(oldIK), oldIK)
	if err != nil {
		t.Fatal(err)
	}
	defer unregister()
	idx, err := bleve.OpenUsing(indexDir, scorchConfig())
	if err == nil {
		_, err = idx.Search(bleve.NewSearchRequest(bleve.NewMatchQuery("heron")))
		idx.Close()
	}
	if err == nil {
		t.Fatal("the old key read the rotated index")
	}
	t.Logf("old key on the index: %v", err)
}
