// Package protobuf lints Protobuf contracts. It compiles .proto files with
// github.com/bufbuild/protocompile through a load.Reader (so the working
// tree and a git revision compile the same way), runs buf's lint rules
// under buf's IDs and categories plus contractctl's house rules, and honours
// buf.yaml (v1 and v2) selections and `// buf:lint:ignore` comments.
//
// The compile step (Compile) is shared with diff/protobuf: it compiles the
// targets in batches and keeps only descriptor protos stripped of source
// info between batches, so memory stays bounded on trees of thousands of
// files.
package protobuf
