// Package avro parses Apache Avro schemas with source positions and checks
// reader/writer compatibility with the same rules, incompatibility types,
// locations, messages and ordering as Java Avro's
// SchemaCompatibility.checkReaderWriterCompatibility, which is what
// Confluent Schema Registry runs for Avro subjects.
//
// Parsing is validated by github.com/hamba/avro/v2 (a fresh SchemaCache per
// call, never the package-global one); the compatibility walk runs on this
// package's own schema model so that it can mirror Java's object identity
// (named types are shared, every other occurrence is distinct), report every
// incompatibility and carry line/column positions of the reader schema.
package avro
