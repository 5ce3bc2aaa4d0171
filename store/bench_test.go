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

// corpus makes deterministic memory-like text: sentences built from frames
// a person's memory holds ("prefers X", "meeting with X about Y on Z")
// whose content words come from a 30,000-word vocabulary with Zipf-
// distributed frequencies (s = 1.07, as in natural language), about 300
// bytes an entry. The words are made up, so that no real language's stop
// words or stems skew the index.
type corpus struct {
	words []string
	zipf  *rand.Zipf
	r     *rand.Rand
}

// frames are sentence shapes; %s is a content word.
var frames = []string{
	"prefers %s over %s when %s",
	"meeting with %s about %s on %s",
	"remember that %s said the %s is at %s",
	"the %s for %s is due before %s",
	"asked to book %s near %s for %s",
	"%s likes %s and dislikes %s",
	"notes from the %s call: %s agreed to %s",
	"do not forget the %s, the %s and the %s",
	"the password manager entry for %s is under %s",
	"%s moved to %s after the %s",
}

func newCorpus(seed uint64) *corpus {
	r := rand.New(rand.NewPCG(seed, 7))
	c := &corpus{r: r}
	const letters = "abcdefghijklmnopqrstuvwxyz"
	seen := map[string]bool{}
	for len(c.words) < 30000 {
		n := 3 + r.IntN(8)
		b := make([]byte, n)
		for j := range b {
			b[j] = letters[r.IntN(len(letters))]
		}
		if w := string(b); !seen[w] {
			seen[w] = true
			c.words = append(c.words, w)
		}
	}
	c.zipf = rand.NewZipf(r, 1.07, 1, uint64(len(c.words)-1))
	return c
}

// word is a content word drawn by its frequency.
func (c *corpus) word() string { return c.words[c.zipf.Uint64()] }

func (c *corpus) text(n int) string {
	var b strings.Builder
	for b.Len() < n {
		f := frames[c.r.IntN(len(frames))]
		fmt.Fprintf(&b, f, c.word(), c.word(), c.word())
		b.WriteString(". ")
	}
	return b.String()
}

