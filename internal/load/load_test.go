package load

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractctl/contractctl/internal/jsontree"
	yaml "go.yaml.in/yaml/v3"
)

func TestParsePositions(t *testing.T) {
	tests := []struct {
		name, file, data string
		pointer          string
		line, col        int // of the key naming the pointer's target
		kind             Kind
		version          string
	}{
		{"yaml key", "a.yaml", "openapi: 3.1.0\ninfo:\n  title: T\n", "/info/title", 3, 3, OpenAPI, "3.1.0"},
		{"yaml nested", "a.yaml", "swagger: \"2.0\"\npaths:\n  /v1/x:\n    get: {}\n", "/paths/~1v1~1x/get", 4, 5, OpenAPI, "2.0"},
		{"yaml flow", "a.yaml", "asyncapi: 3.0.0\nx: {a: 1, b: [1, 2]}\n", "/x/b", 2, 11, AsyncAPI, "3.0.0"},
		{"json key", "a.json", "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"T\"}\n}", "/info/title", 3, 12, OpenAPI, "3.0.3"},
		{"json array item", "a.json", "{\"openapi\": \"3.0.3\",\n \"tags\": [\n   {\"name\": \"a\"}]}", "/tags/0", 3, 4, OpenAPI, "3.0.3"},
		{"json unicode column", "a.json", "{\"openapi\":\"3.1.0\",\"é\":1, \"k\": 2}", "/k", 1, 27, OpenAPI, "3.1.0"},
		{"json escaped key", "a.json", "{\"openapi\":\"3.1.0\",\"a\\/b\": true}", "/a~1b", 1, 20, OpenAPI, "3.1.0"},
		{"not a contract", "n.yaml", "just: notes\n", "/just", 1, 1, Unknown, ""},
		{"json bom crlf", "b.json", "\ufeff{\"openapi\": \"3.0.3\",\r\n \"info\": {\"title\": \"T\"}}", "/info/title", 2, 11, OpenAPI, "3.0.3"},
		{"yaml flow style", "f.yaml", "{openapi: 3.0.3, info: {title: T}}\n", "/info/title", 1, 25, OpenAPI, "3.0.3"},
		{"yaml flow style sequence", "f.yml", "[a, b]\n", "/1", 1, 5, Unknown, ""},
		{"yaml bom crlf", "b.yaml", "\ufeffopenapi: 3.0.3\r\ninfo:\r\n  title: T\r\n", "/info/title", 3, 3, OpenAPI, "3.0.3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(tt.file, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if f.Kind != tt.kind || f.Version != tt.version {
				t.Errorf("kind, version = %v, %q; want %v, %q", f.Kind, f.Version, tt.kind, tt.version)
			}
			k, v := Lookup(f.Root, tt.pointer)
			if k == nil || v == nil {
				t.Fatalf("pointer %s does not resolve", tt.pointer)
			}
			if k.Line != tt.line || k.Column != tt.col {
				t.Errorf("%s at %d:%d; want %d:%d", tt.pointer, k.Line, k.Column, tt.line, tt.col)
			}
		})
	}
}

