package openapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"unsafe"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/sharedtest"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// A value-level cross-check of the breaking findings on a year of
// Stripe's API: for each schema finding, look for a witness — a JSON value
// that the old schema accepts and the new one rejects (requests), or that
// the new one allows and the old one forbids (responses) — checked with a
// JSON Schema validator (santhosh-tekuri/jsonschema), and rejected where
// the finding says. A breaking finding without a witness is a false alarm
// to investigate; TestStripeWitnesses logs the rate (docs/vs-oasdiff.md).

// noWitness lists the rules whose findings have no witness by schema
// semantics, with the reason contractctl still reports them.
var noWitness = map[string]string{
	"request-property-removed": "the new schema leaves additionalProperties open, so a request that still sends the property validates; house policy calls it breaking because the server now ignores what the client sends",
}

// oas30ToJSONSchema rewrites an OpenAPI 3.0 document's schema keywords to
// JSON Schema 2020-12 in place, keeping every schema at its pointer:
// nullable becomes a "null" type (or enum member, or anyOf/oneOf branch),
// a boolean exclusiveMaximum/Minimum the numeric form.
func oas30ToJSONSchema(v any) {
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			oas30ToJSONSchema(e)
		}
	case map[string]any:
		for _, e := range t {
			oas30ToJSONSchema(e)
		}
		for _, ex := range [...]struct{ flag, bound string }{{"exclusiveMaximum", "maximum"}, {"exclusiveMinimum", "minimum"}} {
			if b, ok := t[ex.flag].(bool); ok {
				if b && t[ex.bound] != nil {
					t[ex.flag] = t[ex.bound]
					delete(t, ex.bound)
				} else {
					delete(t, ex.flag)
				}
			}
		}
		if t["nullable"] != true {
			return
		}
		delete(t, "nullable")
		switch ty := t["type"].(type) {
		case string:
			t["type"] = []any{ty, "null"}
			if e, ok := t["enum"].([]any); ok {
				t["enum"] = append(e, nil)
			}
			return
		}
		for _, kw := range []string{"anyOf", "oneOf"} {
			if bs, ok := t[kw].([]any); ok {
				t[kw] = append(bs, map[string]any{"type": "null"})
				return
			}
		}
	}
}

// side is one document of the pair, as JSON and as a schema compiler.
type witnessDoc struct {
	url  string
	root map[string]any
	c    *jsonschema.Compiler
	sch  map[string]*jsonschema.Schema
	rev  map[string][]string // component → the components referencing it
}

func loadWitnessDoc(t *testing.T, path, url string) *witnessDoc {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	oas30ToJSONSchema(root)
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(url, root); err != nil {
		t.Fatal(err)
	}
	return &witnessDoc{url: url, root: root, c: c, sch: map[string]*jsonschema.Schema{}}
}

func (d *witnessDoc) schema(ptr string) (*jsonschema.Schema, error) {
	if s, ok := d.sch[ptr]; ok {
		return s, nil
	}
	s, err := d.c.Compile(d.url + "#" + ptr)
	if err != nil {
		return nil, err
	}
	d.sch[ptr] = s
	return s, nil
}

func (d *witnessDoc) at(ptr string) any {
	var cur any = d.root
	for _, tok := range load.Split(ptr) {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[tok]
	}
	return cur
}

// bodySchema is the pointer of an operation's request body schema (the
// first media type) or its first success response's JSON schema.
func (d *witnessDoc) bodySchema(op string, request bool) string {
	method, path, _ := strings.Cut(op, " ")
	opPtr := load.Join("", "paths", path, strings.ToLower(method))
	if request {
		content, _ := d.at(opPtr + "/requestBody/content").(map[string]any)
		for _, mt := range sortedKeys(content) {
			return load.Join(opPtr+"/requestBody/content", mt, "schema")
		}
		return ""
	}
	responses, _ := d.at(opPtr + "/responses").(map[string]any)
	for _, status := range sortedKeys(responses) {
		if strings.HasPrefix(status, "2") && d.at(load.Join(opPtr, "responses", status, "content", "application/json", "schema")) != nil {
			return load.Join(opPtr, "responses", status, "content", "application/json", "schema")
		}
	}
	return ""
}

// valueGen produces candidate values for a schema: a minimal value first,
// then values that differ from it in one place (each enum member, null,
// strings past common length limits, each optional property, each
// branch). Only properties on the way to the focus property vary; values
// of the focus property that are open objects also get each of the
// consumer's property names (junk) with junk values, which an open object
// allows and a schema that defines the name may reject.
type valueGen struct {
	d     *witnessDoc
	focus string         // the property the finding is about ("" for a body)
	owner unsafe.Pointer // the schema object declaring it
	junk  []string
	memo  map[string][]any
	hops  map[string]int // see hops
}

