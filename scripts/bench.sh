#!/usr/bin/env bash
# Runs the vault benchmarks the README quotes, on a vault of
# MEMAUDIT_BENCH_N entries (default 100,000) of about 300 bytes, encrypted
# and through the benchmark-only plaintext path. Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export MEMAUDIT_BENCH_N="${MEMAUDIT_BENCH_N:-100000}"
echo "# $(date -u +%FT%TZ) $(go version) on $(nproc) cores, N=$MEMAUDIT_BENCH_N"
grep -m1 'model name' /proc/cpuinfo || true
go test -run '^$' -bench 'Import' -benchtime 1x -timeout 60m ./store
go test -run '^$' -bench 'Remember|Recall|Open' -benchtime 2000x -timeout 60m ./store
# The memory service under load: the real server on a Unix socket, 4 clients
# back to back (MEMAUDIT_LOAD_CLIENTS), 20,000 requests of each kind on a
# vault of 10,000 entries (MEMAUDIT_LOAD_ENTRIES).
go test -run '^$' -bench 'ServiceLoad' -benchtime 20000x -timeout 30m ./internal/server
