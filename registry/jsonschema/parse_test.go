package jsonschema

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/jsontree"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"trailing comma", "{\n  \"type\": \"string\",\n}", "s.json:3:1: invalid JSON: expected a string key"},
		{"unterminated string", `{"type": "str`, "s.json:1:14: invalid JSON: unterminated string"},
		{"garbage after value", `{} x`, "s.json:1:4: invalid JSON: unexpected 'x'"},
		{"bad literal", `{"a": tru}`, "s.json:1:7: invalid JSON: invalid literal"},
		{"empty", ``, "s.json:1:1: invalid JSON: unexpected end of input"},
		{"not a schema", `[1, 2]`, "s.json:1:1: a schema must be a JSON object or boolean"},
		{"string schema", `"string"`, "s.json:1:1: a schema must be a JSON object or boolean"},
		{"nested non-schema", "{\"properties\": {\"a\": 3}}", "s.json:1:22: schema must be an object or a boolean"},
		{"bad type", `{"type": "text"}`, `s.json:1:10: unknown type "text"`},
		{"dangling ref", `{"$ref": "#/definitions/nope"}`, `s.json:1:10: unresolvable $ref "#/definitions/nope"`},
		{"remote ref", `{"$ref": "http://example.com/x.json"}`, `s.json:1:10: unresolvable $ref "http://example.com/x.json"`},
		{"deep nesting", strings.Repeat("[", jsontree.MaxDepth+1), "nesting deeper than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("s.json", []byte(tc.input))
			if err == nil {
				t.Fatalf("Parse succeeded, want error containing %q", tc.want)
			}
			if !strings.HasPrefix(err.Error(), "s.json:") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestSyntaxErrorIsWrapped(t *testing.T) {
	_, err := Parse("x.json", []byte(`{"a":}`))
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("error %v does not wrap *SyntaxError", err)
	}
	if se.Line != 1 || se.Col != 6 {
		t.Fatalf("position %d:%d, want 1:6", se.Line, se.Col)
	}
}

func TestDraftDetection(t *testing.T) {
	tests := map[string]Draft{
		`{}`:   Draft7,
		`true`: Draft7,
		`{"$schema": "http://json-schema.org/draft-04/schema#"}`:      Draft4,
		`{"$schema": "http://json-schema.org/draft-06/schema#"}`:      Draft6,
		`{"$schema": "http://json-schema.org/draft-07/schema#"}`:      Draft7,
		`{"$schema": "https://json-schema.org/draft/2019-09/schema"}`: Draft201909,
		`{"$schema": "https://json-schema.org/draft/2020-12/schema"}`: Draft202012,
		`{"$schema": "https://example.com/custom"}`:                   Draft7,
	}
	for in, want := range tests {
		s, err := Parse("d.json", []byte(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if s.Draft() != want {
			t.Errorf("%s: draft %v, want %v", in, s.Draft(), want)
		}
	}
}

func TestCanonicalIgnoresKeyOrderAndSpace(t *testing.T) {
	a, err := Parse("a.json", []byte(`{"type":"object","properties":{"b":{"type":"string"},"a":{"type":"integer","minimum":1.0}}}`))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("b.json", []byte("{\n \"properties\": {\"a\": {\"minimum\": 1.0, \"type\": \"integer\"},\n \"b\": {\"type\": \"string\"}},\n \"type\": \"object\"\n}"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Canonical() != b.Canonical() {
		t.Fatalf("canonical forms differ:\n%s\n%s", a.Canonical(), b.Canonical())
	}
	c, err := Parse("c.json", []byte(`{"type":"object","properties":{"b":{"type":"string"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if a.Canonical() == c.Canonical() {
		t.Fatal("different schemas have equal canonical forms")
	}
	if want := `{"properties":{"a":{"minimum":1,"type":"integer"},"b":{"type":"string"}},"type":"object"}`; a.Canonical() != want {
		t.Fatalf("canonical = %s, want %s", a.Canonical(), want)
	}
}

func TestPositions(t *testing.T) {
	src := "{\n  \"properties\": {\n    \"foo\": {\"type\": \"string\"},\n    \"b/r\": {}\n  }\n}"
	s, err := Parse("p.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ptr       string
		line, col int
	}{
		{"", 1, 1},
		{"/properties", 2, 17},
		{"/properties/foo", 3, 12},
		{"/properties/foo/type", 3, 21},
		{"/properties/b~1r", 4, 12},
		{"/properties/foo/missing", 3, 12},
	}
	for _, tc := range tests {
		l, c := s.Position(tc.ptr)
		if l != tc.line || c != tc.col {
			t.Errorf("Position(%q) = %d:%d, want %d:%d", tc.ptr, l, c, tc.line, tc.col)
		}
	}
}

func TestRecursiveSchemaTerminates(t *testing.T) {
	path := sharedDir(t, "corpus/confluent/json-schema/recursive-schema.json")
	data, err := os.ReadFile(filepath.Clean(path))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse("recursive-schema.json", data)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("recursive-schema.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if issues := (Checker{}).Check(a, b); len(issues) != 0 {
		t.Fatalf("identical recursive schemas differ: %v", issues)
	}
	changed := strings.Replace(string(data), `"type": "integer"`, `"type": "string"`, 1)
	c, err := Parse("changed.json", []byte(changed))
	if err != nil {
		t.Fatal(err)
	}
	issues := Checker{}.Check(c, a)
	if Compatible(issues) {
		t.Fatalf("type change inside the recursive definition not detected: %v", issues)
	}
	if got := issueStrings(issues); len(got) == 0 || !strings.Contains(strings.Join(got, " "), "TYPE_CHANGED #/properties/categories/items/properties/category_id") {
		t.Fatalf("issues %v lack TYPE_CHANGED at the recursive property", got)
	}
}

func TestSelfReferenceTerminates(t *testing.T) {
	for _, src := range []string{
		`{"$ref": "#"}`,
		`{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"}`,
		`{"$defs": {"n": {"type": "object", "properties": {"next": {"$ref": "#/$defs/n"}}}}, "$ref": "#/$defs/n"}`,
		`{"anyOf": [{"$ref": "#"}, {"type": "null"}]}`,
	} {
		s, err := Parse("self.json", []byte(src))
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		_ = Checker{}.Check(s, s)
		_ = Checker{Policy: Lenient}.Check(s, s)
	}
}
