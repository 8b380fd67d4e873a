#!/usr/bin/env bash
# Compares contractctl's AsyncAPI breaking verdicts with @asyncapi/diff@0.5.0
# on pairs made by editing the bench documents (../shared/bench/asyncapi).
#
#   bench/vs-asyncapi-diff.sh            # make pairs in a temp dir, compare
#   KEEP=1 bench/vs-asyncapi-diff.sh     # keep the temp dir (printed)
#   PAIRS=dir bench/vs-asyncapi-diff.sh  # reuse pairs made by an earlier run
#
# Needs node and npm (installs the peer into $PEERS, default /tmp/peers).
# Prints one line per disagreement and a summary; justified disagreements
# are written up in docs/vs-asyncapi-diff.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${BENCH:-$root/../shared/bench/asyncapi}
peers=${PEERS:-/tmp/peers}
[ -d "$bench" ] || { echo "no bench documents at $bench" >&2; exit 2; }

if [ ! -d "$peers/node_modules/@asyncapi/diff" ] || [ ! -d "$peers/node_modules/@asyncapi/parser" ]; then
  npm i --silent --prefix "$peers" @asyncapi/diff@0.5.0 @asyncapi/parser@3 js-yaml@4 >&2
fi

work=$(mktemp -d)
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "work dir: $work" >&2; fi
(cd "$root" && go build -o "$work/contractctl" ./cmd/contractctl)

# ours DIR prints contractctl's verdict on DIR/base.yaml → DIR/head.yaml as
# {"breaking":…,"rules":[…]}: breaking when any error finding other than
# the version-bump one (which follows from the others) is reported.
ours() {
  (cd "$1" && "$work/contractctl" diff base.yaml head.yaml --changelog --format json --fail-on none 2>&1) |
    python3 -c '
import json, sys
text = sys.stdin.read()
try:
    fs = json.loads(text)["findings"]
except ValueError:
    print(json.dumps({"breaking": False, "rules": [], "error": text.strip()})); sys.exit()
rules = [f["severity"] + " " + f["rule"] for f in fs if f["rule"] != "asyncapi-version-bump-required"]
print(json.dumps({"breaking": any(r.startswith("error ") for r in rules), "rules": rules}, separators=(",", ":")))'
}

pairs=${PAIRS:-$work/pairs}
if [ -z "${PAIRS:-}" ]; then
  start=$(date +%s)
  PEERS="$peers" node "$root/bench/asyncapi-diff-peer.mjs" "$bench" "$pairs"
  echo "peer: $(( $(date +%s) - start )) s for all pairs (parse + diff)" >&2
fi

agree=0 disagree=0 beyond=0 skipped=0
start=$(date +%s%N)
for dir in "$pairs"/*/; do
  name=$(basename "$dir")
  peer=$(cat "$dir/peer.json")
  if grep -q '"error"' <<<"$peer"; then skipped=$((skipped+1)); continue; fi
  ours=$(ours "$dir")
  pb=$(grep -o '"breaking":[a-z]*' <<<"$peer" | cut -d: -f2)
  ob=$(grep -o '"breaking":[a-z]*' <<<"$ours" | cut -d: -f2)
  if [ "$pb" = "$ob" ]; then
    agree=$((agree+1))
  elif [ "$ob" = true ] && grep -q '"unclassified ' <<<"$peer"; then
    # The peer leaves the change unclassified (payload schemas, change
    # below its table); contractctl classifies it.
    beyond=$((beyond+1))
    [ -n "${VERBOSE:-}" ] && printf 'beyond\t%s\t%s\n' "$name" "$(grep -o '"rules":\[[^]]*\]' <<<"$ours")"
  else
    disagree=$((disagree+1))
    printf '%s\tpeer breaking=%s %s\n\tcontractctl breaking=%s %s\n' "$name" "$pb" \
      "$(grep -o '"changes":.*' <<<"$peer" | cut -c1-300)" "$ob" "$(grep -o '"rules":\[[^]]*\]' <<<"$ours" | cut -c1-300)"
  fi
done
echo "contractctl: $(( ($(date +%s%N) - start) / 1000000 )) ms for all pairs (one process per pair)" >&2
echo "pairs: $((agree+disagree+beyond)) compared: $agree agree, $beyond classified by contractctl where the peer says unclassified, $disagree disagree; $skipped skipped (peer error)"
