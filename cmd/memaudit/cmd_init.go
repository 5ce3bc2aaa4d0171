package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/memaudit/memaudit/internal/fsutil"
	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/store"
)

func init() {
	register("init", command{
		summary: "create a vault (and an identity if the file does not exist)",
		usage:   "memaudit init [--vault DIR] [--identity FILE] [--recipient R]... [--passphrase-file F]",
		run:     cmdInit,
	})
}

func cmdInit(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("init", e)
	recipients := fl.StringArray("recipient", nil, "also wrap the key to this age1..., age1pq1... or SSH public key (repeatable)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usageError{"unexpected arguments"}
	}
	dir, defaulted := v.vault, false
	if dir == "" {
		if v.defVault == "" {
			return usageError{"no vault: give --vault DIR or set MEMAUDIT_VAULT (there is no default location without $HOME)"}
		}
		dir, defaulted = v.defVault, true
	}
	// Refuse before an identity is written for a vault that will not be.
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return fmt.Errorf("create vault %s: %w (directory not empty)", dir, store.ErrExists)
	}
	// Nothing named to wrap the key to: the identity at the default
	// location, made now or already there (one identity may open several
	// vaults, like an SSH key).
	idPath, idDefaulted := v.identity, false
	if idPath == "" && v.passphraseFile == "" && len(*recipients) == 0 && v.defIdentity != "" {
		idPath, idDefaulted = v.defIdentity, true
	}
	var rs []store.Recipient
	if idPath != "" {
		_, err := os.Stat(idPath)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if err := makeIdentityDir(idPath, idDefaulted); err != nil {
				return err
			}
			g, err := keyring.Generate(false)
			if err != nil {
				return err
			}
			if err := keyring.WriteIdentityFile(idPath, g); err != nil {
				return fmt.Errorf("write identity: %w", err)
			}
			fmt.Fprintf(e.stderr, "memaudit: wrote a new identity to %s (public key %s); back it up, apart from the vault's backups: without it the vault cannot be opened\n", idPath, g.Recipient.Label)
			rs = append(rs, g.Recipient)
		case err != nil:
			return err
		default:
			ids, err := keyring.LoadIdentityFile(idPath, v.allowLoose)
			if err != nil {
				return err
			}
			r, err := keyring.RecipientOf(ids[0])
			if err != nil {
				return err
			}
			if idDefaulted {
				fmt.Fprintf(e.stderr, "memaudit: using the identity at %s\n", idPath)
			}
			rs = append(rs, r)
		}
	}
	for _, s := range *recipients {
		r, err := keyring.ParseRecipient(s)
		if err != nil {
			return usageError{err.Error()}
		}
		rs = append(rs, r)
	}
	if v.passphraseFile != "" {
		pass, err := keyring.ReadPassphraseFile(v.passphraseFile, v.allowLoose)
		if err != nil {
			return err
		}
		r, err := keyring.PassphraseRecipient(pass)
		if err != nil {
			return err
		}
		rs = append(rs, r)
	}
	if len(rs) == 0 {
		return usageError{"nothing to wrap the key to: give --identity, --recipient or --passphrase-file"}
	}
	s, err := store.Create(ctx, dir, store.CreateOptions{Recipients: rs})
	if err != nil {
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "memaudit: created vault %s with %d key slot(s)\n", dir, len(rs))
	switch {
	case defaulted && idDefaulted:
		fmt.Fprintf(e.stderr, "memaudit: other commands find the vault and the identity there with nothing set; --vault and --identity (or MEMAUDIT_VAULT and MEMAUDIT_IDENTITY) name others\n")
	case defaulted:
		fmt.Fprintf(e.stderr, "memaudit: other commands find the vault there with nothing set; --vault (or MEMAUDIT_VAULT) names another\n")
	case idDefaulted:
		fmt.Fprintf(e.stderr, "memaudit: other commands find the identity there with nothing set; --identity (or MEMAUDIT_IDENTITY) names another\n")
	}
	return nil
}

// makeIdentityDir creates the directory a new identity file goes in. The
// default one (memaudit's own) is made private even if it exists; a
// directory the operator named is created private if it is missing and
// otherwise left as it is (it may be their home).
func makeIdentityDir(path string, own bool) error {
	dir := filepath.Dir(path)
	if own {
		return fsutil.MkdirPrivate(dir)
	}
	return os.MkdirAll(dir, fsutil.DirMode)
}
