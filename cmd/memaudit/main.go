// Command memaudit manages an encrypted, segmented memory vault for AI
// agents.
//
// Exit codes: 0 success, 1 something was found (findings by scan, damage
// by verify), 2 usage or runtime error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/memaudit/memaudit/internal/termsafe"
	"github.com/memaudit/memaudit/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	limitMemory(os.Args[1:], os.Getenv)
	code := run(ctx, os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}

// env is what a command may touch of the outside world; tests replace it.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// meters are the progress lines the command made; run ends any still
	// on screen before it prints the command's error.
	meters []*meter
}

// errFound makes a command exit 1: it ran, and found something (damage).
var errFound = errors.New("found")

// usageError makes a command exit 2 with its usage hint.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

type command struct {
	summary string
	usage   string
	run     func(ctx context.Context, e *env, args []string) error
}

var commands = map[string]command{}

func register(name string, c command) { commands[name] = c }

const exampleUsage = `memaudit: encrypted, segmented memory for AI agents

Usage: memaudit COMMAND [flags]

Commands:
%s
Every command takes --vault DIR and --identity FILE (or MEMAUDIT_VAULT and
MEMAUDIT_IDENTITY). %s

Example:
  memaudit init                      # a vault and an identity at the default locations
  memaudit add --segment user/profile "prefers answers in French"
  memaudit scan                      # after an incident: what was planted, what leaked
  memaudit scan --hermes ~/.hermes   # memory that is not in a vault yet
  memaudit import --format hermes --with-sessions ~/.hermes   # ... and then move it in
  memaudit token create --segment 'channel/**' --rights remember,recall > agent.token
  memaudit serve                     # agents connect to VAULT/memaudit.sock

Run 'memaudit help COMMAND' (or 'memaudit COMMAND --help') for a command's flags,
'memaudit version' for the version.
Exit codes: 0 success, 1 findings (scan) or damage (verify), 2 usage or runtime error.
`

func usage(e *env) {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "  %-10s %s\n", n, commands[n].summary)
	}
	defaults := "Without them, there is no\ndefault location ($HOME is not set)."
	if vault, id := defaultPathsHere(e.getenv); vault != "" && id != "" {
		defaults = "Without them:\n  vault     " + vault + "\n  identity  " + id
	}
	fmt.Fprintf(e.stdout, exampleUsage, b.String(), defaults)
}

func run(ctx context.Context, args []string, e *env) int {
	// Entry text, sources, segment names and error messages come from
	// outside: nothing printed may drive the operator's terminal.
	stdout, stderr := termsafe.NewWriter(e.stdout), termsafe.NewWriter(e.stderr)
	defer stdout.Flush()
	defer stderr.Flush()
	e = &env{stdin: e.stdin, stdout: stdout, stderr: stderr, getenv: e.getenv}
	switch {
	case len(args) == 0:
		usage(e)
		return 2
	case args[0] == "-h" || args[0] == "--help" || (args[0] == "help" && len(args) == 1):
		usage(e)
		return 0
	case args[0] == "--version":
		args = append([]string{"version"}, args[1:]...)
	case args[0] == "help":
		// 'memaudit help scan' is 'memaudit scan --help'.
		args = []string{args[1], "--help"}
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "memaudit: error: unknown command %q\n", args[0])
		if s := suggest(args[0]); len(s) > 0 {
			fmt.Fprintf(e.stderr, "memaudit: hint: did you mean %s? ('memaudit --help' lists every command)\n", orList(s))
		} else {
			fmt.Fprintf(e.stderr, "memaudit: hint: run 'memaudit --help' for the list\n")
		}
		return 2
	}
	err := c.run(ctx, e, args[1:])
	for _, m := range e.meters {
		m.done()
	}
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, pflag.ErrHelp):
		return 0
	case errors.Is(err, errFound):
		return 1
	case errors.Is(err, store.ErrIndexBehind):
		// The change is committed; only the index could not follow.
		fmt.Fprintf(e.stderr, "memaudit: warning: the change is committed, but %v; do not repeat it\n", err)
		return 0
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		fmt.Fprintf(e.stderr, "memaudit: error: interrupted\n")
		return 2
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "memaudit: error: %s\nmemaudit: hint: %s\n", ue.msg, c.usage)
		return 2
	default:
		fmt.Fprintf(e.stderr, "memaudit: error: %v\n", err)
		if h := hint(err); h != "" {
			fmt.Fprintf(e.stderr, "memaudit: hint: %s\n", h)
		}
		return 2
	}
}
