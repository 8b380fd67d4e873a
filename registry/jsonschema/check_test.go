package jsonschema

import (
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/compat"
)

func mustParse(t testing.TB, name, src string) *Schema {
	t.Helper()
	s, err := Parse(name, []byte(src))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

// TestCheckCases covers behaviour the Confluent corpus does not exercise.
func TestCheckCases(t *testing.T) {
	tests := []struct {
		name           string
		original, upd  string
		want           []string // sorted "TYPE path"
		strict, lenien bool
	}{
		{"draft-04 id", `{"$schema":"http://json-schema.org/draft-04/schema#","id":"a"}`,
			`{"$schema":"http://json-schema.org/draft-04/schema#","id":"b"}`, []string{"ID_CHANGED #/"}, true, true},
		{"default changed", `{"type":"string","default":"a"}`, `{"type":"string","default":"b"}`,
			[]string{"DEFAULT_CHANGED #/"}, true, true},
		{"required with default added", `{"properties":{"a":{"type":"string"}}}`,
			`{"properties":{"a":{"type":"string","default":"x"}},"required":["a"]}`,
			[]string{"DEFAULT_CHANGED #/properties/a", "REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED #/required/a"}, true, true},
		{"required property with default added to open model", `{"properties":{}}`,
			`{"properties":{"a":{"type":"string","default":"x"}},"required":["a"]}`,
			[]string{"REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL #/properties/a"}, false, true},
		{"required property added to open model", `{"properties":{"b":{}}}`,
			`{"properties":{"b":{},"a":{"type":"string"}},"required":["a"]}`,
			[]string{"REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL #/properties/a"}, false, false},
		{"property removed from closed model", `{"properties":{"a":{"type":"string"}},"additionalProperties":false}`,
			`{"properties":{},"additionalProperties":false}`,
			[]string{"PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL #/properties/a"}, false, true},
		{"exclusive bounds", `{"type":"number","exclusiveMaximum":5,"exclusiveMinimum":1}`,
			`{"type":"number","exclusiveMaximum":6,"exclusiveMinimum":2}`,
			[]string{"EXCLUSIVE_MAXIMUM_INCREASED #/exclusiveMaximum", "EXCLUSIVE_MINIMUM_INCREASED #/exclusiveMinimum"}, false, false},
		{"draft-04 boolean exclusiveMaximum", `{"$schema":"http://json-schema.org/draft-04/schema#","type":"number","maximum":5,"exclusiveMaximum":true}`,
			`{"type":"number","exclusiveMaximum":5}`, nil, true, true},
		{"multipleOf expanded", `{"type":"number","multipleOf":2}`, `{"type":"number","multipleOf":6}`,
			[]string{"MULTIPLE_OF_EXPANDED #/multipleOf"}, false, false},
		{"enum narrowed", `{"enum":["a","b"]}`, `{"enum":["a"]}`, []string{"ENUM_ARRAY_NARROWED #/enum"}, false, false},
		{"pattern added", `{"type":"string"}`, `{"type":"string","pattern":"^a"}`, []string{"PATTERN_ADDED #/pattern"}, false, false},
		{"unique items added", `{"type":"array"}`, `{"type":"array","uniqueItems":true}`, []string{"UNIQUE_ITEMS_ADDED #/uniqueItems"}, false, false},
		{"max contains", `{"$schema":"https://json-schema.org/draft/2020-12/schema","contains":{"type":"number"},"maxContains":2}`,
			`{"$schema":"https://json-schema.org/draft/2020-12/schema","contains":{"type":"number"},"maxContains":3}`,
			[]string{"MAX_CONTAINS_INCREASED #/maxContains"}, true, true},
		{"dependentRequired narrowed", `{"$schema":"https://json-schema.org/draft/2019-09/schema","dependentRequired":{"a":["b","c"]}}`,
			`{"$schema":"https://json-schema.org/draft/2019-09/schema","dependentRequired":{"a":["b"]}}`,
			[]string{"DEPENDENCY_ARRAY_NARROWED #/dependencies/a"}, true, true},
		{"dependency array extended", `{"dependencies":{"a":["b"]}}`, `{"dependencies":{"a":["b","c"]}}`,
			[]string{"DEPENDENCY_ARRAY_EXTENDED #/dependencies/a"}, false, false},
		{"unevaluatedProperties removed", `{"$schema":"https://json-schema.org/draft/2020-12/schema","unevaluatedProperties":true}`,
			`{"$schema":"https://json-schema.org/draft/2020-12/schema","unevaluatedProperties":false}`,
			[]string{"UNEVALUATED_PROPERTIES_REMOVED #/unevaluatedProperties"}, false, true},
		{"unevaluatedItems narrowed", `{"$schema":"https://json-schema.org/draft/2020-12/schema","unevaluatedItems":true}`,
			`{"$schema":"https://json-schema.org/draft/2020-12/schema","unevaluatedItems":{"type":"string"}}`,
			[]string{"UNEVALUATED_ITEMS_NARROWED #/unevaluatedItems"}, false, false},
		{"item added to open tuple", `{"items":[{"type":"string"}]}`, `{"items":[{"type":"string"},{"type":"number"}]}`,
			[]string{"ITEM_ADDED_TO_OPEN_CONTENT_MODEL #/items/1"}, false, false},
		{"item removed from closed tuple", `{"items":[{"type":"string"}],"additionalItems":false}`, `{"items":[],"additionalItems":false}`,
			[]string{"ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL #/items/0"}, false, false},
		{"type array narrowed", `{"type":["string","null"]}`, `{"type":["string"]}`, []string{"SUM_TYPE_NARROWED #/"}, false, false},
		{"conditional then changed", `{"if":{"required":["a"]},"then":{"required":["b"]}}`,
			`{"if":{"required":["a"]},"then":{"properties":{"b":{"type":"string"}}}}`,
			[]string{"OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL #/then/properties/b"}, false, true},
		{"contains widened", `{"contains":{"type":"integer"}}`, `{"contains":{"type":"number"}}`,
			[]string{"TYPE_EXTENDED #/contains"}, true, true},
		{"pattern property schema changed", `{"patternProperties":{"^S_":{"type":"string"}}}`, `{"patternProperties":{"^S_":{"type":"number"}}}`,
			[]string{"TYPE_CHANGED #/patternProperties/^S_"}, false, false},
		{"connect bytes type change ignored", `{"type":"string","connect.type":"bytes"}`, `{"type":"array","connect.type":"bytes"}`, nil, true, true},
		{"false to anything", `false`, `{"type":"string"}`, nil, true, true},
		{"true to string", `true`, `{"type":"string"}`, []string{"TYPE_CHANGED #/"}, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, u := mustParse(t, "o.json", tc.original), mustParse(t, "u.json", tc.upd)
			strict := Checker{}.Check(u, o)
			got := issueStrings(strict)
			if strings.Join(got, "|") != strings.Join(sortedCopy(tc.want), "|") {
				t.Errorf("changes %v, want %v", got, tc.want)
			}
			if Compatible(strict) != tc.strict {
				t.Errorf("strict verdict %v, want %v", Compatible(strict), tc.strict)
			}
			if l := Compatible(Checker{Policy: Lenient}.Check(u, o)); l != tc.lenien {
				t.Errorf("lenient verdict %v, want %v", l, tc.lenien)
			}
		})
	}
}

