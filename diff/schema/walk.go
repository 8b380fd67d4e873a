package schema

import (
	"math"
	"slices"
	"strconv"

	"github.com/contractctl/contractctl/internal/load"
	yaml "go.yaml.in/yaml/v3"
)

// walker compares the inline part of one owner: it descends through
// properties, items, additionalProperties and composition branches, and
// stops at every $ref, recording an edge to the owner of the referenced
// pair instead.
type walker struct {
	c     *Comparator
	u     *unit
	owner Location
}

func (w *walker) add(ch Change, prop string) {
	ch.Owner = w.owner
	ch.Property = prop
	w.u.changes = append(w.u.changes, ch)
}

// schema compares b with h; prop is the property path from the owner,
// direct whether no property step was taken since the owner.
func (w *walker) schema(b, h side, prop string, direct bool) error {
	if b.node == nil || h.node == nil {
		return nil
	}
	if load.Ref(b.node) != "" || load.Ref(h.node) != "" {
		rb, err := resolve(w.c.base, b)
		if err != nil {
			return err
		}
		rh, err := resolve(w.c.head, h)
		if err != nil {
			return err
		}
		id := w.c.unitFor(rb, rh, w.u.dir)
		w.u.edges = append(w.u.edges, edge{to: id, direct: direct})
		return nil
	}
	// Boolean schemas (3.1): false accepts nothing, true everything.
	bFalse, hFalse := isFalse(b.node), isFalse(h.node)
	switch {
	case !bFalse && hFalse:
		w.add(Change{Kind: BecameFalse, Effect: Narrows, Head: h.loc(), Base: b.loc(), Old: "schema", New: "false"}, prop)
		return nil
	case bFalse && !hFalse:
		w.add(Change{Kind: BecameNotFalse, Effect: Widens, Head: h.loc(), Base: b.loc(), Old: "false", New: "schema"}, prop)
		return nil
	case bFalse && hFalse:
		return nil
	}
	if b.node.Kind != yaml.MappingNode || h.node.Kind != yaml.MappingNode {
		return nil
	}
	if done, err := w.wrapped(b, h, prop, direct); done || err != nil {
		return err
	}
	if !w.types(b, h, prop) {
		return nil // an incompatible type: the rest would only be noise
	}
	w.enums(b, h, prop, "enum", EnumValueAdded, EnumValueRemoved, true)
	w.enums(b, h, prop, "x-extensible-enum", ExtEnumValueAdded, ExtEnumValueRemove, false)
	w.bounds(b, h, prop)
	w.scalars(b, h, prop)
	extraB, extraH, allOf, err := w.allOfBags(b, h)
	if err != nil {
		return err
	}
	if err := w.properties(append([]side{b}, extraB...), append([]side{h}, extraH...), prop); err != nil {
		return err
	}
	if err := w.items(b, h, prop); err != nil {
		return err
	}
	if err := w.additional(b, h, prop); err != nil {
		return err
	}
	if err := w.composition(b, h, prop, direct, "allOf", allOf); err != nil {
		return err
	}
	for _, kw := range [...]string{"oneOf", "anyOf"} {
		if err := w.composition(b, h, prop, direct, kw, nil); err != nil {
			return err
		}
	}
	if either(b, h, "not") {
		if err := w.schema(b.child("not"), h.child("not"), join(prop, "not"), false); err != nil {
			return err
		}
	}
	return w.presence(b, h, prop)
}

// presenceKeywords are subschema-valued keywords whose appearance narrows
// and whose disappearance widens what a schema accepts; when both sides
// have one, they are compared as subschemas.
var presenceKeywords = [...]struct{ key, name string }{
	{"contains", "contains"}, {"if", "if"}, {"then", "then"}, {"else", "else"},
	{"propertyNames", "property-names"}, {"unevaluatedItems", "unevaluated-items"},
	{"unevaluatedProperties", "unevaluated-properties"}, {"contentSchema", "content-schema"},
}

// mapKeywords hold one entry per name (property, dependency).
var mapKeywords = [...]struct{ key, name string }{
	{"patternProperties", "pattern-property"}, {"dependentSchemas", "dependent-schema"}, {"dependentRequired", "dependent-required"},
}

