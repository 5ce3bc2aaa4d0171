package audit

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzScan: arbitrary bytes never panic, spans stay inside the text, and no
// excerpt repeats a credential in full.
func FuzzScan(f *testing.F) {
	s, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	for _, g := range []string{"github", "openai", "telegram", "jwt", "pem", "gcp-sa", "basic"} {
		f.Add("token " + generators[g]() + " end")
	}
	f.Add("postgres://u:" + fakePassword() + "@h/db")
	f.Add(strings.Repeat("sk-", 1000))
	f.Add("\xff\xfe-----BEGIN PRIVATE KEY-----")
	f.Fuzz(func(t *testing.T, text string) {
		start := time.Now()
		for _, fd := range s.Scan(context.Background(), Entry{Text: text}) {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End {
				t.Fatalf("span %d-%d of %d", fd.Start, fd.End, len(text))
			}
			secret := text[fd.Start:fd.End]
			if fd.Category == Credential && len(secret) >= 16 && strings.Contains(fd.Excerpt, secret) {
				t.Fatalf("excerpt holds the secret")
			}
			if utf8.ValidString(text) && !utf8.ValidString(fd.Excerpt) {
				t.Fatalf("excerpt broke UTF-8: %q", fd.Excerpt)
			}
		}
		if d := time.Since(start); d > time.Second {
			t.Fatalf("%d bytes took %v", len(text), d)
		}
	})
}

// Pathological repetition stays linear.
func TestRepetitionIsLinear(t *testing.T) {
	s := newScanner(t, Options{})
	for _, unit := range []string{"sk-", "eyJ", ":AA", "discord M", "-----BEGIN ", "-----BEGIN PRIVATE KEY-----\n", "PuTTY-User-Key-File-2 Private-Lines: ",
		`"private_key" service_account `, "service_account", "://a:b", "bearer ", "Authorization: Basic ", "password is x ", "accountkey=", "sig=sv=", "a"} {
		text := strings.Repeat(unit, (1<<20)/len(unit))
		start := time.Now()
		s.Scan(context.Background(), Entry{Text: text})
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("1 MB of %q took %v", unit, d)
		}
	}
}
