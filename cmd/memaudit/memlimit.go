package main

import "runtime/debug"

// The commands that stream a whole file or vault run with a soft limit on
// the Go heap, so that the garbage collector returns what bleve's merges
// and SQLite's batches leave behind instead of letting the heap double
// (Go's default). Measured on a 1,000,000-entry import (scripts/scale.sh):
// peak RSS 939 MB without, 647 MB with this limit (624 MB with 150 MiB),
// in no more time; the live heap peaks near 210 MB, where the collector
// then runs more often. GOMEMLIMIT, when set, wins.
const bulkMemoryLimit = 192 << 20

var bulkCommands = map[string]bool{"import": true, "scan": true, "export": true}

func limitMemory(args []string, getenv func(string) string) {
	if len(args) == 0 || !bulkCommands[args[0]] || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(bulkMemoryLimit)
}
