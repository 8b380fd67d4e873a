#!/usr/bin/env bash
# Differential test: runs contractctl diff and oasdiff breaking on the
# Stripe pairs in ../shared/bench/stripe and on every fixture pair in
# testdata/diff/openapi, and lists the disagreements by (operation, path,
# check ID), breaking levels only (error/warn vs ERR/WARN). Each remaining
# disagreement is explained in docs/vs-oasdiff.md.
#
#   bench/vs-oasdiff.sh [-v]      # -v lists every disagreeing key
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stripe=${STRIPE:-$root/../shared/bench/stripe}
verbose=${1:-}
oasdiff=${OASDIFF:-$(command -v oasdiff || echo "$(go env GOPATH)/bin/oasdiff")}
if [ ! -x "$oasdiff" ]; then
	echo "oasdiff not found: go install github.com/oasdiff/oasdiff@v1.37.0" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go build -o "$tmp/contractctl" ./cmd/contractctl)

compare() {
	local label=$1 base=$2 head=$3
	# Fixtures use a fixed date for sunsets; Stripe has none.
	"$tmp/contractctl" diff --date 2026-06-01 --fail-on none --format json "$base" "$head" >"$tmp/c.json" 2>"$tmp/c.err" || { echo "$label: contractctl failed: $(cat "$tmp/c.err")"; return; }
	"$oasdiff" breaking --format json "$base" "$head" >"$tmp/o.json" 2>"$tmp/o.err" || { echo "$label: oasdiff failed: $(head -1 "$tmp/o.err")"; return; }
	python3 - "$label" "$tmp/c.json" "$tmp/o.json" "$verbose" <<'PY'
import json, sys, collections
label, cpath, opath, verbose = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "-v"
ours = set()
for f in json.load(open(cpath))["findings"]:
    if f["severity"] not in ("error", "warn"):
        continue
    ops = f.get("operations") or [""]
    if f["rule"].startswith("webhook-"):
        ops = [""]  # oasdiff reports webhooks without an operation
    for op in ops:
        method, _, path = op.partition(" ")
        ours.add((method, path, f["rule"]))
theirs = set()
data = json.load(open(opath))
for c in data if isinstance(data, list) else []:
    theirs.add(((c.get("operation") or ""), (c.get("path") or ""), c["id"]))
only_c, only_o = ours - theirs, theirs - ours
print(f"{label}: contractctl {len(ours)} keys, oasdiff {len(theirs)} keys, agree {len(ours & theirs)}, only contractctl {len(only_c)}, only oasdiff {len(only_o)}")
for name, s in (("only contractctl", only_c), ("only oasdiff", only_o)):
    by = collections.Counter(k[2] for k in s)
    for rid, n in sorted(by.items()):
        ex = sorted(k for k in s if k[2] == rid)
        line = f"    {name}: {rid} ×{n}"
        if verbose:
            line += "  " + "; ".join(f"{m} {p}".strip() for m, p, _ in ex)
        else:
            line += f"  e.g. {ex[0][0]} {ex[0][1]}".rstrip()
        print(line)
PY
}

if [ -d "$stripe" ]; then
	compare stripe-year "$stripe/spec3-2021-04-12-6546d96d.json" "$stripe/spec3-2022-04-12-e0123a38.json"
	compare stripe-11-12 "$stripe/spec3-2022-04-07-fc5a2b92.json" "$stripe/spec3-2022-04-12-e0123a38.json"
else
	echo "skip Stripe pairs: $stripe not found"
fi
for dir in "$root"/testdata/diff/openapi/*/; do
	name=$(basename "$dir")
	if [ -f "$dir/base.yaml" ]; then
		compare "$name" "$dir/base.yaml" "$dir/head.yaml"
	elif [ -f "$dir/base/api.yaml" ]; then
		compare "$name" "$dir/base/api.yaml" "$dir/head/api.yaml"
	fi
done
