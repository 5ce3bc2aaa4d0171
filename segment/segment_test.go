package segment_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/memaudit/memaudit/segment"
)

func TestValidate(t *testing.T) {
	good := []string{"agent", "user/profile", "channel/telegram/dm/123456789", "channel/discord/4410/general",
		"skill/web-search", "channel/slack/équipe", "plugin:skill"}
	for _, n := range good {
		if err := segment.Validate(n); err != nil {
			t.Errorf("%q: %v", n, err)
		}
	}
	bad := []string{"", "/agent", "agent/", "a//b", "../etc", "a/./b", "a/../b", "a\x00b", "a b", "a\tb",
		"channel/*", "a?", "a[b]", `a\b`, "bad\xffutf8", strings.Repeat("a", 129), strings.Repeat("ab/", 90) + "c"}
	for _, n := range bad {
		if err := segment.Validate(n); !errors.Is(err, segment.ErrInvalidName) {
			t.Errorf("%q accepted (%v)", n, err)
		}
	}
}

func TestMatch(t *testing.T) {
	cases := []struct {
		glob, name string
		want       bool
	}{
		{"channel/telegram/*", "channel/telegram/dm", true},
		{"channel/telegram/*", "channel/telegram/dm/42", false},
		{"channel/telegram/**", "channel/telegram/dm/42", true},
		{"channel/telegram/**", "channel/telegram", true},
		{"channel/**/general", "channel/discord/1/general", true},
		{"channel/**/general", "channel/discord/1/random", false},
		{"**", "anything/at/all", true},
		{"user/profile", "user/profile", true},
		{"user/profile", "user/profiles", false},
		{"skill/web-*", "skill/web-search", true},
		{"channel/*/dm/*", "channel/slack/dm/7", true},
		{"[", "[", false},
	}
	for _, c := range cases {
		if got := segment.Match(c.glob, c.name); got != c.want {
			t.Errorf("Match(%q, %q) = %v", c.glob, c.name, got)
		}
	}
	if err := segment.ValidateGlob("a/**/b/**/c/**/d/**"); !errors.Is(err, segment.ErrInvalidGlob) {
		t.Errorf("four ** accepted: %v", err)
	}
	if err := segment.ValidateGlob("a/[b"); !errors.Is(err, segment.ErrInvalidGlob) {
		t.Errorf("bad class accepted: %v", err)
	}
}

func TestPolicy(t *testing.T) {
	p := segment.Policy{ReadFrom: []string{"user/*"}}
	if !p.CanRead("channel/x", "channel/x") || !p.CanRead("channel/x", "user/profile") || p.CanRead("channel/x", "channel/y") {
		t.Fatal("CanRead")
	}
	if (segment.Policy{}).CanRead("a", "b") {
		t.Fatal("the zero policy must read only its own segment")
	}
	for _, bad := range []segment.Policy{{ReadFrom: []string{"../x"}}, {Guard: "explode"}, {Retention: -1}, {DefaultTrust: 9}} {
		if bad.Validate() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

// FuzzMatch: any glob and name, no panic, and a validated glob with the
// maximum number of ** parts finishes quickly on the deepest name.
func FuzzMatch(f *testing.F) {
	f.Add("channel/**/x", "channel/a/b/x")
	f.Add("**/**/**", strings.Repeat("a/", 120)+"b")
	f.Fuzz(func(t *testing.T, glob, name string) {
		segment.Match(glob, name)
		if segment.ValidateGlob(glob) == nil && segment.Validate(name) == nil {
			segment.Match(glob, name)
		}
	})
}
