// Package compat holds what every schema format's compatibility checker shares:
// the shape of one incompatibility and the checker interface the registry
// composes into Confluent's compatibility levels.
package compat

// Issue is one reason a reader schema cannot read data written with a writer
// schema (Avro), or one difference between an original and an updated schema
// (Protobuf, JSON Schema), in the words Confluent Schema Registry uses.
type Issue struct {
	// Type is the checker's difference or incompatibility type, exactly as
	// Confluent/Avro name it: READER_FIELD_MISSING_DEFAULT_VALUE,
	// FIELD_KIND_CHANGED, PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL, ...
	Type string
	// Path locates the difference: a JSON pointer for Avro and JSON Schema
	// ("/fields/0/type"), Confluent's path notation for Protobuf ("#/Msg/1").
	Path string
	// Message is a one-sentence explanation for humans.
	Message string
	// Compatible is true for a difference that does not break compatibility
	// (Protobuf and JSON Schema report compatible differences too).
	Compatible bool
	// Line and Column locate the difference in the newer schema's source text
	// when known (1-based), 0 otherwise.
	Line, Column int
}

// Schema is one parsed schema version of a subject.
type Schema interface {
	// Canonical is a normalised form: two versions with equal Canonical
	// forms are the same schema (registering it again is a no-op).
	Canonical() string
}

// Checker decides whether data written with writer can be read with reader.
// BACKWARD is Check(new, old); FORWARD is Check(old, new). For formats whose
// Confluent implementation is a diff (Protobuf, JSON Schema), writer is the
// "original" and reader the "update" of SchemaDiff.compare(original, update).
// The result lists every difference found; the check fails when any Issue has
// Compatible == false.
type Checker interface {
	Check(reader, writer Schema) []Issue
}

// Decider is implemented by checkers that can decide compatibility without
// describing it. Compatible(reader, writer) must equal
// len(Check(reader, writer)) == 0; CheckLevelResult then calls Check only
// for the pairs that are not compatible.
type Decider interface {
	Compatible(reader, writer Schema) bool
}
