package openapi

import (
	"regexp"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/internal/load"
)

// runValid is oas-valid: the structural checks that matter for the house
// rules and for tools reading the document (required fields, the types of
// known fields, status codes, parameters, path templates). Unresolvable
// $refs are reported by the walk itself through the same pass.
func runValid(p *Pass) {
	p.OnDocument(func() { validRoot(p) })
	p.OnOperation(func(op *Operation) { validOperation(p, op) })
	p.OnParameter(func(prm *Parameter) { validParameter(p, prm) })
	p.OnResponse(func(r *Response) {
		if p.Doc.Version != OAS31 && load.Value(r.Node, "description") == nil {
			p.Report(missing(r.Loc, "description"), "response has no description; %s requires one", p.Doc.Version)
		}
	})
	p.OnSchema(func(s *Schema) { validSchema(p, s) })
	p.OnSecurityScheme(func(s *SecurityScheme) { validSecurityScheme(p, s) })
}

func validRoot(p *Pass) {
	d := p.Doc
	root := Loc{File: d.File, Key: d.Root}
	if d.Version == 0 {
		k, v := load.Get(d.Root, "openapi")
		name := "openapi"
		if k == nil {
			k, v = load.Get(d.Root, "swagger")
			name = "swagger"
		}
		p.Report(child(root, k, name), "unsupported %s version %q; contractctl reads swagger 2.0 and openapi 3.0.x, 3.1.x and 3.2.x", name, v.Value)
		return
	}
	k, info := load.Get(d.Root, "info")
	switch {
	case info == nil:
		p.Report(Loc{File: d.File, Pointer: "/info", Key: d.Root}, "the document has no info object; add info with title and version")
	case !isMap(info):
		p.Report(child(root, k, "info"), "info must be an object with title and version")
	default:
		at := child(root, k, "info")
		for _, f := range []string{"title", "version"} {
			fk, fv := load.Get(info, f)
			switch {
			case fk == nil:
				p.Report(Loc{File: d.File, Pointer: "/info/" + f, Key: k}, "info has no %s; add it", f)
			case fv.Kind != yaml.ScalarNode || fv.Tag == "!!null" || fv.Value == "":
				p.Report(child(at, fk, f), "info.%s must be a non-empty string", f)
			}
		}
	}
	pk, paths := load.Get(d.Root, "paths")
	switch {
	case paths == nil && d.Version != OAS31:
		p.Report(Loc{File: d.File, Pointer: "/paths", Key: d.Root}, "the document has no paths object; %s requires one (it may be empty)", d.Version)
	case paths == nil && load.Value(d.Root, "components") == nil && load.Value(d.Root, "webhooks") == nil:
		p.Report(Loc{File: d.File, Pointer: "/paths", Key: d.Root}, "the document has none of paths, webhooks and components; OpenAPI 3.1 requires at least one")
	case paths != nil && !isMap(paths):
		p.Report(child(root, pk, "paths"), "paths must be an object mapping path templates to path items")
	case paths != nil:
		at := child(root, pk, "paths")
		pairs(paths, func(k, _ *yaml.Node) {
			if !strings.HasPrefix(k.Value, "/") && !strings.HasPrefix(k.Value, "x-") {
				p.Report(child(at, k, k.Value), "path %q must start with /", k.Value)
			}
		})
	}
	if wk, wv := load.Get(d.Root, "webhooks"); wk != nil && d.Version != OAS31 {
		p.Report(child(root, wk, "webhooks"), "webhooks are an OpenAPI 3.1 feature; this is %s", d.Version)
	} else if wv != nil && !isMap(wv) {
		p.Report(child(root, wk, "webhooks"), "webhooks must be an object mapping names to path items")
	}
	if sk, sv := load.Get(d.Root, "security"); sk != nil {
		validSecurity(p, child(root, sk, "security"), sv)
	}
}

// validSecurity checks a security requirement list and that every scheme
// it names is defined.
func validSecurity(p *Pass, at Loc, n *yaml.Node) {
	if !isSeq(n) {
		p.Report(at, "security must be a list of security requirement objects")
		return
	}
	for i, r := range n.Content {
		r = load.Deref(r)
		rat := item(at, i, r)
		if !isMap(r) {
			p.Report(rat, "a security requirement must be an object mapping scheme names to scopes")
			continue
		}
		pairs(r, func(k, _ *yaml.Node) {
			if !p.Doc.SecuritySchemes[k.Value] {
				p.Report(child(rat, k, k.Value), "security scheme %s is not defined; define it under %s", k.Value, schemesSection(p.Doc))
			}
		})
	}
}

func schemesSection(d *Document) string {
	if d.Version == Swagger2 {
		return "securityDefinitions"
	}
	return "components.securitySchemes"
}

