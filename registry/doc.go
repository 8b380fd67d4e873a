// Package registry is contractctl's file-backed schema registry: subjects
// and their immutable, numbered schema versions kept as files in a
// repository, checked with exactly Confluent Schema Registry's
// compatibility semantics.
//
// Layout, below the registry root (default "schemas"):
//
//	registry.yaml              compatibility: BACKWARD (the global level; BACKWARD when absent)
//	ids.yaml                   global schema IDs, one line per distinct schema (written under the root lock)
//	<subject>/subject.yaml     format: avro|protobuf|jsonschema, optional compatibility,
//	                           jsonschema_policy: strict|lenient, references: [{name, subject, version}],
//	                           deleted: [N, …] (soft-deleted versions)
//	<subject>/1.avsc           version 1 (.avsc Avro, .proto Protobuf, .json JSON Schema)
//	<subject>/2.avsc           version 2
//
// A Store registers versions (Add: parse, deduplicate after normalisation,
// check at the subject's level, write the next version atomically under a
// per-subject lock), answers compatibility questions without writing
// (Compat), verifies a whole registry as CI would (Check, optionally against
// a base revision whose versions must be unchanged), and reads and writes
// the configuration; it also deletes (softly or permanently, as Confluent
// does), imports versions pulled from another registry, and reads itself
// whole into a View for the REST server (package serve; package remote
// pushes to and pulls from other registries). The per-format checkers are
// internal/avro and the protobuf and jsonschema subpackages; levels are
// composed by package compat.
package registry
