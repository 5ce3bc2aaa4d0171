package backup_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/memaudit/memaudit/backup"
	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/internal/s3server"
	"github.com/memaudit/memaudit/store"
)

// TestServerStoppedMidUpload: the server dies while a backup uploads; the
// backup fails, and a later backup, verify, restore and prune do not trip
// on what it left.
func TestServerStoppedMidUpload(t *testing.T) {
	ctx := context.Background()
	srv := s3server.Start(t)
	v := newVault(t)
	v.fill(t, 6000, 2)
	tg, err := backup.Open(ctx, srv.URL("v"))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := backup.Backup(ctx, v.s, &slowTarget{Target: tg, delay: 30 * time.Millisecond}, backup.Options{Uploads: 1})
		done <- err
	}()
	// Stop once some packs are up.
	deadline := time.Now().Add(20 * time.Second)
	for {
		objs, _ := tg.List(ctx, "data/")
		if len(objs) >= 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	srv.Stop()
	if err := <-done; err == nil {
		t.Fatal("backup succeeded with the server stopped")
	}
	srv.Resume()
	if snaps, err := backup.List(ctx, tg, v.ids); err != nil || len(snaps) != 0 {
		t.Fatalf("after the cut: %v %+v", err, snaps)
	}
	res, err := backup.Backup(ctx, v.s, tg, backup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.NewPages == res.Pages {
		t.Errorf("the second try uploaded every page again; packs the first one left should be reused")
	}
	c, err := backup.Verify(ctx, tg, v.ids)
	if err != nil || !c.OK() {
		t.Fatalf("verify: %v %+v", err, c)
	}
	restoreAndCheck(t, tg, v, "")
	// The dead backup's lock goes stale; prune then removes nothing kept.
	pr, err := backup.Prune(ctx, tg, v.ids, backup.Retention{KeepLast: 1, StaleLock: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	if len(pr.Kept) != 1 {
		t.Fatalf("prune kept %v", pr.Kept)
	}
	restoreAndCheck(t, tg, v, "")
}

type slowTarget struct {
	backup.Target
	delay time.Duration
}

func (s *slowTarget) Put(ctx context.Context, name string, b []byte) error {
	if strings.HasPrefix(name, "data/") {
		time.Sleep(s.delay)
	}
	return s.Target.Put(ctx, name, b)
}

func restoreAndCheck(t *testing.T, tg backup.Target, v *vault, id string) *backup.Snapshot {
	t.Helper()
	ctx := context.Background()
	dst := filepath.Join(t.TempDir(), "restored")
	got, err := backup.Restore(ctx, tg, v.ids, dst, backup.RestoreOptions{Snapshot: id})
	if err != nil {
		t.Fatal(err)
	}
	r, err := store.Open(ctx, dst, store.Options{Identities: v.ids})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rep, err := r.Verify(ctx)
	if err != nil || !rep.OK() || rep.LogHead != got.LogHead {
		t.Fatalf("restored vault: %v %+v (snapshot head %s)", err, rep, got.LogHead)
	}
	return got
}

// TestDamagedTarget: a corrupted pack, a missing pack, a foreign object,
// the wrong key.
func TestDamagedTarget(t *testing.T) {
	ctx := context.Background()
	srv := s3server.Start(t)
	v := newVault(t)
	v.fill(t, 3000, 3)
	tg, err := backup.Open(ctx, srv.URL("v"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := backup.Backup(ctx, v.s, tg, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	// A foreign object under the prefix is noted, never fatal.
	if err := tg.Put(ctx, "notes/readme.txt", []byte("not ours")); err != nil {
		t.Fatal(err)
	}
	if err := tg.Put(ctx, "snapshots/0000000000000000/x", []byte("junk")); err != nil {
		t.Fatal(err)
	}
	c, err := backup.Verify(ctx, tg, v.ids)
	if err != nil || !c.OK() || len(c.Notes) < 2 {
		t.Fatalf("verify with foreign objects: %v %+v", err, c)
	}
	restoreAndCheck(t, tg, v, "")

	// The wrong key.
	g, _ := keyring.Generate(false)
	other, _ := keyring.ParseIdentities(g.File)
	if _, err := backup.Restore(ctx, tg, other, filepath.Join(t.TempDir(), "x"), backup.RestoreOptions{}); !errors.Is(err, backup.ErrWrongKey) {
		t.Fatalf("restore with the wrong key: %v", err)
	}
	if _, err := backup.List(ctx, tg, other); !errors.Is(err, backup.ErrWrongKey) {
		t.Fatalf("list with the wrong key: %v", err)
	}

	packs, err := tg.List(ctx, "data/")
	if err != nil || len(packs) < 2 {
		t.Fatalf("packs: %v %d", err, len(packs))
	}
	// A corrupted pack: one flipped bit in the server's file.
	p := filepath.Join(srv.Root, srv.Bucket, "v", filepath.FromSlash(packs[0].Name))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 1
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// A missing pack.
	if err := tg.Delete(ctx, packs[1].Name); err != nil {
		t.Fatal(err)
	}
	c, err = backup.Verify(ctx, tg, v.ids)
	if err != nil || c.OK() || len(c.Problems) != 2 {
		t.Fatalf("verify: %v %+v", err, c)
	}
	for _, want := range []string{packs[0].Name, packs[1].Name} {
		if !strings.Contains(strings.Join(c.Problems, "\n"), want) {
			t.Errorf("verify does not name %s: %v", want, c.Problems)
		}
	}
	dst := filepath.Join(t.TempDir(), "bad")
	if _, err := backup.Restore(ctx, tg, v.ids, dst, backup.RestoreOptions{}); err == nil {
		t.Fatal("restore of a damaged snapshot succeeded")
	}
	if _, err := os.Stat(dst); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a failed restore left %s", dst)
	}
	// A full backup replaces what is damaged or missing.
	if _, err := backup.Backup(ctx, v.s, tg, backup.Options{Full: true}); err != nil {
		t.Fatal(err)
	}
	restoreAndCheck(t, tg, v, "")
}

// TestConcurrentBackups: two backups of one vault at once, while an agent
// writes; both snapshots restore to what they recorded.
func TestConcurrentBackups(t *testing.T) {
	ctx := context.Background()
	srv := s3server.Start(t)
	v := newVault(t)
	v.fill(t, 3000, 4)
	tg, err := backup.Open(ctx, srv.URL("v"))
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // an agent that keeps writing
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := v.s.Remember(ctx, store.Entry{Segment: "agent", Text: "note " + time.Now().String(), Source: store.Source{Kind: store.SourceAgent}}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	errs := make(chan error, 2)
	for i := 0; i < 2; i++ {
		go func() { _, err := backup.Backup(ctx, v.s, tg, backup.Options{}); errs <- err }()
	}
	for i := 0; i < 2; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	close(stop)
	wg.Wait()
	snaps, err := backup.List(ctx, tg, v.ids)
	if err != nil || len(snaps) != 2 {
		t.Fatalf("list: %v %+v", err, snaps)
	}
	for _, s := range snaps {
		got := restoreAndCheck(t, tg, v, s.ID)
		if got.LogHead != s.LogHead {
			t.Fatalf("snapshot %s restored at %s", s.ID, got.LogHead)
		}
	}
}

// TestRollbackDetected: an older copy of the vault put back says so at
// open and in Verify, and a backup of it is refused.
func TestRollbackDetected(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	v.fill(t, 200, 5)
	tg, err := backup.NewDir(filepath.Join(t.TempDir(), "t"))
	if err != nil {
		t.Fatal(err)
	}
	// Keep a copy of the vault as it is now.
	if err := v.s.Close(); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(t.TempDir(), "old.db")
	copyFile(t, filepath.Join(v.dir, "vault.db"), old)
	var err2 error
	if v.s, err2 = store.Open(ctx, v.dir, store.Options{Identities: v.ids}); err2 != nil {
		t.Fatal(err2)
	}
	v.fill(t, 10, 6)
	if _, err := backup.Backup(ctx, v.s, tg, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	if v.s.Rollback() != nil {
		t.Fatal(v.s.Rollback())
	}
	v.s.Close()
	// Someone puts the old database back.
	for _, f := range []string{"vault.db-wal", "vault.db-shm"} {
		os.Remove(filepath.Join(v.dir, f))
	}
	copyFile(t, old, filepath.Join(v.dir, "vault.db"))
	s, err := store.Open(ctx, v.dir, store.Options{Identities: v.ids})
	if err != nil {
		t.Fatal(err)
	}
	v.s = s
	if !errors.Is(s.Rollback(), store.ErrRolledBack) {
		t.Fatalf("open: %v", s.Rollback())
	}
	rep, err := s.Verify(ctx)
	if err != nil || rep.OK() || rep.Problems[0].Part != "backup" {
		t.Fatalf("verify: %v %+v", err, rep)
	}
	if _, err := backup.Backup(ctx, s, tg, backup.Options{}); !errors.Is(err, backup.ErrRollback) {
		t.Fatalf("backup of the old copy: %v", err)
	}
	// A fork: the old copy goes on writing; its log differs at the
	// backup's head.
	v.fill(t, 20, 7)
	if _, err := backup.Backup(ctx, s, tg, backup.Options{}); !errors.Is(err, backup.ErrRollback) || !strings.Contains(err.Error(), "differs") {
		t.Fatalf("backup of a fork: %v", err)
	}
	if _, err := backup.Backup(ctx, s, tg, backup.Options{AllowRollback: true}); err != nil {
		t.Fatal(err)
	}
	if s.Rollback() == nil {
		t.Fatal("the open store forgot what it found")
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestPruneKeepsWhatItKeeps: retention by count and by day, and a kept
// snapshot whose base is old still restores.
func TestPruneKeepsWhatItKeeps(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	ents := v.fill(t, 1500, 8)
	tg, err := backup.NewDir(filepath.Join(t.TempDir(), "t"))
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var ids []string
	for i := 0; i < 6; i++ {
		if err := v.s.Quarantine(ctx, ents[i].ID, "t"); err != nil {
			t.Fatal(err)
		}
		at := day.Add(time.Duration(i) * 8 * time.Hour) // three a day
		res, err := backup.Backup(ctx, v.s, tg, backup.Options{Now: func() time.Time { return at }})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.Snapshot)
		if i > 0 && res.Base != ids[0] {
			t.Fatalf("snapshot %d lists changes against %q, want the first", i, res.Base)
		}
	}
	pr, err := backup.Prune(ctx, tg, v.ids, backup.Retention{KeepLast: 1, KeepDaily: 2, Now: func() time.Time { return day.Add(72 * time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	// Every 8 hours from noon: days hold 0-1, 2-4 and 5. Kept: the newest
	// (5), the newest of each of the last two days (5 and 4), and their
	// base (0).
	want := []string{ids[0], ids[4], ids[5]}
	if strings.Join(pr.Kept, ",") != strings.Join(want, ",") {
		t.Fatalf("kept %v, want %v", pr.Kept, want)
	}
	for _, id := range want {
		restoreAndCheck(t, tg, v, id)
	}
	c, err := backup.Verify(ctx, tg, v.ids)
	if err != nil || !c.OK() {
		t.Fatalf("verify after prune: %v %+v", err, c)
	}
	if _, err := backup.Prune(ctx, tg, v.ids, backup.Retention{}); !errors.Is(err, backup.ErrNoRetention) {
		t.Fatalf("prune without retention: %v", err)
	}
}
