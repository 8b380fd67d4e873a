// Package protobuf lints Protobuf contracts: it runs buf's lint rules
// under buf's IDs and categories plus contractctl's house rules over the
// files internal/protoset compiles, and honours buf.yaml (v1 and v2)
// selections and `// buf:lint:ignore` comments.
package protobuf
