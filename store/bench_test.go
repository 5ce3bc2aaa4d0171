package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/segment"
	"github.com/memaudit/memaudit/store"
)

// Benchmarks run on a vault of benchN entries of about 300 bytes
// (MEMAUDIT_BENCH_N, default 100,000), once encrypted and once through the
// benchmark-only plaintext path (plain SQLite, unencrypted bleve), so that
// the ratio is the cost of encryption.

func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("MEMAUDIT_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// corpus makes deterministic memory-like text: words from a Zipf-distributed
// vocabulary, about 300 bytes an entry.
type corpus struct {
	words []string
	zipf  *rand.Zipf
	r     *rand.Rand
}

func newCorpus(seed uint64) *corpus {
	r := rand.New(rand.NewPCG(seed, 7))
	c := &corpus{r: r}
	const letters = "abcdefghijklmnopqrstuvwxyz"
	for i := 0; i < 20000; i++ {
		n := 3 + r.IntN(7)
		b := make([]byte, n)
		for j := range b {
			b[j] = letters[r.IntN(len(letters))]
		}
		c.words = append(c.words, string(b))
	}
	c.zipf = rand.NewZipf(r, 1.1, 2, uint64(len(c.words)-1))
	return c
}

func (c *corpus) text(n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(c.words[c.zipf.Uint64()])
		b.WriteByte(' ')
	}
	return b.String()
}

func (c *corpus) entries(n int) []store.Entry {
	out := make([]store.Entry, n)
	for i := range out {
		out[i] = store.Entry{Segment: fmt.Sprintf("channel/telegram/dm/%d", i%50), Text: c.text(300),
			Source: store.Source{Kind: store.SourceUser, Sender: "u" + strconv.Itoa(i%50)}, Session: "s" + strconv.Itoa(i/100)}
	}
	return out
}

type benchVault struct {
	dir  string
	opts store.Options
	s    *store.Store
}

var (
	benchRoot   string // removed by TestMain
	benchOnce   sync.Once
	benchVaults map[string]*benchVault
	benchErr    error
)

const importChunk = 10_000

func createBench(b testing.TB, mode, dir string) (*store.Store, store.Options, error) {
	ctx := context.Background()
	if mode == "plaintext" {
		s, err := store.CreatePlaintext(ctx, dir, store.Options{})
		return s, store.Options{}, err
	}
	g, err := keyring.Generate(false)
	if err != nil {
		return nil, store.Options{}, err
	}
	ids, _ := keyring.ParseIdentities(g.File)
	o := store.Options{Identities: ids}
	s, err := store.Create(ctx, dir, store.CreateOptions{Options: o, Recipients: []store.Recipient{g.Recipient}})
	return s, o, err
}

