package load

import (
	"testing"

	"github.com/contractctl/contractctl/finding"
)

func TestIgnored(t *testing.T) {
	src := mapReader{
		"api.yaml": {Data: []byte(`openapi: 3.1.0
x-contractctl-ignore: root-rule
paths:
  /a~b/{id}:
    get:
      x-contractctl-ignore: [op-rule, other]
      parameters: [{name: id, in: path, x-contractctl-ignore: all}]
components:
  schemas:
    Pet: {type: object}
`)},
	}
	l := NewLoader(src, "")
	cases := []struct {
		pointer, rule string
		want          bool
	}{
		{"/paths/~1a~0b~1{id}/get", "op-rule", true},
		{"/paths/~1a~0b~1{id}/get/responses/200", "other", true},     // below, missing in the file
		{"/paths/~1a~0b~1{id}/get/parameters/0/schema", "any", true}, // "all"
		{"/paths/~1a~0b~1{id}/get/parameters/1", "any", false},
		{"/paths/~1a~0b~1{id}", "op-rule", false}, // above the ignore
		{"/components/schemas/Pet", "root-rule", true},
		{"/components/schemas/Pet", "op-rule", false},
		{"", "root-rule", false}, // file-level findings have no object
	}
	for _, c := range cases {
		if got := NewIgnores(l).Ignored("api.yaml", c.pointer, c.rule); got != c.want {
			t.Errorf("Ignored(%q, %q) = %v, want %v", c.pointer, c.rule, got, c.want)
		}
	}
	if NewIgnores(l).Ignored("missing.yaml", "/paths", "root-rule") || NewIgnores(nil).Ignored("api.yaml", "/paths", "root-rule") {
		t.Error("a file that cannot be loaded silences nothing")
	}
	fs := []finding.Finding{
		{File: "api.yaml", Pointer: "/paths/~1a~0b~1{id}/get", Rule: "op-rule"},
		{File: "api.yaml", Pointer: "/paths/~1a~0b~1{id}/get", Rule: "kept"},
	}
	if got := DropInlineIgnored(l, fs); len(got) != 1 || got[0].Rule != "kept" {
		t.Errorf("DropInlineIgnored kept %v", got)
	}
}
