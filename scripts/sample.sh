#!/usr/bin/env bash
# Runs memaudit on the bundled sample vault (testdata/sample-vault, built from
# testdata/sample.jsonl). It works on a copy, so the checkout stays clean.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/memaudit" ./cmd/memaudit
cp -r testdata/sample-vault "$work/vault"
install -m 600 testdata/sample-vault.identity "$work/identity"  # git checks files out 0644
export MEMAUDIT_VAULT="$work/vault" MEMAUDIT_IDENTITY="$work/identity"
m="$work/memaudit"

echo "\$ memaudit scan      # the main job: what was planted, what leaked, where it came from"
set +e
"$m" scan --format table
code=$?
set -e
# scan exits 1 when it reports findings at or above --fail-on, as it must
# on this sample; anything else is an error.
[ "$code" -eq 1 ] || { echo "memaudit scan exited $code, want 1" >&2; exit 1; }
echo
echo "\$ memaudit verify"
"$m" verify
echo
echo "\$ memaudit segments"
"$m" segments
echo
echo "\$ memaudit search 'instructions keys'   # the operator's view: every segment"
"$m" search 'instructions keys'
