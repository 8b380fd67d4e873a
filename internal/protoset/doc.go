// Package protoset is the Protobuf model that lint, diff and the CLI share:
// it resolves buf.yaml / buf.work.yaml modules and their rule selections,
// compiles .proto files with github.com/bufbuild/protocompile through a
// load.Reader (so the working tree and a git revision compile the same
// way), indexes source locations by element path, and scans imports.
//
// Compile compiles the targets in batches and keeps only descriptor protos
// stripped of source info between batches, so memory stays bounded on
// trees of thousands of files. Compile errors come back together as a
// *load.Errors, one positioned error per line.
package protoset