func (w *walker) presence(b, h side, prop string) error {
	for _, kw := range presenceKeywords {
		if !either(b, h, kw.key) {
			continue
		}
		bs, hs := b.child(kw.key), h.child(kw.key)
		switch {
		case bs.node == nil && hs.node != nil:
			w.add(w.flags(Change{Kind: Presence(kw.name, true), Effect: Narrows, Head: h.at(kw.key), Base: b.loc(), New: kw.key}, h), prop)
		case bs.node != nil && hs.node == nil:
			w.add(w.flags(Change{Kind: Presence(kw.name, false), Effect: Widens, Head: h.loc(), Base: b.at(kw.key), Old: kw.key}, h), prop)
		case bs.node != nil:
			if err := w.schema(bs, hs, join(prop, kw.key), false); err != nil {
				return err
			}
		}
	}
	for _, kw := range mapKeywords {
		if !either(b, h, kw.key) {
			continue
		}
		bm, hm := b.child(kw.key), h.child(kw.key)
		bk, hk := keys(bm.node), keys(hm.node)
		for _, k := range bk {
			if _, ok := slices.BinarySearch(hk, k); !ok {
				w.add(w.flags(Change{Kind: Presence(kw.name, false), Effect: Widens, Head: nearestOf(h, kw.key), Base: bm.at(k), Old: k}, h), prop)
				continue
			}
			if kw.key == "dependentRequired" {
				if canonical(bm.child(k).node) != canonical(hm.child(k).node) {
					w.add(w.flags(Change{Kind: DependentRequiredChanged, Effect: Incompatible, Head: hm.at(k), Base: bm.at(k), Old: k, New: k}, h), prop)
				}
				continue
			}
			if err := w.schema(bm.child(k), hm.child(k), join(prop, kw.key+"/"+k), false); err != nil {
				return err
			}
		}
		for _, k := range hk {
			if _, ok := slices.BinarySearch(bk, k); !ok {
				w.add(w.flags(Change{Kind: Presence(kw.name, true), Effect: Narrows, Head: hm.at(k), Base: nearestOf(b, kw.key), New: k}, h), prop)
			}
		}
	}
	if bv, hv := load.Value(b.node, "prefixItems"), load.Value(h.node, "prefixItems"); bv == nil && hv != nil {
		w.add(w.flags(Change{Kind: Presence("prefix-items", true), Effect: Narrows, Head: h.at("prefixItems"), Base: b.loc()}, h), prop)
	} else if bv != nil && hv == nil {
		w.add(w.flags(Change{Kind: Presence("prefix-items", false), Effect: Widens, Head: h.loc(), Base: b.at("prefixItems")}, h), prop)
	}
	for _, kw := range [...]struct {
		key  string
		kind Kind
	}{{"contentEncoding", ContentEncodingChanged}, {"contentMediaType", ContentMediaTypeChanged}} {
		if bv, hv := str(b.node, kw.key), str(h.node, kw.key); bv != hv {
			w.add(w.flags(Change{Kind: kw.kind, Effect: Incompatible, Head: nearestOf(h, kw.key), Base: nearestOf(b, kw.key), Old: bv, New: hv}, h), prop)
		}
	}
	return nil
}

// nearestOf locates keyword of s when present, else s itself.
func nearestOf(s side, key string) Location {
	if load.Value(s.node, key) != nil {
		return s.at(key)
	}
	return s.loc()
}

func isFalse(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && n.Tag == "!!bool" && n.Value == "false"
}

func join(prop, name string) string {
	if prop == "" {
		return name
	}
	return prop + "/" + name
}

// typeSet reads type (a string or a 3.1 list) without "null", and whether
// null is accepted (3.1 "null" type, 3.0 nullable, 2.0 x-nullable).
func typeSet(n *yaml.Node) (types []string, nullable bool) {
	t := load.Value(n, "type")
	switch {
	case t == nil:
	case t.Kind == yaml.ScalarNode:
		types = append(types, t.Value)
	case t.Kind == yaml.SequenceNode:
		for _, e := range t.Content {
			types = append(types, e.Value)
		}
	}
	types = slices.DeleteFunc(types, func(s string) bool {
		if s == "null" {
			nullable = true
			return true
		}
		return false
	})
	slices.Sort(types)
	types = slices.Compact(types)
	if isTrue(load.Value(n, "nullable")) || isTrue(load.Value(n, "x-nullable")) {
		nullable = true
	}
	return types, nullable
}

