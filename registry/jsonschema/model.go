package jsonschema

import (
	"fmt"
	"regexp"
)

// schemaKind is the class of a schema node, mirroring the everit-json-schema
// classes Confluent's SchemaDiff dispatches on.
type schemaKind int

const (
	kindEmpty       schemaKind = iota // {} or a schema with no validation keyword
	kindTrue                          // the boolean schema true
	kindFalse                         // the boolean schema false
	kindStringS                       // string schema
	kindNumberS                       // number or integer schema
	kindBooleanS                      // boolean schema (type: boolean)
	kindNullS                         // null schema
	kindObjectS                       // object schema
	kindArrayS                        // array schema
	kindEnum                          // enum
	kindConst                         // const
	kindCombined                      // allOf / anyOf / oneOf (also synthesised)
	kindNot                           // not
	kindRef                           // $ref
	kindConditional                   // if / then / else
)

// Combination criteria of a combined schema.
const (
	allOf = "allOf"
	anyOf = "anyOf"
	oneOf = "oneOf"
)

// namedNode is a property (or dependency) name with its schema.
type namedNode struct {
	Name   string
	Schema *node
}

// patternNode is one patternProperties entry.
type patternNode struct {
	Pattern string
	Re      *regexp.Regexp // nil when the pattern does not compile
	Schema  *node
}

// namedList is a name with a list of strings (an array dependency).
type namedList struct {
	Name   string
	Values []string
}

// node is one schema of the comparison model.
type node struct {
	kind schemaKind
	src  *value // the JSON this node was built from
	ptr  string // JSON pointer of src in its document

	// common metadata
	id, title, description *string
	def                    *value
	bytes                  bool // connect.type: bytes

	// string
	minLength, maxLength *float64
	pattern              *string

	// number
	integer                  bool
	maximum, minimum         *float64
	exclMaximum, exclMinimum *float64
	multipleOf               *float64

	// object
	props              []namedNode
	required           []string
	permitsAdditional  bool
	additional         *node
	patternProps       []patternNode
	permitsUnevalProp  bool
	unevalProp         *node
	depArrays          []namedList
	depSchemas         []namedNode
	maxProps, minProps *float64
	propertyNames      *node

	// array
	allItems           *node
	tuple              []*node
	permitsAddItems    bool
	additionalItems    *node
	permitsUnevalItems bool
	unevalItems        *node
	maxItems, minItems *float64
	maxContains        *float64
	minContains        *float64
	unique             bool
	contains           *node

	// enum / const
	values   []*value
	constVal *value

	// combined
	criterion string
	subs      []*node

	// not
	not *node

	// $ref
	ref    string
	target *node

	// if / then / else
	ifS, thenS, elseS *node

	canon string // memoised structural key, see key()
}

// property returns the schema of the named property, or nil.
func (n *node) property(name string) *node {
	for _, p := range n.props {
		if p.Name == name {
			return p.Schema
		}
	}
	return nil
}

// isRequired reports whether name is listed in required.
func (n *node) isRequired(name string) bool {
	for _, r := range n.required {
		if r == name {
			return true
		}
	}
	return false
}

// hasDefault reports whether the schema (after $ref) declares a default.
func (n *node) hasDefault() bool {
	n = deref(n)
	return n != nil && n.def != nil
}

// key is a structural identity used to collapse duplicate subschemas the
// way Java's Schema.equals does (source location is not part of it).
func (n *node) key() string {
	if n.canon == "" {
		prefix := fmt.Sprintf("%d/%s/%t:", n.kind, n.criterion, n.integer)
		if n.src == nil {
			n.canon = prefix
		} else {
			n.canon = prefix + n.src.canonicalString()
		}
	}
	return n.canon
}

// deref follows $ref chains; it stops on unresolved or cyclic chains.
func deref(n *node) *node {
	for i := 0; n != nil && n.kind == kindRef && i < 64; i++ {
		if n.target == nil {
			return n
		}
		n = n.target
	}
	return n
}

// isEmptyLike reports whether n is the empty schema or true (everit's
// TrueSchema extends EmptySchema).
func (n *node) isEmptyLike() bool { return n.kind == kindEmpty || n.kind == kindTrue }
