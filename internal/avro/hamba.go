package avro

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/contractctl/contractctl/internal/jsontree"
)

// hambaAccepts reports whether hamba/avro's parser certainly accepts the
// schema data, which our builder has accepted as j (its JSON) and root (its
// model). It is conservative: false means "not known", and Parse then
// asks hamba, so every error hamba reports is still reported. It answers
// true only for schemas within a subset whose hamba rules are mirrored
// here (hamba/avro v2.31: schema_parse.go, NewField, NewEnumSchema,
// NewUnionSchema, newName, isValidDefault):
//   - the JSON is read identically by jsoniter (nothing but white space
//     around the value, valid UTF-8, no \u
//     escapes, no duplicate keys, numbers within float64, shallow nesting)
//     and mapstructure (no key that matches an attribute name only
//     case-insensitively);
//   - records (not "error"), enums, arrays, maps, unions and primitives; no
//     fixed, no aliases, no empty namespace, string docs, field orders
//     hamba knows (ascending, descending, ignore),
//     no enum without symbols, no named type called like a complex type;
//   - references that hamba's lookup (namespace.name) resolves to a type
//     defined before;
//   - union branches unique by hamba's key (full name or type, no logical
//     types in unions);
//   - field defaults of null, boolean, string, number, enum, array, map and
//     union (first branch) types that hamba's isValidDefault accepts.
func hambaAccepts(data []byte, j *jsontree.Node, root *node) bool {
	// jsonReader lets a ',' or ':' precede or follow the value; jsoniter
	// does not.
	trimmed := bytes.Trim(data, " \t\r\n")
	if len(trimmed) == 0 || !bytes.Contains([]byte(`{["`), trimmed[:1]) || !bytes.Contains([]byte(`}]"`), trimmed[len(trimmed)-1:]) {
		return false
	}
	if !utf8.Valid(data) || bytes.Contains(data, []byte(`\u`)) || !plainJSON(j, 0) {
		return false
	}
	h := hambaCheck{defined: map[string]bool{}}
	_, ok := h.schema(j, root, "")
	return ok
}

// plainJSON checks the JSON rules of hambaAccepts.
func plainJSON(j *jsontree.Node, depth int) bool {
	if depth > 64 {
		return false
	}
	switch j.Kind {
	case jsontree.Number:
		if _, err := strconv.ParseFloat(j.Text, 64); err != nil {
			return false
		}
	case jsontree.Array:
		for _, e := range j.Elems {
			if !plainJSON(e, depth+1) {
				return false
			}
		}
	case jsontree.Object:
		for i, m := range j.Members {
			if mapstructureAlias(m.Name) {
				return false
			}
			for _, o := range j.Members[:i] {
				if o.Name == m.Name {
					return false
				}
			}
			if !plainJSON(m.Value, depth+1) {
				return false
			}
		}
	}
	return true
}

// mapstructureAlias reports whether key is not one of the attribute names
// hamba decodes with mapstructure but matches one case-insensitively, as
// mapstructure does ("Aliases" is read as "aliases").
func mapstructureAlias(key string) bool {
	plain := true // lower-case ASCII folds to nothing but itself
	for i := 0; i < len(key) && plain; i++ {
		plain = key[i] >= 'a' && key[i] <= 'z' || key[i] >= '0' && key[i] <= '9' || key[i] == '_' || key[i] == '.' || key[i] == '-'
	}
	if plain {
		return false
	}
	for _, a := range []string{"type", "name", "namespace", "aliases", "doc", "fields", "symbols", "default", "order", "items", "values", "size", "precision", "scale"} {
		if key != a && strings.EqualFold(key, a) {
			return true
		}
	}
	return false
}

type hambaCheck struct {
	defined map[string]bool // full names hamba has seen so far
}

// complexName reports whether a named type's name is a complex type's,
// which hamba's union keys (or lookups) could confuse with that type.
func complexName(s string) bool {
	switch s {
	case "record", "error", "enum", "array", "map", "union", "fixed":
		return true
	}
	return false
}

