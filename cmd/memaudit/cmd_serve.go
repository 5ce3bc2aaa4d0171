package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/memaudit/memaudit/internal/server"
	"github.com/memaudit/memaudit/store"
)

func init() {
	register("serve", command{
		summary: "serve the vault to local agents over a Unix socket (HTTP/JSON, bearer tokens)",
		usage:   "memaudit serve [--socket PATH] [--listen 127.0.0.1:PORT] [--rate N] [--backup-every 1h --backup-to TARGET]",
		run:     cmdServe,
	})
	register("token", command{
		summary: "create, list or revoke service tokens (scoped to segments and rights)",
		usage:   "memaudit token create --segment GLOB... --rights remember,recall[,forget,audit] [--ttl 720h] [--label L] | token list [--json] | token revoke ID",
		run:     cmdToken,
	})
}

// defaultSocket is the socket next to the vault: inside its 0700 directory.
func defaultSocket(vault string) string { return filepath.Join(vault, "memaudit.sock") }

func cmdServe(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("serve", e)
	socket := fl.String("socket", "", "Unix socket path (default VAULT/memaudit.sock)")
	listen := fl.String("listen", "", "also (or, with --socket none, only) serve on this loopback TCP address")
	dangerous := fl.Bool("dangerously-listen-non-loopback", false, "allow a --listen address other machines can reach (no TLS: tokens and memory cross the network in clear)")
	rate := fl.Float64("rate", 200, "requests per second per token (bursts of twice that; negative: no limit)")
	maxBody := fl.Int64("max-body", 8<<20, "largest request body in bytes")
	grace := fl.Duration("grace", 10*time.Second, "how long shutdown waits for requests in flight")
	backupEvery := fl.Duration("backup-every", 0, "back the vault up to --backup-to this often (e.g. 1h)")
	backupTo := fl.String("backup-to", "", "backup target for --backup-every: s3://bucket/prefix or DIR")
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 0 {
		return usageError{"serve takes no arguments"}
	}
	if (*backupEvery > 0) != (*backupTo != "") {
		return usageError{"--backup-every and --backup-to go together"}
	}
	s, sc, err := v.openGuarded(ctx, e, "serve")
	if err != nil {
		return err
	}
	defer s.Close()
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	if *socket != "none" {
		path := *socket
		if path == "" {
			path = defaultSocket(v.vault)
		}
		l, err := server.ListenUnix(path)
		if err != nil {
			return err
		}
		ls = append(ls, l)
		fmt.Fprintf(e.stderr, "memaudit: serving on unix:%s\n", path)
	}
	if *listen != "" {
		l, err := server.ListenTCP(*listen, *dangerous)
		if err != nil {
			if errors.Is(err, server.ErrNotLoopback) {
				return usageError{err.Error()}
			}
			return err
		}
		ls = append(ls, l)
		if *dangerous {
			fmt.Fprintf(e.stderr, "memaudit: warning: serving on %s without TLS; anyone on the network path can read tokens and memory\n", l.Addr())
		}
		fmt.Fprintf(e.stderr, "memaudit: serving on http://%s\n", l.Addr())
	}
	if len(ls) == 0 {
		return usageError{"nothing to serve on: --socket none needs --listen"}
	}
	srv := server.New(s, server.Options{Rate: *rate, MaxBodyBytes: *maxBody, Scanner: sc,
		ErrorLog: func(err error) { fmt.Fprintf(e.stderr, "memaudit: internal error: %v\n", err) }})
	stopBackups := func() {}
	if *backupEvery > 0 {
		bctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { defer close(done); backupLoop(bctx, e, s, *backupTo, *backupEvery) }()
		stopBackups = func() { cancel(); <-done }
		fmt.Fprintf(e.stderr, "memaudit: backing up to %s every %s\n", *backupTo, *backupEvery)
	}
	defer func() { stopBackups() }()
	errc := make(chan error, len(ls))
	for _, l := range ls {
		go func() { errc <- srv.Serve(ctx, l, *grace) }()
	}
	var first error
	for range ls {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	stopBackups() // before the store closes
	stopBackups = func() {}
	if first != nil {
		return first
	}
	fmt.Fprintln(e.stderr, "memaudit: stopped; requests in flight finished")
	return s.Close()
}

func cmdToken(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError{"need create, list or revoke"}
	}
	sub, rest := args[0], args[1:]
	if strings.HasPrefix(sub, "-") { // --help, or a flag before the subcommand
		sub, rest = "", args
	}
	v, fl := vaultCommand("token", e)
	segs := fl.StringArray("segment", nil, "segment glob the token reaches (repeatable)")
	rights := fl.StringSlice("rights", nil, "comma-separated: remember, recall, forget, audit")
	ttl := fl.Duration("ttl", 0, "expire the token after this long (default never)")
	label := fl.String("label", "", "a note: which agent holds the token")
	asJSON := fl.Bool("json", false, "list as JSON")
	if err := parse(fl, rest); err != nil {
		return err
	}
	switch sub {
	case "create", "list", "revoke":
	case "":
		return usageError{"need create, list or revoke before the flags"}
	default:
		return usageError{fmt.Sprintf("unknown token command %q (create, list, revoke)", sub)}
	}
	s, err := v.open(ctx, e, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	switch sub {
	case "create":
		if fl.NArg() != 0 {
			return usageError{"token create takes flags only"}
		}
		spec := store.TokenSpec{Segments: *segs, TTL: *ttl, Label: *label}
		for _, r := range *rights {
			spec.Rights = append(spec.Rights, store.Right(strings.TrimSpace(r)))
		}
		if err := restrictStdout(e); err != nil {
			return err
		}
		tok, info, err := s.CreateToken(ctx, spec)
		if errors.Is(err, store.ErrInvalidToken) {
			return usageError{err.Error()}
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, tok)
		exp := "never expires"
		if !info.Expires.IsZero() {
			exp = "expires " + info.Expires.Format(time.RFC3339)
		}
		fmt.Fprintf(e.stderr, "memaudit: token %s for %s, rights %v, %s; shown once, keep it in the agent's config\n",
			info.ID, strings.Join(info.Segments, " "), info.Rights, exp)
	case "list":
		list, err := s.Tokens(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(e.stdout, list)
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSTATE\tSEGMENTS\tRIGHTS\tCREATED\tEXPIRES\tLABEL")
		now := time.Now()
		for _, t := range list {
			state, exp := "active", "never"
			if !t.Expires.IsZero() {
				exp = t.Expires.Format(time.RFC3339)
				if !now.Before(t.Expires) {
					state = "expired"
				}
			}
			if !t.Revoked.IsZero() {
				state = "revoked"
			}
			var rs []string
			for _, r := range t.Rights {
				rs = append(rs, string(r))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, state, strings.Join(t.Segments, " "), strings.Join(rs, ","),
				t.Created.Format(time.RFC3339), exp, t.Label)
		}
		return tw.Flush()
	case "revoke":
		if fl.NArg() == 0 {
			return usageError{"need the ID of a token (see token list)"}
		}
		for _, id := range fl.Args() {
			if err := s.RevokeToken(ctx, id); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "memaudit: revoked token %s\n", id)
		}
	}
	return s.Close()
}