func isTrue(n *yaml.Node) bool { return n != nil && n.Kind == yaml.ScalarNode && n.Value == "true" }

// subsetTypes reports whether every type of a is accepted by b (integer is
// accepted by number; no types means any type).
func subsetTypes(a, b []string) bool {
	if len(b) == 0 {
		return true
	}
	if len(a) == 0 {
		return false
	}
	for _, t := range a {
		if !slices.Contains(b, t) && !(t == "integer" && slices.Contains(b, "number")) {
			return false
		}
	}
	return true
}

func typeString(ts []string) string {
	switch len(ts) {
	case 0:
		return "any"
	case 1:
		return ts[0]
	}
	s := "["
	for i, t := range ts {
		if i > 0 {
			s += ", "
		}
		s += t
	}
	return s + "]"
}

// types compares type, format and nullability; it returns false when the
// type changed incompatibly.
func (w *walker) types(b, h side, prop string) bool {
	bt, bn := typeSet(b.node)
	ht, hn := typeSet(h.node)
	if len(bt) == 0 {
		bt = w.allOfTypes(w.c.base, b)
	}
	if len(ht) == 0 {
		ht = w.allOfTypes(w.c.head, h)
	}
	if bn != hn {
		ch := Change{Kind: BecameNullable, Effect: Widens, Head: h.loc(), Base: b.loc(), Old: "not nullable", New: "nullable"}
		if !hn {
			ch.Kind, ch.Effect, ch.Old, ch.New = BecameNotNullable, Narrows, "nullable", "not nullable"
		}
		w.add(w.flags(ch, h), prop)
	}
	wider, narrower := subsetTypes(bt, ht), subsetTypes(ht, bt)
	if !(wider && narrower) {
		list := len(bt) > 1 || len(ht) > 1
		ch := Change{Head: h.at("type"), Base: b.at("type"), Old: typeString(bt), New: typeString(ht)}
		switch {
		case wider && list:
			ch.Kind, ch.Effect = ListOfTypesWider, Widens
		case wider:
			ch.Kind, ch.Effect = TypeGeneralized, Widens
		case narrower && list:
			ch.Kind, ch.Effect = ListOfTypesNarr, Narrows
		case narrower:
			ch.Kind, ch.Effect = TypeSpecialized, Narrows
		default:
			ch.Kind, ch.Effect = TypeChanged, Incompatible
		}
		if ch.Head.Pointer == "" || load.Value(h.node, "type") == nil {
			ch.Head = h.loc()
		}
		w.add(w.flags(ch, h), prop)
		if ch.Effect == Incompatible {
			return false
		}
	}
	bf, hf := str(b.node, "format"), str(h.node, "format")
	if bf != hf {
		ch := Change{Kind: FormatChanged, Effect: formatEffect(bf, hf), Head: h.at("format"), Base: b.at("format"), Old: typeString(bt), New: typeString(ht)}
		if bf != "" {
			ch.Old += "/" + bf
		}
		if hf != "" {
			ch.New += "/" + hf
		}
		if load.Value(h.node, "format") == nil {
			ch.Head = h.loc()
		}
		w.add(w.flags(ch, h), prop)
	}
	return true
}

func formatEffect(b, h string) Effect {
	switch {
	case b == "":
		return Narrows
	case h == "":
		return Widens
	}
	wider := map[string]string{"int32": "int64", "float": "double"}
	switch {
	case wider[b] == h:
		return Widens
	case wider[h] == b:
		return Narrows
	}
	return Incompatible
}

func str(n *yaml.Node, key string) string {
	v := load.Value(n, key)
	if v == nil || v.Kind != yaml.ScalarNode {
		return ""
	}
	return v.Value
}

