#!/usr/bin/env bash
# Compares the auditor with gitleaks v8.30.1 (built with -tags gore2regex,
# its release configuration) on the same credential corpus, the same benign
# texts and the same 16 MB of prose. gitleaks is installed into a temporary
# GOBIN, not added to the module.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${MEMAUDIT_GITLEAKS:-}"
if [ -z "$bin" ]; then
  gobin=$(mktemp -d)
  trap 'rm -rf "$gobin"' EXIT
  GOBIN="$gobin" go install -tags gore2regex github.com/zricethezav/gitleaks/v8@v8.30.1
  bin="$gobin/gitleaks"
fi
MEMAUDIT_GITLEAKS="$bin" go test -count=1 -run 'TestGitleaksComparison' -v ./audit | sed -n '/| token kind/,/ratio/p'
