package openapi

import (
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/load"
)

// walker visits one document once: every path item, operation,
// parameter, response, schema and example, following $refs into other
// files, and calls the checks' callbacks for each. Every object reached
// through several references is visited once, keyed by its node (the
// loader parses each file once, so a node is a place in a file).
type walker struct {
	doc    *Document
	loader *load.Loader
	out    *sink
	valid  *Pass // reports structural problems the walk itself finds

	onDocument  []func()
	onPath      []func(*PathItem)
	onOperation []func(*Operation)
	onResponse  []func(*Response)
	onParameter []func(*Parameter)
	onSchema    []func(*Schema)
	onServer    []func(*Server)
	onSecurity  []func(*SecurityScheme)
	onExample   []func(*Example)
	onFinish    []func()

	use       *usage
	refs      map[refKey]refTarget
	seen      map[*yaml.Node]bool // schemas, media types, headers, examples, path items
	params    map[*yaml.Node]*Parameter
	responses map[respKey]bool
	inputErr  error
}

type respKey struct {
	node   *yaml.Node
	status string
}

func (w *walker) invalid(at Loc, format string, args ...any) { w.valid.Report(at, format, args...) }

// child returns the location of key's value inside the mapping at at.
func child(at Loc, k *yaml.Node, tokens ...string) Loc {
	return Loc{File: at.File, Pointer: load.Join(at.Pointer, tokens...), Key: k}
}

// item returns the location of the i-th element of the sequence at at;
// an array element has no key, so its position is the element itself.
func item(at Loc, i int, n *yaml.Node) Loc {
	return Loc{File: at.File, Pointer: load.Index(at.Pointer, i), Key: n}
}

// pairs calls f for every key/value of mapping n in order.
func pairs(n *yaml.Node, f func(k, v *yaml.Node)) {
	n = load.Deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		f(n.Content[i], load.Deref(n.Content[i+1]))
	}
}

func isMap(n *yaml.Node) bool { return n != nil && n.Kind == yaml.MappingNode }
func isSeq(n *yaml.Node) bool { return n != nil && n.Kind == yaml.SequenceNode }

// isTrue reports whether n is the boolean true.
func isTrue(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && n.Tag != "!!str" && n.Value == "true"
}

var methods = map[string]bool{"get": true, "put": true, "post": true, "delete": true,
	"options": true, "head": true, "patch": true, "trace": true, "query": true}

func (w *walker) run() {
	for _, f := range w.onDocument {
		f()
	}
	d := w.doc
	if d.Version == 0 {
		return // oas-valid reported the version; nothing else is meaningful
	}
	root := Loc{File: d.File, Key: d.Root}
	w.servers(root, d.Root)
	if w.doc.Version == Swagger2 {
		w.swaggerServers(root)
	}
	if k, v := load.Get(d.Root, "paths"); isMap(v) {
		at := child(root, k, "paths")
		pairs(v, func(pk, pv *yaml.Node) {
			if strings.HasPrefix(pk.Value, "x-") {
				return
			}
			w.pathItem(child(at, pk, pk.Value), pk.Value, pv, InPaths)
		})
	}
	if k, v := load.Get(d.Root, "webhooks"); isMap(v) && d.Version != Swagger2 {
		at := child(root, k, "webhooks")
		pairs(v, func(wk, wv *yaml.Node) {
			if !strings.HasPrefix(wk.Value, "x-") {
				w.pathItem(child(at, wk, wk.Value), wk.Value, wv, InWebhook)
			}
		})
	}
	if d.Version == Swagger2 {
		w.swaggerComponents(root)
	} else if k, v := load.Get(d.Root, "components"); isMap(v) {
		w.components(child(root, k, "components"), v)
	}
	for _, f := range w.onFinish {
		f()
	}
}