func (c *corpus) entries(n int) []store.Entry {
	out := make([]store.Entry, n)
	for i := range out {
		seg := fmt.Sprintf("channel/telegram/dm/%d", i%50)
		if i%100 == 99 {
			seg = "user/profile" // 1%: what DM policies share
		}
		out[i] = store.Entry{Segment: seg, Text: c.text(300),
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
	benchImport(b, func(s *store.Store, ents []store.Entry) error {
		for j := 0; j < len(ents); j += importChunk {
			if _, err := s.RememberBatch(context.Background(), ents[j:min(j+importChunk, len(ents))]); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkImportStream imports benchN entries into a fresh vault per
// iteration through Import, as memaudit import does: one transaction, the
// index built on the other core while the entries are read.
func BenchmarkImportStream(b *testing.B) {
	benchImport(b, func(s *store.Store, ents []store.Entry) error {
		n, err := s.Import(context.Background(), func(yield func(store.Entry, error) bool) {
			for _, e := range ents {
				if !yield(e, nil) {
					return
				}
			}
		}, store.ImportOptions{})
		if err == nil && n != len(ents) {
			err = fmt.Errorf("imported %d of %d entries", n, len(ents))
		}
		return err
	})
}

// benchImport times load filling a fresh vault with benchN entries, per
// iteration, encrypted and plaintext.
func benchImport(b *testing.B, load func(*store.Store, []store.Entry) error) {
	ents := newCorpus(2).entries(benchN())
	for _, mode := range []string{"encrypted", "plaintext"} {
		b.Run(mode, func(b *testing.B) {
			var total time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s, _, err := createBench(b, mode, filepath.Join(b.TempDir(), "v"))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				if err := load(s, ents); err != nil {
					b.Fatal(err)
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

// BenchmarkRecall times top-10 recalls (each with its recall-log row
// committed) on the benchN vault: from one DM segment whose policy also
// reads user/profile ("segment": about 2% of the vault in reach), and from
// a segment whose policy reads every channel ("whole-vault"). Queries are
// two words of the vault's own text, drawn either by their frequency in it
// ("zipf": the words people repeat, many hits) or uniformly over its
// distinct words ("uniform": mostly rare words, few hits). hits/query is
// how many entries in reach match at least one word (what the engine must
// score); p50/p99 are per recall.
func BenchmarkRecall(b *testing.B) {
	vs := prefilled(b)
	mixes := recallQueries(benchN())
	reach := map[string][]string{
		"segment":     {"user/profile"},
		"whole-vault": {"channel/**", "user/profile"},
	}
	for _, mode := range []string{"encrypted", "plaintext"} {
		for _, name := range []string{"segment", "whole-vault"} {
			for _, mix := range []string{"zipf", "uniform"} {
				b.Run(mode+"/"+name+"/"+mix, func(b *testing.B) {
					s := vs[mode].s
					from := "channel/telegram/dm/3"
					if name == "whole-vault" {
						from = "agent"
					}
					if err := s.SetPolicy(context.Background(), from, segment.Policy{ReadFrom: reach[name]}); err != nil {
						b.Fatal(err)
					}
					qs := mixes[mix]
					hits := 0
					for _, q := range qs[:100] {
						n, err := store.CountMatchesForTest(s, from, q)
						if err != nil {
							b.Fatal(err)
						}
						hits += n
					}
					seg, _ := s.Segment(from)
					lat := make([]time.Duration, 0, b.N)
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						start := time.Now()
						if _, err := seg.Recall(context.Background(), qs[i%len(qs)], store.RecallOptions{Limit: 10, Session: "bench"}); err != nil {
							b.Fatal(err)
						}
						lat = append(lat, time.Since(start))
					}
					reportLatency(b, lat)
					b.ReportMetric(float64(hits)/100, "hits/query")
				})
			}
		}
	}
}

// recallQueries draws 1,000 two-word queries of each mix from the words of
// the vault that prefilled builds (the same deterministic corpus).
func recallQueries(n int) map[string][]string {
	c := newCorpus(1)
	distinct := map[string]bool{}
	for _, e := range c.entries(n) {
		for _, w := range strings.FieldsFunc(e.Text, func(r rune) bool { return r < 'a' || r > 'z' }) {
			distinct[w] = true
		}
	}
	vocab := make([]string, 0, len(distinct))
	for w := range distinct {
		vocab = append(vocab, w)
	}
	slices.Sort(vocab)
	q := newCorpus(1) // same vocabulary and frequencies, its own draws
	r := rand.New(rand.NewPCG(9, 9))
	out := map[string][]string{}
	for i := 0; i < 1000; i++ {
		out["zipf"] = append(out["zipf"], q.word()+" "+q.word())
		out["uniform"] = append(out["uniform"], vocab[r.IntN(len(vocab))]+" "+vocab[r.IntN(len(vocab))])
	}
	return out
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

// BenchmarkRotate rotates the data key of the benchN vault (database and
// index re-encrypted, ending with an open that finds both whole) and
// compares it with the physical floor: copying the vault's files (every
// byte read and written once, fsynced). reopen-s is the open after it.
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
		// The rotation re-encrypted the index too: the next open
		// rebuilds nothing, and the index holds every entry.
		start = time.Now()
		s, err := store.Open(context.Background(), v.dir, v.opts)
		if err != nil {
			b.Fatal(err)
		}
		reopen += time.Since(start)
		if s.Repaired() != "" {
			b.Fatalf("the open after the rotation repaired: %s", s.Repaired())
		}
		b.StopTimer()
		if r, err := s.Verify(context.Background()); err != nil || !r.OK() || r.Indexed != uint64(r.Entries) {
			b.Fatalf("verify after the rotation: %+v %v", r, err)
		}
		b.StartTimer()
		s.Close()
	}
	b.ReportMetric(rotate.Seconds()/float64(b.N), "rotate-s")
	b.ReportMetric(copyFloor.Seconds()/float64(b.N), "copy-s")
	b.ReportMetric(reopen.Seconds()/float64(b.N), "reopen-s")
	b.ReportMetric(rotate.Seconds()/copyFloor.Seconds(), "x-copy")
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
