package protobuf

import (
	"slices"
	"testing"

	"github.com/contractctl/contractctl/internal/compat"
)

func mustParse(t testing.TB, data string, deps map[string][]byte) *Schema {
	t.Helper()
	s, err := Parse("schema.proto", []byte(data), deps)
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, data)
	}
	return s
}

func changeList(issues []compat.Issue) ([]string, bool) {
	out := make([]string, len(issues))
	compatible := true
	for i, is := range issues {
		out[i] = is.Type + " " + is.Path
		compatible = compatible && is.Compatible
	}
	return out, compatible
}

// TestCheck covers behaviour the Confluent corpus does not exercise.
func TestCheck(t *testing.T) {
	tests := []struct {
		name              string
		original, update  string
		origDeps, updDeps map[string][]byte
		want              []string
		compatible        bool
	}{
		{
			name:       "enum value added and removed",
			original:   "syntax = \"proto3\";\nenum E { A = 0; B = 1; }\n",
			update:     "syntax = \"proto3\";\nenum E { A = 0; C = 2; }\n",
			want:       []string{"ENUM_CONST_REMOVED #/E/1", "ENUM_CONST_ADDED #/E/2"},
			compatible: true,
		},
		{
			name:       "nested enum added",
			original:   "syntax = \"proto3\";\nmessage M { int32 a = 1; }\n",
			update:     "syntax = \"proto3\";\nmessage M { int32 a = 1; enum E { Z = 0; } }\n",
			want:       []string{"ENUM_ADDED #/M/E"},
			compatible: true,
		},
		{
			name:       "nested message removed",
			original:   "syntax = \"proto3\";\nmessage M { message N {} }\n",
			update:     "syntax = \"proto3\";\nmessage M {}\n",
			want:       []string{"MESSAGE_REMOVED #/M/N"},
			compatible: false,
		},
		{
			name:       "proto2 optional to repeated number",
			original:   "syntax = \"proto2\";\nmessage M { optional int32 a = 1; }\n",
			update:     "syntax = \"proto2\";\nmessage M { repeated int32 a = 1; }\n",
			want:       []string{"FIELD_NUMERIC_LABEL_CHANGED #/M/1"},
			compatible: false,
		},
		{
			name:       "proto3 implicit label is not compared",
			original:   "syntax = \"proto3\";\nmessage M { int32 a = 1; }\n",
			update:     "syntax = \"proto3\";\nmessage M { repeated int32 a = 1; }\n",
			want:       []string{},
			compatible: true,
		},
		{
			name:       "enum to int32 is the same scalar group",
			original:   "syntax = \"proto3\";\nmessage M { E a = 1; }\nenum E { Z = 0; }\n",
			update:     "syntax = \"proto3\";\nmessage M { uint64 a = 1; }\nenum E { Z = 0; }\n",
			want:       []string{},
			compatible: true,
		},
		{
			name:       "fixed32 to sfixed32 compatible, fixed32 to fixed64 not",
			original:   "syntax = \"proto3\";\nmessage M { fixed32 a = 1; fixed32 b = 2; }\n",
			update:     "syntax = \"proto3\";\nmessage M { sfixed32 a = 1; fixed64 b = 2; }\n",
			want:       []string{"FIELD_SCALAR_KIND_CHANGED #/M/2"},
			compatible: false,
		},
		{
			name:       "map value scalar kind",
			original:   "syntax = \"proto3\";\nmessage M { map<string, double> m = 1; }\n",
			update:     "syntax = \"proto3\";\nmessage M { map<string, float> m = 1; }\n",
			want:       []string{"FIELD_SCALAR_KIND_CHANGED #/M/1"},
			compatible: false,
		},
		{
			name:       "map to message is a kind change",
			original:   "syntax = \"proto3\";\nmessage M { map<string, string> m = 1; }\n",
			update:     "syntax = \"proto3\";\nmessage M { N m = 1; message N { string key = 1; string value = 2; } }\n",
			want:       []string{"FIELD_KIND_CHANGED #/M/1", "MESSAGE_ADDED #/M/N"},
			compatible: false,
		},
		{
			name:       "well-known types compared by name",
			original:   "syntax = \"proto3\";\nimport \"google/protobuf/timestamp.proto\";\nmessage M { google.protobuf.Timestamp t = 1; }\n",
			update:     "syntax = \"proto3\";\nimport \"google/protobuf/duration.proto\";\nmessage M { google.protobuf.Duration t = 1; }\n",
			want:       []string{"FIELD_NAMED_TYPE_CHANGED #/M/1"},
			compatible: false,
		},
		{
			name:       "same well-known type",
			original:   "syntax = \"proto3\";\nimport \"google/protobuf/timestamp.proto\";\nmessage M { google.protobuf.Timestamp t = 1; }\n",
			update:     "syntax = \"proto3\";\nimport \"google/protobuf/timestamp.proto\";\nmessage M { .google.protobuf.Timestamp t = 1; int32 x = 2; }\n",
			want:       []string{"FIELD_ADDED #/M/2"},
			compatible: true,
		},
		{
			name:       "recursive referenced message changed",
			original:   "syntax = \"proto3\";\nimport \"node.proto\";\nmessage M { tree.Node root = 1; }\n",
			update:     "syntax = \"proto3\";\nimport \"node.proto\";\nmessage M { tree.Node root = 1; }\n",
			origDeps:   map[string][]byte{"node.proto": []byte("syntax = \"proto3\";\npackage tree;\nmessage Node { repeated Node children = 1; int32 v = 2; }\n")},
			updDeps:    map[string][]byte{"node.proto": []byte("syntax = \"proto3\";\npackage tree;\nmessage Node { repeated Node children = 1; string v = 2; }\n")},
			want:       []string{"FIELD_SCALAR_KIND_CHANGED #/Node/2", "FIELD_NAMED_TYPE_CHANGED #/M/1"},
			compatible: false,
		},
		{
			name:       "identical reference is not re-compared",
			original:   "syntax = \"proto3\";\nimport \"node.proto\";\nmessage M { tree.Node root = 1; }\n",
			update:     "syntax = \"proto3\";\nimport \"node.proto\";\nmessage M { tree.Node root = 1; }\n",
			origDeps:   map[string][]byte{"node.proto": []byte("syntax = \"proto3\";\npackage tree;\nmessage Node { repeated Node children = 1; }\n")},
			updDeps:    map[string][]byte{"node.proto": []byte("syntax = \"proto3\";\npackage tree;\nmessage Node { repeated Node children = 1; }\n")},
			want:       []string{},
			compatible: true,
		},
		{
			name:       "proto2 required added and group ignored",
			original:   "syntax = \"proto2\";\nmessage M { optional group G = 1 { optional int32 x = 2; } }\n",
			update:     "syntax = \"proto2\";\nmessage M { optional group G = 1 { optional string x = 2; } required int32 r = 3; }\n",
			want:       []string{"REQUIRED_FIELD_ADDED #/M/3"},
			compatible: false,
		},
		{
			name:       "proto3 optional is not a oneof",
			original:   "syntax = \"proto3\";\nmessage M { optional int32 a = 1; }\n",
			update:     "syntax = \"proto3\";\nmessage M { int32 a = 1; }\n",
			want:       []string{},
			compatible: true,
		},
		{
			name:       "whole oneof deleted",
			original:   "syntax = \"proto3\";\nmessage M { oneof o { int32 a = 1; string b = 2; } }\n",
			update:     "syntax = \"proto3\";\nmessage M {}\n",
			want:       []string{"ONEOF_REMOVED #/M/o"},
			compatible: true,
		},
		{
			name:       "extensions and services are not types",
			original:   "syntax = \"proto2\";\nmessage M { extensions 10 to 20; }\n",
			update:     "syntax = \"proto2\";\nmessage M { extensions 10 to 20; }\nextend M { optional int32 e = 10; }\nservice S { rpc Get(M) returns (M); }\n",
			want:       []string{},
			compatible: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			original := mustParse(t, tt.original, tt.origDeps)
			update := mustParse(t, tt.update, tt.updDeps)
			got, compatible := changeList(Checker{}.Check(update, original))
			if !slices.Equal(got, tt.want) {
				t.Errorf("changes = %q, want %q", got, tt.want)
			}
			if compatible != tt.compatible {
				t.Errorf("compatible = %v, want %v", compatible, tt.compatible)
			}
		})
	}
}

