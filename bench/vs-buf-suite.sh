#!/usr/bin/env bash
# buf's own rule tests as the conformance bar for contractctl's Protobuf
# lint and breaking rules.
#
# Downloads buf's module (go mod download; the cases are its
# private/bufpkg/bufcheck/testdata/lint/<case>/ and
# .../breaking/{previous,current}/<case>/), runs on every case
#   lint:     buf lint --error-format json        / contractctl lint .
#   breaking: buf breaking . --against ../../previous/<case>
#             (in current/<case>)                 / contractctl diff ../../previous/<case> .
# and compares the findings by (file, line, rule): buf's rule IDs only
# (contractctl's house rules are left out). A case agrees exactly when both
# sides give the same multiset, or both fail to compile. Prints one line per
# case and the totals; `-v` lists every differing finding. The protovalidate
# cases get the vendor/protovalidate directory their buf.yaml names.
#
# Needs buf 1.75.0 (npm i --prefix /tmp/peers @bufbuild/buf@1.75.0) and the
# network or a module cache that holds buf's module.
# usage: bench/vs-buf-suite.sh [-v] [CASE_GLOB]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VERBOSE=
if [ "${1:-}" = -v ]; then VERBOSE=-v; shift; fi
ONLY=${1:-*}
VERSION=${BUF_VERSION:-v1.75.0}
BUF=${BUF:-/tmp/peers/node_modules/@bufbuild/buf-linux-x64/bin/buf}
[ -x "$BUF" ] || BUF=/tmp/peers/node_modules/.bin/buf
[ -x "$BUF" ] || { echo "buf not found; npm i --prefix /tmp/peers @bufbuild/buf@1.75.0" >&2; exit 2; }
MOD=$(cd /tmp && go mod download -json "github.com/bufbuild/buf@$VERSION" |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("Dir") or sys.exit(d.get("Error","no Dir")))')
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
go build -o "$WORK/contractctl" ./cmd/contractctl
# Copies outside any git repository: each case is its own root, as in buf.
cp -r "$MOD/private/bufpkg/bufcheck/testdata" "$WORK/td"
chmod -R u+w "$WORK/td"
OUT="$WORK/out"
mkdir -p "$OUT/lint" "$OUT/breaking"

# The protovalidate cases import buf/validate/validate.proto from
# vendor/protovalidate, which buf's module zip leaves out: print it from
# the descriptor compiled into the Go module contractctl carries it from
# (go.mod's version), as source both tools compile.
GEN=buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go
mkdir -p "$WORK/pvprint"
cat > "$WORK/pvprint/main.go" <<'GO'
package main

import (
	"os"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"github.com/jhump/protoreflect/desc"
	"github.com/jhump/protoreflect/desc/protoprint"
)

func main() {
	fd, err := desc.WrapFile(validate.File_buf_validate_validate_proto)
	if err == nil {
		err = (&protoprint.Printer{}).PrintProtoFile(fd, os.Stdout)
	}
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
}
GO
(cd "$WORK/pvprint" && go mod init pvprint >/dev/null 2>&1 &&
  go get "$GEN@$(cd "$ROOT" && go list -m -f '{{.Version}}' "$GEN")" github.com/jhump/protoreflect@v1.19.0 >/dev/null 2>&1 &&
  go mod tidy >/dev/null 2>&1 &&
  go run . > "$WORK/validate.proto")
for c in "$WORK"/td/lint/protovalidate*/; do
  mkdir -p "$c/vendor/protovalidate/buf/validate"
  cp "$WORK/validate.proto" "$c/vendor/protovalidate/buf/validate/"
done

run() { # OUTPREFIX cmd... : stdout, stderr and exit code
  local o=$1; shift
  set +e
  "$@" > "$o.out" 2> "$o.err"
  echo $? > "$o.rc"
  set -e
}

for d in "$WORK"/td/lint/$ONLY/; do
  [ -d "$d" ] || continue
  c=$(basename "$d")
  # A case without a configuration of its own is its single configured
  # subdirectory (v2/ignores), as buf's test names it.
  if [ ! -f "$d/buf.yaml" ] && [ ! -f "$d/buf.work.yaml" ]; then
    sub=$(cd "$d" && find . -name buf.yaml | head -1)
    [ -n "$sub" ] && d="$d/$(dirname "$sub")"
  fi
  (cd "$d" && run "$OUT/lint/$c.buf" "$BUF" lint --error-format json)
  (cd "$d" && run "$OUT/lint/$c.ours" "$WORK/contractctl" lint --format json --fail-on none .)
done
for d in "$WORK"/td/breaking/current/$ONLY/; do
  [ -d "$d" ] || continue
  c=$(basename "$d")
  (cd "$d" && run "$OUT/breaking/$c.buf" "$BUF" breaking . --against "../../previous/$c" --error-format json)
  (cd "$d" && run "$OUT/breaking/$c.ours" "$WORK/contractctl" diff --format json --fail-on none "../../previous/$c" .)
done
python3 "$ROOT/bench/vsbuf_suite.py" $VERBOSE "$OUT"