// prefilled returns the shared 100k vaults, building them once.
func prefilled(b *testing.B) map[string]*benchVault {
	benchOnce.Do(func() {
		root, err := os.MkdirTemp("", "memaudit-bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchRoot = root
		benchVaults = map[string]*benchVault{}
		ents := newCorpus(1).entries(benchN())
		for _, mode := range []string{"encrypted", "plaintext"} {
			dir := filepath.Join(root, mode)
			s, o, err := createBench(b, mode, dir)
			if err != nil {
				benchErr = err
				return
			}
			for i := 0; i < len(ents); i += importChunk {
				if _, err := s.RememberBatch(context.Background(), ents[i:min(i+importChunk, len(ents))]); err != nil {
					benchErr = err
					return
				}
			}
			benchVaults[mode] = &benchVault{dir: dir, opts: o, s: s}
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchVaults
}

func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	q := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
}

// BenchmarkImport imports benchN entries into a fresh vault per iteration,
// in transactions of 10,000.
func BenchmarkImport(b *testing.B) {
	ents := newCorpus(2).entries(benchN())
	for _, mode := range []string{"encrypted", "plaintext"} {
		b.Run(mode, func(b *testing.B) {
			var total time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				dir := filepath.Join(b.TempDir(), "v")
				s, _, err := createBench(b, mode, dir)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				for j := 0; j < len(ents); j += importChunk {
					if _, err := s.RememberBatch(context.Background(), ents[j:min(j+importChunk, len(ents))]); err != nil {
						b.Fatal(err)
					}
				}
				total += time.Since(start)
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(len(ents)*b.N)/total.Seconds(), "entries/s")
		})
	}
}

// BenchmarkRemember is one durable Remember (database commit and index
// update) at a time into the 100k vault.
func BenchmarkRemember(b *testing.B) {
	vs := prefilled(b)
	c := newCorpus(3)
	for _, mode := range []string{"encrypted", "plaintext"} {
		b.Run(mode, func(b *testing.B) {
			s := vs[mode].s
			timeRemembers(b, s, c)
		})
	}
}

// BenchmarkRememberGuarded is BenchmarkRemember/encrypted with the write
// guard scanning every entry: the guard's cost per Remember.
func BenchmarkRememberGuarded(b *testing.B) {
	vs := prefilled(b)
	v := vs["encrypted"]
	sc, err := audit.New(audit.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := v.s.Close(); err != nil {
		b.Fatal(err)
	}
	o := v.opts
	o.Scanner = sc
	s, err := store.Open(context.Background(), v.dir, o)
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		s.Close()
		v.s, _ = store.Open(context.Background(), v.dir, v.opts)
	}()
	timeRemembers(b, s, newCorpus(5))
}

// timeRemembers times b.N single Remembers of fresh 300-byte texts and
// reports their latency percentiles.
func timeRemembers(b *testing.B, s *store.Store, c *corpus) {
	texts := make([]string, b.N)
	for i := range texts {
		texts[i] = c.text(300)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := s.Remember(context.Background(), store.Entry{Segment: "channel/telegram/dm/7", Text: texts[i]}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportLatency(b, lat)
}

// BenchmarkRecall is a top-10 recall of two words, on the 100k vault: from a
// segment whose policy also reads one other segment (4,000 entries in
// reach), and from one whose policy reads every segment (the whole vault).
func BenchmarkRecall(b *testing.B) {
	vs := prefilled(b)
	c := newCorpus(4)
	queries := make([]string, 1000)
	for i := range queries {
		queries[i] = c.words[c.zipf.Uint64()%2000] + " " + c.words[c.zipf.Uint64()%2000]
	}
	reach := map[string][]string{
		"two-segments": {"channel/telegram/dm/4"},
		"whole-vault":  {"channel/**"},
	}
	for _, mode := range []string{"encrypted", "plaintext"} {
		for _, name := range []string{"two-segments", "whole-vault"} {
			b.Run(mode+"/"+name, func(b *testing.B) {
				s := vs[mode].s
				from := "channel/telegram/dm/3"
				if name == "whole-vault" {
					from = "agent"
				}
				if err := s.SetPolicy(context.Background(), from, segment.Policy{ReadFrom: reach[name]}); err != nil {
					b.Fatal(err)
				}
				seg, _ := s.Segment(from)
				lat := make([]time.Duration, 0, b.N)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					start := time.Now()
					if _, err := seg.Recall(context.Background(), queries[i%len(queries)], store.RecallOptions{Limit: 10, Session: "bench"}); err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(start))
				}
				reportLatency(b, lat)
			})
		}
	}
}

// BenchmarkOpen closes and opens the 100k encrypted vault (X25519 identity,
// no rebuild).
func BenchmarkOpen(b *testing.B) {
	vs := prefilled(b)
	v := vs["encrypted"]
	if err := v.s.Close(); err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		s, err := store.Open(context.Background(), v.dir, v.opts)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		if s.Repaired() != "" {
			b.Fatalf("open rebuilt: %s", s.Repaired())
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.StopTimer()
	reportLatency(b, lat)
	s, err := store.Open(context.Background(), v.dir, v.opts)
	if err != nil {
		b.Fatal(err)
	}
	v.s = s
}

// BenchmarkScanVault scans the whole 100k vault with the auditor: a first
// (full) scan that records its state, then a rescan with nothing new.
func BenchmarkScanVault(b *testing.B) {
	vs := prefilled(b)
	s := vs["encrypted"].s
	sc, err := audit.New(audit.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var first, again time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		r, err := s.Scan(ctx, sc, store.ScanOptions{Full: true, Record: true}, nil)
		if err != nil || r.Rescanned != r.Entries {
			b.Fatal(err)
		}
		first += time.Since(start)
		start = time.Now()
		r, err = s.Scan(ctx, sc, store.ScanOptions{Record: true}, nil)
		if err != nil || r.Rescanned != 0 {
			b.Fatalf("rescan read %d entries: %v", r.Rescanned, err)
		}
		again += time.Since(start)
	}
	b.ReportMetric(first.Seconds()/float64(b.N), "first-scan-s")
	b.ReportMetric(again.Seconds()/float64(b.N), "rescan-s")
}

// BenchmarkRotate rotates the data key of the 100k vault and compares it
// with the physical floor: copying the vault's files (every byte read and
// written once, fsynced).
func BenchmarkRotate(b *testing.B) {
	vs := prefilled(b)
	v := vs["encrypted"]
	if err := v.s.Close(); err != nil {
		b.Fatal(err)
	}
	defer func() { v.s, _ = store.Open(context.Background(), v.dir, v.opts) }()
	var rotate, reopen, copyFloor time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := copyTree(v.dir, v.dir+".copy"); err != nil {
			b.Fatal(err)
		}
		copyFloor += time.Since(start)
		os.RemoveAll(v.dir + ".copy")
		start = time.Now()
		if err := store.Rotate(context.Background(), v.dir, v.opts, nil); err != nil {
			b.Fatal(err)
		}
		rotate += time.Since(start)
		// The index is rebuilt under the new key by the next open.
		start = time.Now()
		s, err := store.Open(context.Background(), v.dir, v.opts)
		if err != nil {
			b.Fatal(err)
		}
		reopen += time.Since(start)
		s.Close()
	}
	b.ReportMetric(rotate.Seconds()/float64(b.N), "rotate-s")
	b.ReportMetric(copyFloor.Seconds()/float64(b.N), "copy-s")
	b.ReportMetric(reopen.Seconds()/float64(b.N), "reindex-s")
	b.ReportMetric(rotate.Seconds()/copyFloor.Seconds(), "x-copy")
	b.ReportMetric((rotate+reopen).Seconds()/copyFloor.Seconds(), "x-copy-with-index")
}

func copyTree(src, dst string) error {
	return filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := os.Create(filepath.Join(dst, rel))
		if err != nil {
			return err
		}
		if _, err := f.Write(b); err != nil {
			f.Close()
			return err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}
