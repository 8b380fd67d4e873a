// Package protobuf is the schema registry's Protobuf format: it compiles a
// .proto schema (with its references) in memory and checks compatibility
// between two versions exactly as Confluent Schema Registry's protobuf
// provider does (its SchemaDiff: wire-oriented, fields matched by tag,
// messages and enums by name, 26 difference types of which 15 are
// compatible).
//
// This is deliberately not buf's breaking-change check: field renames and
// removals are compatible here, and the oneof, label and scalar-group rules
// follow Confluent's protobuf-provider.
package protobuf
