#!/usr/bin/env bash
# Times `contractctl check` on a repository holding the 13 Stripe
# descriptions of ../shared/bench/stripe as separate contracts plus the
# AsyncAPI examples of ../shared/bench/asyncapi: every file linted, every
# file diffed against the base commit. Prints wall time, CPU and peak RSS.
#
#   bench/check.sh            # base = the same files (a pull request that changes nothing)
#   DRIFT=1 bench/check.sh    # base = each Stripe file's predecessor (a release train)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$repo/../shared/bench}
if [[ ! -d $shared/stripe ]]; then
	echo "bench/check.sh: $shared/stripe not found" >&2
	exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/contractctl" ./cmd/contractctl)
mkdir -p "$work/r/api" "$work/r/events"
cd "$work/r"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
git init -q -b main
mapfile -t specs < <(ls "$shared"/stripe/spec3-*.json | sort)
i=0
for s in "${specs[@]}"; do
	i=$((i + 1))
	if [[ -n ${DRIFT:-} && $i -gt 1 ]]; then
		cp "${specs[$((i - 2))]}" "api/stripe-$i.json"
	else
		cp "$s" "api/stripe-$i.json"
	fi
done
for d in "$shared"/asyncapi/*/; do
	v=$(basename "$d")
	mkdir -p "events/$v"
	cp "$d"/*.y*ml "events/$v/" 2>/dev/null || true
done
git add -A && git commit -q -m base
if [[ -n ${DRIFT:-} ]]; then
	i=0
	for s in "${specs[@]}"; do i=$((i + 1)); cp "$s" "api/stripe-$i.json"; done
fi
files=$(git ls-files | wc -l)
echo "repository: $files contracts ($(du -sh . | cut -f1) with .git), GOMAXPROCS=${GOMAXPROCS:-$(nproc)}"
for run in 1 2 3; do
	/usr/bin/time -f "run $run: %e s wall, %U s user, %S s sys, %M KB peak" \
		"$work/contractctl" check --base HEAD --fail-on none --format json -o "$work/report.json" 2>&1 | tail -1
done
python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['summary']; print('findings:', s)" "$work/report.json" 2>/dev/null || true