const maxCandidates = 200

func (g *valueGen) deref(s any) (map[string]any, string) {
	m, _ := s.(map[string]any)
	for range 16 {
		ref, ok := m["$ref"].(string)
		if !ok {
			break
		}
		ptr := strings.TrimPrefix(ref, "#")
		m, _ = g.d.at(ptr).(map[string]any)
		if m == nil {
			return nil, ptr
		}
		if _, again := m["$ref"]; !again {
			return m, ptr
		}
	}
	return m, ""
}

// distance is how many $ref hops down from s the component declaring the
// focus property is (-1: not reachable): a breadth-first search from that
// component backwards over the document's references (see hops).
func (g *valueGen) distance(s any) int {
	m, ptr := g.deref(s)
	if m == nil || g.focus == "" {
		return -1
	}
	if reflect.ValueOf(m).UnsafePointer() == g.owner {
		return 0
	}
	if ptr != "" {
		if d, ok := g.hops[ptr]; ok {
			return d
		}
		return -1
	}
	best := -1
	for _, t := range refsIn(m) {
		if d, ok := g.hops[t]; ok && (best < 0 || d+1 < best) {
			best = d + 1
		}
	}
	return best
}

// refsIn lists the $ref targets anywhere inside v.
func refsIn(v any) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch t := v.(type) {
		case map[string]any:
			if ref, ok := t["$ref"].(string); ok {
				out = append(out, strings.TrimPrefix(ref, "#"))
			}
			for _, e := range t {
				walk(e)
			}
		case []any:
			for _, e := range t {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// hops maps every component that can reach the component at owner
// (through $refs, at any depth) to its number of hops.
func hops(d *witnessDoc, owner string) map[string]int {
	comp := owner
	if toks := load.Split(owner); len(toks) >= 3 && toks[0] == "components" {
		comp = load.Join("", toks[:3]...)
	}
	if d.rev == nil {
		d.rev = map[string][]string{}
		schemas, _ := d.at("/components/schemas").(map[string]any)
		for _, name := range sortedKeys(schemas) {
			from := load.Join("/components/schemas", name)
			for _, to := range refsIn(schemas[name]) {
				d.rev[to] = append(d.rev[to], from)
			}
		}
	}
	out := map[string]int{comp: 0}
	queue := []string{comp}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		for _, from := range d.rev[c] {
			if _, seen := out[from]; !seen {
				out[from] = out[c] + 1
				queue = append(queue, from)
			}
		}
	}
	return out
}

func (g *valueGen) values(s any, depth int, top bool) []any {
	m, ptr := g.deref(s)
	if m == nil {
		return []any{nil}
	}
	key := fmt.Sprint(ptr, depth, top)
	if ptr != "" {
		if v, ok := g.memo[key]; ok {
			return v
		}
		g.memo[key] = []any{map[string]any{}} // a cycle sees a placeholder
	}
	v := g.generate(m, depth, top)
	if ptr != "" {
		g.memo[key] = v
	}
	return v
}

func (g *valueGen) generate(m map[string]any, depth int, top bool) []any {
	var out []any
	add := func(vs ...any) {
		for _, v := range vs {
			if len(out) < maxCandidates {
				out = append(out, v)
			}
		}
	}
	for _, kw := range []string{"anyOf", "oneOf"} {
		if bs, ok := m[kw].([]any); ok {
			var per [][]any
			for _, b := range bs {
				per = append(per, g.values(b, depth, top))
			}
			for i := 0; len(out) < maxCandidates; i++ { // interleave: every branch gets a turn
				more := false
				for _, vs := range per {
					if i < len(vs) {
						add(vs[i])
						more = true
					}
				}
				if !more {
					break
				}
			}
			return out
		}
	}
	if bs, ok := m["allOf"].([]any); ok && len(bs) > 0 {
		return g.values(bs[0], depth, top)
	}
	if e, ok := m["enum"].([]any); ok {
		add(e...)
		return out
	}
	var types []string
	switch t := m["type"].(type) {
	case string:
		types = append(types, t)
	case []any:
		for _, e := range t {
			types = append(types, fmt.Sprint(e))
		}
	}
	if len(types) == 0 {
		types = []string{"object", "string"}
	}
	for _, ty := range types {
		switch ty {
		case "null":
			add(nil)
		case "string":
			add("a", "", strings.Repeat("x", 5001), strings.Repeat("y", 300), "2022-01-01T00:00:00Z")
		case "integer":
			add(0, 1, -1, 1<<40)
		case "number":
			add(0, 1.5, -1, 1e12)
		case "boolean":
			add(true, false)
		case "array":
			add([]any{})
			if depth < 8 {
				for _, v := range g.values(m["items"], depth+1, top) {
					add([]any{v})
				}
			}
		case "object":
			add(g.objects(m, depth, top)...)
		}
	}
	return out
}

func (g *valueGen) objects(m map[string]any, depth int, top bool) []any {
	props, _ := m["properties"].(map[string]any)
	req := map[string]bool{}
	if r, ok := m["required"].([]any); ok {
		for _, n := range r {
			req[fmt.Sprint(n)] = true
		}
	}
	minimal := map[string]any{}
	names := sortedKeys(props)
	for _, n := range names {
		if req[n] && depth < 8 {
			minimal[n] = g.values(props[n], depth+1, false)[0]
		}
	}
	out := []any{minimal}
	with := func(n string, v any) {
		o := make(map[string]any, len(minimal)+1)
		for k, e := range minimal {
			o[k] = e
		}
		o[n] = v
		out = append(out, o)
	}
	if depth >= 8 {
		return out
	}
	// The focus property first, then the properties nearest to it.
	type near struct {
		name string
		d    int
	}
	owner := reflect.ValueOf(m).UnsafePointer() == g.owner
	var order []near
	for _, n := range names {
		if owner && n == g.focus {
			order = append(order, near{n, -1})
		} else if d := g.distance(props[n]); d >= 0 {
			order = append(order, near{n, d})
		}
	}
	slices.SortStableFunc(order, func(a, b near) int { return a.d - b.d })
	for _, o := range order {
		if len(out) >= maxCandidates { // generate keeps no more
			return out
		}
		for i, v := range g.values(props[o.name], depth+1, owner && o.name == g.focus) {
			if !(req[o.name] && i == 0) {
				with(o.name, v)
			}
		}
	}
	if ap, _ := m["additionalProperties"].(bool); top && ap || top && m["additionalProperties"] == nil {
		for _, n := range g.junk {
			if _, defined := props[n]; !defined {
				with(n, 12345)
				with(n, "junk")
			}
		}
	}
	return out
}

// consumerNames are the property names the consumer's schema at the
// finding defines (through $refs and compositions, one level).
func consumerNames(consumer *witnessDoc, f finding.Finding, request bool) []string {
	ptr := basePointer(f)
	if request || ptr == "" {
		ptr = f.Pointer
	}
	g := &valueGen{d: consumer}
	var out []string
	var collect func(s any, depth int)
	collect = func(s any, depth int) {
		m, _ := g.deref(s)
		if m == nil || depth > 3 {
			return
		}
		if props, ok := m["properties"].(map[string]any); ok {
			out = append(out, sortedKeys(props)...)
		}
		for _, kw := range []string{"anyOf", "oneOf", "allOf"} {
			bs, _ := m[kw].([]any)
			for _, b := range bs {
				collect(b, depth+1)
			}
		}
	}
	for p := ptr; p != ""; p = p[:strings.LastIndexByte(p, '/')] {
		if m, ok := consumer.at(p).(map[string]any); ok && (m["properties"] != nil || m["$ref"] != nil || m["anyOf"] != nil || m["oneOf"] != nil) {
			collect(m, 0)
			break
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nearest picks the operations to look for a witness in: the 30 whose
// body schema reaches the focus soonest.
func (g *valueGen) nearest(ops []string, request bool) []string {
	type near struct {
		op string
		d  int
	}
	var out []near
	for _, op := range ops {
		ptr := g.d.bodySchema(op, request)
		if ptr == "" {
			continue
		}
		d := g.distance(g.d.at(ptr))
		if g.focus == "" {
			d = 0
		}
		if d >= 0 {
			out = append(out, near{op, d})
		}
	}
	slices.SortStableFunc(out, func(a, b near) int { return a.d - b.d })
	var names []string
	for _, n := range out[:min(30, len(out))] {
		names = append(names, n.op)
	}
	return names
}

// focusOf is the property a finding concerns and the pointer of the
// schema declaring it, on the producer's side (the base document for a
// request, the head for a response).
func focusOf(f finding.Finding, request bool) (name, owner string) {
	ptrs := []string{f.Pointer, basePointer(f)}
	if request {
		ptrs[0], ptrs[1] = ptrs[1], ptrs[0]
	}
	for _, p := range ptrs {
		toks := load.Split(p)
		for i := len(toks) - 2; i >= 0; i-- {
			if toks[i] == "properties" {
				return toks[i+1], load.Join("", toks[:i]...)
			}
		}
	}
	return "", ""
}

func basePointer(f finding.Finding) string {
	if f.Base != nil {
		return f.Base.Pointer
	}
	return ""
}

// rejectsAt reports whether err (the consumer's verdict) rejects the value
// at property name (any place when name is "").
func rejectsAt(err error, name string) bool {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	if name == "" {
		return true
	}
	var found bool
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if slices.Contains(e.InstanceLocation, name) {
			found = true
		}
		switch k := e.ErrorKind.(type) {
		case *kind.Required:
			found = found || slices.Contains(k.Missing, name)
		case *kind.AdditionalProperties:
			found = found || slices.Contains(k.Properties, name)
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return found
}

func TestStripeWitnesses(t *testing.T) {
	t.Parallel() // the heavy tests of this package share the cores
	if testing.Short() {
		t.Skip("short")
	}
	dir := sharedtest.Path(t, "bench", "stripe")
	baseName, headName := "spec3-2021-04-12-6546d96d.json", "spec3-2022-04-12-e0123a38.json"
	bl, hl := load.NewLoader(load.Dir(dir), ""), load.NewLoader(load.Dir(dir), "")
	bf, err := bl.Load(baseName)
	if err != nil {
		t.Fatal(err)
	}
	hf, err := hl.Load(headName)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Diff(contract.Options{Catalog: catalog(), Today: today}, contract.Doc{File: bf, Loader: bl}, contract.Doc{File: hf, Loader: hl})
	if err != nil {
		t.Fatal(err)
	}
	base := loadWitnessDoc(t, filepath.Join(dir, baseName), "file:///base.json")
	head := loadWitnessDoc(t, filepath.Join(dir, headName), "file:///head.json")

	var sampled, witnessed int
	missing := map[string][]string{}
	for _, f := range fs {
		request := strings.HasPrefix(f.Rule, "request-body-") || strings.HasPrefix(f.Rule, "request-property-") || strings.HasPrefix(f.Rule, "new-required-request-property")
		response := strings.HasPrefix(f.Rule, "response-body-") || strings.HasPrefix(f.Rule, "response-property-") || strings.HasPrefix(f.Rule, "response-required-property-")
		if f.Severity < finding.Warn || !request && !response {
			continue
		}
		sampled++
		producer, consumer := head, base // responses: the new side produces
		if request {
			producer, consumer = base, head // requests: the old side produced
		}
		name, owner := focusOf(f, request)
		g := &valueGen{d: producer, focus: name, junk: consumerNames(consumer, f, request), memo: map[string][]any{}, hops: hops(producer, owner)}
		if m, ok := producer.at(owner).(map[string]any); ok {
			g.owner = reflect.ValueOf(m).UnsafePointer()
		}
		ok := false
		for _, op := range g.nearest(f.Operations, request) {
			pp, cp := producer.bodySchema(op, request), consumer.bodySchema(op, request)
			if pp == "" || cp == "" {
				continue
			}
			ps, err := producer.schema(pp)
			if err != nil {
				t.Fatalf("%s: %v", op, err)
			}
			cs, err := consumer.schema(cp)
			if err != nil {
				t.Fatalf("%s: %v", op, err)
			}
			for _, v := range g.values(producer.at(pp), 0, name == "") {
				// Through JSON, as a client would see it.
				raw, _ := json.Marshal(v)
				inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
				if err != nil {
					t.Fatal(err)
				}
				if ps.Validate(inst) != nil {
					continue
				}
				if err := cs.Validate(inst); err != nil && rejectsAt(err, name) {
					ok = true
					break
				}
			}
			if ok {
				break
			}
		}
		if ok {
			witnessed++
			continue
		}
		missing[f.Rule] = append(missing[f.Rule], fmt.Sprintf("%s (%s)", f.Pointer, f.Operations[0]))
	}
	if sampled == 0 {
		t.Fatal("no schema findings on a year of drift")
	}
	t.Logf("witnesses: %d of %d breaking schema findings (%.0f%%)", witnessed, sampled, 100*float64(witnessed)/float64(sampled))
	rules := sortedKeys(missing)
	sort.Strings(rules)
	for _, r := range rules {
		why, explained := noWitness[r]
		if !explained {
			why = "UNEXPLAINED"
		}
		t.Logf("no witness: %s ×%d — %s; e.g. %s", r, len(missing[r]), why, missing[r][0])
		if !explained {
			t.Errorf("%s: %d breaking findings without a witness, e.g. %s", r, len(missing[r]), missing[r][0])
		}
	}
}
