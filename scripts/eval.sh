#!/usr/bin/env bash
# Prints the auditor's evaluation tables: every set of audit/testdata/split.json
# (own corpus in testdata/, the public datasets in ../shared/datasets when
# present, generated tune rows), marked seen or unseen, with recall per
# category and source kind and false-positive rates, for the whole engine and
# for the rules alone; then the learned layer's tune report and the scan speed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
MEMAUDIT_EVAL_OUT="$out" go test -count=1 -run 'TestEvaluation' ./audit > /dev/null
cat "$out"
echo
echo "Learned layer, as the training command reports it (thresholds chosen on the tune rows):"
go test -count=1 -run '^TestModelReproducible$' -v ./audit | sed -n '/trained on/,/^---/p' | grep -v '^---' | sed 's/^ *//'
go test -run '^$' -bench 'BenchmarkScan$|BenchmarkScanRulesOnly|BenchmarkLearned' -cpu 1 -benchtime 3s -count 3 ./audit | grep Benchmark
