#!/usr/bin/env bash
# Runs memaudit on the bundled sample vault (testdata/sample-vault, built from
# testdata/sample.jsonl). It works on a copy, so the checkout stays clean.
# What it is doing goes to stderr, the commands' output to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say() { echo "sample.sh: $*" >&2; }

say "building memaudit into $work"
say "the first build compiles SQLCipher (C, through cgo) and takes a few minutes (2 to 5 measured on a 2-core machine), silent while the C compiles; later builds take seconds"
start=$SECONDS
next=15
go build -o "$work/memaudit" ./cmd/memaudit &
build=$!
while kill -0 "$build" 2>/dev/null; do
    sleep 1
    if ((SECONDS - start >= next)); then
        say "still building ($((SECONDS - start)) s)"
        next=$((next + 15))
    fi
done
wait "$build" # its exit status: a failed build stops the script here
say "built in $((SECONDS - start)) s"

say "copying testdata/sample-vault and its identity; then scan, verify, segments and search on the copy"
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
