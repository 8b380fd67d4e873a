package avro

import "github.com/contractctl/contractctl/internal/jsontree"

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
	switch name {
	case "null":
		return Null, true
	case "boolean":
		return Boolean, true
	case "int":
		return Int, true
	case "long":
		return Long, true
	case "float":
		return Float, true
	case "double":
		return Double, true
	case "bytes":
		return Bytes, true
	case "string":
		return String, true
	}
	return 0, false
}

// node is one schema in the model. Named types (record, enum, fixed) are a
// single node however often they are referenced; every other occurrence in
// the source is its own node, as in Java Avro's parser.
type node struct {
	typ Type
	id  int // 1-based index of the node in its schema (see number)
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
	def     *jsontree.Node // nil when the field has no default
	order   string
	pos     Pos
	props   []prop // custom field attributes
}

// prop is a custom schema attribute (logicalType, precision, ...).
type prop struct {
	key string
	val *jsontree.Node
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

// number gives every node reachable from root a distinct id, 1..n, and
// returns n. Named types are one node however often they are referenced.
func number(root *node) int {
	n := 0
	var walk func(*node)
	walk = func(x *node) {
		if x == nil || x.id != 0 {
			return
		}
		n++
		x.id = n
		walk(x.items)
		walk(x.values)
		for _, b := range x.branches {
			walk(b)
		}
		for _, f := range x.fields {
			walk(f.typ)
		}
	}
	walk(root)
	return n
}
