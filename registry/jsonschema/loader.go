package jsonschema

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Draft is a JSON Schema specification version.
type Draft int

// Supported drafts.
const (
	Draft4      Draft = 4
	Draft6      Draft = 6
	Draft7      Draft = 7
	Draft201909 Draft = 2019
	Draft202012 Draft = 2020
)

// String returns the draft's usual name.
func (d Draft) String() string {
	switch d {
	case Draft4:
		return "draft-04"
	case Draft6:
		return "draft-06"
	case Draft201909:
		return "2019-09"
	case Draft202012:
		return "2020-12"
	default:
		return "draft-07"
	}
}

// detectDraft reads $schema; unknown or absent means draft 7, as in Confluent.
func detectDraft(root *value) Draft {
	s := root.get("$schema")
	if s == nil || s.Kind != kindString {
		return Draft7
	}
	switch u := s.Str; {
	case strings.Contains(u, "draft-04"):
		return Draft4
	case strings.Contains(u, "draft-06"):
		return Draft6
	case strings.Contains(u, "draft-07"):
		return Draft7
	case strings.Contains(u, "2019-09"):
		return Draft201909
	case strings.Contains(u, "2020-12"):
		return Draft202012
	default:
		return Draft7
	}
}

// Keywords whose presence (without "type") makes everit infer a schema type.
var (
	objectKeywords = []string{"properties", "required", "minProperties", "maxProperties",
		"dependencies", "patternProperties", "additionalProperties", "propertyNames",
		"dependentRequired", "dependentSchemas", "unevaluatedProperties"}
	arrayKeywords = []string{"items", "additionalItems", "minItems", "maxItems",
		"uniqueItems", "contains", "prefixItems", "minContains", "maxContains", "unevaluatedItems"}
	numberKeywords = []string{"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
	stringKeywords = []string{"minLength", "maxLength", "pattern", "format"}
)

// SchemaError is well-formed JSON that is not a usable schema (bad keyword
// value, unresolvable $ref, ...), located in the source.
type SchemaError struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *SchemaError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// loader builds the comparison model from a JSON tree.
type loader struct {
	file    string
	root    *value
	draft   Draft
	cache   map[*value]*node
	refs    []*node
	pending map[*value]bool
	err     error
}

// build loads the whole document and resolves every $ref.
func (l *loader) build() (*node, error) {
	l.cache = map[*value]*node{}
	l.pending = map[*value]bool{}
	root := l.load(l.root)
	for i := 0; i < len(l.refs) && l.err == nil; i++ { // l.refs grows while resolving
		r := l.refs[i]
		target, err := l.resolve(r.ref)
		if err != nil {
			l.fail(r.src.get("$ref"), "%v", err)
			break
		}
		r.target = l.load(target)
	}
	if l.err != nil {
		return nil, l.err
	}
	return root, nil
}

func (l *loader) fail(at *value, format string, args ...any) {
	if l.err != nil {
		return
	}
	line, col := 0, 0
	if at != nil {
		line, col = at.Line, at.Col
	}
	l.err = &SchemaError{File: l.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// load returns the model node for a schema value, memoised per value.
func (l *loader) load(v *value) *node {
	if n, ok := l.cache[v]; ok {
		return n
	}
	if l.pending[v] { // cannot happen without $ref, which is resolved lazily
		return &node{kind: kindEmpty, src: v, ptr: v.Pointer}
	}
	l.pending[v] = true
	n := l.loadSchema(v)
	delete(l.pending, v)
	l.cache[v] = n
	return n
}

// loadOpt loads an optional subschema keyword.
func (l *loader) loadOpt(v *value) *node {
	if v == nil {
		return nil
	}
	return l.load(v)
}

func (l *loader) loadSchema(v *value) *node {
	switch v.Kind {
	case kindBool:
		if v.Bool {
			return &node{kind: kindTrue, src: v, ptr: v.Pointer}
		}
		return &node{kind: kindFalse, src: v, ptr: v.Pointer}
	case kindObject:
	default:
		l.fail(v, "schema must be an object or a boolean")
		return &node{kind: kindEmpty, src: v, ptr: v.Pointer}
	}
	var parts []*node
	if e := v.get("enum"); e != nil {
		n := l.newNode(kindEnum, v)
		if e.Kind != kindArray {
			l.fail(e, "enum must be an array")
		}
		n.values = e.Arr
		parts = append(parts, n)
	}
	for _, crit := range []string{allOf, anyOf, oneOf} {
		c := v.get(crit)
		if c == nil {
			continue
		}
		if c.Kind != kindArray {
			l.fail(c, "%s must be an array", crit)
			continue
		}
		n := l.newNode(kindCombined, v)
		n.criterion = crit
		for _, s := range c.Arr {
			n.subs = append(n.subs, l.load(s))
		}
		parts = append(parts, n)
	}
	if x := v.get("not"); x != nil {
		n := l.newNode(kindNot, v)
		n.not = l.load(x)
		parts = append(parts, n)
	}
	if c := v.get("const"); c != nil && l.draft >= Draft6 {
		n := l.newNode(kindConst, v)
		n.constVal = c
		parts = append(parts, n)
	}
	if r := v.get("$ref"); r != nil {
		if r.Kind != kindString {
			l.fail(r, "$ref must be a string")
		} else {
			n := l.newNode(kindRef, v)
			n.ref = r.Str
			l.refs = append(l.refs, n)
			parts = append(parts, n)
		}
	}
	if t := v.get("type"); t != nil {
		switch t.Kind {
		case kindString:
			parts = append(parts, l.typed(v, t.Str, t))
		case kindArray:
			n := l.newNode(kindCombined, v)
			n.criterion = anyOf
			for _, e := range t.Arr {
				if e.Kind != kindString {
					l.fail(e, "type entries must be strings")
					continue
				}
				n.subs = append(n.subs, l.typed(v, e.Str, e))
			}
			parts = append(parts, n)
		default:
			l.fail(t, "type must be a string or an array of strings")
		}
	} else {
		if l.hasAny(v, objectKeywords) {
			parts = append(parts, l.typed(v, "object", nil))
		}
		if l.hasAny(v, arrayKeywords) {
			parts = append(parts, l.typed(v, "array", nil))
		}
		if l.hasAny(v, numberKeywords) {
			parts = append(parts, l.typed(v, "number", nil))
		}
		if l.hasAny(v, stringKeywords) {
			parts = append(parts, l.typed(v, "string", nil))
		}
	}
	if i := v.get("if"); i != nil && l.draft >= Draft7 {
		n := l.newNode(kindConditional, v)
		n.ifS = l.load(i)
		n.thenS = l.loadOpt(v.get("then"))
		n.elseS = l.loadOpt(v.get("else"))
		parts = append(parts, n)
	}
	var n *node
	switch len(parts) {
	case 0:
		n = l.newNode(kindEmpty, v)
	case 1:
		n = parts[0]
	default:
		n = l.newNode(kindCombined, v)
		n.criterion = allOf
		n.subs = parts
	}
	l.common(n, v)
	return n
}

func (l *loader) newNode(k schemaKind, v *value) *node {
	return &node{kind: k, src: v, ptr: v.Pointer, permitsAdditional: true, permitsAddItems: true,
		permitsUnevalProp: true, permitsUnevalItems: true}
}

// hasAny reports whether v has one of the keywords that make everit infer
// a type. In 2020-12 (json-sKema) an empty "properties" object does not.
func (l *loader) hasAny(v *value, kws []string) bool {
	for _, k := range kws {
		x := v.get(k)
		if x == nil {
			continue
		}
		if k == "properties" && l.draft == Draft202012 && x.Kind == kindObject && len(x.Obj) == 0 {
			continue
		}
		return true
	}
	return false
}

// common loads the metadata everit keeps on the effective schema.
func (l *loader) common(n *node, v *value) {
	idKey := "$id"
	if l.draft == Draft4 {
		idKey = "id"
	}
	if l.draft < Draft201909 {
		if s := v.get(idKey); s != nil && s.Kind == kindString {
			n.id = &s.Str
		}
	}
	if s := v.get("title"); s != nil && s.Kind == kindString {
		n.title = &s.Str
	}
	if s := v.get("description"); s != nil && s.Kind == kindString {
		n.description = &s.Str
	}
	n.def = v.get("default")
	if s := v.get("connect.type"); s != nil && s.Kind == kindString && s.Str == "bytes" {
		n.bytes = true
	}
}

// typed builds the schema for one explicit or inferred type.
func (l *loader) typed(v *value, typ string, at *value) *node {
	switch typ {
	case "string":
		n := l.newNode(kindStringS, v)
		n.minLength = l.number(v, "minLength")
		n.maxLength = l.number(v, "maxLength")
		if p := v.get("pattern"); p != nil && p.Kind == kindString {
			n.pattern = &p.Str
		}
		return n
	case "number", "integer":
		n := l.newNode(kindNumberS, v)
		n.integer = typ == "integer"
		n.maximum = l.number(v, "maximum")
		n.minimum = l.number(v, "minimum")
		if l.draft >= Draft6 {
			n.exclMaximum = l.number(v, "exclusiveMaximum")
			n.exclMinimum = l.number(v, "exclusiveMinimum")
		} else {
			// draft 4: a boolean flag makes maximum/minimum exclusive;
			// model it as the draft 6+ numeric form.
			if b := v.get("exclusiveMaximum"); b != nil && b.Kind == kindBool && b.Bool && n.maximum != nil {
				n.exclMaximum, n.maximum = n.maximum, nil
			}
			if b := v.get("exclusiveMinimum"); b != nil && b.Kind == kindBool && b.Bool && n.minimum != nil {
				n.exclMinimum, n.minimum = n.minimum, nil
			}
		}
		n.multipleOf = l.number(v, "multipleOf")
		return n
	case "boolean":
		return l.newNode(kindBooleanS, v)
	case "null":
		return l.newNode(kindNullS, v)
	case "object":
		return l.object(v)
	case "array":
		return l.array(v)
	default:
		l.fail(at, "unknown type %q", typ)
		return l.newNode(kindEmpty, v)
	}
}

// number reads an optional numeric keyword.
func (l *loader) number(v *value, key string) *float64 {
	x := v.get(key)
	if x == nil || x.Kind != kindNumber {
		return nil
	}
	f := x.Num
	return &f
}

func (l *loader) object(v *value) *node {
	n := l.newNode(kindObjectS, v)
	if p := v.get("properties"); p != nil && p.Kind == kindObject {
		for _, k := range p.keys() {
			n.props = append(n.props, namedNode{Name: k, Schema: l.load(p.get(k))})
		}
	}
	if r := v.get("required"); r != nil && r.Kind == kindArray {
		for _, e := range r.Arr {
			if e.Kind == kindString {
				n.required = append(n.required, e.Str)
			}
		}
	}
	n.permitsAdditional, n.additional = l.boolOrSchema(v.get("additionalProperties"))
	if l.draft >= Draft201909 {
		n.permitsUnevalProp, n.unevalProp = l.boolOrSchema(v.get("unevaluatedProperties"))
	}
	if p := v.get("patternProperties"); p != nil && p.Kind == kindObject {
		for _, k := range p.keys() {
			re, _ := regexp.Compile(k) // ECMA 262 patterns Go cannot compile never match
			n.patternProps = append(n.patternProps, patternNode{Pattern: k, Re: re, Schema: l.load(p.get(k))})
		}
	}
	addDeps := func(d *value, arrays, schemas bool) {
		if d == nil || d.Kind != kindObject {
			return
		}
		for _, k := range d.keys() {
			e := d.get(k)
			if e.Kind == kindArray && arrays {
				var vals []string
				for _, s := range e.Arr {
					if s.Kind == kindString {
						vals = append(vals, s.Str)
					}
				}
				n.depArrays = append(n.depArrays, namedList{Name: k, Values: vals})
			} else if (e.Kind == kindObject || e.Kind == kindBool) && schemas {
				n.depSchemas = append(n.depSchemas, namedNode{Name: k, Schema: l.load(e)})
			}
		}
	}
	addDeps(v.get("dependencies"), true, true)
	if l.draft >= Draft201909 {
		addDeps(v.get("dependentRequired"), true, false)
		addDeps(v.get("dependentSchemas"), false, true)
	}
	n.propertyNames = l.loadOpt(v.get("propertyNames"))
	n.maxProps = l.number(v, "maxProperties")
	n.minProps = l.number(v, "minProperties")
	return n
}

func (l *loader) array(v *value) *node {
	n := l.newNode(kindArrayS, v)
	items := v.get("items")
	if l.draft == Draft202012 {
		prefix := v.get("prefixItems")
		if prefix != nil && prefix.Kind == kindArray {
			for _, e := range prefix.Arr {
				n.tuple = append(n.tuple, l.load(e))
			}
		}
		switch {
		case items == nil:
		case items.Kind == kindBool:
			n.permitsAddItems = items.Bool
		case prefix != nil:
			n.additionalItems = l.load(items)
		default:
			n.allItems = l.load(items)
		}
	} else {
		if items != nil && items.Kind == kindArray {
			for _, e := range items.Arr {
				n.tuple = append(n.tuple, l.load(e))
			}
		} else if items != nil {
			n.allItems = l.load(items)
		}
		n.permitsAddItems, n.additionalItems = l.boolOrSchema(v.get("additionalItems"))
	}
	if l.draft >= Draft201909 {
		n.permitsUnevalItems, n.unevalItems = l.boolOrSchema(v.get("unevaluatedItems"))
	}
	n.maxItems = l.number(v, "maxItems")
	n.minItems = l.number(v, "minItems")
	if l.draft >= Draft201909 {
		n.maxContains = l.number(v, "maxContains")
		n.minContains = l.number(v, "minContains")
		if n.minContains == nil && v.has("contains") {
			one := 1.0 // the 2019-09+ default
			n.minContains = &one
		}
	}
	n.contains = l.loadOpt(v.get("contains"))
	if u := v.get("uniqueItems"); u != nil && u.Kind == kindBool {
		n.unique = u.Bool
	}
	return n
}

// boolOrSchema splits additionalProperties-like keywords into everit's
// "permits" flag and optional schema.
func (l *loader) boolOrSchema(v *value) (bool, *node) {
	if v == nil {
		return true, nil
	}
	if v.Kind == kindBool {
		return v.Bool, nil
	}
	return true, l.load(v)
}

// resolve finds the JSON value a local $ref points at.
func (l *loader) resolve(ref string) (*value, error) {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		if id := l.findID(l.root, ref); id != nil {
			return id, nil
		}
		return nil, fmt.Errorf("unresolvable $ref %q: only local references (#/...) are supported", ref)
	}
	if frag == "" {
		return l.root, nil
	}
	if !strings.HasPrefix(frag, "/") {
		if a := l.findAnchor(l.root, frag); a != nil {
			return a, nil
		}
		return nil, fmt.Errorf("unresolvable $ref %q: no such anchor", ref)
	}
	if dec, err := url.PathUnescape(frag); err == nil {
		frag = dec
	}
	cur := l.root
	for _, tok := range strings.Split(frag[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch cur.Kind {
		case kindObject:
			next := cur.get(tok)
			if next == nil {
				return nil, fmt.Errorf("unresolvable $ref %q: no member %q", ref, tok)
			}
			cur = next
		case kindArray:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(cur.Arr) {
				return nil, fmt.Errorf("unresolvable $ref %q: bad index %q", ref, tok)
			}
			cur = cur.Arr[i]
		default:
			return nil, fmt.Errorf("unresolvable $ref %q: %q is not a container", ref, tok)
		}
	}
	return cur, nil
}

// findAnchor looks for a subschema declaring $anchor (or a draft 6/7
// "$id": "#name") equal to name.
func (l *loader) findAnchor(v *value, name string) *value {
	return walkFind(v, func(o *value) bool {
		if a := o.get("$anchor"); a != nil && a.Kind == kindString && a.Str == name {
			return true
		}
		id := o.get("$id")
		return id != nil && id.Kind == kindString && id.Str == "#"+name
	})
}

// findID looks for a subschema whose $id (or draft-4 id) equals ref.
func (l *loader) findID(v *value, ref string) *value {
	return walkFind(v, func(o *value) bool {
		for _, k := range []string{"$id", "id"} {
			if id := o.get(k); id != nil && id.Kind == kindString && id.Str == ref {
				return true
			}
		}
		return false
	})
}

// walkFind returns the first object (depth first) satisfying match.
func walkFind(v *value, match func(*value) bool) *value {
	switch v.Kind {
	case kindObject:
		if match(v) {
			return v
		}
		for _, m := range v.Obj {
			if f := walkFind(m.Value, match); f != nil {
				return f
			}
		}
	case kindArray:
		for _, e := range v.Arr {
			if f := walkFind(e, match); f != nil {
				return f
			}
		}
	}
	return nil
}
