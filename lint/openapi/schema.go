package openapi

import (
	"strconv"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/house"
	"github.com/contractctl/contractctl/internal/load"
)

// schema visits a schema and every schema inside it, each once (keyed by
// its node, so shared components and cycles are visited once).
func (w *walker) schema(at Loc, n *yaml.Node) {
	at, n, ok := w.follow(at, n)
	if !ok || n == nil {
		return
	}
	if n.Kind != yaml.MappingNode {
		if n.Kind == yaml.ScalarNode && (n.Value == "true" || n.Value == "false") && w.doc.Version == OAS31 {
			return // a boolean schema
		}
		w.invalid(at, "a schema must be an object")
		return
	}
	w.use.link(n)
	if w.seen[n] {
		return
	}
	w.seen[n] = true
	w.use.push(n)
	defer w.use.pop()
	s := &Schema{Loc: at, Node: n}
	for _, f := range w.onSchema {
		f(s)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], load.Deref(n.Content[i+1])
		switch k.Value {
		case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas":
			kat := child(at, k, k.Value)
			pairs(v, func(pk, pv *yaml.Node) { w.schema(child(kat, pk, pk.Value), pv) })
		case "items", "prefixItems", "allOf", "oneOf", "anyOf":
			kat := child(at, k, k.Value)
			if isSeq(v) {
				for j, c := range v.Content {
					c = load.Deref(c)
					w.schema(item(kat, j, c), c)
				}
			} else {
				w.schema(kat, v)
			}
		case "additionalProperties", "additionalItems", "not", "if", "then", "else", "contains",
			"propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema":
			if isMap(v) {
				w.schema(child(at, k, k.Value), v)
			}
		case "example", "default", "const", "x-example":
			w.exampleValue(child(at, k, k.Value), v)
		case "examples":
			w.exampleValue(child(at, k, "examples"), v)
		}
	}
}

// TypeSet is what a schema's type admits.
type TypeSet struct {
	names    map[string]bool
	nullable bool
	declared bool // a type, or a composition whose branches declare one
	// idString: every string branch is constrained like an identifier
	// (house.IDLikeString), e.g. Stripe's price IDs.
	idString bool
}

func (t TypeSet) only(name string) bool {
	if !t.declared || len(t.names) == 0 {
		return false
	}
	for n := range t.names {
		if n != name {
			return false
		}
	}
	return true
}

func (t TypeSet) has(name string) bool { return t.names[name] }

// typesOf reads what a (resolved) schema admits: type as a string or,
// in 3.1, a list (with "null"); nullable in 3.0; and the union over
// allOf/oneOf/anyOf branches, following $refs, when type is absent.
func (w *walker) typesOf(at Loc, n *yaml.Node) TypeSet {
	ts := TypeSet{names: map[string]bool{}}
	w.collectTypes(at, n, &ts, 0)
	return ts
}

func (w *walker) collectTypes(at Loc, n *yaml.Node, ts *TypeSet, depth int) {
	if depth > 16 {
		return
	}
	at, n, ok := w.follow(at, n)
	if !ok || !isMap(n) {
		return
	}
	if isTrue(load.Value(n, "nullable")) {
		ts.nullable = true
	}
	if t := load.Value(n, "type"); t != nil {
		ts.declared = true
		switch t.Kind {
		case yaml.ScalarNode:
			if t.Value == "string" && onlyEmptyString(n) {
				return // Stripe's "" that unsets a value: not a string value
			}
			if t.Value == "string" {
				maxLen, _ := strconv.Atoi(scalar(load.Value(n, "maxLength")))
				idLike := house.IDLikeString(maxLen, scalar(load.Value(n, "pattern")))
				ts.idString = idLike && (ts.idString || !ts.names["string"])
			}
			ts.add(t.Value)
		case yaml.SequenceNode:
			for _, c := range t.Content {
				ts.add(load.Deref(c).Value)
			}
		}
		return
	}
	for _, comb := range [...]string{"allOf", "oneOf", "anyOf"} {
		k, v := load.Get(n, comb)
		if !isSeq(v) {
			continue
		}
		for i, c := range v.Content {
			w.collectTypes(item(child(at, k, comb), i, c), load.Deref(c), ts, depth+1)
		}
	}
}

// onlyEmptyString reports whether a schema's enum is [""].
func onlyEmptyString(n *yaml.Node) bool {
	e := load.Value(n, "enum")
	return e != nil && e.Kind == yaml.SequenceNode && len(e.Content) == 1 && load.Deref(e.Content[0]).Value == ""
}

func scalar(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return load.Deref(n).Value
}

func (ts *TypeSet) add(name string) {
	if name == "null" {
		ts.nullable = true
		return
	}
	ts.names[name] = true
}

// Property is one entry of a schema's properties.
type Property struct {
	Name string
	Loc  Loc        // at the property name
	Node *yaml.Node // as written (possibly a reference)
}

// properties lists a schema's own properties in order.
func properties(s *Schema) []Property {
	k, v := load.Get(s.Node, "properties")
	if !isMap(v) {
		return nil
	}
	at := child(s.Loc, k, "properties")
	out := make([]Property, 0, len(v.Content)/2)
	pairs(v, func(pk, pv *yaml.Node) {
		out = append(out, Property{Name: pk.Value, Loc: child(at, pk, pk.Value), Node: pv})
	})
	return out
}

// requiredOf collects a (resolved) schema's required property names,
// including those of its allOf members.
func (w *walker) requiredOf(s *Schema) map[string]bool {
	out := map[string]bool{}
	w.collectRequired(s.Loc, s.Node, out, 0)
	return out
}

func (w *walker) collectRequired(at Loc, n *yaml.Node, out map[string]bool, depth int) {
	if depth > 16 {
		return
	}
	at, n, ok := w.follow(at, n)
	if !ok || !isMap(n) {
		return
	}
	if r := load.Value(n, "required"); isSeq(r) {
		for _, c := range r.Content {
			out[load.Deref(c).Value] = true
		}
	}
	if k, v := load.Get(n, "allOf"); isSeq(v) {
		for i, c := range v.Content {
			w.collectRequired(item(child(at, k, "allOf"), i, c), load.Deref(c), out, depth+1)
		}
	}
}

// allProperties lists the properties of a schema and of its allOf
// members (following $refs), for checks about an object's shape.
func (w *walker) allProperties(s *Schema) []Property {
	var out []Property
	seen := map[*yaml.Node]bool{}
	var collect func(at Loc, n *yaml.Node, depth int)
	collect = func(at Loc, n *yaml.Node, depth int) {
		at, n, ok := w.follow(at, n)
		if !ok || !isMap(n) || seen[n] || depth > 16 {
			return
		}
		seen[n] = true
		out = append(out, properties(&Schema{Loc: at, Node: n})...)
		if k, v := load.Get(n, "allOf"); isSeq(v) {
			for i, c := range v.Content {
				collect(item(child(at, k, "allOf"), i, c), load.Deref(c), depth+1)
			}
		}
	}
	collect(s.Loc, s.Node, 0)
	return out
}
