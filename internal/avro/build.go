package avro

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/contractctl/contractctl/internal/jsontree"
)

// positionError is a schema error at a known source position.
type positionError struct {
	pos Pos
	msg string
}

func (e *positionError) Error() string { return e.msg }

// builder turns a JSON tree into the schema model, resolving named-type
// references the way Java Avro does.
type builder struct {
	names map[string]*node // full name -> definition
}

func errAt(j *jsontree.Node, format string, args ...any) error {
	return &positionError{pos: j.Pos, msg: fmt.Sprintf(format, args...)}
}

// build converts the schema j, written in namespace ns.
func (b *builder) build(j *jsontree.Node, ns string) (*node, error) {
	switch j.Kind {
	case jsontree.String:
		return b.reference(j, j.Text, ns)
	case jsontree.Array:
		return b.union(j, ns)
	case jsontree.Object:
		return b.object(j, ns)
	}
	return nil, errAt(j, "a schema must be a string, an array or an object")
}

// union builds a union: no directly nested unions, and no two branches of
// the same type unless they are named types with different full names.
func (b *builder) union(j *jsontree.Node, ns string) (*node, error) {
	u := &node{typ: Union, pos: j.Pos}
	seen := map[string]bool{}
	for _, e := range j.Elems {
		br, err := b.build(e, ns)
		if err != nil {
			return nil, err
		}
		if br.typ == Union {
			return nil, errAt(e, "a union cannot directly contain another union")
		}
		key := br.typ.String()
		if br.named() {
			key += " " + br.fullName()
		}
		if seen[key] {
			return nil, errAt(e, "duplicate %s in union", strings.TrimSpace(strings.ToLower(key)))
		}
		seen[key] = true
		u.branches = append(u.branches, br)
	}
	return u, nil
}

// validName reports whether s is an Avro name: [A-Za-z_][A-Za-z0-9_]*.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c == '_', c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// validFullName reports whether every dot-separated part of s is a name.
func validFullName(s string) bool {
	for _, part := range strings.Split(s, ".") {
		if !validName(part) {
			return false
		}
	}
	return true
}

// reference resolves a type name: a primitive (new node) or a named type
// defined earlier (the shared node).
func (b *builder) reference(j *jsontree.Node, name, ns string) (*node, error) {
	if t, ok := primitive(name); ok {
		return &node{typ: t, pos: j.Pos}, nil
	}
	if n := b.lookup(name, ns); n != nil {
		return n, nil
	}
	return nil, errAt(j, "unknown type %q", name)
}

func (b *builder) lookup(name, ns string) *node {
	if !strings.Contains(name, ".") && ns != "" {
		if n, ok := b.names[ns+"."+name]; ok {
			return n
		}
	}
	return b.names[name]
}

func (b *builder) object(j *jsontree.Node, ns string) (*node, error) {
	t := j.Get("type")
	if t == nil {
		return nil, errAt(j, "schema object has no \"type\"")
	}
	if t.Kind != jsontree.String {
		return nil, errAt(t, "\"type\" of a schema object must be a string")
	}
	switch t.Text {
	case "record", "error":
		return b.record(j, ns)
	case "enum":
		return b.enum(j, ns)
	case "fixed":
		return b.fixed(j, ns)
	case "array":
		items := j.Get("items")
		if items == nil {
			return nil, errAt(j, "array schema has no \"items\"")
		}
		n := &node{typ: Array, pos: j.Pos, props: props(j, "type", "items")}
		var err error
		n.items, err = b.build(items, ns)
		return n, err
	case "map":
		values := j.Get("values")
		if values == nil {
			return nil, errAt(j, "map schema has no \"values\"")
		}
		n := &node{typ: Map, pos: j.Pos, props: props(j, "type", "values")}
		var err error
		n.values, err = b.build(values, ns)
		return n, err
	}
	if p, ok := primitive(t.Text); ok {
		return &node{typ: p, pos: j.Pos, props: props(j, "type")}, nil
	}
	return b.reference(t, t.Text, ns)
}

// props collects the attributes not in reserved, sorted by key later when
// rendered.
func props(j *jsontree.Node, reserved ...string) []prop {
	var out []prop
	seen := map[string]bool{}
	for i := len(j.Members) - 1; i >= 0; i-- { // last duplicate wins
		m := j.Members[i]
		if seen[m.Name] || slices.Contains(reserved, m.Name) {
			continue
		}
		seen[m.Name] = true
		out = append(out, prop{key: m.Name, val: m.Value})
	}
	return out
}

// define reads name, namespace, aliases and doc of a named type and
// registers it. It returns the namespace its children are written in.
func (b *builder) define(j *jsontree.Node, n *node, ns string) (string, error) {
	nameNode := j.Get("name")
	if nameNode == nil || nameNode.Kind != jsontree.String || nameNode.Text == "" {
		return "", errAt(j, "%s schema needs a non-empty string \"name\"", strings.ToLower(n.typ.String()))
	}
	n.namePos = nameNode.Pos
	name := nameNode.Text
	if !validFullName(name) {
		return "", errAt(nameNode, "invalid name %q", name)
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		n.namespace, n.name = name[:i], name[i+1:]
	} else {
		n.name, n.namespace = name, ns
		if nsNode := j.Get("namespace"); nsNode != nil {
			if nsNode.Kind != jsontree.String {
				return "", errAt(nsNode, "\"namespace\" must be a string")
			}
			n.namespace = nsNode.Text
			if n.namespace != "" && !validFullName(n.namespace) {
				return "", errAt(nsNode, "invalid namespace %q", n.namespace)
			}
		}
	}
	if _, isPrimitive := primitive(n.fullName()); isPrimitive {
		return "", errAt(nameNode, "%q is a primitive type name", n.fullName())
	}
	if _, dup := b.names[n.fullName()]; dup {
		return "", errAt(nameNode, "type %q is already defined", n.fullName())
	}
	aliases, err := stringList(j, "aliases")
	if err != nil {
		return "", err
	}
	for _, a := range aliases {
		if !strings.Contains(a, ".") && n.namespace != "" {
			a = n.namespace + "." + a
		}
		n.aliases = append(n.aliases, a)
	}
	if d := j.Get("doc"); d != nil && d.Kind == jsontree.String {
		n.doc = d.Text
	}
	b.names[n.fullName()] = n
	return n.namespace, nil
}

