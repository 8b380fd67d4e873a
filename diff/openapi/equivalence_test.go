package openapi

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
	yaml "go.yaml.in/yaml/v3"
)

// A property test of the schema comparison: for generated schemas S, the
// rewrites of issue #11's classes 1–5 accept the same values, so diffing S
// against its rewrite (both ways) must give no error or warning; and a
// real narrowing or widening edit must still give an error.

type obj = map[string]any

// doc is a generated API: one schema used as a request and a response
// body, and the components it references.
type doc struct {
	root  obj
	comps map[string]obj
}

type gen struct {
	r *rand.Rand
	d *doc
}

func newDoc(seed uint64) *doc {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), d: &doc{comps: map[string]obj{}}}
	g.d.root = g.object(0)
	return g.d
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) schema(depth int) obj {
	k := g.r.IntN(7)
	if depth >= 3 {
		k = g.r.IntN(3)
	}
	var s obj
	switch k {
	case 0:
		s = obj{"type": "string"}
		if g.chance(0.4) {
			s["maxLength"] = 10 + g.r.IntN(40)
		}
		if g.chance(0.3) {
			s["enum"] = []any{"a", "b", "c"}
		}
		if g.chance(0.2) {
			s["pattern"] = "^[a-z]+$"
		}
	case 1:
		s = obj{"type": []string{"integer", "number"}[g.r.IntN(2)]}
		if g.chance(0.4) {
			s["minimum"] = g.r.IntN(5)
		}
		if g.chance(0.3) {
			s["maximum"] = 100 + g.r.IntN(100)
		}
	case 2:
		s = obj{"type": "boolean"}
	case 3:
		s = obj{"type": "array", "items": g.schema(depth + 1)}
		if g.chance(0.3) {
			s["maxItems"] = 5 + g.r.IntN(5)
		}
	case 4:
		s = g.object(depth + 1)
	case 5:
		name := fmt.Sprintf("C%d", len(g.d.comps))
		g.d.comps[name] = nil // reserve the name before recursing
		g.d.comps[name] = g.schema(depth + 1)
		s = obj{"$ref": "#/components/schemas/" + name}
		if g.chance(0.3) {
			s["nullable"] = true // a nullable $ref sibling, as generators write it
		}
		return s
	case 6:
		// a oneOf of objects, each requiring a common code and its own key
		var branches []any
		for i := range 2 + g.r.IntN(2) {
			key := fmt.Sprintf("k%d", i)
			branches = append(branches, obj{"type": "object", "required": []any{"code", key},
				"properties": obj{"code": obj{"type": "string"}, key: g.schema(depth + 1)}})
		}
		return obj{"oneOf": branches}
	}
	if g.chance(0.3) {
		s["nullable"] = true
	}
	return s
}

func (g *gen) object(depth int) obj {
	props := obj{}
	var req []any
	for i := range 1 + g.r.IntN(4) {
		name := fmt.Sprintf("p%d", i)
		props[name] = g.schema(depth)
		if g.chance(0.5) {
			req = append(req, name)
		}
	}
	s := obj{"type": "object", "properties": props}
	if len(req) > 0 {
		s["required"] = req
	}
	return s
}

// clone deep-copies a generated value.
func clone(v any) any {
	switch t := v.(type) {
	case obj:
		out := obj{}
		for k, e := range t {
			out[k] = clone(e)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = clone(e)
		}
		return out
	}
	return v
}

func (d *doc) clone() *doc {
	out := &doc{root: clone(d.root).(obj), comps: map[string]obj{}}
	for k, c := range d.comps {
		out.comps[k] = clone(c).(obj)
	}
	return out
}

// nodes lists every schema object of d (root, components, and below), in
// a stable order.
func (d *doc) nodes() []obj {
	var out []obj
	var walk func(s obj)
	walk = func(s obj) {
		out = append(out, s)
		for _, k := range []string{"items"} {
			if c, ok := s[k].(obj); ok {
				walk(c)
			}
		}
		if ps, ok := s["properties"].(obj); ok {
			for _, name := range sortedKeys(ps) {
				walk(ps[name].(obj))
			}
		}
		for _, k := range []string{"oneOf", "anyOf", "allOf"} {
			if bs, ok := s[k].([]any); ok {
				for _, b := range bs {
					walk(b.(obj))
				}
			}
		}
	}
	walk(d.root)
	for _, name := range sortedKeys(d.comps) {
		walk(d.comps[name])
	}
	return out
}

