#!/usr/bin/env bash
# The CLI at scale: generates N memory-like JSONL entries (default 1,000,000;
# about 300 bytes of text each, 50 segments, Zipf-distributed made-up words), then
# times through the real binary, with /usr/bin/time's peak RSS:
#   memaudit init; memaudit import (one stream, one transaction);
#   memaudit search (a whole process: start, open, one query, exit), 5 times;
#   memaudit stats; memaudit scan (first), memaudit scan (rescan, nothing new);
#   memaudit export;
#   memaudit scan --jsonl on the generated file (no vault).
# N=100000 takes about a minute on 2 cores, N=1000000 about six (plus the
# build). Work files go to a temporary directory, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-1000000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# $(date -u +%FT%TZ) $(go version) on $(nproc) cores, N=$N"
grep -m1 'model name' /proc/cpuinfo || true
go build -o "$work/memaudit" ./cmd/memaudit
m="$work/memaudit"

python3 - "$N" "$work/entries.jsonl" <<'PY'
import json, random, string, sys
n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(13)
vocab = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 10))) for _ in range(20000)]
cum, total = [], 0.0
for r in range(len(vocab)):                    # Zipf, s = 1
    total += 1.0 / (r + 1)
    cum.append(total)
def words(k): return rng.choices(vocab, cum_weights=cum, k=k)
templates = [
    lambda: "prefers %s over %s when %s. " % tuple(words(3)),
    lambda: "meeting with %s about %s on %s. " % tuple(words(3)),
    lambda: "remember that %s said the %s is at %s. " % tuple(words(3)),
    lambda: "the %s for %s moved to %s last %s. " % tuple(words(4)),
]
with open(out, "w") as f:
    for i in range(n):
        text = ""
        while len(text) < 280:
            text += rng.choice(templates)()
        seg = "channel/telegram/dm/%d" % (i % 50)
        f.write(json.dumps({"segment": seg, "text": text, "source": {"kind": "user"}}) + "\n")
PY
ls -l "$work/entries.jsonl" | awk '{printf "input: %.0f MB\n", $5/1e6}'

export MEMAUDIT_VAULT="$work/vault" MEMAUDIT_IDENTITY="$work/identity"
# t LABEL COMMAND...: wall time and peak RSS (/usr/bin/time), and the peaks of
# its anonymous and file-backed parts sampled every 50 ms from /proc (the
# file-backed part is mostly bleve's mmapped index files: page cache).
t() {
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2> "$work/err" &
    local tpid=$! pid="" anon=0 file=0 a f
    while kill -0 "$tpid" 2>/dev/null; do
        [ -n "$pid" ] || pid=$(pgrep -P "$tpid" || true)
        if [ -n "$pid" ] && read -r a f < <(awk '/RssAnon/{a=$2} /RssFile/{f=$2} END{print a+0, f+0}' "/proc/$pid/status" 2>/dev/null); then
            ((a > anon)) && anon=$a
            ((f > file)) && file=$f
        fi
        sleep 0.05
    done
    local rc=0
    wait "$tpid" || rc=$?
    # scan exits 1 when it reports findings; anything else is an error.
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then cat "$work/err" >&2; exit "$rc"; fi
    local secs kb
    read -r secs kb < "$work/time"
    printf '%-36s %8.2f s  peak RSS %5d MB (sampled: anon %4d MB, file %4d MB)\n' "$label" "$secs" "$((kb / 1024))" "$((anon / 1024))" "$((file / 1024))"
}
word=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["text"].split()[1])' "$work/entries.jsonl")
t "init" "$m" init
t "import ($N entries)" "$m" import "$work/entries.jsonl"
for i in 1 2 3 4 5; do t "search (process: open, query, exit)" "$m" search --limit 10 "$word"; done
t "stats (counts every entry)" "$m" stats
t "scan (first, whole vault)" "$m" scan --format json
t "scan (rescan, nothing new)" "$m" scan --format json
t "export (the whole vault as JSONL)" "$m" export
t "scan --jsonl (the file, no vault)" "$m" scan --jsonl "$work/entries.jsonl" --format json
du -sm "$work/vault/vault.db" "$work/vault/index" | awk '{printf "%s: %s MB\n", $2, $1}' | sed "s|$work/||"