var statusCode = regexp.MustCompile(`^([1-5][0-9][0-9]|[1-5]XX|default)$`)

// pathTemplateParam finds {name} segments in a path template.
var pathTemplateParam = regexp.MustCompile(`\{([^{}/]+)\}`)

func validOperation(p *Pass, op *Operation) {
	k, rs := load.Get(op.Node, "responses")
	switch {
	case rs == nil:
		if p.Doc.Version != OAS31 {
			p.Report(Loc{File: op.File, Pointer: op.Pointer + "/responses", Key: op.Key}, "%s has no responses; %s requires at least one", op.Name(), p.Doc.Version)
		}
	case !isMap(rs):
		p.Report(child(op.Loc, k, "responses"), "responses must be an object mapping status codes to responses")
	case len(rs.Content) == 0 && p.Doc.Version != OAS31:
		p.Report(child(op.Loc, k, "responses"), "%s declares no response; add at least one", op.Name())
	default:
		at := child(op.Loc, k, "responses")
		pairs(rs, func(sk, _ *yaml.Node) {
			if !statusCode.MatchString(sk.Value) && !strings.HasPrefix(sk.Value, "x-") {
				p.Report(child(at, sk, sk.Value), "%q is not a status code; use a three-digit code, 1XX–5XX or default", sk.Value)
			}
		})
	}
	if ik, iv := load.Get(op.Node, "operationId"); ik != nil && (iv.Kind != yaml.ScalarNode || iv.Tag == "!!null") {
		p.Report(child(op.Loc, ik, "operationId"), "operationId must be a string")
	}
	if tk, tv := load.Get(op.Node, "tags"); tk != nil && !isSeq(tv) {
		p.Report(child(op.Loc, tk, "tags"), "tags must be a list of strings")
	}
	if dk, dv := load.Get(op.Node, "deprecated"); dk != nil && (dv.Kind != yaml.ScalarNode || dv.Tag != "!!bool") {
		p.Report(child(op.Loc, dk, "deprecated"), "deprecated must be true or false")
	}
	if sk, sv := load.Get(op.Node, "security"); sk != nil {
		validSecurity(p, child(op.Loc, sk, "security"), sv)
	}
	if op.Context == InPaths {
		validPathParams(p, op)
	}
}

// validPathParams checks that every {name} of the template is declared as
// a required path parameter and every path parameter is in the template.
func validPathParams(p *Pass, op *Operation) {
	inTemplate := map[string]bool{}
	for _, m := range pathTemplateParam.FindAllStringSubmatch(op.Path, -1) {
		name := m[1]
		inTemplate[name] = true
		declared := false
		for _, prm := range op.Parameters {
			if prm.In == "path" && prm.Name == name {
				declared = true
			}
		}
		if !declared {
			p.Report(Loc{File: op.File, Pointer: op.Pointer + "/parameters", Key: op.Key},
				"%s does not declare path parameter %s; add it with in: path and required: true", op.Name(), name)
		}
	}
	for _, prm := range op.Parameters {
		if prm.In == "path" && prm.Name != "" && !inTemplate[prm.Name] {
			p.Report(prm.Loc, "path parameter %s does not appear in the path %s; remove it or add {%s} to the path", prm.Name, op.Path, prm.Name)
		}
	}
}

func validParameter(p *Pass, prm *Parameter) {
	nk, nv := load.Get(prm.Node, "name")
	if nk == nil || nv.Kind != yaml.ScalarNode || nv.Value == "" {
		p.Report(missing(prm.Loc, "name"), "parameter has no name; every parameter needs name and in")
	}
	ik, iv := load.Get(prm.Node, "in")
	valid := map[string]bool{"query": true, "header": true, "path": true, "cookie": true}
	if p.Doc.Version == Swagger2 {
		valid = map[string]bool{"query": true, "header": true, "path": true, "formData": true, "body": true}
	}
	switch {
	case ik == nil:
		p.Report(missing(prm.Loc, "in"), "parameter %s has no in; set it to where the parameter is sent", prm.Name)
		return
	case !valid[iv.Value]:
		p.Report(child(prm.Loc, ik, "in"), "parameter %s has in: %q, which %s does not know", prm.Name, iv.Value, p.Doc.Version)
		return
	}
	if rk, rv := load.Get(prm.Node, "required"); rk != nil && (rv.Kind != yaml.ScalarNode || rv.Tag != "!!bool") {
		p.Report(child(prm.Loc, rk, "required"), "required of parameter %s must be true or false", prm.Name)
	} else if prm.In == "path" && !prm.Required {
		p.Report(missing(prm.Loc, "required"), "path parameter %s must be required: true", prm.Name)
	}
	hasSchema := load.Value(prm.Node, "schema") != nil
	switch {
	case p.Doc.Version == Swagger2 && prm.In == "body":
		if !hasSchema {
			p.Report(missing(prm.Loc, "schema"), "body parameter %s has no schema; add one", prm.Name)
		}
	case p.Doc.Version == Swagger2:
		if load.Value(prm.Node, "type") == nil {
			p.Report(missing(prm.Loc, "type"), "parameter %s has no type; Swagger 2.0 requires one for non-body parameters", prm.Name)
		}
	default:
		hasContent := load.Value(prm.Node, "content") != nil
		if hasSchema == hasContent {
			p.Report(missing(prm.Loc, "schema"), "parameter %s must have exactly one of schema and content", prm.Name)
		}
	}
}