// flags copies the head schema's property flags onto a change.
func (w *walker) flags(ch Change, s side) Change {
	ch.ReadOnly = isTrue(load.Value(s.node, "readOnly"))
	ch.WriteOnly = isTrue(load.Value(s.node, "writeOnly"))
	ch.Deprecated = isTrue(load.Value(s.node, "deprecated"))
	ch.Sunset = str(s.node, "x-sunset")
	ch.HasDefault = load.Value(s.node, "default") != nil
	return ch
}

func (w *walker) enums(b, h side, prop, key string, added, removed Kind, became bool) {
	be, he := load.Value(b.node, key), load.Value(h.node, key)
	isList := func(n *yaml.Node) bool { return n != nil && n.Kind == yaml.SequenceNode }
	switch {
	case !isList(be) && !isList(he):
		return
	case !isList(be):
		if became {
			w.add(w.flags(Change{Kind: BecameEnum, Effect: Narrows, Head: h.at(key), Base: b.loc(), New: values(he)}, h), prop)
		}
		return
	case !isList(he):
		if became {
			w.add(w.flags(Change{Kind: BecameNotEnum, Effect: Widens, Head: h.loc(), Base: b.at(key), Old: values(be)}, h), prop)
		}
		return
	}
	bv := map[string]bool{}
	for _, e := range be.Content {
		bv[canonical(e)] = true
	}
	hv := map[string]bool{}
	for i, e := range he.Content {
		c := canonical(e)
		hv[c] = true
		if !bv[c] {
			w.add(w.flags(Change{Kind: added, Effect: Widens, Head: h.at(key, strconv.Itoa(i)), Base: b.at(key), New: display(e)}, h), prop)
		}
	}
	for i, e := range be.Content {
		if !hv[canonical(e)] {
			w.add(w.flags(Change{Kind: removed, Effect: Narrows, Head: h.at(key), Base: b.at(key, strconv.Itoa(i)), Old: display(e)}, h), prop)
		}
	}
}

func values(n *yaml.Node) string {
	s := "["
	for i, e := range n.Content {
		if i > 0 {
			s += ", "
		}
		s += display(e)
	}
	return s + "]"
}

func display(n *yaml.Node) string {
	n = load.Deref(n)
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return canonical(n)
}

type polarity int

const (
	upper polarity = iota
	lower
	unordered
)

var boundKeywords = [...]struct {
	key, name string
	pol       polarity
}{
	{"maximum", "max", upper}, {"minimum", "min", lower},
	{"exclusiveMaximum", "exclusive-max", upper}, {"exclusiveMinimum", "exclusive-min", lower},
	{"maxLength", "max-length", upper}, {"minLength", "min-length", lower},
	{"maxItems", "max-items", upper}, {"minItems", "min-items", lower},
	{"maxProperties", "max-properties", upper}, {"minProperties", "min-properties", lower},
	{"maxContains", "max-contains", upper}, {"minContains", "min-contains", lower},
	{"multipleOf", "multiple-of", unordered},
}

// boundKeywordNames lists the short names, longest first so that IsBound
// splits "max-length-set" as max-length, not max.
var boundKeywordNames = []string{"exclusive-max", "exclusive-min", "max-length", "min-length", "max-items", "min-items",
	"max-properties", "min-properties", "max-contains", "min-contains", "multiple-of", "max", "min"}

// number reads a bound; a 3.0 boolean exclusiveMaximum reads as 1 (set)
// or absent.
func number(n *yaml.Node, key string) (float64, string, bool) {
	v := load.Value(n, key)
	if v == nil || v.Kind != yaml.ScalarNode {
		return 0, "", false
	}
	if v.Tag == "!!bool" {
		if v.Value == "true" {
			return 1, "true", true
		}
		return 0, "", false
	}
	f, err := strconv.ParseFloat(v.Value, 64)
	if err != nil {
		return 0, "", false
	}
	return f, v.Value, true
}

