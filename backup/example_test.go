package backup_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/memaudit/memaudit/backup"
	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/store"
)

// Back a vault up to a directory (an s3://bucket/prefix works the same
// way), change it, back it up again, and restore the newest snapshot.
func Example() {
	ctx := context.Background()
	root, _ := os.MkdirTemp("", "memaudit-example-")
	defer os.RemoveAll(root)
	g, _ := keyring.Generate(false)
	ids, _ := keyring.ParseIdentities(g.File)
	s, _ := store.Create(ctx, filepath.Join(root, "vault"), store.CreateOptions{Options: store.Options{Identities: ids}, Recipients: []store.Recipient{g.Recipient}})
	defer s.Close()
	s.Remember(ctx, store.Entry{Segment: "user/profile", Text: "prefers answers in French", Source: store.Source{Kind: store.SourceUser}})

	t, _ := backup.Open(ctx, filepath.Join(root, "backups"))
	first, err := backup.Backup(ctx, s, t, backup.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	s.Remember(ctx, store.Entry{Segment: "user/profile", Text: "dentist on Tuesday", Source: store.Source{Kind: store.SourceUser}})
	second, _ := backup.Backup(ctx, s, t, backup.Options{})
	fmt.Println("second backup uploaded fewer pages:", second.NewPages < first.NewPages)

	got, err := backup.Restore(ctx, t, ids, filepath.Join(root, "restored"), backup.RestoreOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("restored entries:", got.Entries)
	// Output:
	// second backup uploaded fewer pages: true
	// restored entries: 2
}
