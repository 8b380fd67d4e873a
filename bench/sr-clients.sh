#!/usr/bin/env bash
# The Node Schema Registry clients (@confluentinc/schemaregistry,
# @kafkajs/confluent-schema-registry) against `contractctl registry serve
# --writable`: register, look up, check compatibility, serialise and
# deserialise Avro and Protobuf (bench/sr-clients.cjs), then check that the
# registrations landed as files a `registry check` accepts.
#
# The clients are not installed by this repository: install them outside
# it, e.g. `npm i --prefix /tmp/peers @confluentinc/schemaregistry@1.10.1
# @kafkajs/confluent-schema-registry@3.9.0`, and point PEERS at the
# node_modules (default /tmp/peers/node_modules). Without them the script
# says so and exits 0 (a manual check, not part of .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=${PEERS:-/tmp/peers/node_modules}
if [ ! -d "$PEERS/@confluentinc/schemaregistry" ] || [ ! -d "$PEERS/@kafkajs/confluent-schema-registry" ] || ! command -v node >/dev/null; then
  echo "sr-clients: skipped: node and the clients under $PEERS are needed (see the header of $0)"
  exit 0
fi
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
go build -o "$work/contractctl" ./cmd/contractctl
(cd "$work" && git init -q && ./contractctl registry init >/dev/null)
(cd "$work" && exec ./contractctl registry serve --writable --listen 127.0.0.1:0 --quiet 2>serve.log) &
server=$!
url=""
for _ in $(seq 100); do
  url=$(sed -n 's/^serving .* on \(http:[^ ]*\)$/\1/p' "$work/serve.log")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "sr-clients: the server did not start:"; cat "$work/serve.log"; exit 1; }
echo "serving on $url"
node bench/sr-clients.cjs "$url" "$PEERS"
kill -TERM "$server"; wait "$server"; server=""
grep -q '^stopped$' "$work/serve.log" || { echo "no graceful stop:"; cat "$work/serve.log"; exit 1; }
# the registrations are files, consistent by `registry check`
(cd "$work" && ./contractctl registry list && ./contractctl registry check)
for f in orders-value/1.avsc orders-value/2.avsc audit-value/1.avsc payments-value/1.proto money-value/1.proto ids.yaml; do
  [ -f "$work/schemas/$f" ] || { echo "missing schemas/$f"; exit 1; }
done
echo "sr-clients: files and registry check ok"
