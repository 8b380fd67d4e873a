// Package load reads contract files: it detects a file's kind (OpenAPI,
// AsyncAPI, Protobuf), parses YAML and JSON into yaml.v3 node trees with a
// line and column on every node, resolves $refs safely (local, relative
// files inside the repository, remote only when allowed, cycles legal) and
// parses each file once per run. Files come from a Reader, so the same code
// serves the working tree and a git revision.
package load