func TestIssuePositionsPointIntoReader(t *testing.T) {
	o := mustParse(t, "old.json", `{"properties":{"foo":{"type":"string"}}}`)
	u := mustParse(t, "new.json", "{\n  \"properties\": {\n    \"foo\": {\"type\": \"number\"},\n    \"bar\": {\"type\": \"string\", \"maxLength\": 3}\n  },\n  \"required\": [\"foo\"]\n}")
	issues := Checker{}.Check(u, o)
	want := map[string][2]int{
		"TYPE_CHANGED #/properties/foo":                                  {3, 12},
		"OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL #/properties/bar": {4, 12},
		"REQUIRED_ATTRIBUTE_ADDED #/required/foo":                        {6, 15},
	}
	if len(issues) != len(want) {
		t.Fatalf("issues %v, want %d", issueStrings(issues), len(want))
	}
	for _, is := range issues {
		pos, ok := want[is.Type+" "+is.Path]
		if !ok {
			t.Errorf("unexpected issue %s %s", is.Type, is.Path)
			continue
		}
		if is.Line != pos[0] || is.Column != pos[1] {
			t.Errorf("%s %s at %d:%d, want %d:%d", is.Type, is.Path, is.Line, is.Column, pos[0], pos[1])
		}
		if is.Message == "" {
			t.Errorf("%s: empty message", is.Type)
		}
		if is.Compatible {
			t.Errorf("%s: marked compatible", is.Type)
		}
	}
}

