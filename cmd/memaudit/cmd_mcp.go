package main

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/memaudit/memaudit/internal/mcpserver"
	"github.com/memaudit/memaudit/internal/ulid"
	"github.com/memaudit/memaudit/store"
)

func init() {
	register("mcp", command{
		summary: "serve the vault to an MCP client over stdio (tools segments, remember, recall, forget, audit_findings)",
		usage:   "memaudit mcp --segment GLOB... [--rights remember,recall,forget,audit] [--session ID]",
		run:     cmdMCP,
	})
}

func cmdMCP(ctx context.Context, e *env, args []string) error {
	v, fl := vaultCommand("mcp", e)
	segs := fl.StringArray("segment", nil, "segment glob the tools reach (repeatable, required)")
	rights := fl.StringSlice("rights", []string{"remember", "recall", "forget"}, "tools to offer: remember, recall, forget, audit")
	session := fl.String("session", "", "session id for the recall log (default mcp:<new id>)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if len(*segs) == 0 {
		return usageError{"need at least one --segment GLOB: an MCP client never gets the whole vault by default"}
	}
	var rs []store.Right
	for _, r := range *rights {
		rs = append(rs, store.Right(strings.TrimSpace(r)))
	}
	for _, r := range rs {
		switch r {
		case store.RightRemember, store.RightRecall, store.RightForget, store.RightAudit:
		default:
			return usageError{"unknown right " + string(r) + " (remember, recall, forget, audit)"}
		}
	}
	if *session == "" {
		*session = "mcp:" + ulid.New(time.Now())
	}
	s, sc, err := v.openGuarded(ctx, e, "mcp")
	if err != nil {
		return err
	}
	defer s.Close()
	srv, err := mcpserver.New(s, mcpserver.Config{Segments: *segs, Rights: rs, Scanner: sc, Session: *session, Version: version().short()})
	if err != nil {
		return usageError{err.Error()}
	}
	// stdin and stdout carry the protocol; diagnostics go to stderr. The
	// session ends when stdin does, once every request read is answered,
	// or at SIGINT or SIGTERM.
	err = srv.Run(ctx, mcpserver.Stdio(e.stdin, e.stdout))
	if err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return s.Close()
}
