package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/memaudit/memaudit/internal/server"
	"github.com/memaudit/memaudit/store"
)

// BenchmarkServiceLoad drives the real server on a Unix socket with
// concurrent clients, each request a full HTTP round trip with token
// check, and reports requests per second and latency percentiles. The
// vault holds MEMAUDIT_LOAD_ENTRIES entries (default 10,000, ~300 bytes,
// 20 segments) and has the write guard on; MEMAUDIT_LOAD_CLIENTS clients
// (default 4) send requests back to back. b.N is the number of requests;
// run with -benchtime 20000x for the README figures. Every acknowledged
// remember is checked to be in the vault afterwards.
func BenchmarkServiceLoad(b *testing.B) {
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("MEMAUDIT_LOAD_ENTRIES")); err == nil {
		n = v
	}
	st, _ := openVault(b)
	ctx := context.Background()
	words := []string{"tea", "deploy", "invoice", "calendar", "garden", "python", "flight", "budget", "recipe", "meeting"}
	batch := make([]store.Entry, 0, 1000)
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("entry %d about %s and %s: %s", i, words[i%10], words[(i/10)%10], string(bytes.Repeat([]byte("lorem ipsum dolor sit amet "), 10)))
		batch = append(batch, store.Entry{Segment: fmt.Sprintf("channel/telegram/dm/%d", i%20), Text: text})
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := st.RememberBatch(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	tok := newToken(b, st, store.TokenSpec{Segments: []string{"channel/telegram/**"}, Rights: allRights})
	dir, _ := os.MkdirTemp("", "ma-load")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "s.sock")
	l, err := server.ListenUnix(path)
	if err != nil {
		b.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- server.New(st, server.Options{Rate: -1}).Serve(sctx, l, 10*time.Second) }()
	defer func() { stop(); <-done }()
	clients := 4
	if v, err := strconv.Atoi(os.Getenv("MEMAUDIT_LOAD_CLIENTS")); err == nil && v > 0 {
		clients = v
	}
	hc := unixClient(path)
	hc.Transport.(*http.Transport).MaxIdleConnsPerHost = clients

	post := func(p string, body []byte) (int, []byte, error) {
		req, _ := http.NewRequest("POST", "http://memaudit"+p, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		res, err := hc.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer res.Body.Close()
		raw, err := io.ReadAll(res.Body)
		return res.StatusCode, raw, err
	}
	run := func(b *testing.B, mk func(i int) (string, []byte), onOK func([]byte)) {
		lat := make([]time.Duration, b.N)
		var next int64 = -1
		var mu sync.Mutex
		var wg sync.WaitGroup
		errs := make(chan error, clients)
		b.ResetTimer()
		start := time.Now()
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					mu.Lock()
					next++
					i := next
					mu.Unlock()
					if int(i) >= b.N {
						return
					}
					p, body := mk(int(i))
					t0 := time.Now()
					status, raw, err := post(p, body)
					lat[i] = time.Since(t0)
					if err == nil && status >= 300 {
						err = fmt.Errorf("status %d: %s", status, raw)
					}
					if err != nil {
						errs <- err
						return
					}
					if onOK != nil {
						onOK(raw)
					}
				}
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)
		b.StopTimer()
		select {
		case err := <-errs:
			b.Fatal(err)
		default:
		}
		slices.Sort(lat)
		pct := func(p float64) float64 { return float64(lat[int(float64(len(lat)-1)*p)]) / 1e6 }
		b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
		b.ReportMetric(pct(0.50), "p50_ms")
		b.ReportMetric(pct(0.99), "p99_ms")
	}
	b.Run("recall", func(b *testing.B) {
		run(b, func(i int) (string, []byte) {
			return "/v1/recall", fmt.Appendf(nil, `{"segment":"channel/telegram/dm/%d","query":"%s %s","session":"load"}`, i%20, words[i%10], words[(i/7)%10])
		}, nil)
	})
	b.Run("remember", func(b *testing.B) {
		var mu sync.Mutex
		var ids []string
		run(b, func(i int) (string, []byte) {
			return "/v1/remember", fmt.Appendf(nil, `{"segment":"channel/telegram/dm/%d","text":"load note %d about %s %s","source":{"kind":"user"}}`, i%20, i, words[i%10], bytes.Repeat([]byte("x"), 250))
		}, func(raw []byte) {
			var m struct{ Entry struct{ ID string } }
			json.Unmarshal(raw, &m)
			mu.Lock()
			ids = append(ids, m.Entry.ID)
			mu.Unlock()
		})
		for _, id := range ids {
			if _, err := st.Get(ctx, id); err != nil {
				b.Fatalf("acknowledged %s lost: %v", id, err)
			}
		}
		if len(ids) != b.N {
			b.Fatalf("%d of %d acknowledged", len(ids), b.N)
		}
	})
}
