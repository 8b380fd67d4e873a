#!/usr/bin/env bash
# Differential test of contractctl's Protobuf lint / breaking against buf.
#
# Runs `buf lint --error-format json` and `buf breaking HEAD --against BASE
# --error-format json` and `contractctl lint|diff --format json` on
#   1. our fixtures: testdata/lint/protobuf/<case>/ and
#      testdata/diff/protobuf/<case>/{base,head}/
#   2. the googleapis trees in ../shared/bench/googleapis/ (skipped when absent)
# and lists the disagreements by (file, line, rule). Only buf's rule IDs
# are compared; contractctl's house rules are counted separately.
#
# Needs buf 1.75.0: npm i --prefix /tmp/peers @bufbuild/buf@1.75.0
# usage: bench/vs-buf.sh [fixtures|googleapis|all]   (default all)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WHAT=${1:-all}
BUF=${BUF:-/tmp/peers/node_modules/@bufbuild/buf-linux-x64/bin/buf}
[ -x "$BUF" ] || BUF=/tmp/peers/node_modules/.bin/buf
[ -x "$BUF" ] || { echo "buf not found; npm i --prefix /tmp/peers @bufbuild/buf@1.75.0" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
go build -o "$WORK/contractctl" ./cmd/contractctl
# contractctl runs in copies outside any git repository, so that each tree
# is its own root, as buf treats it.
ours() { "$WORK/contractctl" "$@" --format json --fail-on none; }
CMP="python3 $ROOT/bench/vsbuf_compare.py"
V2='{"version":"v2"}'

bufcfg() { # a buf.yaml in DIR, or the v2 defaults
  if [ -f "$1/buf.yaml" ]; then echo "$1/buf.yaml"; else echo "$V2"; fi
}

if [ "$WHAT" = fixtures ] || [ "$WHAT" = all ]; then
  echo "## lint fixtures (testdata/lint/protobuf)"
  : > "$WORK/buf-lint.jsonl"; : > "$WORK/our-lint.jsonl"
  for d in testdata/lint/protobuf/*/; do
    c=$(basename "$d")
    (cd "$d" && "$BUF" lint --config "$(bufcfg .)" --error-format json || true) |
      sed "s#\"path\":\"#\"path\":\"$c/#" >> "$WORK/buf-lint.jsonl"
    rm -rf "$WORK/case" && cp -r "$d" "$WORK/case"
    (cd "$WORK/case" && ours lint .) | sed "s#\"file\": \"#\"file\": \"$c/#" > "$WORK/our-lint-$c.json"
  done
  python3 -c 'import json,sys; print(json.dumps({"findings": [f for p in sys.argv[1:] for f in json.load(open(p))["findings"]]}))' "$WORK"/our-lint-*.json > "$WORK/our-lint.json"
  $CMP "$WORK/buf-lint.jsonl" "$WORK/our-lint.json" --show 50
  echo
  echo "## breaking fixtures (testdata/diff/protobuf)"
  : > "$WORK/buf-brk.jsonl"; : > "$WORK/our-brk.jsonl"
  for d in testdata/diff/protobuf/*/; do
    c=$(basename "$d")
    (cd "$d/head" && "$BUF" breaking --config "$(bufcfg .)" --against ../base --error-format json || true) |
      sed "s#\"path\":\"#\"path\":\"$c/#; s#file \\\\\"#file \\\\\"$c/#" >> "$WORK/buf-brk.jsonl"
    rm -rf "$WORK/case" && cp -r "$d" "$WORK/case"
    (cd "$WORK/case/head" && ours diff ../base .) |
      sed "s#\"file\": \"\(\.\./base/\)\{0,1\}#\"file\": \"$c/#; s#file \\\\\"#file \\\\\"$c/#" > "$WORK/our-brk-$c.json"
  done
  python3 -c 'import json,sys; print(json.dumps({"findings": [f for p in sys.argv[1:] for f in json.load(open(p))["findings"]]}))' "$WORK"/our-brk-*.json > "$WORK/our-brk.json"
  $CMP "$WORK/buf-brk.jsonl" "$WORK/our-brk.json" --show 50
  echo
fi

GA="$ROOT/../shared/bench/googleapis"
if { [ "$WHAT" = googleapis ] || [ "$WHAT" = all ]; } && [ -d "$GA" ]; then
  mkdir -p "$WORK/old" "$WORK/new"
  tar -xzf "$GA"/googleapis-2025-08-21-*.tar.gz -C "$WORK/old"
  tar -xzf "$GA"/googleapis-2026-08-22-*.tar.gz -C "$WORK/new"
  echo "## googleapis lint (STANDARD), new tree"
  (cd "$WORK/new" && "$BUF" lint --error-format json > "$WORK/ga-buf-lint.jsonl" || true)
  (cd "$WORK/new" && ours lint . > "$WORK/ga-our-lint.json")
  $CMP "$WORK/ga-buf-lint.jsonl" "$WORK/ga-our-lint.json" --show 30
  echo
  echo "## googleapis breaking (FILE), new against old"
  (cd "$WORK/new" && "$BUF" breaking --against ../old --error-format json > "$WORK/ga-buf-brk.jsonl" || true)
  (cd "$WORK/new" && ours diff ../old . > "$WORK/ga-our-brk.json")
  $CMP "$WORK/ga-buf-brk.jsonl" "$WORK/ga-our-brk.json" --show 30
elif [ "$WHAT" != fixtures ]; then
  echo "googleapis trees not found at $GA; skipped"
fi
