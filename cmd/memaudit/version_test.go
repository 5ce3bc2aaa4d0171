package main

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionFromBuildInfo(t *testing.T) {
	platform := runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
	vcs := func(rev, when, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: when}, {Key: "vcs.modified", Value: modified}}
	}
	for _, tc := range []struct {
		name        string
		bi          *debug.BuildInfo
		short, long string
	}{
		{"release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: vcs("8e394935a1b2c3d4e5f60718293a4b5c6d7e8f90", "2026-11-24T20:25:00Z", "false")},
			"v1.2.0", "memaudit v1.2.0 (commit 8e394935a1b2, 2026-11-24T20:25:00Z; " + platform + ")"},
		{"checkout with changes", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261124202500-8e394935a1b2+dirty"}, Settings: vcs("8e394935a1b2c3d4e5f60718293a4b5c6d7e8f90", "2026-11-24T20:25:00Z", "true")},
			"v0.0.0-20261124202500-8e394935a1b2+dirty", "memaudit v0.0.0-20261124202500-8e394935a1b2+dirty (commit 8e394935a1b2, 2026-11-24T20:25:00Z, uncommitted changes; " + platform + ")"},
		{"go install of a module version", &debug.BuildInfo{Main: debug.Module{Version: "v1.3.0"}},
			"v1.3.0", "memaudit v1.3.0 (" + platform + ")"},
		{"built without VCS stamping", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			"devel", "memaudit devel (" + platform + "; built without version control information)"},
		{"a commit but no module version", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("8e394935a1b2c3d4e5f60718293a4b5c6d7e8f90", "", "true")},
			"devel-8e394935a1b2-dirty", "memaudit devel-8e394935a1b2-dirty (commit 8e394935a1b2, uncommitted changes; " + platform + ")"},
		{"no build information", nil, "devel", "memaudit devel (" + platform + "; built without version control information)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := versionOf(tc.bi)
			if v.short() != tc.short {
				t.Errorf("short: %q, want %q", v.short(), tc.short)
			}
			if v.String() != tc.long {
				t.Errorf("long:\n got %q\nwant %q", v.String(), tc.long)
			}
		})
	}
}

func TestVersionCommand(t *testing.T) {
	v := &cliVault{}
	a := v.memaudit(t, "", "version")
	b := v.memaudit(t, "", "--version")
	if a.code != 0 || b.code != 0 || a.stdout != b.stdout || a.stderr != "" {
		t.Fatalf("version %+v, --version %+v", a, b)
	}
	if !strings.HasPrefix(a.stdout, "memaudit ") || !strings.Contains(a.stdout, runtime.Version()) || strings.Count(a.stdout, "\n") != 1 {
		t.Fatalf("version: %q", a.stdout)
	}
	if r := v.memaudit(t, "", "version", "extra"); r.code != 2 {
		t.Fatalf("version with an argument: %+v", r)
	}
}
