package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"filippo.io/age"

	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/store"
)

func init() {
	register("keys", command{
		summary: "list, add or remove key slots (who can open the vault)",
		usage:   "memaudit keys list | keys add --recipient R | --recipients-file F | --ssh-key FILE | --new-passphrase-file F | keys remove SLOT [--force]",
		run:     cmdKeys,
	})
	register("keygen", command{
		summary: "write a new age identity (X25519, or post-quantum hybrid with --pq) to stdout, mode 0600 when it is a file",
		usage:   "memaudit keygen [--pq] > FILE",
		run:     cmdKeygen,
	})
	register("rotate-key", command{
		summary: "replace the data key (crash-safe), or with --rewrap-only change who can open the vault",
		usage:   "memaudit rotate-key [--new-passphrase-file F] | rotate-key --rewrap-only --recipient R... [--new-passphrase-file F]",
		run:     cmdRotate,
	})
}

func cmdKeygen(ctx context.Context, e *env, args []string) error {
	fl := newFlags("keygen", e)
	pq := fl.Bool("pq", false, "a post-quantum hybrid identity (ML-KEM-768 + X25519, age 1.3)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if err := restrictStdout(e); err != nil {
		return err
	}
	g, err := keyring.Generate(*pq)
	if err != nil {
		return err
	}
	if _, err := e.stdout.Write(g.File); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "memaudit: public key: %s\n", g.Recipient.Text)
	return nil
}

// newRecipients reads the recipients of --recipient, --recipients-file,
// --ssh-key and --new-passphrase-file.
func newRecipients(recips []string, files []string, sshKeys []string, passFile string, allowLoose bool) ([]store.Recipient, error) {
	var rs []store.Recipient
	for _, r := range recips {
		x, err := keyring.ParseRecipient(r)
		if err != nil {
			return nil, usageError{err.Error()}
		}
		rs = append(rs, x)
	}
	for _, path := range append(append([]string{}, files...), sshKeys...) {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		for _, line := range splitNonEmpty(string(b)) {
			x, err := keyring.ParseRecipient(line)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			rs = append(rs, x)
		}
	}
	if passFile != "" {
		pass, err := keyring.ReadPassphraseFile(passFile, allowLoose)
		if err != nil {
			return nil, err
		}
		x, err := keyring.PassphraseRecipient(pass)
		if err != nil {
			return nil, err
		}
		rs = append(rs, x)
	}
	return rs, nil
}

func splitNonEmpty(s string) []string {
	var out []string
	for _, l := range splitLines(s) {
		if l != "" && l[0] != '#' {
			out = append(out, l)
		}
	}
	return out
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			line := s[start:i]
			for len(line) > 0 && (line[len(line)-1] == '\r' || line[len(line)-1] == ' ') {
				line = line[:len(line)-1]
			}
			out = append(out, line)
			start = i + 1
		}
	}
	return out
}

func cmdKeys(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError{"need list, add or remove"}
	}
	sub, rest := args[0], args[1:]
	if strings.HasPrefix(sub, "-") { // --help, or a flag before the subcommand
		sub, rest = "", args
	}
	v, fl := vaultCommand("keys", e)
	recips := fl.StringArray("recipient", nil, "age1..., age1pq1... or SSH public key line (repeatable)")
	files := fl.StringArray("recipients-file", nil, "file of recipients, one a line")
	sshKeys := fl.StringArray("ssh-key", nil, "SSH public key file (.pub)")
	passFile := fl.String("new-passphrase-file", "", "add a passphrase slot with the passphrase in this file")
	force := fl.Bool("force", false, "remove even the last slot the current identity opens")
	if err := parse(fl, rest); err != nil {
		return err
	}
	switch sub {
	case "list", "add", "remove":
	case "":
		return usageError{"need list, add or remove before the flags"}
	default:
		return usageError{fmt.Sprintf("unknown keys command %q (list, add, remove)", sub)}
	}
	s, err := v.open(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	switch sub {
	case "list":
		slots, err := s.KeySlots()
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SLOT\tTYPE\tADDED\tYOU\tLABEL")
		for _, sl := range slots {
			you := ""
			if sl.Opens {
				you = "*"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", sl.ID, sl.Type, sl.Added.Format(time.RFC3339), you, sl.Label)
		}
		return tw.Flush()
	case "add":
		rs, err := newRecipients(*recips, *files, *sshKeys, *passFile, v.allowLoose)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return usageError{"nothing to add: give --recipient, --recipients-file, --ssh-key or --new-passphrase-file"}
		}
		for _, r := range rs {
			if err := s.AddKeySlot(ctx, r); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "memaudit: added a %s slot\n", r.Type)
		}
	case "remove":
		if fl.NArg() != 1 {
			return usageError{"need one SLOT number (see keys list)"}
		}
		id, err := strconv.Atoi(fl.Arg(0))
		if err != nil {
			return usageError{"SLOT is a number (see keys list)"}
		}
		if err := s.RemoveKeySlot(ctx, id, *force); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "memaudit: removed slot %d\n", id)
	}
	return s.Close()
}

func cmdRotate(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("rotate-key", e)
	rewrapOnly := fl.Bool("rewrap-only", false, "keep the data key, replace the slots with the given recipients")
	recips := fl.StringArray("recipient", nil, "age1..., age1pq1... or SSH public key line (repeatable)")
	files := fl.StringArray("recipients-file", nil, "file of recipients, one a line")
	passFile := fl.String("new-passphrase-file", "", "also a passphrase slot with the passphrase in this file")
	if err := parse(fl, args); err != nil {
		return err
	}
	rs, err := newRecipients(*recips, *files, nil, *passFile, v.allowLoose)
	if err != nil {
		return err
	}
	if !*rewrapOnly {
		// Full rotation: a new data key for the same slots (plus any
		// given here; a passphrase slot needs --new-passphrase-file).
		dir, err := v.vaultDir()
		if err != nil {
			return err
		}
		ids, err := v.identities()
		if err != nil {
			return err
		}
		return rotate(ctx, e, v, dir, ids, rs)
	}
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		return usageError{"need the new slots: --recipient, --recipients-file or --new-passphrase-file"}
	}
	s, err := v.open(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	if err := s.Rewrap(ctx, rs); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "memaudit: rewrapped the data key to %d slot(s) in %v\n", len(rs), time.Since(start).Round(time.Millisecond))
	return s.Close()
}

// rotate replaces the data key: the database and the index are both
// re-encrypted under the new one (store.Rotate), so the next open rebuilds
// nothing.
func rotate(ctx context.Context, e *env, v *vaultFlags, dir string, ids []age.Identity, rs []store.Recipient) error {
	start := time.Now()
	m := newMeter(e, "re-encrypting the database and the index under a new key", "")
	stop := m.ticking()
	err := store.Rotate(ctx, dir, store.Options{Identities: ids, Actor: actor(e)}, rs)
	stop()
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		// Rotate stops only before the new database takes the old one's
		// place; an open rolls back a pending key it left.
		return errors.New("interrupted before the new key took over: the vault keeps its old key (the next open rolls back what was started)")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "memaudit: rotated the data key of the database and the index in %v; the old key opens nothing in this vault now\n", time.Since(start).Round(time.Millisecond))
	return nil
}
