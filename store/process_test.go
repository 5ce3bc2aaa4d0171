package store_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/memaudit/memaudit/internal/keyring"
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
	for i := 0; ; i++ {
		if i%7 == 3 {
			batch := make([]store.Entry, 10)
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
	v := newVault(t)
	v.s.Close()
	ctx := context.Background()
	var acked []string
	for round := 0; round < rounds; round++ {
		cmd := childCmd(t, v, "writer")
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
		time.Sleep(time.Duration(50+rand.IntN(400)) * time.Millisecond)
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
		if err != nil || !r.OK() {
			s.Close()
			t.Fatalf("round %d: verify after crash: %+v %v", round, r, err)
		}
		s.Close()
	}
	if len(acked) < rounds {
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