func (d *doc) yaml(t testing.TB) []byte {
	t.Helper()
	body := obj{"content": obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/Root"}}}}
	schemas := obj{"Root": d.root}
	for k, c := range d.comps {
		schemas[k] = c
	}
	out, err := yaml.Marshal(obj{
		"openapi": "3.1.0",
		"info":    obj{"title": "generated", "version": "1.0.0"},
		"paths": obj{"/v1/things": obj{"post": obj{
			"requestBody": body,
			"responses":   obj{"200": obj{"description": "ok", "content": body["content"]}},
		}}},
		"components": obj{"schemas": schemas},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rewrite replaces s's content with an equivalent schema (classes 1–5);
// it reports false when no rewrite applies to s.
type rewrite struct {
	name  string
	apply func(g *gen, s obj) bool
}

func replace(s, with obj) {
	for k := range s {
		delete(s, k)
	}
	for k, v := range with {
		s[k] = v
	}
}

var rewrites = []rewrite{
	{"nullable as a null branch", func(g *gen, s obj) bool { // class 1
		if s["nullable"] != true || s["$ref"] != nil || s["oneOf"] != nil {
			return false
		}
		inner := clone(s).(obj)
		delete(inner, "nullable")
		null := []obj{{"type": "null"}, {"const": nil}, {"enum": []any{nil}}}[g.r.IntN(3)]
		kw := []string{"anyOf", "oneOf"}[g.r.IntN(2)]
		branches := []any{inner, null}
		if g.chance(0.5) {
			branches = []any{null, inner}
		}
		replace(s, obj{kw: branches})
		return true
	}},
	{"nullable as a type list", func(g *gen, s obj) bool { // class 1
		t, ok := s["type"].(string)
		if s["nullable"] != true || !ok {
			return false
		}
		delete(s, "nullable")
		s["type"] = []any{t, "null"}
		if e, ok := s["enum"].([]any); ok {
			s["enum"] = append(e, nil)
		}
		return true
	}},
	{"properties split over an allOf chain", func(g *gen, s obj) bool { // class 2
		props, ok := s["properties"].(obj)
		if !ok || len(props) < 2 || s["type"] != "object" {
			return false
		}
		names := sortedKeys(props)
		cut := 1 + g.r.IntN(len(names)-1)
		req, _ := s["required"].([]any)
		part := func(ns []string) obj {
			p, r := obj{}, []any{}
			for _, n := range ns {
				p[n] = props[n]
				if slices.Contains(req, any(n)) {
					r = append(r, n)
				}
			}
			o := obj{"properties": p}
			if len(r) > 0 {
				o["required"] = r
			}
			return o
		}
		lower := part(names[cut:])
		// the lower level goes into a component reached through one more level
		name := fmt.Sprintf("L%d", len(g.d.comps))
		g.d.comps[name] = obj{"allOf": []any{lower}}
		with := obj{"allOf": []any{part(names[:cut]), obj{"$ref": "#/components/schemas/" + name}}}
		if g.chance(0.5) {
			with["type"] = "object"
		} else {
			with["allOf"] = append(with["allOf"].([]any), obj{"type": "object"})
		}
		if s["nullable"] == true {
			with["nullable"] = true
		}
		replace(s, with)
		return true
	}},
	{"type beside a oneOf of objects", func(g *gen, s obj) bool { // class 3
		if s["oneOf"] == nil || s["type"] != nil {
			return false
		}
		s["type"] = "object"
		return true
	}},
	{"nullable $ref as allOf", func(g *gen, s obj) bool { // class 4
		ref, ok := s["$ref"].(string)
		if !ok || s["nullable"] != true {
			return false
		}
		replace(s, obj{"allOf": []any{obj{"$ref": ref}, obj{"nullable": true}}})
		return true
	}},
	{"keyword of another type", func(g *gen, s obj) bool { // class 5
		t, ok := s["type"].(string)
		if !ok {
			return false
		}
		foreign := map[string]obj{
			"string":  {"minimum": 3, "maxItems": 2},
			"integer": {"maxLength": 2, "pattern": "^x$"},
			"number":  {"minLength": 4, "items": obj{"type": "string"}},
			"boolean": {"maximum": 1, "required": []any{"x"}},
			"array":   {"maxLength": 1, "minimum": 9},
			"object":  {"maxItems": 1, "pattern": "^y$"},
		}[t]
		for k, v := range foreign {
			s[k] = v
		}
		return true
	}},
}

// rewriteDoc applies rewrites to about half the nodes that admit one.
func rewriteDoc(seed uint64, d *doc) (*doc, []string) {
	out := d.clone()
	g := &gen{r: rand.New(rand.NewPCG(seed, 7)), d: out}
	var applied []string
	for _, n := range out.nodes() {
		for _, i := range g.r.Perm(len(rewrites)) {
			if g.chance(0.5) && rewrites[i].apply(g, n) {
				applied = append(applied, rewrites[i].name)
				break
			}
		}
	}
	return out, applied
}

// edit is a real change: narrowing (requests break) or widening
// (responses break).
type edit struct {
	name   string
	narrow bool
	apply  func(s obj) bool
	// every applies the edit to every node: nullability written on a
	// $ref and on its target would mask an edit of one of them.
	every bool
}

var edits = []edit{
	{"maxLength set", true, func(s obj) bool {
		if s["type"] != "string" || s["maxLength"] != nil {
			return false
		}
		s["maxLength"] = 0 // shorter than any enum member too
		return true
	}, false},
	{"enum value removed", true, func(s obj) bool {
		e, ok := s["enum"].([]any)
		if !ok {
			return false
		}
		s["enum"] = e[:len(e)-1]
		return true
	}, false},
	{"enum value added", false, func(s obj) bool {
		e, ok := s["enum"].([]any)
		if !ok {
			return false
		}
		s["enum"] = append(e, "zz")
		return true
	}, false},
	{"nothing nullable", true, func(s obj) bool {
		if s["nullable"] != true {
			return false
		}
		delete(s, "nullable")
		return true
	}, true},
	{"became nullable", false, func(s obj) bool {
		if s["nullable"] == true || s["type"] == nil {
			return false
		}
		s["nullable"] = true
		return true
	}, true},
	{"property became required", true, func(s obj) bool {
		props, ok := s["properties"].(obj)
		if !ok {
			return false
		}
		req, _ := s["required"].([]any)
		for _, n := range sortedKeys(props) {
			if !slices.Contains(req, any(n)) {
				s["required"] = append(req, n)
				return true
			}
		}
		return false
	}, false},
	{"required property became optional", false, func(s obj) bool {
		req, ok := s["required"].([]any)
		if !ok || len(req) == 0 || s["properties"] == nil {
			return false
		}
		s["required"] = req[1:]
		return true
	}, false},
	{"maximum removed", false, func(s obj) bool {
		if s["maximum"] == nil {
			return false
		}
		delete(s, "maximum")
		return true
	}, false},
}

// catalog is built once: building it is most of a small diff's cost.
var catalog = sync.OnceValue(rules.Default)

// diffDocs diffs two generated documents.
func diffDocs(t testing.TB, base, head []byte) []finding.Finding {
	t.Helper()
	fsys := fstest.MapFS{"base.yaml": {Data: base}, "head.yaml": {Data: head}}
	bl, hl := load.NewLoader(fsys, ""), load.NewLoader(fsys, "")
	bf, err := bl.Load("base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	hf, err := hl.Load("head.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Diff(contract.Options{Catalog: catalog(), Today: today}, contract.Doc{File: bf, Loader: bl}, contract.Doc{File: hf, Loader: hl})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func breaking(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		if f.Severity >= finding.Warn {
			out = append(out, f.Rule+" "+f.Pointer+": "+f.Message)
		}
	}
	return out
}

// checkEquivalence diffs the document of seed against its rewrite both
// ways, and against one real edit.
func checkEquivalence(t testing.TB, seed uint64) {
	d := newDoc(seed)
	base := d.yaml(t)
	rw, applied := rewriteDoc(seed, d)
	if len(applied) > 0 {
		head := rw.yaml(t)
		for _, pair := range [][2][]byte{{base, head}, {head, base}} {
			if b := breaking(diffDocs(t, pair[0], pair[1])); len(b) > 0 {
				t.Errorf("seed %d: rewrites %v reported as breaking:\n%s\n--- base\n%s--- head\n%s", seed, applied, strings.Join(b, "\n"), pair[0], pair[1])
				return
			}
		}
	}
	ed := d.clone()
	r := rand.New(rand.NewPCG(seed, 11))
	nodes := ed.nodes()
	for _, i := range r.Perm(len(edits)) {
		for _, j := range r.Perm(len(nodes)) {
			applied := edits[i].apply(nodes[j])
			if edits[i].every {
				for _, n := range nodes {
					applied = edits[i].apply(n) || applied
				}
			}
			if !applied {
				continue
			}
			want := "response-"
			if edits[i].narrow {
				want = "request-"
			}
			b := breaking(diffDocs(t, base, ed.yaml(t)))
			if !slices.ContainsFunc(b, func(s string) bool { return strings.HasPrefix(s, want) || strings.HasPrefix(s, "new-required-request") }) {
				t.Errorf("seed %d: edit %q gave no %s error: %v\n--- base\n%s--- head\n%s", seed, edits[i].name, want, b, base, ed.yaml(t))
			}
			return
		}
	}
}

func TestEquivalentRewritesAreNoChange(t *testing.T) {
	t.Parallel() // the heavy tests of this package share the cores
	n := uint64(1000)
	if testing.Short() {
		n = 100
	}
	for seed := range n {
		checkEquivalence(t, seed)
		if t.Failed() {
			return
		}
	}
}

func FuzzEquivalentRewrites(f *testing.F) {
	for seed := range uint64(8) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) { checkEquivalence(t, seed) })
}