func (w *walker) bounds(b, h side, prop string) {
	for _, kw := range boundKeywords {
		bv, bs, bok := number(b.node, kw.key)
		hv, hs, hok := number(h.node, kw.key)
		if !bok && !hok || bok && hok && bv == hv {
			continue
		}
		ch := Change{Head: h.at(kw.key), Base: b.at(kw.key), Old: bs, New: hs}
		var action string
		switch {
		case !bok:
			action, ch.Effect = ActionSet, Narrows
		case !hok:
			action, ch.Effect = ActionUnset, Widens
			ch.Head = h.loc()
		case kw.pol == unordered:
			r := hv / bv
			switch {
			case math.Abs(r-math.Round(r)) < 1e-9:
				action, ch.Effect = ActionSpecialized, Narrows
			case math.Abs(bv/hv-math.Round(bv/hv)) < 1e-9:
				action, ch.Effect = ActionGeneralized, Widens
			default:
				action, ch.Effect = ActionChanged, Incompatible
			}
		case hv > bv:
			action, ch.Effect = ActionIncreased, Widens
			if kw.pol == lower {
				ch.Effect = Narrows
			}
		default:
			action, ch.Effect = ActionDecreased, Narrows
			if kw.pol == lower {
				ch.Effect = Widens
			}
		}
		if !bok {
			ch.Base = b.loc()
		}
		ch.Kind = Bound(kw.name, action)
		w.add(w.flags(ch, h), prop)
	}
}

// scalars compares pattern, uniqueItems, readOnly, writeOnly, deprecated,
// default and const.
func (w *walker) scalars(b, h side, prop string) {
	bp, hp := load.Value(b.node, "pattern"), load.Value(h.node, "pattern")
	switch {
	case bp == nil && hp != nil:
		w.add(w.flags(Change{Kind: PatternAdded, Effect: Narrows, Head: h.at("pattern"), Base: b.loc(), New: hp.Value}, h), prop)
	case bp != nil && hp == nil:
		w.add(w.flags(Change{Kind: PatternRemoved, Effect: Widens, Head: h.loc(), Base: b.at("pattern"), Old: bp.Value}, h), prop)
	case bp != nil && bp.Value != hp.Value:
		eff := Incompatible
		if hp.Value == ".*" || hp.Value == "^.*$" {
			eff = Widens
		}
		w.add(w.flags(Change{Kind: PatternChanged, Effect: eff, Head: h.at("pattern"), Base: b.at("pattern"), Old: bp.Value, New: hp.Value}, h), prop)
	}
	flag := func(key string, on, off Kind, onEffect, offEffect Effect) {
		bv, hv := isTrue(load.Value(b.node, key)), isTrue(load.Value(h.node, key))
		switch {
		case !bv && hv:
			w.add(w.flags(Change{Kind: on, Effect: onEffect, Head: h.at(key), Base: b.loc(), Old: "false", New: "true"}, h), prop)
		case bv && !hv:
			ch := w.flags(Change{Kind: off, Effect: offEffect, Head: h.loc(), Base: b.at(key), Old: "true", New: "false"}, h)
			w.add(ch, prop)
		}
	}
	flag("uniqueItems", UniqueItemsSet, UniqueItemsUnset, Narrows, Widens)
	flag("readOnly", BecameReadOnly, BecameNotRO, Neutral, Neutral)
	flag("writeOnly", BecameWriteOnly, BecameNotWO, Neutral, Neutral)
	flag("deprecated", PropertyDeprec, PropertyReactiv, Neutral, Neutral)

	bd, hd := load.Value(b.node, "default"), load.Value(h.node, "default")
	switch {
	case bd == nil && hd != nil:
		w.add(w.flags(Change{Kind: DefaultAdded, Effect: Neutral, Head: h.at("default"), Base: b.loc(), New: display(hd)}, h), prop)
	case bd != nil && hd == nil:
		w.add(w.flags(Change{Kind: DefaultRemoved, Effect: Neutral, Head: h.loc(), Base: b.at("default"), Old: display(bd)}, h), prop)
	case bd != nil && canonical(bd) != canonical(hd):
		w.add(w.flags(Change{Kind: DefaultChanged, Effect: Neutral, Head: h.at("default"), Base: b.at("default"), Old: display(bd), New: display(hd)}, h), prop)
	}
	bc, hc := load.Value(b.node, "const"), load.Value(h.node, "const")
	switch {
	case bc == nil && hc != nil:
		w.add(w.flags(Change{Kind: ConstAdded, Effect: Narrows, Head: h.at("const"), Base: b.loc(), New: display(hc)}, h), prop)
	case bc != nil && hc == nil:
		w.add(w.flags(Change{Kind: ConstRemoved, Effect: Widens, Head: h.loc(), Base: b.at("const"), Old: display(bc)}, h), prop)
	case bc != nil && canonical(bc) != canonical(hc):
		w.add(w.flags(Change{Kind: ConstChanged, Effect: Incompatible, Head: h.at("const"), Base: b.at("const"), Old: display(bc), New: display(hc)}, h), prop)
	}
}