func TestCheckDirection(t *testing.T) {
	v1 := mustParse(t, "syntax = \"proto2\";\nmessage M { optional int32 a = 1; }\n", nil)
	v2 := mustParse(t, "syntax = \"proto2\";\nmessage M { optional int32 a = 1; required int32 b = 2; }\n", nil)
	// BACKWARD: reader = new, writer = old.
	if got, _ := changeList(Checker{}.Check(v2, v1)); !slices.Equal(got, []string{"REQUIRED_FIELD_ADDED #/M/2"}) {
		t.Errorf("backward = %q", got)
	}
	// FORWARD: reader = old, writer = new.
	if got, _ := changeList(Checker{}.Check(v1, v2)); !slices.Equal(got, []string{"REQUIRED_FIELD_REMOVED #/M/2"}) {
		t.Errorf("forward = %q", got)
	}
}

type otherSchema struct{}

func (otherSchema) Canonical() string { return "{}" }

func TestCheckOtherSchemaType(t *testing.T) {
	s := mustParse(t, "syntax = \"proto3\";\nmessage M {}\n", nil)
	for _, pair := range [][2]compat.Schema{{s, otherSchema{}}, {otherSchema{}, s}, {s, (*Schema)(nil)}, {new(Schema), s}, {nil, s}} {
		issues := Checker{}.Check(pair[0], pair[1])
		if len(issues) != 1 || issues[0].Type != SchemaTypeMismatch || issues[0].Compatible {
			t.Errorf("Check(%T, %T) = %+v", pair[0], pair[1], issues)
		}
	}
}