func (w *walker) components(at Loc, n *yaml.Node) {
	each := func(section string, f func(Loc, string, *yaml.Node)) {
		w.namedSection(at, n, section, "components.", f)
	}
	each("schemas", func(l Loc, _ string, v *yaml.Node) { w.schema(l, v) })
	each("responses", func(l Loc, _ string, v *yaml.Node) { w.response(l, v, "", InComponents) })
	each("parameters", func(l Loc, _ string, v *yaml.Node) { w.parameter(l, v) })
	each("headers", func(l Loc, _ string, v *yaml.Node) { w.header(l, v) })
	each("requestBodies", func(l Loc, _ string, v *yaml.Node) { w.requestBody(l, v) })
	each("examples", func(l Loc, _ string, v *yaml.Node) { w.exampleObject(l, v) })
	each("securitySchemes", func(l Loc, name string, v *yaml.Node) { w.securityScheme(l, name, v) })
	each("callbacks", func(l Loc, _ string, v *yaml.Node) { w.callback(l, v) })
}

func (w *walker) swaggerComponents(root Loc) {
	section := func(name string, f func(Loc, string, *yaml.Node)) { w.namedSection(root, w.doc.Root, name, "", f) }
	section("definitions", func(l Loc, _ string, v *yaml.Node) { w.schema(l, v) })
	section("parameters", func(l Loc, _ string, v *yaml.Node) { w.parameter(l, v) })
	section("responses", func(l Loc, _ string, v *yaml.Node) { w.response(l, v, "", InComponents) })
	section("securityDefinitions", func(l Loc, name string, v *yaml.Node) { w.securityScheme(l, name, v) })
}

// namedSection visits each named object of the map section of n (a
// components section, or a Swagger 2.0 definitions-style map), skipping
// extensions; a section that is not a map is an oas-valid problem.
func (w *walker) namedSection(at Loc, n *yaml.Node, section, prefix string, f func(Loc, string, *yaml.Node)) {
	k, v := load.Get(n, section)
	if v == nil {
		return
	}
	sec := child(at, k, section)
	if !isMap(v) {
		w.invalid(sec, "%s%s must be a map of names to objects", prefix, section)
		return
	}
	pairs(v, func(ck, cv *yaml.Node) {
		if !strings.HasPrefix(ck.Value, "x-") {
			f(child(sec, ck, ck.Value), ck.Value, cv)
		}
	})
}

func (w *walker) securityScheme(at Loc, name string, n *yaml.Node) {
	at, n, ok := w.follow(at, n)
	if !ok {
		return
	}
	if !isMap(n) {
		w.invalid(at, "security scheme %s must be an object", name)
		return
	}
	s := &SecurityScheme{Loc: at, Name: name, Node: n}
	for _, f := range w.onSecurity {
		f(s)
	}
}

// servers visits the servers list of a root, path item or operation.
func (w *walker) servers(at Loc, n *yaml.Node) {
	k, v := load.Get(n, "servers")
	if v == nil || w.doc.Version == Swagger2 {
		return
	}
	sat := child(at, k, "servers")
	if !isSeq(v) {
		w.invalid(sat, "servers must be a list of server objects")
		return
	}
	for i, s := range v.Content {
		s = load.Deref(s)
		sl := item(sat, i, s)
		uk, uv := load.Get(s, "url")
		if uk == nil || uv.Kind != yaml.ScalarNode {
			w.invalid(sl, "server object needs a url string")
			continue
		}
		srv := &Server{Loc: child(sl, uk, "url"), URL: expandServerURL(uv.Value, load.Value(s, "variables"))}
		for _, f := range w.onServer {
			f(srv)
		}
	}
}

// expandServerURL replaces {name} with the variable's default.
func expandServerURL(url string, vars *yaml.Node) string {
	if !strings.Contains(url, "{") || vars == nil {
		return url
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(url, '{')
		j := strings.IndexByte(url, '}')
		if i < 0 || j < i {
			b.WriteString(url)
			return b.String()
		}
		b.WriteString(url[:i])
		name := url[i+1 : j]
		if d := load.Value(load.Value(vars, name), "default"); d != nil && d.Kind == yaml.ScalarNode {
			b.WriteString(d.Value)
		} else {
			b.WriteString(url[i : j+1])
		}
		url = url[j+1:]
	}
}

// swaggerServers turns 2.0 schemes/host into servers, one per scheme.
func (w *walker) swaggerServers(root Loc) {
	host := ""
	if v := load.Value(w.doc.Root, "host"); v != nil {
		host = v.Value
	}
	k, v := load.Get(w.doc.Root, "schemes")
	if !isSeq(v) {
		return
	}
	at := child(root, k, "schemes")
	for i, s := range v.Content {
		s = load.Deref(s)
		srv := &Server{Loc: item(at, i, s), URL: strings.ToLower(s.Value) + "://" + host}
		for _, f := range w.onServer {
			f(srv)
		}
	}
}

