#!/usr/bin/env bash
# Runs the vault benchmarks the README quotes, on a vault of
# MEMAUDIT_BENCH_N entries (default 100,000; the README also quotes 10,000 and
# 1,000,000) of memory-like sentences of about 300 bytes, encrypted and
# through the benchmark-only plaintext path, RUNS times each (default 3).
# At 100,000 entries it takes about ten minutes on 2 cores; at 1,000,000 run
# it with RUNS=1 (about an hour, most of it building the two vaults).
set -euo pipefail
cd "$(dirname "$0")/.."
export MEMAUDIT_BENCH_N="${MEMAUDIT_BENCH_N:-100000}"
runs="${RUNS:-3}"
echo "# $(date -u +%FT%TZ) $(go version) on $(nproc) cores, N=$MEMAUDIT_BENCH_N, $runs run(s)"
grep -m1 'model name' /proc/cpuinfo || true
b() { go test -run '^$' -count "$runs" -timeout 180m "$@" ./store | grep -E '^Benchmark'; }
# Import: the whole vault in transactions of 10,000 (the plaintext vault beside).
b -bench 'Import' -benchtime 1x   # RememberBatch in transactions of 10,000, and Import (one stream, as memaudit import)
# One durable Remember; recall from one segment and from the whole vault, two
# query mixes (hits/query says how many entries each query matches); Open.
b -bench 'Remember|Recall|Open' -benchtime 2000x
# The auditor over the whole vault, then a rescan with nothing new.
b -bench 'ScanVault' -benchtime 1x
# Key rotation against copying the vault's files.
b -bench 'Rotate' -benchtime 1x
# The memory service under load: the real server on a Unix socket, 4 clients
# back to back (MEMAUDIT_LOAD_CLIENTS), 20,000 requests of each kind on a
# vault of 10,000 entries (MEMAUDIT_LOAD_ENTRIES).
go test -run '^$' -count "$runs" -bench 'ServiceLoad' -benchtime 20000x -timeout 30m ./internal/server | grep -E '^Benchmark'
