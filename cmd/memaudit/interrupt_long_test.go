package main

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestLongCommandsInterrupted: Ctrl-C during scan, verify, rotate-key and
// export ends them with words a user understands ("interrupted", and for
// rotate-key which key the vault has), never "context canceled" (nor, for
// verify, a report of damage that is only its checks cut short), and the
// vault verifies afterwards. A command that finished before the signal
// came is fine too; each must be caught part-way at least once.
func TestLongCommandsInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 12,000 entries")
	}
	_, env := importedVault(t, 12000)
	for _, tc := range []struct {
		args []string
		want string // in stderr when interrupted
	}{
		{[]string{"scan", "--full", "--format", "jsonl"}, "memaudit: error: interrupted\n"},
		{[]string{"verify"}, "memaudit: error: interrupted\n"},
		{[]string{"rotate-key"}, "interrupted before the new key took over: the vault keeps its old key"},
		{[]string{"export"}, "interrupted"},
	} {
		caught := 0
		for _, delay := range []time.Duration{30 * time.Millisecond, 150 * time.Millisecond} {
			cmd := exec.Command(binary(t), tc.args...)
			cmd.Env = childEnv(t, env)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			code := interruptAfter(t, cmd, delay)
			msg := errb.String()
			switch {
			case strings.Contains(msg+out.String(), "context canceled"):
				t.Errorf("%v after %v: a message for developers: %q", tc.args, delay, msg+out.String())
			case code == 2 && strings.Contains(msg, tc.want):
				caught++
			case code == 2:
				t.Errorf("%v after %v: exit 2 without saying it was interrupted: %q", tc.args, delay, msg)
			}
			t.Logf("%v, SIGINT after %v: exit %d: %s", tc.args, delay, code, strings.TrimSpace(msg))
			if r := runBin(t, env, "", "verify"); r.code != 0 || !strings.Contains(r.stdout, "entries:  12000 (12000 indexed)") {
				t.Fatalf("%v after %v: verify: %v", tc.args, delay, r)
			}
		}
		if caught == 0 {
			t.Errorf("%v was never caught part-way: the test did not test it", tc.args)
		}
	}
}
