package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/store"
)

func TestTokenLifecycle(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	s := v.reopen(t, store.Options{Now: func() time.Time { return now }})

	tok, info, err := s.CreateToken(ctx, store.TokenSpec{Segments: []string{"channel/telegram/*"},
		Rights: []store.Right{store.RightRecall, store.RightRemember, store.RightRecall}, TTL: time.Hour, Label: "hermes"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tok, "mat_"+info.ID+"_") || len(tok) != 4+16+1+43 {
		t.Fatalf("token shape: %d bytes, id %s", len(tok), info.ID)
	}
	if len(info.Rights) != 2 || !info.Can(store.RightRecall) || info.Can(store.RightForget) {
		t.Fatalf("rights: %v", info.Rights)
	}
	got, err := s.Authenticate(ctx, tok)
	if err != nil || got.ID != info.ID || !got.Covers("channel/telegram/dm") || got.Covers("channel/discord/x") || got.Covers("channel/telegram/dm/1") {
		t.Fatalf("authenticate: %+v %v", got, err)
	}
	// Any change to the secret, the id or the shape is the same error.
	bad := []string{"", "mat_", tok[:len(tok)-1], tok + "A", strings.Replace(tok, "mat_", "mab_", 1),
		tok[:len(tok)-1] + map[bool]string{true: "B", false: "A"}[tok[len(tok)-1] == 'A'],
		"mat_0000000000000000_" + tok[len(tok)-43:]}
	for _, b := range bad {
		if _, err := s.Authenticate(ctx, b); !errors.Is(err, store.ErrBadToken) {
			t.Errorf("Authenticate(%q) = %v, want ErrBadToken", b, err)
		}
	}
	// Expiry.
	now = now.Add(time.Hour)
	if _, err := s.Authenticate(ctx, tok); !errors.Is(err, store.ErrTokenExpired) {
		t.Fatalf("after ttl: %v", err)
	}
	now = now.Add(-time.Minute)
	// Revocation, seen by another open of the same vault at once.
	other, err := store.Open(ctx, v.dir, store.Options{Identities: v.ids, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.RevokeToken(ctx, info.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, tok); !errors.Is(err, store.ErrBadToken) {
		t.Fatalf("after revoke: %v", err)
	}
	if err := s.RevokeToken(ctx, info.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second revoke: %v", err)
	}
	list, err := s.Tokens(ctx)
	if err != nil || len(list) != 1 || list[0].Revoked.IsZero() || list[0].Label != "hermes" {
		t.Fatalf("list: %+v %v", list, err)
	}
	// Creation and revocation are in the mutation log, the secret is not.
	var actions []string
	for r, err := range s.Log(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(r.Detail, tok[len(tok)-43:]) {
			t.Fatal("token secret in the log")
		}
		if r.Action == store.ActionToken {
			actions = append(actions, strings.Fields(r.Detail)[0])
		}
	}
	if strings.Join(actions, ",") != "create,revoke" {
		t.Fatalf("log: %v", actions)
	}
	// Only the hash is at rest: the secret is in no file of the vault.
	s.Close()
	other.Close()
	for _, f := range vaultFiles(t, v.dir) {
		assertNotInFile(t, f, tok[len(tok)-43:])
	}
}

func TestTokenSpecErrors(t *testing.T) {
	ctx := context.Background()
	v := newVault(t)
	for _, spec := range []store.TokenSpec{
		{Rights: []store.Right{store.RightRecall}},
		{Segments: []string{"agent"}},
		{Segments: []string{"../x"}, Rights: []store.Right{store.RightRecall}},
		{Segments: []string{"agent"}, Rights: []store.Right{"admin"}},
		{Segments: []string{"agent"}, Rights: []store.Right{store.RightRecall}, TTL: -time.Second},
		{Segments: []string{"agent"}, Rights: []store.Right{store.RightRecall}, Label: "a\nb"},
	} {
		if _, _, err := v.s.CreateToken(ctx, spec); !errors.Is(err, store.ErrInvalidToken) {
			t.Errorf("CreateToken(%+v) = %v, want ErrInvalidToken", spec, err)
		}
	}
	if list, _ := v.s.Tokens(ctx); len(list) != 0 {
		t.Fatalf("refused specs left tokens: %+v", list)
	}
}

// TestTokenFoundByAuditor: a real token pasted into memory is a finding
// (the auditor's rule and the token format agree).
func TestTokenFoundByAuditor(t *testing.T) {
	v := newVault(t)
	tok, _, err := v.s.CreateToken(context.Background(), store.TokenSpec{Segments: []string{"agent"}, Rights: []store.Right{store.RightRecall}})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := audit.New(audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := sc.Scan(context.Background(), audit.Entry{ID: "x", Text: "use this token for the plugin: " + tok})
	if len(fs) != 1 || fs[0].Rule != "memaudit-service-token" || strings.Contains(fs[0].Excerpt, tok) {
		t.Fatalf("findings: %+v", fs)
	}
}