func (w *walker) pathItem(at Loc, path string, n *yaml.Node, ctx Context) {
	if ctx == InPaths {
		pi := &PathItem{Loc: at, Path: path, Node: n, Context: ctx}
		for _, f := range w.onPath {
			f(pi)
		}
	}
	key := at
	at, n, ok := w.follow(at, n)
	if !ok {
		return
	}
	if !isMap(n) {
		w.invalid(key, "path item %s must be an object", path)
		return
	}
	w.use.link(n)
	if w.seen[n] {
		return
	}
	w.seen[n] = true
	w.use.push(n)
	defer w.use.pop()
	pi := &PathItem{Loc: key, Path: path, Node: n, Context: ctx}
	w.servers(at, n)
	shared := w.parameterList(at, n)
	for i := 0; i+1 < len(n.Content); i += 2 {
		mk, mv := n.Content[i], load.Deref(n.Content[i+1])
		if !methods[mk.Value] || (mk.Value == "trace" || mk.Value == "query") && w.doc.Version == Swagger2 {
			continue
		}
		w.operation(pi, child(at, mk, mk.Value), mk.Value, mv, shared)
	}
}

// parameterList visits the parameters of a path item or operation.
func (w *walker) parameterList(at Loc, n *yaml.Node) []*Parameter {
	k, v := load.Get(n, "parameters")
	if v == nil {
		return nil
	}
	pat := child(at, k, "parameters")
	if !isSeq(v) {
		w.invalid(pat, "parameters must be a list")
		return nil
	}
	var out []*Parameter
	for i, p := range v.Content {
		p = load.Deref(p)
		if prm := w.parameter(item(pat, i, p), p); prm != nil {
			out = append(out, prm)
		}
	}
	return out
}

func (w *walker) operation(pi *PathItem, at Loc, method string, n *yaml.Node, shared []*Parameter) {
	if !isMap(n) {
		w.invalid(at, "operation %s %s must be an object", strings.ToUpper(method), pi.Path)
		return
	}
	op := &Operation{Loc: at, Node: n, Method: strings.ToUpper(method), Path: pi.Path, Context: pi.Context, PathItem: pi}
	w.use.ops[n] = op.Name()
	w.use.link(n)
	w.use.push(n)
	defer w.use.pop()
	for _, s := range shared {
		w.use.link(s.Node)
	}
	own := w.parameterList(at, n)
	for _, s := range shared {
		overridden := false
		for _, o := range own {
			if o.Name == s.Name && o.In == s.In {
				overridden = true
				break
			}
		}
		if !overridden {
			op.Parameters = append(op.Parameters, s)
		}
	}
	op.Parameters = append(op.Parameters, own...)
	for _, p := range op.Parameters {
		if p.In == "body" {
			op.BodyLoc = p.Loc
			if k, v := load.Get(p.Node, "schema"); v != nil {
				op.Body = w.schemaTarget(child(p.Loc, k, "schema"), v)
			}
		}
	}
	if k, v := load.Get(n, "requestBody"); v != nil && w.doc.Version != Swagger2 {
		op.BodyLoc = child(at, k, "requestBody")
		op.Body = w.requestBody(op.BodyLoc, v)
	}
	if k, v := load.Get(n, "responses"); isMap(v) {
		rat := child(at, k, "responses")
		pairs(v, func(sk, sv *yaml.Node) {
			if !strings.HasPrefix(sk.Value, "x-") {
				w.response(child(rat, sk, sk.Value), sv, sk.Value, pi.Context)
			}
		})
	}
	if k, v := load.Get(n, "callbacks"); isMap(v) && w.doc.Version != Swagger2 {
		cat := child(at, k, "callbacks")
		pairs(v, func(ck, cv *yaml.Node) { w.callback(child(cat, ck, ck.Value), cv) })
	}
	w.servers(at, n)
	for _, f := range w.onOperation {
		f(op)
	}
}

func (w *walker) callback(at Loc, n *yaml.Node) {
	at, n, ok := w.follow(at, n)
	if !ok {
		return
	}
	pairs(n, func(ek, ev *yaml.Node) {
		if !strings.HasPrefix(ek.Value, "x-") {
			w.pathItem(child(at, ek, ek.Value), ek.Value, ev, InCallback)
		}
	})
}