type otherSchema struct{}

func (otherSchema) Canonical() string { return "other" }

func TestCheckDifferentSchemaType(t *testing.T) {
	s := mustParse(t, "s.json", `{}`)
	var c compat.Checker = Checker{}
	issues := c.Check(s, otherSchema{})
	if len(issues) != 1 || issues[0].Type != DifferentSchemaType || issues[0].Compatible {
		t.Fatalf("issues = %+v", issues)
	}
}

func TestDiffTypesComplete(t *testing.T) {
	types := DiffTypes()
	if len(types) != 132 {
		t.Fatalf("%d diff types, want 132", len(types))
	}
	seen := map[string]bool{}
	for _, ty := range types {
		if seen[ty] {
			t.Errorf("duplicate %s", ty)
		}
		seen[ty] = true
	}
	for _, p := range []Policy{Strict, Lenient} {
		for ty := range p.compatibleSet() {
			if !seen[ty] {
				t.Errorf("%v compatible set names unknown type %s", p, ty)
			}
		}
	}
	if n := len(Strict.compatibleSet()); n != 65 {
		t.Errorf("strict set has %d types, want 65 (registry.md §4.2)", n)
	}
	if n := len(Lenient.compatibleSet()); n != 74 {
		t.Errorf("lenient set has %d types, want 74", n)
	}
}

// nestedAnyOf builds anyOf trees of the given depth and fan-out whose
// leaves are typed schemas; leafType replaces the type of the last leaf.
func nestedAnyOf(depth, fan int, leafType string) string {
	if depth == 0 {
		return `{"type":"` + leafType + `"}`
	}
	parts := make([]string, fan)
	for i := range parts {
		lt := "string"
		if i == fan-1 {
			lt = leafType
		}
		parts[i] = nestedAnyOf(depth-1, fan, lt)
	}
	return `{"anyOf":[` + strings.Join(parts, ",") + `]}`
}

func TestNestedCombinedSchemasStayPolynomial(t *testing.T) {
	o := mustParse(t, "o.json", nestedAnyOf(6, 4, "integer"))
	same := Checker{}.Check(mustParse(t, "s.json", nestedAnyOf(6, 4, "integer")), o)
	if len(same) != 0 {
		t.Fatalf("identical nested schemas differ: %v", issueStrings(same))
	}
	wider := Checker{}.Check(mustParse(t, "u.json", nestedAnyOf(6, 4, "number")), o)
	if !Compatible(wider) {
		t.Fatalf("integer -> number in nested anyOf judged incompatible: %v", issueStrings(wider))
	}
	narrower := Checker{}.Check(o, mustParse(t, "u.json", nestedAnyOf(6, 4, "number")))
	if Compatible(narrower) {
		t.Fatal("number -> integer in nested anyOf judged compatible")
	}
}
