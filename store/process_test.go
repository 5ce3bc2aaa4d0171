package store_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/migrations"
	"github.com/memaudit/memaudit/store"
)

// longMode runs the long versions of the crash and load tests
// (MEMAUDIT_LONG=1, or -short=false is the default so CI sets the bound).
func longMode() bool { return os.Getenv("MEMAUDIT_LONG") == "1" }

// TestMain lets the test binary act as the child process of the crash and
// multi-process tests.
func TestMain(m *testing.M) {
	switch os.Getenv("MEMAUDIT_TEST_CHILD") {
	case "writer":
		os.Exit(childWriter())
	case "reader":
		os.Exit(childReader())
	case "rotator":
		os.Exit(childRotator())
	case "opener":
		os.Exit(childOpener())
	}
	code := m.Run()
	if benchRoot != "" {
		os.RemoveAll(benchRoot)
	}
	os.Exit(code)
}

func childOpen() (*store.Store, error) {
	ids, err := keyring.LoadIdentityFile(os.Getenv("MEMAUDIT_TEST_ID"), false)
	if err != nil {
		return nil, err
	}
	return store.Open(context.Background(), os.Getenv("MEMAUDIT_TEST_VAULT"), store.Options{Identities: ids})
}

// childWriter remembers entries forever, printing each id once Remember
// has returned (acknowledged).
func childWriter() int {
	s, err := childOpen()
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		return 3
	}
	ctx := context.Background()
	size, _ := strconv.Atoi(os.Getenv("MEMAUDIT_TEST_BATCH"))
	for i := 0; ; i++ {
		if size > 0 || i%7 == 3 {
			batch := make([]store.Entry, max(size, 10))
			for j := range batch {
				batch[j] = store.Entry{Segment: "agent", Text: fmt.Sprintf("batch crash entry %d-%d heron", i, j)}
			}
			out, err := s.RememberBatch(ctx, batch)
			if err != nil {
				fmt.Fprintln(os.Stderr, "child batch:", err)
				return 4
			}
			for _, e := range out {
				fmt.Fprintln(os.Stdout, e.ID)
			}
			continue
		}
		e, err := s.Remember(ctx, store.Entry{Segment: "agent", Text: fmt.Sprintf("crash entry %d heron", i)})
		if err != nil {
			fmt.Fprintln(os.Stderr, "child remember:", err)
			return 4
		}
		fmt.Fprintln(os.Stdout, e.ID)
	}
}

// childReader reads and recalls until its deadline, failing on any error.
func childReader() int {
	s, err := childOpen()
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		return 3
	}
	defer s.Close()
	ctx := context.Background()
	d, _ := time.ParseDuration(os.Getenv("MEMAUDIT_TEST_FOR"))
	end := time.Now().Add(d)
	rounds := 0
	for time.Now().Before(end) {
		for _, err := range s.Entries(ctx, store.Filter{}) {
			if err != nil {
				fmt.Fprintln(os.Stderr, "child entries:", err)
				return 4
			}
		}
		if _, err := s.Recall(ctx, "agent", "heron", store.RecallOptions{Session: "reader"}); err != nil {
			fmt.Fprintln(os.Stderr, "child recall:", err)
			return 4
		}
		rounds++
	}
	fmt.Println(rounds)
	return 0
}

func childCmd(t testing.TB, v *testVault, role string, extra ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "MEMAUDIT_TEST_CHILD="+role, "MEMAUDIT_TEST_VAULT="+v.dir, "MEMAUDIT_TEST_ID="+v.idFile)
	cmd.Env = append(cmd.Env, extra...)
	cmd.Stderr = os.Stderr
	return cmd
}

// TestCrashKeepsAcknowledgedWrites kills a writing child with SIGKILL at
// random moments; every acknowledged write must be there afterwards, the
// vault must open every time, and the index must agree with the database.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	rounds := 8
	if longMode() {
		rounds = 60
	}
	crashWriter(t, rounds, 0, 50*time.Millisecond, 400*time.Millisecond)
}

// TestCrashDuringLargeBatches: the same with batches larger than every
// page the index is written and replayed in, so that kills land while a
// committed batch is half indexed.
func TestCrashDuringLargeBatches(t *testing.T) {
	rounds := 3
	if longMode() {
		rounds = 15
	}
	crashWriter(t, rounds, 2*store.LargestPageForTest()+7, 300*time.Millisecond, 2500*time.Millisecond)
}

// crashWriter runs the writer child rounds times (batches of batch entries,
// or mostly single entries when 0), killing it after from+rand(spread).
func crashWriter(t *testing.T, rounds, batch int, from, spread time.Duration) {
	v := newVault(t)
	v.s.Close()
	ctx := context.Background()
	var acked []string
	for round := 0; round < rounds; round++ {
		cmd := childCmd(t, v, "writer", fmt.Sprintf("MEMAUDIT_TEST_BATCH=%d", batch))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var got []string
		done := make(chan struct{})
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				mu.Lock()
				got = append(got, sc.Text())
				mu.Unlock()
			}
			close(done)
		}()
		time.Sleep(from + time.Duration(rand.Int64N(int64(spread))))
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("round %d: child did not die by the signal: %v", round, err)
		}
		mu.Lock()
		acked = append(acked, got...)
		mu.Unlock()

		s, err := store.Open(ctx, v.dir, store.Options{Identities: v.ids})
		if err != nil {
			t.Fatalf("round %d: vault does not open after SIGKILL: %v", round, err)
		}
		for _, id := range acked {
			if _, err := s.Get(ctx, id); err != nil {
				s.Close()
				t.Fatalf("round %d: acknowledged entry %s lost: %v", round, id, err)
			}
		}
		r, err := s.Verify(ctx)
		if err != nil || !r.OK() || r.Indexed != uint64(r.Entries) {
			s.Close()
			t.Fatalf("round %d: verify after crash: %+v %v", round, r, err)
		}
		s.Close()
	}
	if batch == 0 && len(acked) < rounds {
		t.Fatalf("the child acknowledged only %d writes in %d rounds", len(acked), rounds)
	}
	t.Logf("%d rounds, %d acknowledged writes, none lost", rounds, len(acked))
}

