package protobuf

import (
	"errors"
	"strings"
	"testing"

	"github.com/bufbuild/protocompile/reporter"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		deps map[string][]byte
		want []string // one expected line each, in order
	}{
		{
			name: "syntax error",
			data: "syntax = \"proto3\";\nmessage A {\n  int32 x = 1\n}\n",
			want: []string{"a.proto:4:1: syntax error: expecting ';'"},
		},
		{
			name: "all link errors are reported",
			data: "syntax = \"proto3\";\nmessage A {\n  Foo f = 1;\n  Bar x = 2;\n}\n",
			want: []string{
				"a.proto:3:3: field A.f: unknown type Foo",
				"a.proto:4:3: field A.x: unknown type Bar",
			},
		},
		{
			name: "missing import",
			data: "syntax = \"proto3\";\nimport \"missing.proto\";\nmessage A {}\n",
			want: []string{`a.proto:2:8: could not resolve path "missing.proto"`},
		},
		{
			name: "error inside a dependency names the dependency",
			data: "syntax = \"proto3\";\nimport \"b.proto\";\nmessage A { B b = 1; }\n",
			deps: map[string][]byte{"b.proto": []byte("syntax = \"proto3\";\nmessage B { int32 x = 1; int32 y = 1; }\n")},
			want: []string{"b.proto:2:36: message B: fields x and y both have the same tag 1"},
		},
		{
			name: "import cycle",
			data: "syntax = \"proto3\";\nimport \"b.proto\";\nmessage A {}\n",
			deps: map[string][]byte{"b.proto": []byte("syntax = \"proto3\";\nimport \"a.proto\";\n")},
			want: []string{`b.proto:2:8: cycle found in imports`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("a.proto", []byte(tt.data), tt.deps)
			if err == nil {
				t.Fatalf("Parse succeeded (%v), want error", s.Canonical())
			}
			var perr *ParseError
			if !errors.As(err, &perr) {
				t.Fatalf("error %T %v is not a *ParseError", err, err)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d error lines %q, want %d", len(lines), lines, len(tt.want))
			}
			for i, want := range tt.want {
				if !strings.HasPrefix(lines[i], want) {
					t.Errorf("line %d = %q, want prefix %q", i, lines[i], want)
				}
			}
			var pos reporter.ErrorWithPos
			if !errors.As(err, &pos) || pos.GetPosition().Line == 0 {
				t.Errorf("error carries no source position: %v", err)
			}
		})
	}
}

func TestParseEmptyFileName(t *testing.T) {
	if _, err := Parse("", []byte(`syntax = "proto3";`), nil); err == nil {
		t.Fatal("Parse with an empty file name succeeded")
	}
}

func TestParseImports(t *testing.T) {
	deps := map[string][]byte{
		"common/money.proto": []byte("syntax = \"proto3\";\npackage common;\nmessage Money { int64 units = 1; }\n"),
	}
	data := `syntax = "proto3";
package shop.v1;
import "common/money.proto";
import "google/protobuf/timestamp.proto";
message Order {
  common.Money total = 1;
  google.protobuf.Timestamp created = 2;
}
enum Unused { UNUSED_ZERO = 0; }
`
	s, err := Parse("shop/v1/order.proto", []byte(data), deps)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got, want := s.Name(), "shop.v1.Order"; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}
	if got := s.File(); got != "shop/v1/order.proto" {
		t.Errorf("File() = %q", got)
	}
	if got := s.Descriptor().Messages().Get(0).Fields().Get(1).Message().FullName(); got != "google.protobuf.Timestamp" {
		t.Errorf("created field type = %s", got)
	}
	for _, want := range []string{".common.Money total = 1;", ".google.protobuf.Timestamp created = 2;"} {
		if !strings.Contains(s.Canonical(), want) {
			t.Errorf("canonical form lacks %q:\n%s", want, s.Canonical())
		}
	}
}

func TestParseUnusedImportIsOnlyAWarning(t *testing.T) {
	data := "syntax = \"proto3\";\nimport \"google/protobuf/empty.proto\";\nmessage M {}\n"
	if _, err := Parse("u.proto", []byte(data), nil); err != nil {
		t.Fatalf("Parse: %v", err)
	}
}

