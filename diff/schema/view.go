package schema

import (
	"slices"

	"github.com/contractctl/contractctl/internal/load"
	yaml "go.yaml.in/yaml/v3"
)

// view is one side of a compared pair normalised to the values it
// accepts, so that rewrites which accept the same values compare equal:
//
//   - nullability is one flag, however it is written: 3.0 nullable, 2.0
//     x-nullable, a 3.1 type list with "null", a null branch of anyOf or
//     oneOf ({type: 'null'}, const: null, enum: [null]), a nullable $ref
//     sibling or allOf branch ({allOf: [$ref, {nullable: true}]});
//   - allOf is flattened: the schema and its allOf branches, transitively
//     and each once ($refs followed, so cycles end), are layers whose
//     properties, required names and keywords make one schema; a oneOf or
//     anyOf with a single non-null branch is that branch (the same as
//     allOf with one branch);
//   - the type is the intersection of the types the layers declare, or,
//     when none declares one, the union of the types of the oneOf/anyOf
//     branches (a oneOf of objects is an object, not "any").
type view struct {
	s        side
	layers   []layer
	comps    []comp
	types    []string // without "null"; nil accepts every type
	nullable bool
	isFalse  bool
	props    map[string]prop // see properties; built on first use
	propsSet bool
	// empty is true for an empty oneOf/anyOf, which accepts no value: its
	// type is not "any", and the branches added to it say what changed.
	empty bool
}

// layer is a schema object that contributes to a view. owner is the
// index of the layer reached through a $ref that holds it (changes in it
// are reported at that component), or -1 for the view's own schema.
type layer struct {
	s     side
	owner int
}

// comp is a oneOf or anyOf that stays a composition: none, or two or more,
// non-null branches.
type comp struct {
	kw       string
	list     side  // the keyword's sequence
	branches []int // indexes of its non-null branches
	layer    int   // the layer holding it
}

type viewKey struct {
	n    *yaml.Node
	null bool
}

// view returns the normalised view of s, read through l; views are
// cached per loader and node.
func (c *Comparator) view(l *load.Loader, s side) (*view, error) {
	cache := c.views[l]
	if cache == nil {
		cache = map[viewKey]*view{}
		c.views[l] = cache
	}
	k := viewKey{s.node, s.null}
	if v, ok := cache[k]; ok {
		return v, nil
	}
	v := &view{s: s, nullable: s.null}
	cache[k] = v          // a cycle back to s sees the view as built so far
	var seen []*yaml.Node // few: a schema and its allOf branches
	visit := func(n *yaml.Node) bool {
		if slices.Contains(seen, n) {
			return false
		}
		seen = append(seen, n)
		return true
	}
	var add func(x side, owner int) error
	add = func(x side, owner int) error {
		if x.node == nil || !visit(x.node) {
			return nil
		}
		if load.Ref(x.node) != "" {
			t, err := resolve(l, x)
			if err != nil {
				return err
			}
			if !visit(t.node) {
				v.nullable = v.nullable || t.null
				return nil
			}
			x, owner = t, len(v.layers)
		}
		v.nullable = v.nullable || x.null
		if isFalse(x.node) {
			v.isFalse = true
			return nil
		}
		if x.node.Kind != yaml.MappingNode {
			return nil
		}
		idx := len(v.layers)
		v.layers = append(v.layers, layer{s: x, owner: owner})
		if _, null := typeSet(x.node); null || enumHasNull(x.node) {
			v.nullable = true
		}
		if load.Value(x.node, "allOf") != nil {
			all := x.child("allOf")
			for i := range seqLen(all.node) {
				if err := add(all.item(i), owner); err != nil {
					return err
				}
			}
		}
		for _, kw := range [...]string{"oneOf", "anyOf"} {
			if n := load.Value(x.node, kw); n == nil || n.Kind != yaml.SequenceNode {
				continue
			}
			list := x.child(kw)
			var keep []int
			for i := range list.node.Content {
				if c.nullBranch(l, list.item(i)) {
					v.nullable = true
					continue
				}
				keep = append(keep, i)
			}
			switch {
			case len(keep) == 1:
				if err := add(list.item(keep[0]), owner); err != nil {
					return err
				}
			case len(keep) > 0 || len(list.node.Content) == 0:
				v.comps = append(v.comps, comp{kw: kw, list: list, branches: keep, layer: idx})
				v.empty = v.empty || len(keep) == 0
			}
		}
		return nil
	}
	if err := add(s, -1); err != nil {
		delete(cache, k)
		return nil, err
	}
	for _, ly := range v.layers {
		ts, _ := typeSet(ly.s.node)
		switch {
		case len(ts) == 0:
		case v.types == nil:
			v.types = ts
		default:
			if in := intersectTypes(v.types, ts); len(in) > 0 {
				v.types = in
			}
		}
	}
	if v.types == nil && len(v.comps) > 0 {
		ts, err := c.branchTypes(l, v.comps[0])
		if err != nil {
			delete(cache, k)
			return nil, err
		}
		v.types = ts
	}
	return v, nil
}

