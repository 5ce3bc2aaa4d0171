package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestLimitMemory(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(prev)
	none := func(string) string { return "" }
	cases := []struct {
		args   []string
		getenv func(string) string
		want   int64
	}{
		{[]string{"import", "f.jsonl"}, none, bulkMemoryLimit},
		{[]string{"scan"}, none, bulkMemoryLimit},
		{[]string{"serve"}, none, math.MaxInt64},
		{nil, none, math.MaxInt64},
		{[]string{"import", "f.jsonl"}, func(k string) string {
			if k == "GOMEMLIMIT" {
				return "1GiB"
			}
			return ""
		}, math.MaxInt64},
	}
	for _, c := range cases {
		debug.SetMemoryLimit(math.MaxInt64)
		limitMemory(c.args, c.getenv)
		if got := debug.SetMemoryLimit(-1); got != c.want {
			t.Errorf("limitMemory(%q): limit %d, want %d", c.args, got, c.want)
		}
	}
}
