package schema

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/contractctl/contractctl/internal/load"
	yaml "go.yaml.in/yaml/v3"
)

// walker compares the inline part of one owner: it descends through
// properties, items, additionalProperties and composition branches, and
// stops at every $ref, recording an edge to the owner of the referenced
// pair instead.
type walker struct {
	c *Comparator
	u *unit
}

// ctx is where a change is reported: the schema that owns it (a
// component, or the compared root) and the property path from there.
type ctx struct {
	owner Location
	prop  string
}

func (cx ctx) join(name string) ctx { return ctx{owner: cx.owner, prop: join(cx.prop, name)} }

// layerCtx is the context of layer i of v, whose own context is cx: a
// layer reached through a $ref reports at its component.
func layerCtx(v *view, i int, cx ctx) ctx {
	if i < 0 || v.layers[i].owner < 0 {
		return cx
	}
	return ctx{owner: v.layers[v.layers[i].owner].s.loc()}
}

// unitCtx is where the changes of a pair reached through a $ref are
// reported: at the head component when both sides are references (a
// shared schema, compared once for all its users), else — an inline
// schema replaced by a reference, or the other way round — at the
// property that changed, whose pair nothing else shares.
func unitCtx(b, h side, cx ctx) ctx {
	if !b.ref.IsZero() && !h.ref.IsZero() {
		return ctx{owner: h.loc()}
	}
	return cx
}

// rootLoc locates a change of the compared schema itself: for a pair
// reported at its property (see unitCtx), the reference object written
// there rather than the shared schema it names.
func (w *walker) rootLoc(v *view) Location {
	u := w.u
	if !u.b.ref.IsZero() && !u.h.ref.IsZero() {
		return v.s.loc()
	}
	for _, s := range [...]side{u.b, u.h} {
		if s.node == v.s.node && s.file == v.s.file && !s.ref.IsZero() {
			return s.ref
		}
	}
	return v.s.loc()
}

func (w *walker) add(ch Change, cx ctx) {
	ch.Owner = cx.owner
	ch.Property = cx.prop
	w.u.changes = append(w.u.changes, ch)
}

// schema compares b with h; cx says where changes are reported, direct
// whether no property step was taken since the owner.
func (w *walker) schema(b, h side, cx ctx, direct bool) error {
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
		id := w.c.unitFor(rb, rh, w.u.dir, unitCtx(rb, rh, cx))
		w.u.edges = append(w.u.edges, edge{to: id, direct: direct})
		return nil
	}
	return w.compare(b, h, cx, direct)
}

// compare compares two schemas that are not references, by their views.
func (w *walker) compare(b, h side, cx ctx, direct bool) error {
	// Boolean schemas (3.1): false accepts nothing, true everything.
	if isFalse(b.node) || isFalse(h.node) || b.node.Kind != yaml.MappingNode || h.node.Kind != yaml.MappingNode {
		w.falseness(isFalse(b.node), isFalse(h.node), b, h, cx)
		return nil
	}
	vb, err := w.c.view(w.c.base, b)
	if err != nil {
		return err
	}
	vh, err := w.c.view(w.c.head, h)
	if err != nil {
		return err
	}
	if vb.isFalse || vh.isFalse {
		w.falseness(vb.isFalse, vh.isFalse, b, h, cx)
		return nil
	}
	if done, err := w.wrapped(vb, vh, cx, direct); done || err != nil {
		return err
	}
	if !w.types(vb, vh, cx) {
		return nil // an incompatible type: the rest would only be noise
	}
	w.enums(vb, vh, cx, "enum", EnumValueAdded, EnumValueRemoved, true)
	w.enums(vb, vh, cx, "x-extensible-enum", ExtEnumValueAdded, ExtEnumValueRemove, false)
	w.bounds(vb, vh, cx)
	w.scalars(vb, vh, cx)
	if err := w.properties(vb, vh, cx); err != nil {
		return err
	}
	if err := w.items(vb, vh, cx); err != nil {
		return err
	}
	if err := w.additional(vb, vh, cx); err != nil {
		return err
	}
	if err := w.compositions(vb, vh, cx, direct); err != nil {
		return err
	}
	if vb.has("not") && vh.has("not") {
		if err := w.schema(vb.child("not"), vh.child("not"), cx.join("not"), false); err != nil {
			return err
		}
	}
	return w.presence(vb, vh, cx)
}

