package avro

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	havro "github.com/hamba/avro/v2"

	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/internal/jsontree"
)

// Schema is a parsed Avro schema. It implements compat.Schema.
type Schema struct {
	file   string
	source *jsontree.Node
	root   *node
	nodes  int // the number of nodes of root (their ids are 1..nodes)

	// The canonical forms are rendered on first use: checking a registry
	// needs neither.
	canonicalOnce, pcfOnce sync.Once
	canonical, pcf         string
}

var _ compat.Schema = (*Schema)(nil)

// Parse parses the Avro schema text data read from file (used in error
// messages only). Errors start with "file:line:col: " when the position is
// known and with "file: " otherwise.
//
// The schema must be valid for hamba/avro (names, defaults, unions, ...);
// it is validated with a fresh avro.SchemaCache, so types of other schemas
// never leak in, unless hambaAccepts knows hamba would accept it.
func Parse(file string, data []byte) (*Schema, error) {
	j, err := jsontree.Parse(data)
	if err != nil {
		var se *jsontree.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%s:%d:%d: invalid JSON: %w", file, se.Pos.Line, se.Pos.Column, err)
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	b := &builder{names: map[string]*node{}}
	root, err := b.build(j, "")
	if err != nil {
		var pe *positionError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d:%d: invalid Avro schema: %w", file, pe.pos.Line, pe.pos.Column, err)
		}
		return nil, fmt.Errorf("%s: invalid Avro schema: %w", file, err)
	}
	if hambaAccepts(data, j, root) {
		// hamba/avro would accept it: no need to ask (see hambaAccepts).
	} else if _, err := havro.ParseBytesWithCache(data, "", &havro.SchemaCache{}); err != nil {
		return nil, fmt.Errorf("%s: invalid Avro schema: %w", file, err)
	}
	return &Schema{file: file, source: j, root: root, nodes: number(root)}, nil
}

// File returns the file name the schema was parsed from.
func (s *Schema) File() string { return s.file }

// Type returns the type of the top-level schema.
func (s *Schema) Type() Type { return s.root.typ }

// FullName returns the full name of a top-level record, enum or fixed, and
// "" for other schemas (Confluent's RecordNameStrategy subject name).
func (s *Schema) FullName() string {
	if s.root.named() {
		return s.root.fullName()
	}
	return ""
}

// Canonical returns a normalised JSON form: whitespace, attribute order and
// the namespace spelling do not matter, but everything Confluent keeps when
// it stores a schema does (doc, defaults, aliases, order, logical types and
// custom attributes). Two versions with equal Canonical forms are the same
// schema.
func (s *Schema) Canonical() string {
	s.canonicalOnce.Do(func() { s.canonical = render(s.root, false) })
	return s.canonical
}

// ParsingCanonicalForm returns the Avro specification's Parsing Canonical
// Form, which drops everything irrelevant for reading data (doc, defaults,
// aliases, custom attributes).
func (s *Schema) ParsingCanonicalForm() string {
	s.pcfOnce.Do(func() { s.pcf = render(s.root, true) })
	return s.pcf
}

// Position returns where the value at a JSON pointer ("/fields/0/type")
// starts in the schema source; "" and "/" name the whole document. For a
// pointer that does not exist in the source it returns the position of its
// longest existing prefix and false.
func (s *Schema) Position(pointer string) (Pos, bool) {
	n := s.source
	if pointer == "" || pointer == "/" {
		return n.Pos, true
	}
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		var next *jsontree.Node
		switch n.Kind {
		case jsontree.Object:
			next = n.Get(tok)
		case jsontree.Array:
			if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(n.Elems) {
				next = n.Elems[i]
			}
		}
		if next == nil {
			return n.Pos, false
		}
		n = next
	}
	return n.Pos, true
}
