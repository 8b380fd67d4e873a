package asyncapi

import (
	"strings"

	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/internal/load"
	havro "github.com/hamba/avro/v2"
	yaml "go.yaml.in/yaml/v3"
)

// Object is an object schema (JSON Schema with properties, or an Avro
// record) met by the walk.
type Object struct {
	Loc asyncapi.Loc
	// At locates the properties (or fields) key.
	At    asyncapi.Loc
	Props []*Property
	Avro  bool
}

// Property is one property of an object schema or one field of a record.
type Property struct {
	Name string
	// Loc is where the property is named (its key, or the Avro field's
	// name key); Schema is its schema after following $refs.
	Loc    asyncapi.Loc
	Schema asyncapi.Loc
	// Types are the JSON types the property admits, without null (for
	// Avro: int/long → integer, float/double → number, string, bytes and
	// fixed → string, record → object, …). Decimal tells an Avro decimal.
	Types   []string
	Decimal bool
	Avro    bool
}

// walker visits every schema node, object and property reachable from the
// root schemas once.
type walker struct {
	l       *linter
	visited map[string]bool
}

func (w *walker) root(s *asyncapi.Schema) {
	if s == nil || s.Remote {
		return
	}
	switch s.Kind {
	case asyncapi.JSONSchema:
		w.schema(s.Loc, 0)
	case asyncapi.Avro:
		if s.Avro != nil {
			w.avro(s.Avro, s.Loc, 0)
		}
	}
}

// follow resolves a $ref at l (quietly: unresolvable refs are
// asyncapi-valid findings already).
func (w *walker) follow(l asyncapi.Loc) (asyncapi.Loc, bool) {
	return asyncapi.Follow(w.l.loader, l)
}

func (w *walker) schema(l asyncapi.Loc, depth int) {
	l, ok := w.follow(l)
	if !ok || l.Node == nil || l.Node.Kind != yaml.MappingNode || depth > 128 || w.visited[l.ID()] {
		return
	}
	w.visited[l.ID()] = true
	for _, f := range w.l.onSchema {
		f(l)
	}
	if props, ok := l.Child("properties"); ok && props.Node.Kind == yaml.MappingNode {
		obj := &Object{Loc: l, At: props}
		for i := 0; i+1 < len(props.Node.Content); i += 2 {
			name := props.Node.Content[i].Value
			site, _ := props.Child(name)
			target, _ := w.follow(site)
			obj.Props = append(obj.Props, &Property{Name: name, Loc: site, Schema: target, Types: w.jsonTypes(target)})
		}
		w.visit(obj)
		for _, pr := range obj.Props {
			w.schema(pr.Loc, depth+1)
		}
	}
	for _, k := range []string{"items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "additionalItems", "unevaluatedItems", "unevaluatedProperties"} {
		if c, ok := l.Child(k); ok {
			if c.Node.Kind == yaml.SequenceNode {
				for i := range c.Node.Content {
					w.schema(c.Item(i), depth+1)
				}
				continue
			}
			w.schema(c, depth+1)
		}
	}
	for _, k := range []string{"allOf", "anyOf", "oneOf", "prefixItems"} {
		if c, ok := l.Child(k); ok && c.Node.Kind == yaml.SequenceNode {
			for i := range c.Node.Content {
				w.schema(c.Item(i), depth+1)
			}
		}
	}
	for _, k := range []string{"patternProperties", "dependentSchemas", "definitions", "$defs"} {
		if c, ok := l.Child(k); ok && c.Node.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(c.Node.Content); i += 2 {
				sub, _ := c.Child(c.Node.Content[i].Value)
				w.schema(sub, depth+1)
			}
		}
	}
}

func (w *walker) visit(obj *Object) {
	for _, f := range w.l.onObject {
		f(obj)
	}
	for _, pr := range obj.Props {
		for _, f := range w.l.onProperty {
			f(pr)
		}
	}
}

// jsonTypes lists the non-null types a JSON schema admits as written
// (type, or the types of its allOf/oneOf/anyOf branches).
func (w *walker) jsonTypes(l asyncapi.Loc) []string {
	var out []string
	var add func(l asyncapi.Loc, depth int)
	add = func(l asyncapi.Loc, depth int) {
		l, ok := w.follow(l)
		if !ok || l.Node == nil || depth > 8 {
			return
		}
		if t := load.Value(l.Node, "type"); t != nil {
			switch t.Kind {
			case yaml.ScalarNode:
				out = appendType(out, t.Value)
			case yaml.SequenceNode:
				for _, e := range t.Content {
					out = appendType(out, e.Value)
				}
			}
		}
		for _, k := range []string{"allOf", "oneOf", "anyOf"} {
			if c, ok := l.Child(k); ok && c.Node.Kind == yaml.SequenceNode {
				for i := range c.Node.Content {
					add(c.Item(i), depth+1)
				}
			}
		}
	}
	add(l, 0)
	return out
}