// TestConcurrentWritersAndAnotherProcess runs 8 goroutines writing and
// recalling while a second process reads: no lost writes, no SQLITE_BUSY.
func TestConcurrentWritersAndAnotherProcess(t *testing.T) {
	v := newVault(t)
	ctx := context.Background()
	remember(t, v.s, "agent", "seed heron")
	per := 60
	if longMode() {
		per = 400
	}
	reader := childCmd(t, v, "reader", "MEMAUDIT_TEST_FOR=3s")
	var rout strings.Builder
	reader.Stdout = &rout
	if err := reader.Start(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	ids := make([][]string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			seg := "channel/slack/c" + strconv.Itoa(g%3)
			for i := 0; i < per; i++ {
				e, err := v.s.Remember(ctx, store.Entry{Segment: seg, Text: fmt.Sprintf("goroutine %d wrote heron %d", g, i)})
				if err != nil {
					errs <- err
					return
				}
				ids[g] = append(ids[g], e.ID)
				if _, err := v.s.Recall(ctx, seg, "heron", store.RecallOptions{Session: "g"}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent use: %v", err)
	}
	if err := reader.Wait(); err != nil {
		t.Fatalf("reading process failed: %v", err)
	}
	s := v.reopen(t, store.Options{})
	for _, list := range ids {
		for _, id := range list {
			if _, err := s.Get(ctx, id); err != nil {
				t.Fatalf("lost write %s: %v", id, err)
			}
		}
	}
	if r, err := s.Verify(ctx); err != nil || !r.OK() || r.Entries != 8*per+1 {
		t.Fatalf("verify: %+v %v", r, err)
	}
	t.Logf("reader process completed %s rounds", strings.TrimSpace(rout.String()))
}

// childOpener opens the vault (running its migrations and the index build
// they need) and closes it.
func childOpener() int {
	fmt.Println("opening")
	start := time.Now()
	s, err := childOpen()
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		return 3
	}
	fmt.Println("opened", time.Since(start))
	if err := s.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "child close:", err)
		return 4
	}
	return 0
}

// TestCrashDuringTheFirstOpenThatMigrates: a vault written at schema 1 with
// more entries than any page, opened for the first time by a newer
// memaudit that is killed at random moments of that open (migrations, each
// in its transaction, and the index rebuild they need): the next open
// finishes the job, with every entry there and findable.
func TestCrashDuringTheFirstOpenThatMigrates(t *testing.T) {
	rounds := 4
	if longMode() {
		rounds = 20
	}
	ctx := context.Background()
	root := t.TempDir()
	tmplDir, idFile := filepath.Join(root, "schema1"), filepath.Join(root, "identity")
	gen, err := keyring.Generate(false)
	if err != nil {
		t.Fatal(err)
	}
	if err := keyring.WriteIdentityFile(idFile, gen); err != nil {
		t.Fatal(err)
	}
	g, err := keyring.ParseIdentities(gen.File)
	if err != nil {
		t.Fatal(err)
	}
	n := 2*store.LargestPageForTest() + 7
	s, err := store.CreateWithSchema(ctx, tmplDir, store.CreateOptions{Options: store.Options{Identities: g}, Recipients: []store.Recipient{gen.Recipient}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	fillBig(t, s, "pelican")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	killed := map[bool]int{}
	for round := 0; round < rounds; round++ {
		v := &testVault{dir: filepath.Join(t.TempDir(), "vault"), idFile: idFile, ids: g}
		copyDir(t, tmplDir, v.dir)
		cmd := childCmd(t, v, "opener")
		pipe, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// The open (migrations, then the index) takes about 100 ms:
		// kill somewhere in it, or just after.
		sc := bufio.NewScanner(pipe)
		sc.Scan() // "opening"
		time.Sleep(time.Duration(rand.IntN(120)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		opened := sc.Scan() && strings.HasPrefix(sc.Text(), "opened")
		cmd.Wait()
		killed[!opened]++
		s, err := store.Open(ctx, v.dir, store.Options{Identities: g})
		if err != nil {
			t.Fatalf("round %d: the vault does not open after a killed first open: %v", round, err)
		}
		st, err := s.Stats(ctx)
		if err != nil || st.Schema != migrations.Latest() || st.ByStatus[store.StatusActive] != n {
			t.Fatalf("round %d: after the migration: %+v %v", round, st, err)
		}
		if r, err := s.Verify(ctx); err != nil || !r.OK() || r.Indexed != uint64(n) {
			t.Fatalf("round %d: verify: %+v %v", round, r, err)
		}
		if hits, err := s.Search(ctx, fmt.Sprintf("+pelican%d", n-1), store.SearchOptions{}); err != nil || len(hits) != 1 {
			t.Fatalf("round %d: the last entry is not found: %v", round, err)
		}
		s.Close()
	}
	t.Logf("%d rounds: killed during the open %d times, after it %d", rounds, killed[true], killed[false])
	if killed[true] == 0 {
		t.Error("no kill landed during the open: the test did not test it")
	}
}