// schema checks the schema j, built as n, written in namespace ns; it
// returns hamba's union key of the schema, "" when not known (a union
// with such a branch is not admitted).
func (h *hambaCheck) schema(j *jsontree.Node, n *node, ns string) (string, bool) {
	switch j.Kind {
	case jsontree.String:
		if _, ok := primitive(j.Text); ok {
			return j.Text, true
		}
		return h.reference(j.Text, n, ns)
	case jsontree.Array:
		if n.typ != Union || len(n.branches) != len(j.Elems) {
			return "", false
		}
		keys := make([]string, 0, len(j.Elems))
		for i, e := range j.Elems {
			k, ok := h.schema(e, n.branches[i], ns)
			if !ok || k == "" || slices.Contains(keys, k) {
				return "", false
			}
			keys = append(keys, k)
		}
		return "", true
	case jsontree.Object:
		t := j.Get("type")
		if t == nil || t.Kind != jsontree.String {
			return "", false
		}
		switch t.Text {
		case "record":
			return h.record(j, n)
		case "enum":
			return h.enum(j, n)
		case "array":
			if n.typ != Array {
				return "", false
			}
			_, ok := h.schema(j.Get("items"), n.items, ns)
			return "array", ok
		case "map":
			if n.typ != Map {
				return "", false
			}
			_, ok := h.schema(j.Get("values"), n.values, ns)
			return "map", ok
		}
		if _, ok := primitive(t.Text); ok {
			if j.Get("logicalType") != nil {
				return "", true // hamba's union key depends on it
			}
			return t.Text, true
		}
		if t.Text == "error" || t.Text == "fixed" {
			return "", false
		}
		return h.reference(t.Text, n, ns)
	}
	return "", false
}

// reference checks a type name: hamba looks it up as namespace.name only.
func (h *hambaCheck) reference(name string, n *node, ns string) (string, bool) {
	key := name
	if ns != "" && !strings.Contains(name, ".") {
		key = ns + "." + name
	}
	if !h.defined[key] || !n.named() || n.fullName() != key {
		return "", false
	}
	return key, true
}

// named checks what records and enums share.
func (h *hambaCheck) named(j *jsontree.Node, n *node) bool {
	if ns := j.Get("namespace"); ns != nil && (ns.Kind != jsontree.String || ns.Text == "") {
		return false
	}
	if d := j.Get("doc"); d != nil && d.Kind != jsontree.String {
		return false
	}
	if j.Get("aliases") != nil || len(n.aliases) > 0 || complexName(n.name) || n.name == "" {
		return false
	}
	if h.defined[n.fullName()] {
		return false
	}
	return true
}

func (h *hambaCheck) record(j *jsontree.Node, n *node) (string, bool) {
	if n.typ != Record || !h.named(j, n) {
		return "", false
	}
	h.defined[n.fullName()] = true // before the fields, as hamba does
	fs := j.Get("fields")
	if fs == nil || fs.Kind != jsontree.Array || len(fs.Elems) != len(n.fields) {
		return "", false
	}
	for i, fj := range fs.Elems {
		f := n.fields[i]
		if fj.Kind != jsontree.Object || fj.Get("aliases") != nil || len(f.aliases) > 0 {
			return "", false
		}
		if d := fj.Get("doc"); d != nil && d.Kind != jsontree.String {
			return "", false
		}
		if o := fj.Get("order"); o != nil && (o.Kind != jsontree.String || (o.Text != "ascending" && o.Text != "descending" && o.Text != "ignore")) {
			return "", false
		}
		if _, ok := h.schema(fj.Get("type"), f.typ, n.namespace); !ok {
			return "", false
		}
		if f.def != nil && !hambaDefault(f.typ, f.def) {
			return "", false
		}
	}
	return n.fullName(), true
}

func (h *hambaCheck) enum(j *jsontree.Node, n *node) (string, bool) {
	if n.typ != Enum || !h.named(j, n) || len(n.symbols) == 0 {
		return "", false
	}
	h.defined[n.fullName()] = true
	return n.fullName(), true
}

// hambaDefault is hamba's isValidDefault for the types hambaAccepts
// admits, with the JSON value as jsoniter reads it.
func hambaDefault(n *node, d *jsontree.Node) bool {
	switch n.typ {
	case Null:
		return d.Kind == jsontree.Null
	case Boolean:
		return d.Kind == jsontree.Bool
	case Int, Long, Float, Double:
		return d.Kind == jsontree.Number // a float64: every number is accepted
	case String:
		return d.Kind == jsontree.String
	case Enum:
		return d.Kind == jsontree.String && d.Text != "" && slices.Contains(n.symbols, d.Text)
	case Array:
		if d.Kind != jsontree.Array {
			return false
		}
		for _, e := range d.Elems {
			if !hambaDefault(n.items, e) {
				return false
			}
		}
		return true
	case Map:
		if d.Kind != jsontree.Object {
			return false
		}
		for _, m := range d.Members {
			if !hambaDefault(n.values, m.Value) {
				return false
			}
		}
		return true
	case Union:
		return len(n.branches) > 0 && hambaDefault(n.branches[0], d)
	}
	return false // bytes, fixed, record: not mirrored
}