func (w *walker) falseness(bFalse, hFalse bool, b, h side, cx ctx) {
	switch {
	case !bFalse && hFalse:
		w.add(Change{Kind: BecameFalse, Effect: Narrows, Head: h.loc(), Base: b.loc(), Old: "schema", New: "false"}, cx)
	case bFalse && !hFalse:
		w.add(Change{Kind: BecameNotFalse, Effect: Widens, Head: h.loc(), Base: b.loc(), Old: "false", New: "schema"}, cx)
	}
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

func (w *walker) presence(b, h *view, cx ctx) error {
	for _, kw := range presenceKeywords {
		if !b.has(kw.key) && !h.has(kw.key) || !relevant(kw.key, b, h) {
			continue
		}
		bs, hs := b.child(kw.key), h.child(kw.key)
		switch {
		case bs.node == nil && hs.node != nil:
			w.add(w.flags(Change{Kind: Presence(kw.name, true), Effect: Narrows, Head: h.at(kw.key), Base: b.s.loc(), New: kw.key}, h), cx)
		case bs.node != nil && hs.node == nil:
			w.add(w.flags(Change{Kind: Presence(kw.name, false), Effect: Widens, Head: h.s.loc(), Base: b.at(kw.key), Old: kw.key}, h), cx)
		case bs.node != nil:
			if err := w.schema(bs, hs, cx.join(kw.key), false); err != nil {
				return err
			}
		}
	}
	for _, kw := range mapKeywords {
		if !b.has(kw.key) && !h.has(kw.key) || !relevant(kw.key, b, h) {
			continue
		}
		bm, hm := b.child(kw.key), h.child(kw.key)
		bk, hk := keys(bm.node), keys(hm.node)
		for _, k := range bk {
			if _, ok := slices.BinarySearch(hk, k); !ok {
				w.add(w.flags(Change{Kind: Presence(kw.name, false), Effect: Widens, Head: h.at(kw.key), Base: bm.at(k), Old: k}, h), cx)
				continue
			}
			if kw.key == "dependentRequired" {
				if canonical(bm.child(k).node) != canonical(hm.child(k).node) {
					w.add(w.flags(Change{Kind: DependentRequiredChanged, Effect: Incompatible, Head: hm.at(k), Base: bm.at(k), Old: k, New: k}, h), cx)
				}
				continue
			}
			if err := w.schema(bm.child(k), hm.child(k), cx.join(kw.key+"/"+k), false); err != nil {
				return err
			}
		}
		for _, k := range hk {
			if _, ok := slices.BinarySearch(bk, k); !ok {
				w.add(w.flags(Change{Kind: Presence(kw.name, true), Effect: Narrows, Head: hm.at(k), Base: b.at(kw.key), New: k}, h), cx)
			}
		}
	}
	if relevant("prefixItems", b, h) {
		switch bv, hv := b.has("prefixItems"), h.has("prefixItems"); {
		case !bv && hv:
			w.add(w.flags(Change{Kind: Presence("prefix-items", true), Effect: Narrows, Head: h.at("prefixItems"), Base: b.s.loc()}, h), cx)
		case bv && !hv:
			w.add(w.flags(Change{Kind: Presence("prefix-items", false), Effect: Widens, Head: h.s.loc(), Base: b.at("prefixItems")}, h), cx)
		}
	}
	for _, kw := range [...]struct {
		key  string
		kind Kind
	}{{"contentEncoding", ContentEncodingChanged}, {"contentMediaType", ContentMediaTypeChanged}} {
		if bv, hv := b.str(kw.key), h.str(kw.key); bv != hv && relevant(kw.key, b, h) {
			w.add(w.flags(Change{Kind: kw.kind, Effect: Incompatible, Head: h.at(kw.key), Base: b.at(kw.key), Old: bv, New: hv}, h), cx)
		}
	}
	return nil
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
		if t.Value == "null" {
			return nil, true
		}
		if ts, ok := singleTypes[t.Value]; ok {
			return ts, nullableFlag(n) // shared: callers never modify types
		}
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
	return types, nullable || nullableFlag(n)
}

var singleTypes = map[string][]string{}

func init() {
	for _, t := range [...]string{"string", "integer", "number", "boolean", "object", "array"} {
		singleTypes[t] = []string{t}
	}
}

// nullableFlag reads 3.0 nullable and 2.0 x-nullable.
func nullableFlag(n *yaml.Node) bool {
	return isTrue(load.Value(n, "nullable")) || isTrue(load.Value(n, "x-nullable"))
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
	return "[" + strings.Join(ts, ", ") + "]"
}

// types compares type, format and nullability; it returns false when the
// type changed incompatibly.
func (w *walker) types(b, h *view, cx ctx) bool {
	bt, ht := b.types, h.types
	if b.nullable != h.nullable {
		ch := Change{Kind: BecameNullable, Effect: Widens, Head: w.rootLoc(h), Base: w.rootLoc(b), Old: "not nullable", New: "nullable"}
		if !h.nullable {
			ch.Kind, ch.Effect, ch.Old, ch.New = BecameNotNullable, Narrows, "nullable", "not nullable"
		}
		w.add(w.flags(ch, h), cx)
	}
	wider, narrower := subsetTypes(bt, ht), subsetTypes(ht, bt)
	if !(wider && narrower) && !b.empty && !h.empty {
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
		w.add(w.flags(ch, h), cx)
		if ch.Effect == Incompatible {
			return false
		}
	}
	bf, hf := b.str("format"), h.str("format")
	if bf != hf && relevant("format", b, h) {
		ch := Change{Kind: FormatChanged, Effect: formatEffect(bf, hf), Head: h.at("format"), Base: b.at("format"), Old: typeString(bt), New: typeString(ht)}
		if bf != "" {
			ch.Old += "/" + bf
		}
		if hf != "" {
			ch.New += "/" + hf
		}
		w.add(w.flags(ch, h), cx)
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

// flags copies the head schema's property flags onto a change.
func (w *walker) flags(ch Change, v *view) Change {
	ch.ReadOnly = v.flag("readOnly")
	ch.WriteOnly = v.flag("writeOnly")
	ch.Deprecated = v.flag("deprecated")
	ch.Sunset = v.str("x-sunset")
	ch.HasDefault = v.has("default")
	return ch
}

// enums compares an enum keyword; null members are nullability (see
// view), not values.
func (w *walker) enums(b, h *view, cx ctx, key string, added, removed Kind, became bool) {
	bl, be := b.get(key)
	hl, he := h.get(key)
	isList := func(n *yaml.Node) bool { return n != nil && n.Kind == yaml.SequenceNode }
	switch {
	case !isList(be) && !isList(he):
		return
	case !isList(be):
		if became {
			w.add(w.flags(Change{Kind: BecameEnum, Effect: Narrows, Head: h.at(key), Base: b.s.loc(), New: values(he)}, h), cx)
		}
		return
	case !isList(he):
		if became {
			w.add(w.flags(Change{Kind: BecameNotEnum, Effect: Widens, Head: h.s.loc(), Base: b.at(key), Old: values(be)}, h), cx)
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
		if !bv[c] && !isNull(e) {
			w.add(w.flags(Change{Kind: added, Effect: Widens, Head: hl.s.at(key, strconv.Itoa(i)), Base: bl.s.at(key), New: display(e)}, h), cx)
		}
	}
	for i, e := range be.Content {
		if !hv[canonical(e)] && !isNull(e) {
			w.add(w.flags(Change{Kind: removed, Effect: Narrows, Head: hl.s.at(key), Base: bl.s.at(key, strconv.Itoa(i)), Old: display(e)}, h), cx)
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

func (w *walker) bounds(b, h *view, cx ctx) {
	for _, kw := range boundKeywords {
		if !relevant(kw.key, b, h) {
			continue
		}
		bv, bs, bat, bok := b.bound(kw.key, kw.pol)
		hv, hs, hat, hok := h.bound(kw.key, kw.pol)
		if !bok && !hok || bok && hok && bv == hv {
			continue
		}
		ch := Change{Head: hat, Base: bat, Old: bs, New: hs}
		var action string
		switch {
		case !bok:
			action, ch.Effect = ActionSet, Narrows
			ch.Base = b.s.loc()
		case !hok:
			action, ch.Effect = ActionUnset, Widens
			ch.Head = h.s.loc()
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
		// An enum bounds the values by itself: a bound dropped beside an
		// enum whose members all meet it widens nothing, and one added that
		// every member of the other side's enum meets narrows nothing.
		switch {
		case ch.Effect == Widens && bok && allMeet(h, kw.key, bv):
			continue
		case ch.Effect == Narrows && hok && allMeet(b, kw.key, hv):
			continue
		}
		ch.Kind = Bound(kw.name, action)
		w.add(w.flags(ch, h), cx)
	}
}

// allMeet reports whether v has an enum whose every member meets the
// bound key: bound (string lengths and numeric bounds; false for other
// keywords, which are not checked).
func allMeet(v *view, key string, bound float64) bool {
	_, e := v.get("enum")
	if e == nil || e.Kind != yaml.SequenceNode || len(e.Content) == 0 {
		return false
	}
	for _, m := range e.Content {
		m = load.Deref(m)
		if isNull(m) {
			continue
		}
		if m.Kind != yaml.ScalarNode {
			return false
		}
		n, err := strconv.ParseFloat(m.Value, 64)
		isNum := err == nil && m.Tag != "!!str"
		l := float64(utf8.RuneCountInString(m.Value))
		var ok bool
		switch key {
		case "maxLength":
			ok = l <= bound
		case "minLength":
			ok = l >= bound
		case "maximum":
			ok = isNum && n <= bound
		case "minimum":
			ok = isNum && n >= bound
		case "exclusiveMaximum":
			ok = isNum && n < bound
		case "exclusiveMinimum":
			ok = isNum && n > bound
		}
		if !ok {
			return false
		}
	}
	return true
}

// scalars compares pattern, uniqueItems, readOnly, writeOnly, deprecated,
// default and const.
func (w *walker) scalars(b, h *view, cx ctx) {
	if relevant("pattern", b, h) {
		_, bp := b.get("pattern")
		_, hp := h.get("pattern")
		switch {
		case bp == nil && hp != nil:
			w.add(w.flags(Change{Kind: PatternAdded, Effect: Narrows, Head: h.at("pattern"), Base: b.s.loc(), New: hp.Value}, h), cx)
		case bp != nil && hp == nil:
			w.add(w.flags(Change{Kind: PatternRemoved, Effect: Widens, Head: h.s.loc(), Base: b.at("pattern"), Old: bp.Value}, h), cx)
		case bp != nil && bp.Value != hp.Value:
			eff := Incompatible
			if hp.Value == ".*" || hp.Value == "^.*$" {
				eff = Widens
			}
			w.add(w.flags(Change{Kind: PatternChanged, Effect: eff, Head: h.at("pattern"), Base: b.at("pattern"), Old: bp.Value, New: hp.Value}, h), cx)
		}
	}
	flag := func(key string, on, off Kind, onEffect, offEffect Effect) {
		switch bv, hv := b.flag(key), h.flag(key); {
		case !bv && hv:
			w.add(w.flags(Change{Kind: on, Effect: onEffect, Head: h.at(key), Base: b.s.loc(), Old: "false", New: "true"}, h), cx)
		case bv && !hv:
			w.add(w.flags(Change{Kind: off, Effect: offEffect, Head: h.s.loc(), Base: b.at(key), Old: "true", New: "false"}, h), cx)
		}
	}
	if relevant("uniqueItems", b, h) {
		flag("uniqueItems", UniqueItemsSet, UniqueItemsUnset, Narrows, Widens)
	}
	flag("readOnly", BecameReadOnly, BecameNotRO, Neutral, Neutral)
	flag("writeOnly", BecameWriteOnly, BecameNotWO, Neutral, Neutral)
	flag("deprecated", PropertyDeprec, PropertyReactiv, Neutral, Neutral)

	_, bd := b.get("default")
	_, hd := h.get("default")
	switch {
	case bd == nil && hd != nil:
		w.add(w.flags(Change{Kind: DefaultAdded, Effect: Neutral, Head: h.at("default"), Base: b.s.loc(), New: display(hd)}, h), cx)
	case bd != nil && hd == nil:
		w.add(w.flags(Change{Kind: DefaultRemoved, Effect: Neutral, Head: h.s.loc(), Base: b.at("default"), Old: display(bd)}, h), cx)
	case bd != nil && canonical(bd) != canonical(hd):
		w.add(w.flags(Change{Kind: DefaultChanged, Effect: Neutral, Head: h.at("default"), Base: b.at("default"), Old: display(bd), New: display(hd)}, h), cx)
	}
	_, bc := b.get("const")
	_, hc := h.get("const")
	if isNull(bc) {
		bc = nil // nullability
	}
	if isNull(hc) {
		hc = nil
	}
	switch {
	case bc == nil && hc != nil:
		w.add(w.flags(Change{Kind: ConstAdded, Effect: Narrows, Head: h.at("const"), Base: b.s.loc(), New: display(hc)}, h), cx)
	case bc != nil && hc == nil:
		w.add(w.flags(Change{Kind: ConstRemoved, Effect: Widens, Head: h.s.loc(), Base: b.at("const"), Old: display(bc)}, h), cx)
	case bc != nil && canonical(bc) != canonical(hc):
		w.add(w.flags(Change{Kind: ConstChanged, Effect: Incompatible, Head: h.at("const"), Base: b.at("const"), Old: display(bc), New: display(hc)}, h), cx)
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

// propertyView is the view of a property schema, for its flags; a broken
// $ref reads as an empty schema (the comparison reports it).
func (w *walker) propertyView(l *load.Loader, s side) *view {
	if r, err := resolve(l, s); err == nil {
		s = r
	}
	v, err := w.c.view(l, s)
	if err != nil {
		return &view{s: s}
	}
	return v
}

// properties compares the effective properties and required names of b
// and h (see view). A property one side declares only inside oneOf/anyOf
// branches is not added or removed: it is compared with the branches'
// declaration when they all agree on it.
func (w *walker) properties(b, h *view, cx ctx) error {
	if !relevant("properties", b, h) {
		return nil
	}
	bprops, hprops := b.properties(), h.properties()
	if len(bprops) == 0 && len(hprops) == 0 {
		return nil
	}
	breq, err := w.c.required(w.c.base, b)
	if err != nil {
		return err
	}
	hreq, err := w.c.required(w.c.head, h)
	if err != nil {
		return err
	}
	for _, name := range sortedNames(bprops) {
		bp := bprops[name]
		hp, found := hprops[name]
		if !found {
			s, inBranch, same, err := w.c.branchProperty(w.c.head, h, name)
			if err != nil {
				return err
			}
			if !inBranch {
				ch := w.flags(Change{Kind: PropertyRemoved, Head: h.at("properties"), Base: bp.s.loc(), Old: name}, w.propertyView(w.c.base, bp.s))
				ch.Required = breq[name]
				w.add(ch, layerCtx(b, bp.layer, cx).join(name))
				continue
			}
			if !same {
				continue
			}
			hp = prop{s: s, layer: -1}
		}
		if err := w.property(bp.s, hp.s, breq[name], hreq[name], layerCtx(h, hp.layer, cx).join(name)); err != nil {
			return err
		}
	}
	for _, name := range sortedNames(hprops) {
		if _, found := bprops[name]; found {
			continue
		}
		hp := hprops[name]
		pcx := layerCtx(h, hp.layer, cx).join(name)
		s, inBranch, same, err := w.c.branchProperty(w.c.base, b, name)
		if err != nil {
			return err
		}
		if inBranch {
			if same {
				if err := w.property(s, hp.s, breq[name], hreq[name], pcx); err != nil {
					return err
				}
			}
			continue
		}
		ch := w.flags(Change{Kind: PropertyAdded, Head: hp.s.loc(), Base: b.at("properties"), New: name}, w.propertyView(w.c.head, hp.s))
		ch.Required = hreq[name]
		w.add(ch, pcx)
	}
	return nil
}

// property compares a property both sides have.
func (w *walker) property(bs, hs side, breq, hreq bool, cx ctx) error {
	hv := w.propertyView(w.c.head, hs)
	switch {
	case !breq && hreq:
		ch := w.flags(Change{Kind: BecameRequired, Effect: Narrows, Head: hs.loc(), Base: bs.loc(), Old: "optional", New: "required"}, hv)
		ch.Required = true
		w.add(ch, cx)
	case breq && !hreq:
		w.add(w.flags(Change{Kind: BecameOptional, Effect: Widens, Head: hs.loc(), Base: bs.loc(), Old: "required", New: "optional"}, hv), cx)
	}
	if w.skipped(w.propertyView(w.c.base, bs), hv) {
		return nil
	}
	return w.schema(bs, hs, cx, false)
}

func sortedNames[V any](m map[string]V) []string {
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
func (w *walker) skipped(b, h *view) bool {
	flag := "readOnly"
	if w.u.dir == Response {
		flag = "writeOnly"
	}
	return b.flag(flag) && h.flag(flag)
}

func (w *walker) items(b, h *view, cx ctx) error {
	if !b.has("items") && !h.has("items") || !relevant("items", b, h) {
		return nil
	}
	bi, hi := b.child("items"), h.child("items")
	switch {
	case bi.node == nil:
		if slices.Contains(b.types, "array") {
			w.add(w.flags(Change{Kind: ItemsSet, Effect: Narrows, Head: h.at("items"), Base: b.s.loc(), New: "items"}, h), cx)
		}
		return nil
	case hi.node == nil:
		if slices.Contains(h.types, "array") {
			w.add(w.flags(Change{Kind: ItemsUnset, Effect: Widens, Head: h.s.loc(), Base: b.at("items"), Old: "items"}, h), cx)
		}
		return nil
	}
	return w.schema(bi, hi, cx.join("items"), false)
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

func (w *walker) additional(b, h *view, cx ctx) error {
	const key = "additionalProperties"
	if !b.has(key) && !h.has(key) || !relevant(key, b, h) {
		return nil
	}
	ba, ha := b.child(key), h.child(key)
	bs, hs := additionalState(ba.node), additionalState(ha.node)
	names := [...]string{apOpen: "allowed", apFalse: "false", apSchema: "schema"}
	ch := Change{Head: h.at(key), Base: b.at(key), Old: names[bs], New: names[hs]}
	switch {
	case bs == hs && bs == apSchema:
		return w.schema(ba, ha, cx.join(key), false)
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
	w.add(w.flags(ch, h), cx)
	return nil
}
