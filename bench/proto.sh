#!/usr/bin/env bash
# CPU and peak memory of buf and contractctl side by side, in one run, on
# the googleapis trees in ../shared/bench/googleapis/ (7,227 vs 5,544
# files): lint (STANDARD) of the new tree and breaking (FILE) of new against
# old. One heavy process at a time; user+sys CPU seconds and peak RSS from
# /usr/bin/time. Needs buf 1.75.0 (npm i --prefix /tmp/peers @bufbuild/buf@1.75.0).
#
# contractctl sets GOGC=400 with a 1 GiB soft memory limit by default
# (unless GOGC/GOMEMLIMIT are set): protocompile allocates heavily and this
# trades a little memory for much less garbage-collection CPU.
#
# usage: bench/proto.sh [rounds]   (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-1}
GA=../shared/bench/googleapis
[ -d "$GA" ] || { echo "skip: $GA not found"; exit 0; }
BUF=${BUF:-/tmp/peers/node_modules/@bufbuild/buf-linux-x64/bin/buf}
[ -x "$BUF" ] || { echo "buf native binary not found at $BUF" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
go build -o "$WORK/contractctl" ./cmd/contractctl
mkdir -p "$WORK/old" "$WORK/new"
tar -xzf "$GA"/googleapis-2025-08-21-*.tar.gz -C "$WORK/old"
tar -xzf "$GA"/googleapis-2026-08-22-*.tar.gz -C "$WORK/new"

count() { # findings in buf's JSON lines or in contractctl's JSON report
  python3 -c 'import json,sys; t=open(sys.argv[1]).read(); print(len(json.loads(t)["findings"]) if t.lstrip().startswith("{\n") else len(t.splitlines()))' "$1"
}

measure() { # name cmd... → prints "cpu_s rss_mb findings"
  local name=$1; shift
  (cd "$WORK/new" && /usr/bin/time -f '%U %S %M' -o "$WORK/t" "$@" > "$WORK/out" 2>/dev/null || true)
  read -r u s m < <(tail -1 "$WORK/t")
  awk -v u="$u" -v s="$s" -v m="$m" -v n="$(count "$WORK/out")" -v name="$name" \
    'BEGIN { printf "%-24s %8.1f %9.0f %9d\n", name, u+s, m/1024, n }'
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)   cores: $(nproc)"
printf '%-24s %8s %9s %9s\n' "run" "CPU s" "RSS MB" "findings"
for r in $(seq "$ROUNDS"); do
  measure "buf lint"              "$BUF" lint --error-format json
  measure "contractctl lint"      "$WORK/contractctl" lint --format json --fail-on none .
  measure "buf breaking"          "$BUF" breaking --against ../old --error-format json
  measure "contractctl breaking"  "$WORK/contractctl" diff --format json --fail-on none ../old .
done | tee "$WORK/table"
awk '{ key = $1 " " $2; cpu[key] = $3; rss[key] = $4 }
  END {
    for (j = 0; j < 2; j++) {
      job = j == 0 ? "lint" : "breaking"
      b = "buf " job
      c = "contractctl " job
      if (cpu[b] > 0 && rss[b] > 0 && cpu[c] > 0)
        printf "%-9s contractctl/buf: CPU %.2f (target <= 0.50), peak RSS %.2f (target <= 0.25)\n", job, cpu[c]/cpu[b], rss[c]/rss[b]
    }
  }' "$WORK/table"
