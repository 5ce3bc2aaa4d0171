package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"filippo.io/age"
	"github.com/spf13/pflag"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/internal/termsafe"
	"github.com/memaudit/memaudit/store"
)

// vaultFlags are the flags every command shares.
type vaultFlags struct {
	vault          string
	identity       string
	passphraseFile string
	allowLoose     bool
	// The default locations (see locations.go), "" without a home.
	defVault, defIdentity string
}

func (v *vaultFlags) add(fl *pflag.FlagSet, e *env) {
	v.defVault, v.defIdentity = defaultPathsHere(e.getenv)
	orDefault := func(env, def string) string {
		if def == "" {
			return "env " + env
		}
		return "env " + env + ", else " + def
	}
	fl.StringVar(&v.vault, "vault", e.getenv("MEMAUDIT_VAULT"), "vault directory ("+orDefault("MEMAUDIT_VAULT", v.defVault)+")")
	fl.StringVar(&v.identity, "identity", e.getenv("MEMAUDIT_IDENTITY"), "age or SSH identity file ("+orDefault("MEMAUDIT_IDENTITY", v.defIdentity)+")")
	fl.StringVar(&v.passphraseFile, "passphrase-file", e.getenv("MEMAUDIT_PASSPHRASE_FILE"), "file holding the vault passphrase (env MEMAUDIT_PASSPHRASE_FILE)")
	fl.BoolVar(&v.allowLoose, "allow-loose-key-permissions", false, "accept identity and passphrase files readable by group or others (unsafe)")
}

// vaultDir settles which vault the command works on: the one named, or
// else the default location.
func (v *vaultFlags) vaultDir() (string, error) {
	if v.vault == "" {
		if v.defVault == "" {
			return "", usageError{"no vault: give --vault DIR or set MEMAUDIT_VAULT (there is no default location without $HOME)"}
		}
		v.vault = v.defVault
		// Name the default when nothing is there, rather than leave the
		// store to say "not a memaudit vault" of a path nobody typed.
		if _, err := os.Stat(v.vault); errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%w: none at the default location %s (--vault DIR or MEMAUDIT_VAULT names another)", store.ErrNotVault, v.vault)
		}
	}
	return v.vault, nil
}

// identities loads what opens the vault: the identity and passphrase files
// named, or else the identity at the default location.
func (v *vaultFlags) identities() ([]age.Identity, error) {
	if v.identity == "" && v.passphraseFile == "" && v.defIdentity != "" {
		if _, err := os.Stat(v.defIdentity); errors.Is(err, fs.ErrNotExist) {
			return nil, usageError{"no identity: give --identity FILE or --passphrase-file FILE (there is none at the default location " + v.defIdentity + ")"}
		}
		v.identity = v.defIdentity // any other trouble with it is reported by the load
	}
	var ids []age.Identity
	if v.identity != "" {
		got, err := keyring.LoadIdentityFile(v.identity, v.allowLoose)
		if err != nil {
			return nil, err
		}
		ids = append(ids, got...)
	}
	if v.passphraseFile != "" {
		pass, err := keyring.ReadPassphraseFile(v.passphraseFile, v.allowLoose)
		if err != nil {
			return nil, err
		}
		id, err := keyring.PassphraseIdentity(pass)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil, usageError{"no identity: give --identity FILE or --passphrase-file FILE"}
	}
	return ids, nil
}

func (v *vaultFlags) open(ctx context.Context, e *env, o store.Options) (*store.Store, error) {
	dir, err := v.vaultDir()
	if err != nil {
		return nil, err
	}
	ids, err := v.identities()
	if err != nil {
		return nil, err
	}
	o.Identities = ids
	if o.Actor == "" {
		o.Actor = actor(e)
	}
	// Open rebuilds or catches up the index when it has to; the store keeps
	// the callback for later index work (a rebuild after redact, a large
	// batch), each of which draws its own line.
	m := newMeter(e, "indexing", "entries")
	o.Progress = m.callback()
	s, err := store.Open(ctx, dir, o)
	m.done()
	if err != nil {
		return nil, err
	}
	if r := s.Repaired(); r != "" {
		fmt.Fprintf(e.stderr, "memaudit: warning: %s\n", r)
	}
	if err := s.Rollback(); err != nil {
		fmt.Fprintf(e.stderr, "memaudit: warning: %v\n", err)
	}
	return s, nil
}

