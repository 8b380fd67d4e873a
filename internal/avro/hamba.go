package avro

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
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
func hambaAccepts(data []byte, j *jnode, root *node) bool {
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
func plainJSON(j *jnode, depth int) bool {
	if depth > 64 {
		return false
	}
	switch j.kind {
	case jNumber:
		if _, err := strconv.ParseFloat(j.str, 64); err != nil {
			return false
		}
	case jArray:
		for _, e := range j.arr {
			if !plainJSON(e, depth+1) {
				return false
			}
		}
	case jObject:
		for i, m := range j.obj {
			if mapstructureAlias(m.key) {
				return false
			}
			for _, o := range j.obj[:i] {
				if o.key == m.key {
					return false
				}
			}
			if !plainJSON(m.val, depth+1) {
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
func (h *hambaCheck) schema(j *jnode, n *node, ns string) (string, bool) {
	switch j.kind {
	case jString:
		if _, ok := primitive(j.str); ok {
			return j.str, true
		}
		return h.reference(j.str, n, ns)
	case jArray:
		if n.typ != Union || len(n.branches) != len(j.arr) {
			return "", false
		}
		keys := make([]string, 0, len(j.arr))
		for i, e := range j.arr {
			k, ok := h.schema(e, n.branches[i], ns)
			if !ok || k == "" || contains(keys, k) {
				return "", false
			}
			keys = append(keys, k)
		}
		return "", true
	case jObject:
		t := j.get("type")
		if t == nil || t.kind != jString {
			return "", false
		}
		switch t.str {
		case "record":
			return h.record(j, n)
		case "enum":
			return h.enum(j, n)
		case "array":
			if n.typ != Array {
				return "", false
			}
			_, ok := h.schema(j.get("items"), n.items, ns)
			return "array", ok
		case "map":
			if n.typ != Map {
				return "", false
			}
			_, ok := h.schema(j.get("values"), n.values, ns)
			return "map", ok
		}
		if _, ok := primitive(t.str); ok {
			if j.get("logicalType") != nil {
				return "", true // hamba's union key depends on it
			}
			return t.str, true
		}
		if t.str == "error" || t.str == "fixed" {
			return "", false
		}
		return h.reference(t.str, n, ns)
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
func (h *hambaCheck) named(j *jnode, n *node) bool {
	if ns := j.get("namespace"); ns != nil && (ns.kind != jString || ns.str == "") {
		return false
	}
	if d := j.get("doc"); d != nil && d.kind != jString {
		return false
	}
	if j.get("aliases") != nil || len(n.aliases) > 0 || complexName(n.name) || n.name == "" {
		return false
	}
	if h.defined[n.fullName()] {
		return false
	}
	return true
}

func (h *hambaCheck) record(j *jnode, n *node) (string, bool) {
	if n.typ != Record || !h.named(j, n) {
		return "", false
	}
	h.defined[n.fullName()] = true // before the fields, as hamba does
	fs := j.get("fields")
	if fs == nil || fs.kind != jArray || len(fs.arr) != len(n.fields) {
		return "", false
	}
	for i, fj := range fs.arr {
		f := n.fields[i]
		if fj.kind != jObject || fj.get("aliases") != nil || len(f.aliases) > 0 {
			return "", false
		}
		if d := fj.get("doc"); d != nil && d.kind != jString {
			return "", false
		}
		if o := fj.get("order"); o != nil && (o.kind != jString || (o.str != "ascending" && o.str != "descending" && o.str != "ignore")) {
			return "", false
		}
		if _, ok := h.schema(fj.get("type"), f.typ, n.namespace); !ok {
			return "", false
		}
		if f.def != nil && !hambaDefault(f.typ, f.def) {
			return "", false
		}
	}
	return n.fullName(), true
}

func (h *hambaCheck) enum(j *jnode, n *node) (string, bool) {
	if n.typ != Enum || !h.named(j, n) || len(n.symbols) == 0 {
		return "", false
	}
	h.defined[n.fullName()] = true
	return n.fullName(), true
}

// hambaDefault is hamba's isValidDefault for the types hambaAccepts
// admits, with the JSON value as jsoniter reads it.
func hambaDefault(n *node, d *jnode) bool {
	switch n.typ {
	case Null:
		return d.kind == jNull
	case Boolean:
		return d.kind == jBool
	case Int, Long, Float, Double:
		return d.kind == jNumber // a float64: every number is accepted
	case String:
		return d.kind == jString
	case Enum:
		return d.kind == jString && d.str != "" && contains(n.symbols, d.str)
	case Array:
		if d.kind != jArray {
			return false
		}
		for _, e := range d.arr {
			if !hambaDefault(n.items, e) {
				return false
			}
		}
		return true
	case Map:
		if d.kind != jObject {
			return false
		}
		for _, m := range d.obj {
			if !hambaDefault(n.values, m.val) {
				return false
			}
		}
		return true
	case Union:
		return len(n.branches) > 0 && hambaDefault(n.branches[0], d)
	}
	return false // bytes, fixed, record: not mirrored
}
