// Package schema compares two JSON-Schema-like schema nodes — OpenAPI 2.0,
// 3.0 and 3.1 schema objects, and AsyncAPI message payloads, which share
// the shape — and returns the structural changes between them. It follows
// $refs on both sides (each side through its own load.Loader, so a base
// read from a git revision resolves inside that revision), memoizes every
// compared pair of referenced schemas and guards against cycles, so
// recursive schemas terminate and a shared component is compared once.
// Composition branches (oneOf, anyOf, allOf) are matched by $ref target or
// by structural equality, never by position.
//
// The package classifies nothing: each Change says what changed, where on
// each side, and whether it widens or narrows the set of accepted values.
// The caller (diff/openapi, diff/asyncapi) turns changes into findings,
// knowing the direction: in a request, narrowing breaks clients; in a
// response, widening does.
package schema

import (
	"cmp"
	"strings"

	"github.com/contractctl/contractctl/internal/load"
	yaml "go.yaml.in/yaml/v3"
)

// Direction says who produces the values a schema describes.
type Direction int

// Directions.
const (
	// Request schemas describe what clients send (request bodies,
	// parameters, published messages): narrowing them breaks clients.
	Request Direction = iota + 1
	// Response schemas describe what clients receive (response bodies,
	// response headers, consumed messages): widening them breaks clients.
	Response
)

func (d Direction) String() string {
	switch d {
	case Request:
		return "request"
	case Response:
		return "response"
	}
	return "unknown"
}

// Effect is what a change does to the set of values a schema accepts.
type Effect int

// Effects.
const (
	// Neutral changes annotate (default, description, deprecation) and
	// accept the same values.
	Neutral Effect = iota
	// Widens: every value valid before is still valid, and more are.
	Widens
	// Narrows: every value valid now was valid before, and fewer are.
	Narrows
	// Incompatible: some values valid before are invalid now, and the
	// other way round.
	Incompatible
)

func (e Effect) String() string {
	switch e {
	case Widens:
		return "widens"
	case Narrows:
		return "narrows"
	case Incompatible:
		return "incompatible"
	}
	return "neutral"
}

// Kind names what changed. The names are the suffixes of oasdiff's check
// IDs where a check exists ("enum-value-added", "max-length-decreased"),
// so a caller builds an ID as scope + "-" + kind.
type Kind string

// Kinds of change. Bound keywords produce Bound(keyword, action) kinds
// such as "max-length-set" and "min-increased".
const (
	TypeChanged      Kind = "type-changed"     // incompatible type (Old, New: type lists)
	TypeGeneralized  Kind = "type-generalized" // integer → number, a type added to a list
	TypeSpecialized  Kind = "type-specialized" // number → integer, a type removed from a list
	FormatChanged    Kind = "format-changed"   // Effect tells int32 → int64 (widens) from uuid → email
	ListOfTypesWider Kind = "list-of-types-widened"
	ListOfTypesNarr  Kind = "list-of-types-narrowed"

	EnumValueAdded     Kind = "enum-value-added"   // New is the value
	EnumValueRemoved   Kind = "enum-value-removed" // Old is the value
	BecameEnum         Kind = "became-enum"
	BecameNotEnum      Kind = "became-not-enum"
	ExtEnumValueAdded  Kind = "x-extensible-enum-value-added"
	ExtEnumValueRemove Kind = "x-extensible-enum-value-removed"

	BecameNullable    Kind = "became-nullable"
	BecameNotNullable Kind = "became-not-nullable"

	PropertyAdded    Kind = "property-added"   // Property names it; Required/ReadOnly/WriteOnly describe the head side
	PropertyRemoved  Kind = "property-removed" // Required/Deprecated/Sunset describe the base side
	BecameRequired   Kind = "became-required"
	BecameOptional   Kind = "became-optional"
	BecameReadOnly   Kind = "became-read-only"
	BecameNotRO      Kind = "became-not-read-only"
	BecameWriteOnly  Kind = "became-write-only"
	BecameNotWO      Kind = "became-not-write-only"
	PropertyDeprec   Kind = "deprecated"
	PropertyReactiv  Kind = "reactivated"
	PatternAdded     Kind = "pattern-added"
	PatternRemoved   Kind = "pattern-removed"
	PatternChanged   Kind = "pattern-changed"
	UniqueItemsSet   Kind = "unique-items-set"
	UniqueItemsUnset Kind = "unique-items-unset"
	ItemsSet         Kind = "items-set"   // an array without items (any item) got an items schema
	ItemsUnset       Kind = "items-unset" // the items schema was dropped
	DefaultAdded     Kind = "default-value-added"
	DefaultRemoved   Kind = "default-value-removed"
	DefaultChanged   Kind = "default-value-changed"
	ConstAdded       Kind = "const-added"
	ConstRemoved     Kind = "const-removed"
	ConstChanged     Kind = "const-changed"
	BecameFalse      Kind = "schema-became-false"
	BecameNotFalse   Kind = "schema-became-not-false"

	// additionalProperties: open (absent or true) ↔ false ↔ a schema.
	AdditionalPropsBecameFalse Kind = "additional-properties-became-false" // open or schema → false
	AdditionalPropsBecameOpen  Kind = "additional-properties-became-true"  // false or schema → open
	AdditionalPropsSet         Kind = "additional-properties-set"          // open → schema
	AdditionalPropsRelaxed     Kind = "additional-properties-relaxed"      // false → schema

	// JSON Schema 2019+/2020-12 keywords (OpenAPI 3.1, AsyncAPI): adding
	// one narrows, removing one widens; Presence(keyword, added) names them.
	DependentRequiredChanged Kind = "dependent-required-changed"
	ContentEncodingChanged   Kind = "content-encoding-changed"
	ContentMediaTypeChanged  Kind = "content-media-type-changed"

	// Branches added to or removed from a oneOf/anyOf both sides have:
	// one change names them all in New (Old), comma-separated.
	OneOfAdded   Kind = "one-of-added"
	OneOfRemoved Kind = "one-of-removed"
	AnyOfAdded   Kind = "any-of-added"
	AnyOfRemoved Kind = "any-of-removed"
	// A oneOf/anyOf where the other side has none: set narrows (a value
	// must now match its branches), unset widens. New (Old) lists the
	// branches. allOf has no kinds: it is flattened (see view).
	OneOfSet   Kind = "one-of-set"
	OneOfUnset Kind = "one-of-unset"
	AnyOfSet   Kind = "any-of-set"
	AnyOfUnset Kind = "any-of-unset"
)