// branchTypes is the union of the types of a composition's branches, nil
// (any) when a branch accepts any type.
func (c *Comparator) branchTypes(l *load.Loader, cm comp) ([]string, error) {
	var out []string
	for _, i := range cm.branches {
		bv, err := c.view(l, cm.list.item(i))
		if err != nil {
			return nil, err
		}
		if bv.types == nil {
			return nil, nil
		}
		out = append(out, bv.types...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// nullBranch reports whether a oneOf/anyOf branch accepts null only:
// {type: 'null'}, {const: null} or {enum: [null]}.
func (c *Comparator) nullBranch(l *load.Loader, s side) bool {
	if r, err := resolve(l, s); err == nil {
		s = r
	}
	n := s.node
	if n == nil || n.Kind != yaml.MappingNode {
		return false
	}
	null := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i].Value, load.Deref(n.Content[i+1])
		switch {
		case annotation(k) || k == "nullable":
		case k == "type" && val.Kind == yaml.ScalarNode && val.Value == "null",
			k == "type" && val.Kind == yaml.SequenceNode && len(val.Content) == 1 && val.Content[0].Value == "null",
			k == "const" && isNull(val),
			k == "enum" && val.Kind == yaml.SequenceNode && len(val.Content) == 1 && isNull(val.Content[0]):
			null = true
		default:
			return false
		}
	}
	return null
}

func isNull(n *yaml.Node) bool {
	n = load.Deref(n)
	return n != nil && n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func enumHasNull(n *yaml.Node) bool {
	e := load.Value(n, "enum")
	return e != nil && e.Kind == yaml.SequenceNode && slices.ContainsFunc(e.Content, isNull)
}

func intersectTypes(a, b []string) []string {
	var out []string
	for _, t := range a {
		switch {
		case slices.Contains(b, t):
			out = append(out, t)
		case t == "number" && slices.Contains(b, "integer"):
			out = append(out, "integer")
		case t == "integer" && slices.Contains(b, "number"):
			out = append(out, "integer")
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// get returns the first layer that has key, and key's value there.
func (v *view) get(key string) (layer, *yaml.Node) {
	for _, ly := range v.layers {
		if n := load.Value(ly.s.node, key); n != nil {
			return ly, n
		}
	}
	return layer{s: v.s, owner: -1}, nil
}

// has reports whether a layer has key.
func (v *view) has(key string) bool {
	_, n := v.get(key)
	return n != nil
}

// child returns the subschema at key of the first layer that has it.
func (v *view) child(key string) side {
	ly, n := v.get(key)
	if n == nil {
		return side{file: v.s.file, ptr: load.Join(v.s.ptr, key)}
	}
	return ly.s.child(key)
}

// at locates key in the first layer that has it, else the schema itself.
func (v *view) at(key string) Location {
	ly, n := v.get(key)
	if n == nil {
		return v.s.loc()
	}
	return ly.s.at(key)
}

// flag reads a boolean keyword (readOnly, writeOnly, deprecated).
func (v *view) flag(key string) bool {
	_, n := v.get(key)
	return isTrue(n)
}

// str reads a scalar keyword.
func (v *view) str(key string) string {
	_, n := v.get(key)
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// bound reads a numeric keyword: the tightest over the layers (the least
// upper bound, the greatest lower bound), the first multipleOf.
func (v *view) bound(key string, pol polarity) (val float64, text string, at Location, ok bool) {
	for _, ly := range v.layers {
		f, s, found := number(ly.s.node, key)
		if !found {
			continue
		}
		if !ok || pol == upper && f < val || pol == lower && f > val {
			val, text, at, ok = f, s, ly.s.at(key), true
		}
	}
	return val, text, at, ok
}

// required is the set of names every value must have: the union over the
// layers, and the names that every branch of a composition requires
// (through at most eight nested compositions, so unions of unions that
// lead back to themselves end).
func (c *Comparator) required(l *load.Loader, v *view) (map[string]bool, error) {
	return c.requiredIn(l, v, 8)
}

func (c *Comparator) requiredIn(l *load.Loader, v *view, depth int) (map[string]bool, error) {
	out := map[string]bool{}
	for _, ly := range v.layers {
		for n := range requiredSet(ly.s.node) {
			out[n] = true
		}
	}
	for _, cm := range v.comps {
		var common map[string]bool
		for _, i := range cm.branches {
			bv, err := c.view(l, cm.list.item(i))
			if err != nil {
				return nil, err
			}
			if bv == v || depth == 0 {
				common = nil
				break
			}
			r, err := c.requiredIn(l, bv, depth-1)
			if err != nil {
				return nil, err
			}
			if common == nil {
				common = r
				continue
			}
			for n := range common {
				if !r[n] {
					delete(common, n)
				}
			}
		}
		for n := range common {
			out[n] = true
		}
	}
	return out, nil
}

// prop is a property of a view: its schema and the layer declaring it.
type prop struct {
	s     side
	layer int
}

// properties maps each property name to its first declaration.
func (v *view) properties() map[string]prop {
	if v.propsSet {
		return v.props
	}
	var out map[string]prop
	for i, ly := range v.layers {
		ps := ly.s.child("properties")
		if ps.node == nil || ps.node.Kind != yaml.MappingNode {
			continue
		}
		if out == nil {
			out = make(map[string]prop, len(ps.node.Content)/2)
		}
		for j := 0; j+1 < len(ps.node.Content); j += 2 {
			k := ps.node.Content[j]
			if _, ok := out[k.Value]; !ok {
				out[k.Value] = prop{s: side{file: ps.file, ptr: load.Join(ps.ptr, k.Value), node: load.Deref(ps.node.Content[j+1]), key: k}, layer: i}
			}
		}
	}
	v.props, v.propsSet = out, true
	return out
}

// branchProperty finds name among the properties of a view's composition
// branches: found when a branch declares it, with its schema when every
// declaring branch declares the same schema.
func (c *Comparator) branchProperty(l *load.Loader, v *view, name string) (s side, found, same bool, err error) {
	var hash string
	for _, cm := range v.comps {
		for _, i := range cm.branches {
			bv, err := c.view(l, cm.list.item(i))
			if err != nil {
				return side{}, false, false, err
			}
			if bv == v {
				continue
			}
			p, ok := bv.properties()[name]
			if !ok {
				continue
			}
			h := c.resolvedHash(l, p.s)
			switch {
			case !found:
				s, found, same, hash = p.s, true, true, h
			case h != hash:
				same = false
			}
		}
	}
	return s, found, same, nil
}

// keywordTypes lists the types a keyword constrains (JSON Schema's
// type-applicability): maxLength says nothing about a number, minimum
// nothing about an array. Keywords not listed apply to every type.
var keywordTypes = map[string][]string{
	"maximum": {"number"}, "minimum": {"number"}, "exclusiveMaximum": {"number"}, "exclusiveMinimum": {"number"}, "multipleOf": {"number"},
	"maxLength": {"string"}, "minLength": {"string"}, "pattern": {"string"},
	"contentEncoding": {"string"}, "contentMediaType": {"string"}, "contentSchema": {"string"},
	"format": {"string", "number"},
	"items":  {"array"}, "maxItems": {"array"}, "minItems": {"array"}, "uniqueItems": {"array"}, "contains": {"array"},
	"maxContains": {"array"}, "minContains": {"array"}, "prefixItems": {"array"}, "unevaluatedItems": {"array"},
	"properties": {"object"}, "required": {"object"}, "additionalProperties": {"object"}, "maxProperties": {"object"},
	"minProperties": {"object"}, "patternProperties": {"object"}, "propertyNames": {"object"},
	"dependentRequired": {"object"}, "dependentSchemas": {"object"}, "unevaluatedProperties": {"object"},
}

// applies reports whether key constrains a value of one of types (nil:
// any type).
func applies(key string, types []string) bool {
	kt, ok := keywordTypes[key]
	if !ok || types == nil {
		return true
	}
	for _, t := range types {
		if t == "integer" {
			t = "number"
		}
		if slices.Contains(kt, t) {
			return true
		}
	}
	return false
}

// relevant reports whether key constrains values of both sides: a keyword
// that applies to neither side's type (minimum on an array) changes
// nothing, and one that applies to one side only is covered by the type
// change.
func relevant(key string, b, h *view) bool {
	return applies(key, b.types) && applies(key, h.types)
}

// typeOnly reports whether every branch of a composition only names a
// type: the composition is then exactly its union of types.
func (c *Comparator) typeOnly(l *load.Loader, cm comp) bool {
	for _, i := range cm.branches {
		s := cm.list.item(i)
		if r, err := resolve(l, s); err == nil {
			s = r
		}
		n := s.node
		if n == nil || n.Kind != yaml.MappingNode || load.Value(n, "type") == nil {
			return false
		}
		for j := 0; j+1 < len(n.Content); j += 2 {
			if k := n.Content[j].Value; k != "type" && k != "nullable" && !annotation(k) {
				return false
			}
		}
	}
	return len(cm.branches) > 0
}

// compOf returns the view's first composition with keyword kw.
func (v *view) compOf(kw string) (comp, bool) {
	for _, cm := range v.comps {
		if cm.kw == kw {
			return cm, true
		}
	}
	return comp{}, false
}

// branchNames lists branches for a message: "A, B, inline object schema".
func branchNames(list side, idx []int) string {
	s := ""
	for k, i := range idx {
		if k > 0 {
			s += ", "
		}
		s += branchName(list.item(i).node)
	}
	return s
}
