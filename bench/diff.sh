#!/usr/bin/env bash
# Benchmark: contractctl diff vs oasdiff breaking on Stripe's OpenAPI
# description, side by side in one run: user+system CPU seconds, peak RSS
# and finding counts, with contractctl/oasdiff ratios.
#
#   bench/diff.sh            # needs ../shared/bench/stripe and oasdiff on PATH
#                            # (go install github.com/oasdiff/oasdiff@v1.37.0)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stripe=${STRIPE:-$root/../shared/bench/stripe}
if [ ! -d "$stripe" ]; then
	echo "skip: $stripe not found" >&2
	exit 0
fi
oasdiff=${OASDIFF:-$(command -v oasdiff || echo "$(go env GOPATH)/bin/oasdiff")}
if [ ! -x "$oasdiff" ]; then
	echo "oasdiff not found: go install github.com/oasdiff/oasdiff@v1.37.0" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go build -o "$tmp/contractctl" ./cmd/contractctl)

# measure NAME CMD... → prints "cpu_seconds peak_kib" and keeps stdout in $tmp/NAME.out
measure() {
	local name=$1
	shift
	/usr/bin/time -f '%U %S %M' -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || true
	awk '{printf "%.2f %d\n", $1 + $2, $3}' "$tmp/$name.time"
}

count_contractctl() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["findings"]))' "$1"; }
count_oasdiff() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d) if isinstance(d, list) else len(d.get("changes", d)))' "$1"; }

printf '%-22s %-11s %9s %10s %9s\n' pair tool cpu_s peak_MiB findings
run_pair() {
	local label=$1 base=$2 head=$3
	read -r c_cpu c_rss < <(measure "c-$label" "$tmp/contractctl" diff --fail-on none --format json "$stripe/$base" "$stripe/$head")
	read -r o_cpu o_rss < <(measure "o-$label" "$oasdiff" breaking --format json "$stripe/$base" "$stripe/$head")
	local cn on
	cn=$(count_contractctl "$tmp/c-$label.out")
	on=$(count_oasdiff "$tmp/o-$label.out")
	printf '%-22s %-11s %9s %10.0f %9s\n' "$label" contractctl "$c_cpu" "$(echo "$c_rss/1024" | bc -l)" "$cn"
	printf '%-22s %-11s %9s %10.0f %9s\n' "$label" oasdiff "$o_cpu" "$(echo "$o_rss/1024" | bc -l)" "$on"
	printf '%-22s %-11s %9.3f %10.3f\n' "$label" ratio "$(echo "$c_cpu/$o_cpu" | bc -l)" "$(echo "$c_rss/$o_rss" | bc -l)"
}
run_pair year-2021-04→2022-04 spec3-2021-04-12-6546d96d.json spec3-2022-04-12-e0123a38.json
run_pair adjacent-11→12 spec3-2022-04-07-fc5a2b92.json spec3-2022-04-12-e0123a38.json