// Bound keyword actions.
const (
	ActionSet       = "set"
	ActionUnset     = "unset"
	ActionIncreased = "increased"
	ActionDecreased = "decreased"
	// ActionChanged is multipleOf changed to a value that is neither a
	// multiple nor a divisor of the old one.
	ActionChanged = "changed"
	// ActionGeneralized and ActionSpecialized are multipleOf changed to a
	// divisor (widens) or a multiple (narrows) of the old value.
	ActionGeneralized = "generalized"
	ActionSpecialized = "specialized"
)

// Presence returns the kind of a keyword that appeared (added) or
// disappeared: name is "contains", "if", "then", "else",
// "dependent-required", "dependent-schema", "property-names",
// "pattern-property", "unevaluated-items", "unevaluated-properties",
// "prefix-items" or "content-schema".
func Presence(name string, added bool) Kind {
	if added {
		return Kind(name + "-added")
	}
	return Kind(name + "-removed")
}

// Bound returns the kind of a change of a bound keyword: keyword is the
// short name ("max", "min", "max-length", "min-items", "exclusive-max",
// "multiple-of", …) and action one of the Action constants.
func Bound(keyword, action string) Kind { return Kind(keyword + "-" + action) }

// IsBound reports whether k is a bound-keyword kind, and splits it.
func IsBound(k Kind) (keyword, action string, ok bool) {
	for _, kw := range boundKeywordNames {
		if rest, found := strings.CutPrefix(string(k), kw+"-"); found {
			switch rest {
			case ActionSet, ActionUnset, ActionIncreased, ActionDecreased, ActionChanged, ActionGeneralized, ActionSpecialized:
				return kw, rest, true
			}
		}
	}
	return "", "", false
}

// Schema is one side of a comparison: a schema node (or a reference object
// pointing at one) in a file, with its JSON pointer.
type Schema struct {
	File    *load.File
	Pointer string
	Node    *yaml.Node
}

// Location is where a change is written on one side.
type Location struct {
	File    string `json:"file"`
	Pointer string `json:"pointer"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
}

// IsZero reports whether l is unset.
func (l Location) IsZero() bool { return l.File == "" }

// Change is one structural difference between a base and a head schema.
type Change struct {
	Kind   Kind
	Effect Effect
	// Head locates the change in the head document: the changed keyword,
	// or for a removal the object that no longer holds the element. Base
	// locates it in the base document (zero for additions of a whole
	// object the base does not have).
	Head, Base Location
	// Owner is the schema the change is written in: the referenced
	// component (e.g. "#/components/schemas/Charge" of the head file), or
	// the root schema passed to Compare when the change is inline.
	// Changes of one owner are reported once, whatever uses it.
	Owner Location
	// Property is the slash-separated path from Owner to the changed
	// schema ("customer/address", "data/items"); "" for Owner itself.
	Property string
	// AtRoot is true when the change concerns the compared schema itself
	// (not one of its properties or items): directly, or through $refs
	// and allOf/oneOf/anyOf branches only. It depends on the root, so the
	// same change may be AtRoot for one Compare and not for another.
	AtRoot bool
	// Old and New render the values before and after ("string",
	// "maxLength 10", an enum value); empty where not applicable.
	Old, New string
	// Required, ReadOnly, WriteOnly, Deprecated, Sunset and HasDefault
	// describe the property the change concerns: the head side for
	// additions and changes, the base side for removals.
	Required   bool
	ReadOnly   bool
	WriteOnly  bool
	Deprecated bool
	Sunset     string // x-sunset, as written
	HasDefault bool
}

// Key identifies a change independently of the root it was reached from:
// changes with equal keys are the same edit of a shared schema.
func (c Change) Key() string {
	return string(c.Kind) + "\x00" + c.Head.File + "\x00" + c.Head.Pointer + "\x00" + c.Base.File + "\x00" + c.Base.Pointer + "\x00" + c.Old + "\x00" + c.New
}

// Compare orders changes by head location, kind and base location.
func compareChanges(a, b Change) int {
	return cmp.Or(
		strings.Compare(a.Head.File, b.Head.File),
		strings.Compare(a.Head.Pointer, b.Head.Pointer),
		strings.Compare(string(a.Kind), string(b.Kind)),
		strings.Compare(a.Base.File, b.Base.File),
		strings.Compare(a.Base.Pointer, b.Base.Pointer),
		strings.Compare(a.Old, b.Old),
		strings.Compare(a.New, b.New),
	)
}
