package backup_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/memaudit/memaudit/backup"
	"github.com/memaudit/memaudit/internal/s3server"
	"github.com/memaudit/memaudit/store"
)

// targets runs f against a local directory and the real S3 server.
func targets(t *testing.T, f func(t *testing.T, addr string)) {
	t.Run("dir", func(t *testing.T) { f(t, filepath.Join(t.TempDir(), "target")) })
	t.Run("s3", func(t *testing.T) {
		srv := s3server.Start(t)
		f(t, srv.URL("vaults/agent-1"))
	})
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	targets(t, func(t *testing.T, addr string) {
		ctx := context.Background()
		v := newVault(t)
		ents := v.fill(t, 2000, 1)
		tg, err := backup.Open(ctx, addr)
		if err != nil {
			t.Fatal(err)
		}
		first, err := backup.Backup(ctx, v.s, tg, backup.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if first.NewPages != first.Pages || first.Base != "" {
			t.Fatalf("first backup: %+v", first)
		}
		// A small change: a second backup uploads about what changed.
		for _, e := range ents[:20] {
			if err := v.s.Quarantine(ctx, e.ID, "test"); err != nil {
				t.Fatal(err)
			}
		}
		second, err := backup.Backup(ctx, v.s, tg, backup.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if second.Base != first.Snapshot || second.Uploaded*5 > first.Uploaded {
			t.Fatalf("second backup uploaded %d bytes of the first's %d (base %q)", second.Uploaded, first.Uploaded, second.Base)
		}
		n, head := v.head(t)
		if second.LogRecords != n || second.LogHead != hexs(head) {
			t.Fatalf("manifest log %d %s, vault %d %x", second.LogRecords, second.LogHead, n, head)
		}
		snaps, err := backup.List(ctx, tg, v.ids)
		if err != nil || len(snaps) != 2 {
			t.Fatalf("list: %v %+v", err, snaps)
		}
		for i, dir := range []string{"old", "new"} {
			dst := filepath.Join(t.TempDir(), dir)
			got, err := backup.Restore(ctx, tg, v.ids, dst, backup.RestoreOptions{Snapshot: snaps[i].ID})
			if err != nil {
				t.Fatal(err)
			}
			r, err := store.Open(ctx, dst, store.Options{Identities: v.ids})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := r.Verify(ctx)
			if err != nil || !rep.OK() {
				t.Fatalf("verify restored: %v %+v", err, rep)
			}
			if rep.LogHead != got.LogHead || rep.LogRecords != got.LogRecords || rep.Entries != 2000 {
				t.Fatalf("restored %+v, snapshot %+v", rep, got)
			}
			e, err := r.Get(ctx, ents[0].ID)
			if err != nil || e.Text != ents[0].Text {
				t.Fatalf("restored entry: %v", err)
			}
			wantStatus := store.StatusActive
			if i == 1 {
				wantStatus = store.StatusQuarantined
			}
			if e.Status != wantStatus {
				t.Fatalf("snapshot %d: entry status %s", i, e.Status)
			}
			r.Close()
		}
		c, err := backup.Verify(ctx, tg, v.ids)
		if err != nil || !c.OK() {
			t.Fatalf("verify target: %v %+v", err, c)
		}
	})
}

func hexs(b []byte) string { return string(bytes.ToLower([]byte(fmtHex(b)))) }
