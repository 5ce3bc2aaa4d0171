package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/store"
)

func init() {
	register("init", command{
		summary: "create a vault (and an identity if the file does not exist)",
		usage:   "memaudit init --vault DIR --identity FILE [--recipient R]... [--passphrase-file F]",
		run:     cmdInit,
	})
}

func cmdInit(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("init", e)
	recipients := fl.StringArray("recipient", nil, "also wrap the key to this age1..., age1pq1... or SSH public key (repeatable)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if v.vault == "" {
		return usageError{"no vault: give --vault DIR"}
	}
	if fl.NArg() > 0 {
		return usageError{"unexpected arguments"}
	}
	var rs []store.Recipient
	if v.identity != "" {
		_, err := os.Stat(v.identity)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			g, err := keyring.Generate(false)
			if err != nil {
				return err
			}
			if err := keyring.WriteIdentityFile(v.identity, g); err != nil {
				return fmt.Errorf("write identity: %w", err)
			}
			fmt.Fprintf(e.stderr, "memaudit: wrote a new identity to %s (public key %s); back it up: without it the vault cannot be opened\n", v.identity, g.Recipient.Label)
			rs = append(rs, g.Recipient)
		case err != nil:
			return err
		default:
			ids, err := keyring.LoadIdentityFile(v.identity, v.allowLoose)
			if err != nil {
				return err
			}
			r, err := keyring.RecipientOf(ids[0])
			if err != nil {
				return err
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
	s, err := store.Create(ctx, v.vault, store.CreateOptions{Recipients: rs})
	if err != nil {
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "memaudit: created vault %s with %d key slot(s)\n", v.vault, len(rs))
	return nil
}