func appendType(list []string, t string) []string {
	if t == "null" || t == "" {
		return list
	}
	for _, x := range list {
		if x == t {
			return list
		}
	}
	return append(list, t)
}

// avro walks an Avro schema alongside the YAML it was parsed from, so that
// every field keeps its position. Named types are visited once, where they
// are defined.
func (w *walker) avro(s havro.Schema, l asyncapi.Loc, depth int) {
	if depth > 128 || s == nil {
		return
	}
	switch s := s.(type) {
	case *havro.RecordSchema:
		if w.visited["avro:"+l.FileName()+"#"+s.FullName()] {
			return
		}
		w.visited["avro:"+l.FileName()+"#"+s.FullName()] = true
		fields, ok := l.Child("fields")
		if !ok || fields.Node.Kind != yaml.SequenceNode {
			return
		}
		for _, f := range w.l.onSchema {
			f(l)
		}
		obj := &Object{Loc: l, At: fields, Avro: true}
		var types []asyncapi.Loc
		for i, f := range s.Fields() {
			if i >= len(fields.Node.Content) {
				break
			}
			fl := fields.Item(i)
			name, ok := fl.Child("name")
			if !ok {
				name = fl
			}
			tl, _ := fl.Child("type")
			pr := &Property{Name: f.Name(), Loc: name, Schema: fl, Avro: true}
			pr.Types, pr.Decimal = avroTypes(f.Type())
			obj.Props = append(obj.Props, pr)
			types = append(types, tl)
		}
		w.visit(obj)
		for i, f := range s.Fields() {
			if i < len(types) && types[i].Node != nil {
				w.avro(f.Type(), types[i], depth+1)
			}
		}
	case *havro.UnionSchema:
		if l.Node == nil || l.Node.Kind != yaml.SequenceNode {
			return
		}
		for i, t := range s.Types() {
			if i < len(l.Node.Content) {
				w.avro(t, l.Item(i), depth+1)
			}
		}
	case *havro.ArraySchema:
		if c, ok := l.Child("items"); ok {
			w.avro(s.Items(), c, depth+1)
		}
	case *havro.MapSchema:
		if c, ok := l.Child("values"); ok {
			w.avro(s.Values(), c, depth+1)
		}
	}
}

// avroTypes maps an Avro field type to the JSON types it admits.
func avroTypes(s havro.Schema) (types []string, decimal bool) {
	if r, ok := s.(*havro.RefSchema); ok {
		s = r.Schema()
	}
	switch s := s.(type) {
	case *havro.UnionSchema:
		for _, t := range s.Types() {
			ts, d := avroTypes(t)
			for _, x := range ts {
				types = appendType(types, x)
			}
			decimal = decimal || d
		}
		return types, decimal
	case *havro.PrimitiveSchema:
		dec := s.Logical() != nil && s.Logical().Type() == havro.Decimal
		switch s.Type() {
		case havro.Int, havro.Long:
			return []string{"integer"}, false
		case havro.Float, havro.Double:
			return []string{"number"}, false
		case havro.String, havro.Bytes:
			return []string{"string"}, dec
		case havro.Boolean:
			return []string{"boolean"}, false
		}
		return nil, false
	case *havro.FixedSchema:
		return []string{"string"}, s.Logical() != nil && s.Logical().Type() == havro.Decimal
	case *havro.EnumSchema:
		return []string{"string"}, false
	case *havro.RecordSchema:
		return []string{"object"}, false
	case *havro.ArraySchema:
		return []string{"array"}, false
	case *havro.MapSchema:
		return []string{"object"}, false
	}
	return nil, false
}

// avroRequired reports whether an Avro field type always holds a value
// (not a union with null).
func avroRequired(s havro.Schema) bool {
	u, ok := s.(*havro.UnionSchema)
	if !ok {
		return true
	}
	return !u.Nullable() && !strings.Contains(u.String(), `"null"`)
}