func TestParseJSONValues(t *testing.T) {
	f, err := Parse("a.json", []byte(`{"s":"a\"b\u00e9\n","i":-12,"f":1.5e3,"t":true,"n":null,"e":[],"o":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"/s": {"!!str", "a\"bé\n"}, "/i": {"!!int", "-12"}, "/f": {"!!float", "1.5e3"},
		"/t": {"!!bool", "true"}, "/n": {"!!null", "null"},
	}
	for p, w := range want {
		_, v := Lookup(f.Root, p)
		if v == nil || v.Tag != w[0] || v.Value != w[1] {
			t.Errorf("%s = %+v; want tag %s value %q", p, v, w[0], w[1])
		}
	}
	if _, v := Lookup(f.Root, "/e"); v == nil || v.Kind != yaml.SequenceNode || len(v.Content) != 0 {
		t.Errorf("/e = %+v; want an empty sequence", v)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, file, data, want string
	}{
		{"yaml mapping values", "p.yaml", "openapi: 3.0.3\ninfo:\n  title: x: y\n", "p.yaml:3: invalid YAML: mapping values are not allowed in this context"},
		{"yaml tab", "p.yaml", "a:\n\tb: 1\n", "p.yaml:2: invalid YAML: found character that cannot start any token"},
		{"json double comma", "p.json", "{\n  \"a\": 1,,\n}", "p.json:2:10: invalid JSON: expected a string key"},
		{"json unterminated", "p.json", "{\"a\": \"b", "p.json:1:9: invalid JSON: unterminated string"},
		{"json trailing", "p.json", "{} x", "p.json:1:4: invalid JSON: unexpected 'x' after the top-level value"},
		{"json bad literal", "p.json", "[tru]", "p.json:1:2: invalid JSON: invalid literal"},
		{"json bad number", "p.json", "[1-2]", "p.json:1:2: invalid JSON: invalid number \"1-2\""},
		{"json bad escape", "p.json", `["\x"]`, `p.json:1:2: invalid JSON: invalid escape in string`},
		{"json control char", "p.json", "[\"a\tb\"]", "p.json:1:4: invalid JSON: control character in string"},
		{"json eof in object", "p.json", "{\"a\": 1", "p.json:1:8: invalid JSON: unexpected end of input in object"},
		{"yaml not utf-8", "p.yaml", "openapi: 3.0.0\ninfo: {title: \xff\xfe}\n", "p.yaml:2:15: invalid YAML: the file is not UTF-8 (invalid leading UTF-8 octet)"},
		{"yaml starting like json", "t.yaml", "{{- if .Values.x }}\nkind: v1\n", "t.yaml: invalid YAML: did not find expected node content"},
		{"json not utf-8", "p.json", "{\"openapi\": \"3.0.0\",\n \"x\": \"é\xff\"}", "p.json:2:9: invalid JSON: the file is not UTF-8"},
		{"binary named json", "p.json", "\x00\x01\x02PK", "p.json:1:1: invalid JSON: unexpected character '\\x00'"},
		{"yaml named json", "p.json", "openapi: 3.0.0\n", "p.json:1:1: invalid JSON: unexpected character 'o'"},
		{"yaml alias cycle", "p.yaml", "openapi: 3.0.0\ninfo: &i {title: x, x-self: *i}\n", "p.yaml:2:29: invalid YAML: alias *i refers to a node that contains it"},
		{"yaml alias bomb", "p.yaml", aliasBomb, "p.yaml:7:12: invalid YAML: alias *f expands the document beyond 1001020 nodes (an alias bomb?); write the content out or use a $ref"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.file, []byte(tt.data))
			if err == nil {
				t.Fatal("no error")
			}
			var le *Error
			if !errors.As(err, &le) {
				t.Fatalf("error %T is not a *load.Error", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n  %s\nwant\n  %s", err, tt.want)
			}
		})
	}
}

// aliasBomb expands to 9^9 nodes from ten lines.
const aliasBomb = `a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
openapi: 3.0.0
`

func TestParseAliasesWithinBounds(t *testing.T) {
	// Anchors used the ordinary way (shared parameters, repeated schemas) parse.
	data := "openapi: 3.0.0\nx-shared: &s {type: string, maxLength: 10}\ncomponents:\n  schemas:\n    A: {properties: {a: *s, b: *s}}\n    B: {allOf: [*s, *s]}\n"
	f, err := Parse("ok.yaml", []byte(data))
	if err != nil || f.Kind != OpenAPI {
		t.Fatalf("Parse = %v, %v; want an OpenAPI file", f, err)
	}
}

func TestParseDeepNestingIsAnError(t *testing.T) {
	data := strings.Repeat("[", jsontree.MaxDepth+10) + strings.Repeat("]", jsontree.MaxDepth+10)
	if _, err := Parse("deep.json", []byte(data)); err == nil || !strings.Contains(err.Error(), "nesting deeper") {
		t.Errorf("error = %v; want a nesting error", err)
	}
}

type mapReader fstest.MapFS

func (m mapReader) ReadFile(name string) ([]byte, error) { return fstest.MapFS(m).ReadFile(name) }

func TestResolve(t *testing.T) {
	src := mapReader{
		"api/api.yaml":    {Data: []byte("openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {$ref: 'common.yaml#/B'}\n")},
		"api/common.yaml": {Data: []byte("B:\n  type: integer\n")},
		"api/broken.yaml": {Data: []byte("B: [\n")},
		"outside.yaml":    {Data: []byte("B: {}\n")},
	}
	l := NewLoader(src, "api")
	f, err := l.Load("api/api.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, at := Lookup(f.Root, "/components/schemas/A/$ref")
	tgt, err := l.Resolve(f, at, "common.yaml#/B")
	if err != nil {
		t.Fatal(err)
	}
	if tgt.File.Name != "api/common.yaml" || tgt.Pointer != "/B" || tgt.Key.Line != 1 {
		t.Errorf("target %s %s line %d", tgt.File.Name, tgt.Pointer, tgt.Key.Line)
	}
	for _, tt := range []struct{ ref, want string }{
		{"#/nope", `api/api.yaml:4:15: $ref "#/nope" does not resolve`},
		{"missing.yaml#/B", `api/api.yaml:4:15: $ref "missing.yaml#/B": cannot read api/missing.yaml: no such file`},
		{"../outside.yaml#/B", `api/api.yaml:4:15: $ref "../outside.yaml#/B" leaves the repository root; refused`},
		{"https://x.example/s.yaml", `api/api.yaml:4:15: remote $ref "https://x.example/s.yaml" is not fetched (pass --allow-remote-refs to allow it)`},
		{"/etc/passwd", `api/api.yaml:4:15: $ref "/etc/passwd": only relative file references are allowed`},
		{"common.yaml#B", `api/api.yaml:4:15: $ref "common.yaml#B": only JSON pointer fragments are supported`},
		{"broken.yaml#/B", `api/broken.yaml:1: invalid YAML: did not find expected node content`},
	} {
		_, err := l.Resolve(f, at, tt.ref)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Resolve(%q) = %v; want %s", tt.ref, err, tt.want)
		}
	}
	// Each file is parsed once: a second Load returns the same tree.
	again, _ := l.Load("api/common.yaml")
	if again != tgt.File {
		t.Error("a second Load parsed the file again")
	}
}

func TestFollowCycle(t *testing.T) {
	src := mapReader{"a.yaml": {Data: []byte("A: {$ref: '#/B'}\nB: {$ref: '#/A'}\n")}}
	l := NewLoader(src, "")
	f, err := l.Load("a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, a := Lookup(f.Root, "/A")
	if _, err := l.Follow(f, "/A", a); err == nil || !strings.Contains(err.Error(), "circular") {
		t.Errorf("Follow = %v; want a circular-reference error", err)
	}
}

func TestPointers(t *testing.T) {
	p := Join("", "paths", "/v1/a~b", "get")
	if p != "/paths/~1v1~1a~0b/get" {
		t.Errorf("Join = %s", p)
	}
	if got := Split(p); len(got) != 3 || got[1] != "/v1/a~b" {
		t.Errorf("Split = %q", got)
	}
	if Index("/tags", 2) != "/tags/2" {
		t.Error("Index")
	}
}

// FuzzParse: arbitrary bytes never panic, and a successful parse of JSON
// or YAML yields nodes with positions.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"openapi: 3.1.0\ninfo: {title: t}\n", `{"openapi":"3.0.3","paths":{"/a":{}}}`, "[1, 2.5e3, \"x\\u00e9\"]",
		"a: &x [1]\nb: *x\n", "{\"a\":", "- - - [", "\ufeff{}", "key: |\n  text\n", "!!binary gIGC", "{\"a\\/b\":1}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"f.yaml", "f.json"} {
			file, err := Parse(name, data)
			if err != nil {
				var le *Error
				if !errors.As(err, &le) {
					t.Fatalf("error %T is not a *load.Error: %v", err, err)
				}
				continue
			}
			checkPositions(t, file.Root, 0)
		}
	})
}

func checkPositions(t *testing.T, n *yaml.Node, depth int) {
	if n == nil || depth > 200 || n.Kind == yaml.AliasNode {
		return
	}
	if n.Line < 1 || n.Column < 1 {
		t.Fatalf("node %q without a position (%d:%d)", n.Value, n.Line, n.Column)
	}
	for _, c := range n.Content {
		checkPositions(t, c, depth+1)
	}
}
