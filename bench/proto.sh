#!/usr/bin/env bash
# CPU and peak memory of buf and contractctl side by side, in one run, on
# the googleapis trees in ../shared/bench/googleapis/ (7,227 vs 5,544
# files): lint (STANDARD) of the new tree and breaking (FILE) of new against
# old. contractctl runs through bench/protocheck (a tiny Go driver of
# lint/protobuf and diff/protobuf; the CLI is not wired for .proto diffs
# yet). One heavy process at a time; user+sys CPU seconds and peak RSS from
# /usr/bin/time. Needs buf 1.75.0 (npm i --prefix /tmp/peers @bufbuild/buf@1.75.0).
#
# contractctl also runs a second time with the Go runtime's collector tuned
# through the environment (GOGC=400 GOMEMLIMIT=1GiB; a setting cmd/contractctl
# may adopt as its default): protocompile allocates heavily, so most of the
# CPU difference between the two rows is garbage collection.
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
go build -o "$WORK/protocheck" ./bench/protocheck
mkdir -p "$WORK/old" "$WORK/new"
tar -xzf "$GA"/googleapis-2025-08-21-*.tar.gz -C "$WORK/old"
tar -xzf "$GA"/googleapis-2026-08-22-*.tar.gz -C "$WORK/new"

measure() { # name cmd... → prints "cpu_s rss_mb findings"
  local name=$1; shift
  (cd "$WORK/new" && /usr/bin/time -f '%U %S %M' -o "$WORK/t" "$@" > "$WORK/out" 2>/dev/null || true)
  read -r u s m < <(tail -1 "$WORK/t")
  awk -v u="$u" -v s="$s" -v m="$m" -v n="$(wc -l < "$WORK/out")" -v name="$name" \
    'BEGIN { printf "%-24s %8.1f %9.0f %9d\n", name, u+s, m/1024, n }'
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)   cores: $(nproc)"
printf '%-24s %8s %9s %9s\n' "run" "CPU s" "RSS MB" "findings"
for r in $(seq "$ROUNDS"); do
  measure "buf lint"              "$BUF" lint --error-format json
  measure "contractctl lint"      "$WORK/protocheck" lint .
  measure "contractctl-gc lint"   env GOGC=400 GOMEMLIMIT=1GiB "$WORK/protocheck" lint .
  measure "buf breaking"          "$BUF" breaking --against ../old --error-format json
  measure "contractctl breaking"  "$WORK/protocheck" breaking . ../old
  measure "contractctl-gc breaking" env GOGC=400 GOMEMLIMIT=1GiB "$WORK/protocheck" breaking . ../old
done | tee "$WORK/table"
awk '{ key = $1 " " $2; cpu[key] = $3; rss[key] = $4 }
  END {
    for (j = 0; j < 2; j++) {
      job = j == 0 ? "lint" : "breaking"
      b = "buf " job
      for (k = 0; k < 2; k++) {
        c = (k == 0 ? "contractctl " : "contractctl-gc ") job
        if (cpu[b] > 0 && rss[b] > 0 && cpu[c] > 0)
          printf "%-9s %-15s /buf: CPU %.2f (target <= 0.50), peak RSS %.2f (target <= 0.25)\n", job, (k == 0 ? "contractctl" : "contractctl-gc"), cpu[c]/cpu[b], rss[c]/rss[b]
      }
    }
  }' "$WORK/table"