var schemaTypes = map[string]bool{"string": true, "number": true, "integer": true, "boolean": true,
	"array": true, "object": true}

func validSchema(p *Pass, s *Schema) {
	v := p.Doc.Version
	tk, tv := load.Get(s.Node, "type")
	if tk != nil {
		at := child(s.Loc, tk, "type")
		switch {
		case tv.Kind == yaml.ScalarNode:
			if !schemaTypes[tv.Value] && !(tv.Value == "null" && v == OAS31) && !(tv.Value == "file" && v == Swagger2) {
				p.Report(at, "type %q is not a JSON Schema type; use string, number, integer, boolean, array or object", tv.Value)
			}
		case tv.Kind == yaml.SequenceNode && v == OAS31:
			for _, c := range tv.Content {
				c = load.Deref(c)
				if !schemaTypes[c.Value] && c.Value != "null" {
					p.Report(at, "type %q is not a JSON Schema type", c.Value)
					break
				}
			}
		case tv.Kind == yaml.SequenceNode:
			p.Report(at, "type must be a single string in %s; use nullable: true instead of a list with \"null\"", v)
		default:
			p.Report(at, "type must be a string")
		}
		if tv.Kind == yaml.ScalarNode && tv.Value == "array" && v != OAS31 && load.Value(s.Node, "items") == nil {
			p.Report(at, "an array schema needs items in %s", v)
		}
	}
	if k, n := load.Get(s.Node, "nullable"); k != nil && v == OAS31 {
		p.Report(child(s.Loc, k, "nullable"), "nullable is not part of OpenAPI 3.1 and has no effect; add \"null\" to type instead")
	} else if k != nil && (n.Kind != yaml.ScalarNode || n.Tag != "!!bool") {
		p.Report(child(s.Loc, k, "nullable"), "nullable must be true or false")
	}
	if k, n := load.Get(s.Node, "required"); k != nil {
		if !isSeq(n) {
			p.Report(child(s.Loc, k, "required"), "required of a schema must be a list of property names")
		}
	}
	if k, n := load.Get(s.Node, "properties"); k != nil && !isMap(n) {
		p.Report(child(s.Loc, k, "properties"), "properties must be an object mapping names to schemas")
	}
	if k, n := load.Get(s.Node, "enum"); k != nil && !isSeq(n) {
		p.Report(child(s.Loc, k, "enum"), "enum must be a list of values")
	}
	if k, n := load.Get(s.Node, "items"); k != nil && isSeq(n) && v != Swagger2 && v != OAS31 {
		p.Report(child(s.Loc, k, "items"), "items must be a single schema in %s", v)
	}
}

var schemeTypes = map[Version]map[string]bool{
	Swagger2: {"basic": true, "apiKey": true, "oauth2": true},
	OAS30:    {"apiKey": true, "http": true, "oauth2": true, "openIdConnect": true},
	OAS31:    {"apiKey": true, "http": true, "mutualTLS": true, "oauth2": true, "openIdConnect": true},
}

func validSecurityScheme(p *Pass, s *SecurityScheme) {
	tk, tv := load.Get(s.Node, "type")
	if tk == nil {
		p.Report(missing(s.Loc, "type"), "security scheme %s has no type", s.Name)
		return
	}
	if !schemeTypes[p.Doc.Version][tv.Value] {
		p.Report(child(s.Loc, tk, "type"), "security scheme %s has type %q, which %s does not know", s.Name, tv.Value, p.Doc.Version)
		return
	}
	if tv.Value == "apiKey" {
		for _, f := range []string{"name", "in"} {
			if load.Value(s.Node, f) == nil {
				p.Report(missing(s.Loc, f), "apiKey security scheme %s has no %s", s.Name, f)
			}
		}
	}
	if tv.Value == "http" && load.Value(s.Node, "scheme") == nil {
		p.Report(missing(s.Loc, "scheme"), "http security scheme %s has no scheme (e.g. bearer)", s.Name)
	}
}

// missing locates a required field that is absent: the pointer names the
// field, the position is the object's key.
func missing(at Loc, field string) Loc {
	return Loc{File: at.File, Pointer: load.Join(at.Pointer, field), Key: at.Key}
}
