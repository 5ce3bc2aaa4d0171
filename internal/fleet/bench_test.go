package fleet_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/internal/fleet"
	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/store"
)

func envInt(k string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(k)); err == nil && n > 0 {
		return n
	}
	return def
}

func makeVault(b *testing.B, dir string, r store.Recipient, ids []age.Identity, n int, seed int) {
	ctx := context.Background()
	s, err := store.Create(ctx, dir, store.CreateOptions{Options: store.Options{Identities: ids}, Recipients: []store.Recipient{r}})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for i := 0; i < n; i += 10000 {
		var batch []store.Entry
		for j := i; j < min(n, i+10000); j++ {
			var t strings.Builder
			for k := 0; t.Len() < 300; k++ {
				fmt.Fprintf(&t, "word%d ", (j*31+k*7+seed)%5000)
			}
			batch = append(batch, store.Entry{Segment: fmt.Sprintf("channel/x/%d", j%20), Text: t.String(), Source: store.Source{Kind: store.SourceUser}})
		}
		if _, err := s.RememberBatch(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFleetScan compares the per-entry cost of scanning
// MEMAUDIT_FLEET_VAULTS vaults of MEMAUDIT_FLEET_ENTRIES entries (default
// 10 x 500; the figure is 200 x 5,000) with one vault holding as many.
func BenchmarkFleetScan(b *testing.B) {
	nv, ne := envInt("MEMAUDIT_FLEET_VAULTS", 10), envInt("MEMAUDIT_FLEET_ENTRIES", 500)
	g, _ := keyring.Generate(false)
	ids, _ := keyring.ParseIdentities(g.File)
	root := b.TempDir()
	for i := 0; i < nv; i++ {
		makeVault(b, filepath.Join(root, "fleet", fmt.Sprintf("v%03d", i)), g.Recipient, ids, ne, i)
	}
	makeVault(b, filepath.Join(root, "one", "big"), g.Recipient, ids, nv*ne, 0)
	sc, err := audit.New(audit.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		srcs, _ := fleet.Dirs(filepath.Join(root, "fleet", "*"))
		start := time.Now()
		rep, err := fleet.Scan(ctx, srcs, sc, fleet.Options{Identities: ids, Scan: store.ScanOptions{Full: true}})
		if err != nil || rep.Failed() > 0 || rep.Entries != nv*ne {
			b.Fatalf("fleet: %v %+v", err, rep.Vaults[:1])
		}
		fleetT := time.Since(start)
		one, _ := fleet.Dirs(filepath.Join(root, "one", "*"))
		start = time.Now()
		rep, err = fleet.Scan(ctx, one, sc, fleet.Options{Identities: ids, Scan: store.ScanOptions{Full: true}})
		if err != nil || rep.Entries != nv*ne {
			b.Fatalf("one: %v", err)
		}
		oneT := time.Since(start)
		b.ReportMetric(float64(fleetT.Microseconds())/float64(nv*ne), "fleet-us/entry")
		b.ReportMetric(float64(oneT.Microseconds())/float64(nv*ne), "one-us/entry")
		b.ReportMetric(fleetT.Seconds()/oneT.Seconds(), "fleet/one")
	}
}