// openRead opens the vault for a command that only reads. A vault this
// user cannot write (a read-only file system, a snapshot, a forensic copy)
// is opened read-only, and what that leaves undone is said on stderr.
func (v *vaultFlags) openRead(ctx context.Context, e *env, o store.Options) (*store.Store, error) {
	s, err := v.open(ctx, e, o)
	if !errors.Is(err, store.ErrReadOnly) {
		return s, err
	}
	o.ReadOnly = true
	if s, err = v.open(ctx, e, o); err != nil {
		return nil, err
	}
	fmt.Fprintf(e.stderr, "memaudit: note: %s is read-only: opened without writing anything\n", v.vault)
	for _, n := range s.Notes() {
		fmt.Fprintf(e.stderr, "memaudit: note: %s\n", n)
	}
	return s, nil
}

// openGuarded opens the vault with the write guard on (the auditor with
// default options), for the commands through which agents and imports
// write: serve, mcp, import --format hermes. actor names them in the log.
func (v *vaultFlags) openGuarded(ctx context.Context, e *env, actor string) (*store.Store, *audit.Scanner, error) {
	sc, err := audit.New(audit.Options{})
	if err != nil {
		return nil, nil, err
	}
	s, err := v.open(ctx, e, store.Options{Scanner: sc, Actor: actor})
	return s, sc, err
}

// restrictStdout makes stdout mode 0600 when it is a regular file, before a
// secret is written to it (an identity, a service token): a shell redirect
// creates the file at the umask, readable by others.
func restrictStdout(e *env) error {
	f, ok := termsafe.Raw(e.stdout).(*os.File)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	if err := f.Chmod(0o600); err != nil {
		return fmt.Errorf("make the output file private: %w", err)
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := termsafe.Raw(w).(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// hint suggests what to do about common errors.
func hint(err error) string {
	switch {
	case errors.Is(err, store.ErrWrongKey):
		return "the identity or passphrase does not open this vault; check --identity"
	case errors.Is(err, store.ErrInsecureKeyFile):
		return "run 'chmod 600' on the file, or pass --allow-loose-key-permissions"
	case errors.Is(err, store.ErrCorrupt):
		return "run 'memaudit verify' to see what is damaged"
	case errors.Is(err, store.ErrNotVault):
		return "create one with 'memaudit init'"
	case errors.Is(err, store.ErrReadOnly):
		return "this command changes the vault; on a read-only vault, verify, scan, list, search, get, export, log, stats, segments and 'policy SEGMENT' work"
	}
	return ""
}

// vaultCommand makes a command's flag set with the vault flags every
// command shares.
func vaultCommand(name string, e *env) (*vaultFlags, *pflag.FlagSet) {
	v := &vaultFlags{}
	fl := newFlags(name, e)
	v.add(fl, e)
	return v, fl
}

// newFlags makes a command's flag set. pflag calls its Usage only for
// --help (or -h), which asks for the help: it goes to stdout, like
// 'memaudit help COMMAND'. Errors go to stderr, from run.
func newFlags(name string, e *env) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(e.stdout)
	fs.SortFlags = false
	cmd, _, _ := strings.Cut(name, " ")
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: %s\n\n%s\n", commands[cmd].usage, commands[cmd].summary)
		if fs.HasFlags() {
			fmt.Fprintf(e.stdout, "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses flags and turns pflag errors into usage errors.
func parse(fs *pflag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

// printJSON writes v as indented JSON.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonLine writes v as one line of JSON.
func jsonLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// actor names the operator in the mutation log: the CLI and the user.
func actor(e *env) string {
	if u := e.getenv("USER"); u != "" {
		return "cli:" + u
	}
	return "cli"
}
