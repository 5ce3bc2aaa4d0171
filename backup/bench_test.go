package backup_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/memaudit/memaudit/backup"
	"github.com/memaudit/memaudit/internal/s3server"
	"github.com/memaudit/memaudit/store"
)

func benchEntries() int {
	if n, err := strconv.Atoi(os.Getenv("MEMAUDIT_BACKUP_N")); err == nil && n > 0 {
		return n
	}
	return 2000
}

// BenchmarkBackupS3 measures, on a vault of MEMAUDIT_BACKUP_N entries
// (default 2,000; the README quotes 100,000) against the real S3 server:
// a full backup against the floor (the same number of objects of the same
// sizes put with the S3 client alone, as many at once); a second backup
// after quarantining 1% of the entries at random, and after adding 1%;
// a restore against the floor (getting the same objects).
func BenchmarkBackupS3(b *testing.B) {
	ctx := context.Background()
	srv := s3server.Start(b)
	v := newVault(b)
	n := benchEntries()
	ents := v.fill(b, n, 11)
	for i := 0; i < b.N; i++ {
		prefix := fmt.Sprintf("bench-%d", i)
		tg, err := backup.Open(ctx, srv.URL(prefix))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		first, err := backup.Backup(ctx, v.s, tg, backup.Options{})
		if err != nil {
			b.Fatal(err)
		}
		full := time.Since(start)
		objs, err := tg.List(ctx, "")
		if err != nil {
			b.Fatal(err)
		}
		floorTg, _ := backup.Open(ctx, srv.URL(prefix+"-floor"))
		start = time.Now()
		parallel(objs, func(o backup.Object) error {
			buf := make([]byte, o.Size)
			for i := range buf {
				buf[i] = byte(rand.Uint32())
			}
			return floorTg.Put(ctx, o.Name, buf)
		})
		floor := time.Since(start)

		for j := 0; j < n/100; j++ {
			if err := v.s.Quarantine(ctx, ents[(j*7919+i)%n].ID, "bench"); err != nil {
				b.Fatal(err)
			}
		}
		changed, err := backup.Backup(ctx, v.s, tg, backup.Options{})
		if err != nil {
			b.Fatal(err)
		}
		v.fill(b, n/100, uint64(100+i))
		added, err := backup.Backup(ctx, v.s, tg, backup.Options{})
		if err != nil {
			b.Fatal(err)
		}

		dst := filepath.Join(b.TempDir(), "restored")
		start = time.Now()
		if _, err := backup.Restore(ctx, tg, v.ids, dst, backup.RestoreOptions{Snapshot: first.Snapshot}); err != nil {
			b.Fatal(err)
		}
		restore := time.Since(start)
		start = time.Now()
		firstObjs := objs
		parallel(firstObjs, func(o backup.Object) error { _, err := floorTg.Get(ctx, o.Name); return err })
		down := time.Since(start)
		b.ReportMetric(float64(first.Uploaded)/(1<<20), "full-MiB")
		b.ReportMetric(full.Seconds(), "full-s")
		b.ReportMetric(floor.Seconds(), "put-floor-s")
		b.ReportMetric(full.Seconds()/floor.Seconds(), "full/floor")
		b.ReportMetric(100*float64(changed.Uploaded)/float64(first.Uploaded), "quarantine1%-%bytes")
		b.ReportMetric(100*float64(added.Uploaded)/float64(first.Uploaded), "add1%-%bytes")
		b.ReportMetric(restore.Seconds(), "restore-s")
		b.ReportMetric(down.Seconds(), "get-floor-s")
		b.ReportMetric(restore.Seconds()/down.Seconds(), "restore/floor")
		_ = store.PageSize
	}
}

func parallel(objs []backup.Object, f func(backup.Object) error) {
	jobs := make(chan backup.Object)
	var wg sync.WaitGroup
	for w := 0; w < backup.DefaultUploads; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for o := range jobs {
				if err := f(o); err != nil {
					panic(err)
				}
			}
		}()
	}
	for _, o := range objs {
		jobs <- o
	}
	close(jobs)
	wg.Wait()
}