func requiredSet(n *yaml.Node) map[string]bool {
	out := map[string]bool{}
	if r := load.Value(n, "required"); r != nil && r.Kind == yaml.SequenceNode {
		for _, e := range r.Content {
			out[e.Value] = true
		}
	}
	return out
}

func keys(n *yaml.Node) []string {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	out := make([]string, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, n.Content[i].Value)
	}
	slices.Sort(out)
	return out
}

// propertyFlags resolves a property schema (one $ref deep is enough for
// flags) to read readOnly, writeOnly, deprecated, x-sunset and default.
func (w *walker) propertyFlags(l *load.Loader, s side, ch Change) Change {
	if r, err := resolve(l, s); err == nil {
		s = r
	}
	return w.flags(ch, s)
}

// properties compares the properties of the base sources with those of
// the head sources: the schema itself first, then allOf branches merged
// into it (allOfBags).
func (w *walker) properties(bsrc, hsrc []side, prop string) error {
	b, h := bsrc[0], hsrc[0]
	bprops, breq := propertyMap(bsrc)
	hprops, hreq := propertyMap(hsrc)
	bnames, hnames := sortedNames(bprops), sortedNames(hprops)
	for _, name := range bnames {
		bs := bprops[name]
		hs, found := hprops[name]
		if !found {
			ch := w.propertyFlags(w.c.base, bs, Change{Kind: PropertyRemoved, Head: nearestOf(h, "properties"), Base: bs.loc(), Old: name})
			ch.Required = breq[name]
			w.add(ch, join(prop, name))
			continue
		}
		ch := w.propertyFlags(w.c.head, hs, Change{Head: hs.loc(), Base: bs.loc()})
		switch {
		case !breq[name] && hreq[name]:
			ch.Kind, ch.Effect, ch.Old, ch.New, ch.Required = BecameRequired, Narrows, "optional", "required", true
			w.add(ch, join(prop, name))
		case breq[name] && !hreq[name]:
			ch.Kind, ch.Effect, ch.Old, ch.New = BecameOptional, Widens, "required", "optional"
			w.add(ch, join(prop, name))
		}
		if w.skipped(bs, hs) {
			continue
		}
		if err := w.schema(bs, hs, join(prop, name), false); err != nil {
			return err
		}
	}
	for _, name := range hnames {
		if _, found := bprops[name]; found {
			continue
		}
		hs := hprops[name]
		ch := w.propertyFlags(w.c.head, hs, Change{Kind: PropertyAdded, Head: hs.loc(), Base: nearestOf(b, "properties"), New: name})
		ch.Required = hreq[name]
		w.add(ch, join(prop, name))
	}
	return nil
}

// propertyMap collects the properties and required names of sources; the
// first source defining a property wins.
func propertyMap(srcs []side) (map[string]side, map[string]bool) {
	var props map[string]side
	req := map[string]bool{}
	for _, s := range srcs {
		ps := s.child("properties")
		if ps.node == nil || ps.node.Kind != yaml.MappingNode {
			continue
		}
		if props == nil {
			props = make(map[string]side, len(ps.node.Content)/2)
		}
		for i := 0; i+1 < len(ps.node.Content); i += 2 {
			k := ps.node.Content[i]
			if _, ok := props[k.Value]; !ok {
				props[k.Value] = side{file: ps.file, ptr: load.Join(ps.ptr, k.Value), node: load.Deref(ps.node.Content[i+1]), key: k}
			}
		}
		for n := range requiredSet(s.node) {
			req[n] = true
		}
	}
	return props, req
}

