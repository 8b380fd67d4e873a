// Package jsonschema parses JSON Schema documents (drafts 4, 6, 7, 2019-09
// and 2020-12) into a model shaped like the one Confluent Schema Registry's
// json-schema-provider compares, and checks two versions for compatibility
// with the same difference types, paths and verdicts as Confluent's
// SchemaDiff (STRICT and LENIENT compatibility policies).
//
// Parse keeps the raw JSON value tree together with the source position of
// every node, so each reported difference can point at a line and column of
// the newer schema.
package jsonschema