func TestCheckPositions(t *testing.T) {
	original := mustParse(t, `syntax = "proto3";
package p;
message M {
  int32 a = 1;
  string gone = 2;
}
`, nil)
	update := mustParse(t, `syntax = "proto3";
package q;
message M {
  int32 a = 1;
  oneof choice {
    string s = 3;
  }
    sint32 n = 4;
}
`, nil)
	want := map[string][2]int{
		"PACKAGE_CHANGED #/":             {2, 1},
		"ONEOF_ADDED #/M/choice":         {5, 3},
		"FIELD_REMOVED #/M/2":            {3, 1},
		"ONEOF_FIELD_ADDED #/M/choice/3": {6, 5},
		"FIELD_ADDED #/M/4":              {8, 5},
	}
	issues := Checker{}.Check(update, original)
	if len(issues) != len(want) {
		t.Fatalf("got %d issues %+v, want %d", len(issues), issues, len(want))
	}
	for _, is := range issues {
		key := is.Type + " " + is.Path
		pos, ok := want[key]
		if !ok {
			t.Errorf("unexpected issue %s", key)
			continue
		}
		if is.Line != pos[0] || is.Column != pos[1] {
			t.Errorf("%s at %d:%d, want %d:%d", key, is.Line, is.Column, pos[0], pos[1])
		}
		if is.Message == "" {
			t.Errorf("%s has no message", key)
		}
	}
}

func TestCheckDependencyPositionsAreZero(t *testing.T) {
	dep := func(typ string) map[string][]byte {
		return map[string][]byte{"d.proto": []byte("syntax = \"proto3\";\npackage d;\nmessage D { " + typ + " x = 1; }\n")}
	}
	original := mustParse(t, "syntax = \"proto3\";\nimport \"d.proto\";\nmessage M { d.D d = 1; }\n", dep("int32"))
	update := mustParse(t, "syntax = \"proto3\";\nimport \"d.proto\";\nmessage M {\n  d.D d = 1;\n}\n", dep("string"))
	issues := Checker{}.Check(update, original)
	if len(issues) != 2 {
		t.Fatalf("issues = %+v", issues)
	}
	if issues[0].Line != 0 || issues[0].Column != 0 {
		t.Errorf("difference inside d.proto located at %d:%d in the schema", issues[0].Line, issues[0].Column)
	}
	if issues[1].Line != 4 || issues[1].Column != 3 {
		t.Errorf("FIELD_NAMED_TYPE_CHANGED at %d:%d, want 4:3", issues[1].Line, issues[1].Column)
	}
}

func TestDifferenceTypes(t *testing.T) {
	types := DifferenceTypes()
	if len(types) != 26 {
		t.Fatalf("%d difference types, want 26", len(types))
	}
	compatible := 0
	for _, typ := range types {
		if IsCompatible(typ) {
			compatible++
		}
		if describe(typ).message == describe("NO_SUCH_TYPE").message {
			t.Errorf("%s has no description", typ)
		}
	}
	if compatible != 15 {
		t.Errorf("%d compatible types, want 15", compatible)
	}
	if IsCompatible("NO_SUCH_TYPE") {
		t.Error("unknown type counted as compatible")
	}
}

func TestZeroSchema(t *testing.T) {
	var nilSchema *Schema
	if nilSchema.Canonical() != "" || nilSchema.Name() != "" || nilSchema.File() != "" || nilSchema.Descriptor() != nil || new(Schema).Name() != "" {
		t.Error("zero schemas must report empty canonical form and name")
	}
}