func sortedNames(m map[string]side) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// skipped reports whether a property's subtree does not matter in this
// direction: read-only on both sides of a request (the server ignores
// it), write-only on both sides of a response (never returned).
func (w *walker) skipped(b, h side) bool {
	flag := "readOnly"
	if w.u.dir == Response {
		flag = "writeOnly"
	}
	on := func(l *load.Loader, s side) bool {
		if r, err := resolve(l, s); err == nil {
			s = r
		}
		return isTrue(load.Value(s.node, flag))
	}
	return on(w.c.base, b) && on(w.c.head, h)
}

func (w *walker) items(b, h side, prop string) error {
	if !either(b, h, "items") {
		return nil
	}
	bi, hi := b.child("items"), h.child("items")
	switch {
	case bi.node == nil && hi.node == nil:
		return nil
	case bi.node == nil:
		if bt, _ := typeSet(b.node); slices.Contains(bt, "array") {
			w.add(w.flags(Change{Kind: ItemsSet, Effect: Narrows, Head: h.at("items"), Base: b.loc(), New: "items"}, h), prop)
		}
		return nil
	case hi.node == nil:
		if ht, _ := typeSet(h.node); slices.Contains(ht, "array") {
			w.add(w.flags(Change{Kind: ItemsUnset, Effect: Widens, Head: h.loc(), Base: b.at("items"), Old: "items"}, h), prop)
		}
		return nil
	}
	return w.schema(bi, hi, join(prop, "items"), false)
}

type apState int

const (
	apOpen apState = iota
	apFalse
	apSchema
)

func additionalState(n *yaml.Node) apState {
	switch {
	case n == nil:
		return apOpen
	case n.Kind == yaml.ScalarNode:
		if n.Value == "false" {
			return apFalse
		}
		return apOpen
	case n.Kind == yaml.MappingNode && len(n.Content) == 0:
		return apOpen
	}
	return apSchema
}

func (w *walker) additional(b, h side, prop string) error {
	const key = "additionalProperties"
	if !either(b, h, key) {
		return nil
	}
	ba, ha := b.child(key), h.child(key)
	bs, hs := additionalState(ba.node), additionalState(ha.node)
	names := [...]string{apOpen: "allowed", apFalse: "false", apSchema: "schema"}
	ch := Change{Head: h.at(key), Base: b.at(key), Old: names[bs], New: names[hs]}
	if ha.node == nil {
		ch.Head = h.loc()
	}
	if ba.node == nil {
		ch.Base = b.loc()
	}
	switch {
	case bs == hs && bs == apSchema:
		return w.schema(ba, ha, join(prop, key), false)
	case bs == hs:
		return nil
	case hs == apFalse:
		ch.Kind, ch.Effect = AdditionalPropsBecameFalse, Narrows
	case hs == apOpen:
		ch.Kind, ch.Effect = AdditionalPropsBecameOpen, Widens
	case bs == apOpen: // → schema
		ch.Kind, ch.Effect = AdditionalPropsSet, Narrows
	default: // false → schema
		ch.Kind, ch.Effect = AdditionalPropsRelaxed, Widens
	}
	w.add(w.flags(ch, h), prop)
	return nil
}

// allOfTypes is the type an untyped schema takes from its allOf branches
// (allOf: [{$ref: Base}, {properties: …}] is an object when Base is).
func (w *walker) allOfTypes(l *load.Loader, s side) []string {
	list := s.child("allOf")
	for i := range seqLen(list.node) {
		r, err := resolve(l, list.item(i))
		if err != nil {
			continue
		}
		if ts, _ := typeSet(r.node); len(ts) > 0 {
			return ts
		}
	}
	return nil
}

// either reports whether b or h has key (a cheap test before building
// located children, whose pointers allocate).
func either(b, h side, key string) bool {
	return load.Value(b.node, key) != nil || load.Value(h.node, key) != nil
}
