package jsonschema

import (
	"fmt"
	"strings"
)

// Schema is one parsed JSON Schema document. It implements compat.Schema.
type Schema struct {
	file      string
	draft     Draft
	raw       *value
	root      *node
	positions map[string]*value // JSON pointer -> source node
	canonical string
}

// Parse parses a JSON Schema document. file names the source in errors,
// which have the form "file:line:col: ...". The draft is taken from
// $schema (draft 7 when absent or unknown); local $refs (#/definitions/...,
// #/$defs/..., anchors) are resolved, recursive schemas included.
func Parse(file string, data []byte) (*Schema, error) {
	raw, err := parseJSON(file, data)
	if err != nil {
		return nil, err // *SyntaxError: "file:line:col: invalid JSON: ..."
	}
	if raw.Kind != kindObject && raw.Kind != kindBool {
		return nil, fmt.Errorf("%s:%d:%d: a schema must be a JSON object or boolean", file, raw.Line, raw.Col)
	}
	s := &Schema{file: file, raw: raw, positions: map[string]*value{}}
	if raw.Kind == kindObject {
		s.draft = detectDraft(raw)
	} else {
		s.draft = Draft7
	}
	l := &loader{file: file, root: raw, draft: s.draft}
	root, err := l.build()
	if err != nil {
		return nil, err // already "file:line:col: ..."
	}
	s.root = root
	index(raw, s.positions)
	s.canonical = raw.canonicalString()
	return s, nil
}

func index(v *value, into map[string]*value) {
	into[v.Pointer] = v
	for _, e := range v.Arr {
		index(e, into)
	}
	for _, m := range v.Obj {
		index(m.Value, into)
	}
}

// Canonical returns the schema as compact JSON with object keys sorted, so
// documents differing only in key order or whitespace compare equal.
func (s *Schema) Canonical() string { return s.canonical }

// Draft returns the JSON Schema draft the document was parsed as.
func (s *Schema) Draft() Draft { return s.draft }

// File returns the file name given to Parse.
func (s *Schema) File() string { return s.file }

// Position returns the 1-based line and column of the value at the JSON
// pointer (e.g. "/properties/foo"), or of its nearest existing ancestor;
// 0, 0 when nothing matches.
func (s *Schema) Position(pointer string) (line, col int) {
	for {
		if v, ok := s.positions[pointer]; ok {
			return v.Line, v.Col
		}
		i := strings.LastIndex(pointer, "/")
		if i < 0 {
			return 0, 0
		}
		pointer = pointer[:i]
	}
}
