package avro

import "strings"

// Type is an Avro schema type, named as Java Avro's Schema.Type prints it.
type Type int

// The Avro schema types.
const (
	Null Type = iota
	Boolean
	Int
	Long
	Float
	Double
	Bytes
	String
	Record
	Enum
	Array
	Map
	Union
	Fixed
)

// String returns the upper-case Java name of the type ("INT", "RECORD").
func (t Type) String() string {
	switch t {
	case Null:
		return "NULL"
	case Boolean:
		return "BOOLEAN"
	case Int:
		return "INT"
	case Long:
		return "LONG"
	case Float:
		return "FLOAT"
	case Double:
		return "DOUBLE"
	case Bytes:
		return "BYTES"
	case String:
		return "STRING"
	case Record:
		return "RECORD"
	case Enum:
		return "ENUM"
	case Array:
		return "ARRAY"
	case Map:
		return "MAP"
	case Union:
		return "UNION"
	case Fixed:
		return "FIXED"
	}
	return "UNKNOWN"
}

// primitive returns the type named by an Avro primitive type name.
func primitive(name string) (Type, bool) {
	for t := Null; t <= String; t++ {
		if name == strings.ToLower(t.String()) {
			return t, true
		}
	}
	return 0, false
}

// node is one schema in the model. Named types (record, enum, fixed) are a
// single node however often they are referenced; every other occurrence in
// the source is its own node, as in Java Avro's parser.
type node struct {
	typ Type
	pos Pos // where the schema (or its definition) starts

	// named types
	name, namespace string   // short name and namespace ("" when none)
	aliases         []string // full names
	doc             string
	namePos         Pos

	fields []*field // record

	symbols     []string // enum
	enumDefault *string
	symbolsPos  Pos

	size    int // fixed
	sizePos Pos

	items, values *node   // array, map
	branches      []*node // union

	props []prop // logicalType and other custom attributes, source order
}

// field is one record field.
type field struct {
	name    string
	aliases []string
	doc     string
	typ     *node
	def     *jnode // nil when the field has no default
	order   string
	pos     Pos
	props   []prop // custom field attributes
}

// prop is a custom schema attribute (logicalType, precision, ...).
type prop struct {
	key string
	val *jnode
}

// fullName returns namespace.name, or name without a namespace.
func (n *node) fullName() string {
	if n.namespace == "" {
		return n.name
	}
	return n.namespace + "." + n.name
}

func (n *node) named() bool {
	return n.typ == Record || n.typ == Enum || n.typ == Fixed
}

// hasDefault reports whether the field declares a default (a JSON null
// default counts, as in Java Avro).
func (f *field) hasDefault() bool { return f.def != nil }