func stringList(j *jsontree.Node, key string) ([]string, error) {
	v := j.Get(key)
	if v == nil {
		return nil, nil
	}
	if v.Kind != jsontree.Array {
		return nil, errAt(v, "%q must be an array of strings", key)
	}
	out := make([]string, 0, len(v.Elems))
	for _, e := range v.Elems {
		if e.Kind != jsontree.String {
			return nil, errAt(e, "%q must be an array of strings", key)
		}
		out = append(out, e.Text)
	}
	return out, nil
}

func (b *builder) record(j *jsontree.Node, ns string) (*node, error) {
	n := &node{typ: Record, pos: j.Pos, props: props(j, "type", "name", "namespace", "aliases", "doc", "fields")}
	inner, err := b.define(j, n, ns)
	if err != nil {
		return nil, err
	}
	fs := j.Get("fields")
	if fs == nil || fs.Kind != jsontree.Array {
		return nil, errAt(j, "record %q needs a \"fields\" array", n.fullName())
	}
	seen := map[string]bool{}
	for _, fj := range fs.Elems {
		f, err := b.field(fj, inner)
		if err != nil {
			return nil, err
		}
		if seen[f.name] {
			return nil, errAt(fj, "duplicate field %q in record %q", f.name, n.fullName())
		}
		seen[f.name] = true
		n.fields = append(n.fields, f)
	}
	return n, nil
}

func (b *builder) field(j *jsontree.Node, ns string) (*field, error) {
	if j.Kind != jsontree.Object {
		return nil, errAt(j, "a record field must be an object")
	}
	nameNode := j.Get("name")
	if nameNode == nil || nameNode.Kind != jsontree.String {
		return nil, errAt(j, "record field needs a string \"name\"")
	}
	if !validName(nameNode.Text) {
		return nil, errAt(nameNode, "invalid field name %q", nameNode.Text)
	}
	f := &field{name: nameNode.Text, pos: j.Pos, def: j.Get("default"),
		props: props(j, "name", "type", "default", "order", "aliases", "doc")}
	t := j.Get("type")
	if t == nil {
		return nil, errAt(j, "field %q has no \"type\"", f.name)
	}
	var err error
	if f.typ, err = b.build(t, ns); err != nil {
		return nil, err
	}
	if f.aliases, err = stringList(j, "aliases"); err != nil {
		return nil, err
	}
	if d := j.Get("doc"); d != nil && d.Kind == jsontree.String {
		f.doc = d.Text
	}
	if o := j.Get("order"); o != nil && o.Kind == jsontree.String {
		f.order = o.Text
	}
	return f, nil
}

func (b *builder) enum(j *jsontree.Node, ns string) (*node, error) {
	n := &node{typ: Enum, pos: j.Pos, props: props(j, "type", "name", "namespace", "aliases", "doc", "symbols", "default")}
	if _, err := b.define(j, n, ns); err != nil {
		return nil, err
	}
	syms := j.Get("symbols")
	if syms == nil {
		return nil, errAt(j, "enum %q needs a \"symbols\" array", n.fullName())
	}
	n.symbolsPos = syms.Pos
	var err error
	if n.symbols, err = stringList(j, "symbols"); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for i, s := range n.symbols {
		if !validName(s) {
			return nil, errAt(syms.Elems[i], "invalid enum symbol %q", s)
		}
		if seen[s] {
			return nil, errAt(syms.Elems[i], "duplicate enum symbol %q", s)
		}
		seen[s] = true
	}
	if d := j.Get("default"); d != nil {
		if d.Kind != jsontree.String {
			return nil, errAt(d, "enum default must be a string")
		}
		if !seen[d.Text] {
			return nil, errAt(d, "enum default %q is not one of the symbols", d.Text)
		}
		s := d.Text
		n.enumDefault = &s
	}
	return n, nil
}

func (b *builder) fixed(j *jsontree.Node, ns string) (*node, error) {
	n := &node{typ: Fixed, pos: j.Pos, props: props(j, "type", "name", "namespace", "aliases", "doc", "size")}
	if _, err := b.define(j, n, ns); err != nil {
		return nil, err
	}
	size := j.Get("size")
	if size == nil || size.Kind != jsontree.Number {
		return nil, errAt(j, "fixed %q needs a numeric \"size\"", n.fullName())
	}
	v, err := strconv.Atoi(size.Text)
	if err != nil || v < 0 {
		return nil, errAt(size, "fixed size %s is not a non-negative integer", size.Text)
	}
	n.size, n.sizePos = v, size.Pos
	return n, nil
}