// parameter visits a parameter object once per place it is written.
func (w *walker) parameter(at Loc, n *yaml.Node) *Parameter {
	at, n, ok := w.follow(at, n)
	if !ok {
		return nil
	}
	w.use.link(n)
	if p, seen := w.params[n]; seen {
		return p
	}
	w.use.push(n)
	defer w.use.pop()
	if !isMap(n) {
		w.invalid(at, "a parameter must be an object")
		w.params[n] = nil
		return nil
	}
	p := &Parameter{Loc: at, Node: n}
	if v := load.Value(n, "name"); v != nil {
		p.Name = v.Value
	}
	if v := load.Value(n, "in"); v != nil {
		p.In = v.Value
	}
	p.Required = isTrue(load.Value(n, "required"))
	w.params[n] = p
	for _, f := range w.onParameter {
		f(p)
	}
	w.schemaHolder(at, n)
	return p
}

// enterOnce follows n's $refs, records that the current operation uses
// the target, and reports false when it cannot be followed or was already
// visited (shared components and cycles are visited once).
func (w *walker) enterOnce(at Loc, n *yaml.Node) (Loc, *yaml.Node, bool) {
	at, n, ok := w.follow(at, n)
	if !ok {
		return at, n, false
	}
	w.use.link(n)
	if w.seen[n] {
		return at, n, false
	}
	w.seen[n] = true
	return at, n, true
}

// header visits a header object (3.x) or a 2.0 header.
func (w *walker) header(at Loc, n *yaml.Node) {
	at, n, ok := w.enterOnce(at, n)
	if !ok {
		return
	}
	if !isMap(n) {
		w.invalid(at, "a header must be an object")
		return
	}
	w.use.push(n)
	defer w.use.pop()
	w.schemaHolder(at, n)
}

// schemaHolder visits what parameters, headers and media types share:
// schema, content, example, examples and (2.0) default and items.
func (w *walker) schemaHolder(at Loc, n *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], load.Deref(n.Content[i+1])
		switch k.Value {
		case "schema", "items":
			w.schema(child(at, k, k.Value), v)
		case "content":
			w.content(child(at, k, "content"), v)
		case "example", "default", "x-example":
			w.exampleValue(child(at, k, k.Value), v)
		case "examples":
			w.examplesMap(child(at, k, "examples"), v)
		}
	}
}

// content visits a content map and returns the JSON media type's schema.
func (w *walker) content(at Loc, n *yaml.Node) *Schema {
	var body *Schema
	pairs(n, func(mk, mv *yaml.Node) {
		mat := child(at, mk, mk.Value)
		if body == nil && isJSON(mk.Value) {
			if sk, sv := load.Get(mv, "schema"); sv != nil {
				body = w.schemaTarget(child(mat, sk, "schema"), sv)
			}
		}
		w.use.link(mv)
		if !isMap(mv) || w.seen[mv] {
			return
		}
		w.seen[mv] = true
		w.use.push(mv)
		defer w.use.pop()
		w.schemaHolder(mat, mv)
		if ek, ev := load.Get(mv, "encoding"); isMap(ev) {
			eat := child(mat, ek, "encoding")
			pairs(ev, func(pk, pv *yaml.Node) {
				if hk, hv := load.Get(pv, "headers"); isMap(hv) {
					hat := child(child(eat, pk, pk.Value), hk, "headers")
					pairs(hv, func(nk, nv *yaml.Node) { w.header(child(hat, nk, nk.Value), nv) })
				}
			})
		}
	})
	return body
}

// isJSON reports whether a media type carries JSON.
func isJSON(mediaType string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(mediaType), ";")
	mt = strings.TrimSpace(mt)
	return mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "*/*"
}

// schemaTarget resolves a schema reference to where it is written and
// visits it.
func (w *walker) schemaTarget(at Loc, n *yaml.Node) *Schema {
	w.schema(at, n)
	at, n, ok := w.follow(at, n)
	if !ok {
		return nil
	}
	return &Schema{Loc: at, Node: n}
}

