#!/usr/bin/env bash
# Compares the auditor's scan speed of two commits on a machine whose speed
# drifts (the project's shared VM alternates between two states for seconds
# to minutes): builds ./audit's test binary at each, then runs
# BenchmarkScan one second at a time, alternating, ROUNDS times, and prints
# every run and the best three of each. Runs next to each other share the
# machine's state; the best runs are the same state for both.
#
#   ./scripts/benchab.sh [BASE [HEAD [ROUNDS]]]   # defaults: HEAD~1, the working tree, 10
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD~1}
head=${2:-}
rounds=${3:-10}
bench=${BENCH:-'BenchmarkScan$'}
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/base" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

build() { # ref dir out
	if [ -z "$1" ]; then
		go test -c -o "$3" ./audit
	else
		git worktree add -q --detach "$2" "$1"
		(cd "$2" && go test -c -o "$3" ./audit)
	fi
}
build "$base" "$tmp/base" "$tmp/a.test"
if [ -n "$head" ]; then
	build "$head" "$tmp/head" "$tmp/b.test"
	git worktree remove --force "$tmp/head" >/dev/null
else
	build "" "" "$tmp/b.test"
fi

cd audit # the binaries read testdata relative to the package
for i in $(seq 1 "$rounds"); do
	for v in a b; do
		mbs=$("$tmp/$v.test" -test.run '^$' -test.bench "$bench" -test.cpu 1 -test.benchtime 1s | awk '/^Benchmark/ {print $5}')
		echo "$(date -u +%T) $v $mbs"
	done
done | tee "$tmp/runs"
echo
echo "a = ${base}, b = ${head:-working tree}; best three of ${rounds} (MB/s):"
for v in a b; do
	echo "$v: $(awk -v v=$v '$2 == v {print $3}' "$tmp/runs" | sort -n | tail -3 | tr '\n' ' ')"
done
