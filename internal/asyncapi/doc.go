// Package asyncapi models AsyncAPI 2.x (2.0–2.6) and 3.0 documents over the
// YAML nodes that internal/load produces, so that every element keeps the
// file, JSON pointer and line/column where it is written.
//
// Parse builds one Document from a loaded file: info, servers, channels,
// operations, messages (with headers, payloads, correlation ids, traits,
// examples and bindings) and the schemas they use. $refs are followed
// through load.Loader with its safety rules; remote references are kept
// unresolved (they are legal, but contractctl does not fetch them). Avro
// payloads are parsed with hamba/avro using a fresh schema cache per parse.
//
// Structural problems — a missing required field, a value of the wrong
// type, an unresolvable $ref, an invalid Avro schema — do not stop parsing;
// they are collected as Problems, which lint reports as asyncapi-valid.
package asyncapi
