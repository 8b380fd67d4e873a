#!/usr/bin/env bash
# Differential test of contractctl's Spectral ruleset engine against Spectral
# itself: every ruleset under testdata/rulesets over the example documents,
# the lint fixtures and (when present) ../shared/bench/asyncapi. Findings are
# compared by (file, line, rule, severity); the differences are listed so
# that docs/vs-spectral.md can explain each. Spectral runs from outside the
# repository: npm i --prefix /tmp/peers @stoplight/spectral-cli@6.16.3
set -euo pipefail
cd "$(dirname "$0")/.."
SPECTRAL=${SPECTRAL:-/tmp/peers/node_modules/.bin/spectral}
[ -x "$SPECTRAL" ] || { echo "spectral not found at $SPECTRAL" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -o "$out/contractctl" ./cmd/contractctl
cc="$out/contractctl"

# Documents both tools read: contracts that contractctl parses on their own.
mapfile -t candidates < <(ls examples/*.yaml; find testdata/lint -name '*.yaml' -o -name '*.json' | sort;
  [ -d ../shared/bench/asyncapi ] && find ../shared/bench/asyncapi -name '*.yml' -o -name '*.yaml' | sort)
docs=()
for d in "${candidates[@]}"; do
  if "$cc" lint --fail-on none --format json "$d" >/dev/null 2>&1; then docs+=("$d"); fi
done
echo "documents: ${#docs[@]} of ${#candidates[@]}"
"$cc" rules | awk 'NR>1 {print $1}' > "$out/builtin.txt"

for rs in testdata/rulesets/*.yaml; do
  name=$(basename "$rs" .yaml)
  "$SPECTRAL" lint -r "$rs" -f json -o "$out/$name.spectral.json" -q --ignore-unknown-format "${docs[@]}" >/dev/null 2>"$out/$name.spectral.err" || true
  printf 'rulesets: [%s]\n' "$PWD/$rs" > "$out/$name.config.yaml"
  "$cc" lint --config "$out/$name.config.yaml" --fail-on none --format json -o "$out/$name.contractctl.json" "${docs[@]}" 2>"$out/$name.contractctl.err" || true
done
python3 bench/vs-spectral.py "$out" testdata/rulesets
