#!/usr/bin/env bash
# Times `contractctl lint` on the Stripe description beside Redocly CLI and
# Spectral in the same run, and prints user+sys CPU seconds, peak RSS and
# the ratios.
#
#   bench/lint.sh [SPEC]
#
# SPEC defaults to ../shared/bench/stripe/spec3-2022-04-12-e0123a38.json
# beside the repository. The peers are taken from $PEERS_BIN (default
# /tmp/peers/node_modules/.bin); install them with
#   npm i --prefix /tmp/peers @redocly/cli@2.77.0 @stoplight/spectral-cli@6.16.3
# A missing peer is skipped with a message. RUNS (default 3) runs of each
# tool are made; the table shows the run with the least CPU.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
spec=${1:-$repo/../shared/bench/stripe/spec3-2022-04-12-e0123a38.json}
peers=${PEERS_BIN:-/tmp/peers/node_modules/.bin}
runs=${RUNS:-3}
timebin=/usr/bin/time

if [[ ! -f $spec ]]; then
	echo "bench/lint.sh: $spec not found; pass a spec or place the shared corpus beside the repository" >&2
	exit 2
fi
if [[ ! -x $timebin ]]; then
	echo "bench/lint.sh: $timebin (GNU time) is required" >&2
	exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# KEEP=1 keeps the peers' outputs for inspection.
[[ -n ${KEEP:-} ]] && trap 'echo "outputs kept in $work" >&2' EXIT
(cd "$repo" && go build -o "$work/contractctl" ./cmd/contractctl)
name=$(basename "$spec")
cp "$spec" "$work/spec.json"
spec=$work/spec.json

# Spectral needs a ruleset file; Redocly takes --extends.
printf 'extends: ["spectral:oas"]\n' >"$work/.spectral.yaml"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1

# measure NAME CMD... : the best of $runs runs as "cpu rss_mb findings_exit"
measure() {
	local name=$1
	shift
	local best_cpu="" best_rss="" code=0
	for _ in $(seq "$runs"); do
		code=0
		(cd "$work" && "$timebin" -f '%U %S %M' -o "$work/time.$name" "$@" >"$work/out.$name" 2>"$work/err.$name") || code=$?
		read -r user sys rss < <(tail -n 1 "$work/time.$name")
		cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')
		if [[ -z $best_cpu ]] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN{exit !(a<b)}'; then
			best_cpu=$cpu
			best_rss=$((rss / 1024))
		fi
	done
	echo "$best_cpu $best_rss $code"
}

declare -A cpu rss exitc
tools=(contractctl)
read -r cpu[contractctl] rss[contractctl] exitc[contractctl] < <(measure contractctl "$work/contractctl" lint --format json spec.json)

if [[ -x $peers/redocly ]]; then
	tools+=(redocly)
	read -r cpu[redocly] rss[redocly] exitc[redocly] < <(measure redocly "$peers/redocly" lint --extends recommended --format json spec.json)
else
	echo "bench/lint.sh: skipping Redocly CLI: $peers/redocly not found" >&2
fi
if [[ -x $peers/spectral ]]; then
	tools+=(spectral)
	read -r cpu[spectral] rss[spectral] exitc[spectral] < <(measure spectral "$peers/spectral" lint --ruleset .spectral.yaml --format json spec.json)
else
	echo "bench/lint.sh: skipping Spectral: $peers/spectral not found" >&2
fi

echo "spec: $name ($(du -h "$spec" | cut -f1)), best of $runs runs, $(nproc) CPUs"
printf '%-12s %10s %10s %6s %14s %14s\n' tool cpu_s peak_mb exit "cpu_vs_ours" "rss_vs_ours"
for t in "${tools[@]}"; do
	rc=$(awk -v a="${cpu[$t]}" -v b="${cpu[contractctl]}" 'BEGIN{ if (b>0) printf "%.1fx", a/b; else print "-" }')
	rr=$(awk -v a="${rss[$t]}" -v b="${rss[contractctl]}" 'BEGIN{ if (b>0) printf "%.1fx", a/b; else print "-" }')
	printf '%-12s %10s %10s %6s %14s %14s\n' "$t" "${cpu[$t]}" "${rss[$t]}" "${exitc[$t]}" "$rc" "$rr"
done