func (w *walker) requestBody(at Loc, n *yaml.Node) *Schema {
	at, n, ok := w.follow(at, n)
	if !ok {
		return nil
	}
	if !isMap(n) {
		w.invalid(at, "a request body must be an object")
		return nil
	}
	w.use.link(n)
	w.use.push(n)
	defer w.use.pop()
	k, v := load.Get(n, "content")
	if v == nil {
		w.invalid(at, "request body has no content; add content with at least one media type")
		return nil
	}
	return w.content(child(at, k, "content"), v)
}

// response visits a response object used under status (or as a
// component when status is "").
func (w *walker) response(at Loc, n *yaml.Node, status string, ctx Context) {
	at, n, ok := w.follow(at, n)
	if !ok {
		return
	}
	if !isMap(n) {
		w.invalid(at, "response %s must be an object", status)
		return
	}
	w.use.link(n)
	key := respKey{n, status}
	if w.responses[key] {
		return
	}
	w.use.push(n)
	defer w.use.pop()
	w.responses[key] = true
	r := &Response{Loc: at, Node: n, Status: status, Context: ctx, headers: map[string]bool{}}
	hk, hv := load.Get(n, "headers")
	pairs(hv, func(k, _ *yaml.Node) { r.headers[strings.ToLower(k.Value)] = true })
	for _, f := range w.onResponse {
		f(r)
	}
	if w.seen[n] {
		return
	}
	w.seen[n] = true
	hat := child(at, hk, "headers")
	pairs(hv, func(k, v *yaml.Node) { w.header(child(hat, k, k.Value), v) })
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], load.Deref(n.Content[i+1])
		switch k.Value {
		case "content":
			if w.doc.Version != Swagger2 {
				w.content(child(at, k, "content"), v)
			}
		case "schema":
			w.schema(child(at, k, "schema"), v)
		case "examples":
			if w.doc.Version == Swagger2 {
				// mime type → example value
				eat := child(at, k, "examples")
				pairs(v, func(mk, mv *yaml.Node) { w.exampleValue(child(eat, mk, mk.Value), mv) })
			}
		case "links":
			pairs(v, func(lk, lv *yaml.Node) { w.follow(child(child(at, k, "links"), lk, lk.Value), lv) })
		}
	}
}

// examplesMap visits a map of example objects (3.x parameters, headers,
// media types); a list (a schema's examples) is visited as values.
func (w *walker) examplesMap(at Loc, n *yaml.Node) {
	if isSeq(n) {
		w.exampleValue(at, n)
		return
	}
	pairs(n, func(k, v *yaml.Node) { w.exampleObject(child(at, k, k.Value), v) })
}

func (w *walker) exampleObject(at Loc, n *yaml.Node) {
	at, n, ok := w.enterOnce(at, n)
	if !ok {
		return
	}
	w.use.push(n)
	defer w.use.pop()
	if k, v := load.Get(n, "value"); v != nil {
		w.exampleValue(child(at, k, "value"), v)
	}
}

// exampleValue hands every scalar inside an example value to the checks.
func (w *walker) exampleValue(at Loc, n *yaml.Node) {
	if len(w.onExample) > 0 {
		w.exampleScalars(at, "", n)
	}
}

// exampleScalars hands the scalars of n, written under the key name, to
// the checks.
func (w *walker) exampleScalars(at Loc, name string, n *yaml.Node) {
	if n == nil {
		return
	}
	n = load.Deref(n)
	switch n.Kind {
	case yaml.ScalarNode:
		e := &Example{Loc: Loc{File: at.File, Pointer: at.Pointer, Key: n}, Name: name, Value: n.Value}
		for _, f := range w.onExample {
			f(e)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			w.exampleScalars(item(at, i, c), name, c)
		}
	case yaml.MappingNode:
		pairs(n, func(k, v *yaml.Node) { w.exampleScalars(child(at, k, k.Value), k.Value, v) })
	}
}

// sink collects findings, each (rule, file, pointer) once, with the
// object each was reported on (for usage).
type sink struct {
	seen   map[string]bool
	fs     []finding.Finding
	owners []*yaml.Node
}

func (s *sink) add(f finding.Finding, owner *yaml.Node) {
	if s.seen[f.Fingerprint] {
		return
	}
	s.seen[f.Fingerprint] = true
	s.fs = append(s.fs, f)
	s.owners = append(s.owners, owner)
}
