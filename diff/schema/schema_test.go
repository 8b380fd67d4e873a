package schema

import (
	"fmt"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/load"
)

// memReader serves files from a map.
type memReader map[string]string

func (m memReader) ReadFile(name string) ([]byte, error) {
	s, ok := m[name]
	if !ok {
		return nil, fmt.Errorf("%s: no such file", name)
	}
	return []byte(s), nil
}

// compare compares the schema at pointer in base.yaml and head.yaml.
func compare(t *testing.T, base, head, pointer string, dir Direction) []Change {
	t.Helper()
	bl := load.NewLoader(memReader{"s.yaml": base}, "")
	hl := load.NewLoader(memReader{"s.yaml": head}, "")
	bf, err := bl.Load("s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	hf, err := hl.Load("s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, bn := load.Lookup(bf.Root, pointer)
	_, hn := load.Lookup(hf.Root, pointer)
	chs, err := New(bl, hl).Compare(Schema{File: bf, Pointer: pointer, Node: bn}, Schema{File: hf, Pointer: pointer, Node: hn}, dir)
	if err != nil {
		t.Fatal(err)
	}
	return chs
}

func kinds(chs []Change) string {
	var out []string
	for _, c := range chs {
		s := string(c.Kind)
		if c.Property != "" {
			s = c.Property + ":" + s
		}
		if c.AtRoot {
			s += "@root"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestRecursiveSchemasTerminate(t *testing.T) {
	base := `
root: {$ref: '#/Node'}
Node:
  type: object
  properties:
    name: {type: string}
    children: {type: array, items: {$ref: '#/Node'}}
    parent: {$ref: '#/Node'}
    other: {$ref: '#/Other'}
Other: {type: object, properties: {back: {$ref: '#/Node'}, tag: {type: string, enum: [a]}}}
`
	head := strings.Replace(base, "enum: [a]", "enum: [a, b]", 1)
	head = strings.Replace(head, "name: {type: string}", "name: {type: string, maxLength: 10}", 1)
	got := kinds(compare(t, base, head, "/root", Response))
	want := "name:max-length-set tag:enum-value-added"
	if got != want {
		t.Errorf("changes = %q, want %q", got, want)
	}
}

func TestCompositionIsMatchedByRefNotPosition(t *testing.T) {
	base := `
root: {oneOf: [{$ref: '#/A'}, {$ref: '#/B'}, {type: string, enum: [x]}]}
A: {type: object, properties: {a: {type: string}}}
B: {type: object, properties: {b: {type: string}}}
C: {type: object, required: [c], properties: {c: {type: integer}}}
D: {type: object}
`
	reordered := strings.Replace(base, "[{$ref: '#/A'}, {$ref: '#/B'}, {type: string, enum: [x]}]", "[{type: string, enum: [x]}, {$ref: '#/B'}, {$ref: '#/A'}]", 1)
	if got := compare(t, base, reordered, "/root", Request); len(got) != 0 {
		t.Errorf("reordered oneOf: %s", kinds(got))
	}
	replaced := strings.Replace(base, "{$ref: '#/B'}", "{$ref: '#/C'}", 1)
	got := kinds(compare(t, base, replaced, "/root", Request))
	if got != "one-of-removed@root one-of-added@root" {
		t.Errorf("replaced branch: %q", got)
	}
	// A branch replaced by one that accepts all its values removes none.
	wider := strings.Replace(base, "{$ref: '#/B'}", "{$ref: '#/D'}", 1)
	if got := kinds(compare(t, base, wider, "/root", Request)); got != "one-of-added@root" {
		t.Errorf("replaced by a wider branch: %q", got)
	}
}

func TestRefRefactorIsNoChange(t *testing.T) {
	base := `
root: {type: object, required: [id], properties: {id: {type: string}, tags: {type: array, items: {type: string}}}}
`
	head := `
root: {$ref: '#/T'}
T: {type: object, required: [id], properties: {id: {$ref: '#/Id'}, tags: {type: array, items: {type: string}}}}
Id: {type: string, description: an id}
`
	if got := compare(t, base, head, "/root", Request); len(got) != 0 {
		t.Errorf("refactor: %s", kinds(got))
	}
}

func TestDirectionSkipsReadOnlyInRequests(t *testing.T) {
	base := `root: {type: object, properties: {id: {type: string, readOnly: true}}}`
	head := `root: {type: object, properties: {id: {type: integer, readOnly: true}}}`
	if got := compare(t, base, head, "/root", Request); len(got) != 0 {
		t.Errorf("request: %s", kinds(got))
	}
	if got := kinds(compare(t, base, head, "/root", Response)); got != "id:type-changed" {
		t.Errorf("response: %q", got)
	}
}

func TestEffects(t *testing.T) {
	for _, tc := range []struct {
		base, head string
		kind       Kind
		effect     Effect
	}{
		{"{type: integer}", "{type: number}", TypeGeneralized, Widens},
		{"{type: number}", "{type: integer}", TypeSpecialized, Narrows},
		{"{type: string}", "{type: boolean}", TypeChanged, Incompatible},
		{"{type: [string, 'null']}", "{type: string}", BecameNotNullable, Narrows},
		{"{type: string, nullable: true}", "{type: string}", BecameNotNullable, Narrows},
		{"{maxLength: 5}", "{maxLength: 9}", Bound("max-length", ActionIncreased), Widens},
		{"{minimum: 5}", "{minimum: 9}", Bound("min", ActionIncreased), Narrows},
		{"{multipleOf: 2}", "{multipleOf: 4}", Bound("multiple-of", ActionSpecialized), Narrows},
		{"{multipleOf: 4}", "{multipleOf: 2}", Bound("multiple-of", ActionGeneralized), Widens},
		{"{type: object}", "{type: object, additionalProperties: false}", AdditionalPropsBecameFalse, Narrows},
		{"{type: array}", "{type: array, items: {type: string}}", ItemsSet, Narrows},
		{"{type: string, format: int32}", "{type: string, format: int64}", FormatChanged, Widens},
		{"{enum: [a]}", "{enum: [a, b]}", EnumValueAdded, Widens},
		{"{type: string}", "false", BecameFalse, Narrows},
		{"{allOf: [{$ref: '#/X'}]}", "{allOf: [{$ref: '#/X'}, {maxProperties: 3}]}", Bound("max-properties", ActionSet), Narrows},
		{"{type: object, maxProperties: 9}", "{type: object, maxProperties: 9, oneOf: [{$ref: '#/X'}, {$ref: '#/Z'}]}", OneOfSet, Narrows},
		{"{anyOf: [{$ref: '#/X'}, {$ref: '#/Z'}]}", "{type: object, additionalProperties: true}", AnyOfUnset, Widens},
		{"{$ref: '#/X'}", "{anyOf: [{$ref: '#/X'}, {$ref: '#/Y'}]}", AnyOfAdded, Widens},
	} {
		doc := func(s string) string {
			return "root: " + s + "\nX: {type: object}\nY: {type: string}\nZ: {type: object, required: [z]}\n"
		}
		chs := compare(t, doc(tc.base), doc(tc.head), "/root", Response)
		if len(chs) != 1 || chs[0].Kind != tc.kind || chs[0].Effect != tc.effect {
			t.Errorf("%s → %s: %s (%v), want %s %s", tc.base, tc.head, kinds(chs), chs, tc.kind, tc.effect)
		}
	}
}

func TestSharedOwnerIsComparedOnce(t *testing.T) {
	base := `
a: {$ref: '#/S'}
b: {type: object, properties: {s: {$ref: '#/S'}}}
S: {type: string, enum: [x]}
`
	head := strings.Replace(base, "enum: [x]", "enum: [x, y]", 1)
	bl := load.NewLoader(memReader{"s.yaml": base}, "")
	hl := load.NewLoader(memReader{"s.yaml": head}, "")
	bf, _ := bl.Load("s.yaml")
	hf, _ := hl.Load("s.yaml")
	c := New(bl, hl)
	root := func(f *load.File, p string) Schema {
		_, n := load.Lookup(f.Root, p)
		return Schema{File: f, Pointer: p, Node: n}
	}
	ra, err := c.Reach(root(bf, "/a"), root(hf, "/a"), Response)
	if err != nil {
		t.Fatal(err)
	}
	rb, err := c.Reach(root(bf, "/b"), root(hf, "/b"), Response)
	if err != nil {
		t.Fatal(err)
	}
	owner := func(rs []Reached) (int, bool) {
		for _, r := range rs {
			if len(c.Changes(r.Owner)) > 0 {
				return r.Owner, r.Direct
			}
		}
		return -1, false
	}
	oa, da := owner(ra)
	ob, db := owner(rb)
	if oa < 0 || oa != ob || !da || db {
		t.Errorf("owners %d (direct %v) and %d (direct %v): want the same owner, direct only from a", oa, da, ob, db)
	}
	if loc := c.OwnerLocation(oa); loc.Pointer != "/S" {
		t.Errorf("owner location %+v", loc)
	}
}

func TestBrokenRefIsAPositionedError(t *testing.T) {
	bl := load.NewLoader(memReader{"s.yaml": "root: {$ref: '#/Missing'}\n"}, "")
	hl := load.NewLoader(memReader{"s.yaml": "root: {type: string}\n"}, "")
	bf, _ := bl.Load("s.yaml")
	hf, _ := hl.Load("s.yaml")
	_, bn := load.Lookup(bf.Root, "/root")
	_, hn := load.Lookup(hf.Root, "/root")
	_, err := New(bl, hl).Compare(Schema{bf, "/root", bn}, Schema{hf, "/root", hn}, Request)
	if err == nil || !strings.HasPrefix(err.Error(), "s.yaml:1:") {
		t.Errorf("err = %v, want s.yaml:1:…", err)
	}
}

func TestAllOfExtractionIsNoChange(t *testing.T) {
	base := `
root: {type: object, required: [name], properties: {id: {type: string}, name: {type: string}}}
`
	head := `
root:
  allOf:
    - $ref: '#/Base'
    - {type: object, required: [name], properties: {name: {type: string}}}
Base: {type: object, properties: {id: {type: string}}}
`
	if got := compare(t, base, head, "/root", Request); len(got) != 0 {
		t.Errorf("extracting a base schema: %s", kinds(got))
	}
	// allOf is flattened: a branch's constraints are the schema's.
	constrained := strings.Replace(head, "Base: {type: object,", "Base: {type: object, minProperties: 1,", 1)
	if got := kinds(compare(t, base, constrained, "/root", Request)); got != "min-properties-set@root" {
		t.Errorf("constrained branch: %q", got)
	}
}

func TestNestedUnionsThatLeadBackEnd(t *testing.T) {
	base := `
root: {$ref: '#/A'}
A: {oneOf: [{$ref: '#/B'}, {type: object, required: [x], properties: {x: {type: string}}}]}
B: {oneOf: [{$ref: '#/A'}, {type: object, required: [x], properties: {x: {type: string}, y: {type: string}}}]}
`
	head := strings.Replace(base, "y: {type: string}", "y: {type: string, maxLength: 3}", 1)
	if got := kinds(compare(t, base, head, "/root", Response)); got != "y:max-length-set" {
		t.Errorf("changes = %q", got)
	}
}
