#!/usr/bin/env bash
# Times a 50-rule Spectral ruleset (bench/rulesets/house-50.yaml) on the
# Stripe description with contractctl and with Spectral in the same run, and
# prints user+sys CPU seconds, peak RSS, the ruleset findings of each and
# the ratios. contractctl runs twice: with the ruleset beside its built-in
# rules (what a user gets), and with the ruleset alone (every built-in lint
# rule switched off in the config, so both tools report the same 50 rules).
#
#   bench/rulesets.sh [SPEC]
#
# SPEC defaults to ../shared/bench/stripe/spec3-2022-04-12-e0123a38.json.
# Spectral comes from $PEERS_BIN (default /tmp/peers/node_modules/.bin):
#   npm i --prefix /tmp/peers @stoplight/spectral-cli@6.16.3
# vacuum is timed too when $VACUUM names its binary (it is not installable
# from the Go module proxy here). RUNS (default 3) runs of each; the table
# shows the run with the least CPU.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
spec=${1:-$repo/../shared/bench/stripe/spec3-2022-04-12-e0123a38.json}
peers=${PEERS_BIN:-/tmp/peers/node_modules/.bin}
runs=${RUNS:-3}
timebin=/usr/bin/time
ruleset=$repo/bench/rulesets/house-50.yaml

[[ -f $spec ]] || { echo "bench/rulesets.sh: $spec not found" >&2; exit 2; }
[[ -x $timebin ]] || { echo "bench/rulesets.sh: $timebin (GNU time) is required" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/contractctl" ./cmd/contractctl)
cp "$spec" "$work/spec.json"
cp "$ruleset" "$work/.spectral.yaml"
git -C "$work" init -q
printf 'rulesets: [.spectral.yaml]\n' >"$work/with-builtins.yaml"
{
	printf 'rulesets: [.spectral.yaml]\nrules:\n'
	"$work/contractctl" rules --job lint | awk 'NR>1 {print "  " $1 ": off"}'
} >"$work/ruleset-only.yaml"

# measure NAME CMD... : the best of $runs runs as "cpu rss_mb"
measure() {
	local name=$1
	shift
	local best_cpu="" best_rss=""
	for _ in $(seq "$runs"); do
		(cd "$work" && "$timebin" -f '%U %S %M' -o "$work/time.$name" "$@" >"$work/out.$name" 2>"$work/err.$name") || true
		read -r user sys rss < <(tail -n 1 "$work/time.$name")
		cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')
		if [[ -z $best_cpu ]] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN{exit !(a<b)}'; then
			best_cpu=$cpu
			best_rss=$((rss / 1024))
		fi
	done
	echo "$best_cpu $best_rss"
}

# count NAME FORMAT : the findings of the 50 ruleset rules (r01-…r50-)
count() {
	python3 - "$work/out.$1" "$2" <<'PY'
import json, re, sys
data = json.load(open(sys.argv[1]))
items = data["findings"] if sys.argv[2] == "contractctl" else data
key = "rule" if sys.argv[2] == "contractctl" else "code"
print(sum(1 for f in items if re.match(r"r\d\d-", f[key])))
PY
}

declare -A cpu rss found
tools=(contractctl contractctl-only)
read -r cpu[contractctl] rss[contractctl] < <(measure contractctl "$work/contractctl" lint --config with-builtins.yaml --fail-on none --format json spec.json)
found[contractctl]=$(count contractctl contractctl)
read -r cpu[contractctl-only] rss[contractctl-only] < <(measure contractctl-only "$work/contractctl" lint --config ruleset-only.yaml --fail-on none --format json spec.json)
found[contractctl-only]=$(count contractctl-only contractctl)
if [[ -x $peers/spectral ]]; then
	tools+=(spectral)
	read -r cpu[spectral] rss[spectral] < <(measure spectral "$peers/spectral" lint --ruleset .spectral.yaml --format json spec.json)
	found[spectral]=$(count spectral spectral)
else
	echo "bench/rulesets.sh: skipping Spectral: $peers/spectral not found" >&2
fi
if [[ -n ${VACUUM:-} && -x $VACUUM ]]; then
	tools+=(vacuum)
	read -r cpu[vacuum] rss[vacuum] < <(measure vacuum "$VACUUM" spectral-report --no-update-check -r .spectral.yaml spec.json out.vacuum.json)
	found[vacuum]=-
fi

echo "spec: $(basename "$spec") ($(du -h "$spec" | cut -f1)), ruleset: 50 rules, best of $runs runs, $(nproc) CPUs"
printf '%-17s %8s %8s %9s %12s %12s\n' tool cpu_s peak_mb findings cpu_vs_peer rss_vs_peer
for t in "${tools[@]}"; do
	rc=- rr=-
	if [[ -n ${cpu[spectral]:-} ]]; then
		rc=$(awk -v a="${cpu[$t]}" -v b="${cpu[spectral]}" 'BEGIN{ printf "%.2fx", a/b }')
		rr=$(awk -v a="${rss[$t]}" -v b="${rss[spectral]}" 'BEGIN{ printf "%.2fx", a/b }')
	fi
	printf '%-17s %8s %8s %9s %12s %12s\n' "$t" "${cpu[$t]}" "${rss[$t]}" "${found[$t]}" "$rc" "$rr"
done