func TestName(t *testing.T) {
	tests := []struct{ data, want string }{
		{"syntax = \"proto3\";\nmessage A {}\nmessage B {}\n", "A"},
		{"syntax = \"proto3\";\npackage p.q;\nenum E { Z = 0; }\n", "p.q.E"},
		{"syntax = \"proto3\";\npackage p;\n", ""},
	}
	for _, tt := range tests {
		s, err := Parse("n.proto", []byte(tt.data), nil)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.data, err)
		}
		if got := s.Name(); got != tt.want {
			t.Errorf("Name(%q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}

func TestCanonical(t *testing.T) {
	meta := map[string][]byte{"meta.proto": []byte(`syntax = "proto3";
package meta;
import "google/protobuf/descriptor.proto";
message Meta { string doc = 1; map<string, string> params = 2; }
extend google.protobuf.FieldOptions { Meta field_meta = 50001; }
`)}
	tests := []struct {
		name  string
		a, b  string
		equal bool
	}{
		{
			name:  "comments and whitespace",
			a:     "syntax = \"proto3\";\npackage p;\nmessage M { string s = 1; }\n",
			b:     "// header\nsyntax=\"proto3\";package p;\n\n/* doc */ message M {\n\n  string s = 1; // trailing\n}\n",
			equal: true,
		},
		{
			name:  "name qualification",
			a:     "syntax = \"proto3\";\npackage p;\nmessage M { N n = 1; message N {} }\n",
			b:     "syntax = \"proto3\";\npackage p;\nmessage M { .p.M.N n = 1; message N {} }\n",
			equal: true,
		},
		{
			name:  "option syntax",
			a:     "syntax = \"proto3\";\nimport \"meta.proto\";\nmessage M { string s = 1 [(meta.field_meta).doc = \"x\", (meta.field_meta).params = {key: \"a\", value: \"b\"}]; }\n",
			b:     "syntax = \"proto3\";\nimport \"meta.proto\";\nmessage M { string s = 1 [(meta.field_meta) = { params: [{ value: \"b\" key: \"a\" }] doc: \"x\" }]; }\n",
			equal: true,
		},
		{
			name: "field type",
			a:    "syntax = \"proto3\";\nmessage M { int32 s = 1; }\n",
			b:    "syntax = \"proto3\";\nmessage M { int64 s = 1; }\n",
		},
		{
			name: "field number",
			a:    "syntax = \"proto3\";\nmessage M { int32 s = 1; }\n",
			b:    "syntax = \"proto3\";\nmessage M { int32 s = 2; }\n",
		},
		{
			name: "message order (message indexes)",
			a:    "syntax = \"proto3\";\nmessage A {}\nmessage B {}\n",
			b:    "syntax = \"proto3\";\nmessage B {}\nmessage A {}\n",
		},
		{
			name: "option value",
			a:    "syntax = \"proto3\";\nimport \"meta.proto\";\nmessage M { string s = 1 [(meta.field_meta).doc = \"x\"]; }\n",
			b:    "syntax = \"proto3\";\nimport \"meta.proto\";\nmessage M { string s = 1 [(meta.field_meta).doc = \"y\"]; }\n",
		},
		{
			name: "proto3 optional",
			a:    "syntax = \"proto3\";\nmessage M { string s = 1; }\n",
			b:    "syntax = \"proto3\";\nmessage M { optional string s = 1; }\n",
		},
		{
			name: "oneof membership",
			a:    "syntax = \"proto3\";\nmessage M { string s = 1; }\n",
			b:    "syntax = \"proto3\";\nmessage M { oneof o { string s = 1; } }\n",
		},
		{
			name: "explicit json_name",
			a:    "syntax = \"proto3\";\nmessage M { string my_s = 1; }\n",
			b:    "syntax = \"proto3\";\nmessage M { string my_s = 1 [json_name = \"other\"]; }\n",
		},
		{
			name:  "default json_name",
			a:     "syntax = \"proto3\";\nmessage M { string my_s = 1; }\n",
			b:     "syntax = \"proto3\";\nmessage M { string my_s = 1 [json_name = \"myS\"]; }\n",
			equal: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("c.proto", []byte(tt.a), meta)
			if err != nil {
				t.Fatalf("Parse a: %v", err)
			}
			b, err := Parse("c.proto", []byte(tt.b), meta)
			if err != nil {
				t.Fatalf("Parse b: %v", err)
			}
			if got := a.Canonical() == b.Canonical(); got != tt.equal {
				t.Errorf("canonical equal = %v, want %v\na:\n%s\nb:\n%s", got, tt.equal, a.Canonical(), b.Canonical())
			}
		})
	}
}
