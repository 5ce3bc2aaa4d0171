package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

func init() {
	register("version", command{
		summary: "print memaudit's version, commit and Go version",
		usage:   "memaudit version (or memaudit --version)",
		run:     cmdVersion,
	})
}

// buildVersion is what the binary knows of its own build: the module
// version the go command stamped (a release tag, a pseudo-version of the
// checkout, or "(devel)") and the commit it was built from.
type buildVersion struct {
	module   string
	revision string
	time     string
	modified bool
}

// versionOf reads the build information (nil: none, as in a binary built
// without module support).
func versionOf(bi *debug.BuildInfo) buildVersion {
	var v buildVersion
	if bi == nil {
		return v
	}
	v.module = bi.Main.Version
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.revision = s.Value
		case "vcs.time":
			v.time = s.Value
		case "vcs.modified":
			v.modified = s.Value == "true"
		}
	}
	return v
}

// version is this binary's version.
func version() buildVersion {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(bi)
}

// rev is the commit as git abbreviates it in a pseudo-version.
func (v buildVersion) rev() string {
	if len(v.revision) > 12 {
		return v.revision[:12]
	}
	return v.revision
}

// short is the version alone, as reported to MCP clients.
func (v buildVersion) short() string {
	if v.module != "" && v.module != "(devel)" {
		return v.module
	}
	s := "devel"
	if v.revision != "" {
		s += "-" + v.rev()
		if v.modified {
			s += "-dirty"
		}
	}
	return s
}

// String is the line 'memaudit version' prints.
func (v buildVersion) String() string {
	var details []string
	if v.revision != "" {
		details = append(details, "commit "+v.rev())
		if v.time != "" {
			details = append(details, v.time)
		}
		if v.modified {
			details = append(details, "uncommitted changes")
		}
	}
	platform := runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
	if len(details) > 0 {
		platform = strings.Join(details, ", ") + "; " + platform
	} else if v.short() == "devel" {
		platform += "; built without version control information"
	}
	return fmt.Sprintf("memaudit %s (%s)", v.short(), platform)
}

func cmdVersion(ctx context.Context, e *env, args []string) error {
	fl := newFlags("version", e)
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usageError{"unexpected arguments"}
	}
	fmt.Fprintln(e.stdout, version())
	return nil
}
