#!/usr/bin/env bash
# Prints the auditor's evaluation tables (own corpus in testdata/ and the
# public datasets in ../shared/datasets, when present) and its scan speed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
MEMAUDIT_EVAL_OUT="$out" go test -count=1 -run 'TestEvaluation' ./audit > /dev/null
cat "$out"
go test -run '^$' -bench 'BenchmarkScan$' -cpu 1 -benchtime 3s ./audit | grep Benchmark
