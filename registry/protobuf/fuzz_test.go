package protobuf

import (
	"testing"
)

func FuzzParse(f *testing.F) {
	seeds := []string{
		"syntax = \"proto3\";\npackage foo;\nmessage TestMessage {\n  string test_string = 1;\n  .foo.TestMessage.Status test_int = 2;\n  message Status { string s = 1; }\n}\n",
		"syntax = \"proto2\";\nmessage M { optional int32 a = 1; required string b = 2; repeated bytes c = 3; optional group G = 4 { optional int32 x = 5; } extensions 10 to 20; }\n",
		"syntax = \"proto3\";\nmessage M { oneof o { int32 a = 1; string b = 2; } map<string, M> m = 3; optional E e = 4; }\nenum E { option allow_alias = true; Z = 0; Y = 0; }\n",
		"syntax = \"proto3\";\nimport \"google/protobuf/timestamp.proto\";\nmessage M { google.protobuf.Timestamp t = 1; }\nservice S { rpc Get(M) returns (stream M); }\n",
		"edition = \"2023\";\nmessage M { int32 a = 1 [features.field_presence = LEGACY_REQUIRED]; }\n",
		"syntax = \"proto3\";\nimport \"dep.proto\";\nmessage M { d.D x = 1; }\n",
		"syntax = \"proto3\"; message {",
		"",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	deps := map[string][]byte{"dep.proto": []byte("syntax = \"proto3\";\npackage d;\nmessage D { repeated D children = 1; }\n")}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.proto", data, deps)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if s.Canonical() == "" {
			t.Fatal("empty canonical form")
		}
		// A schema never differs from itself.
		if issues := (Checker{}).Check(s, s); len(issues) != 0 {
			t.Fatalf("self-diff reported %+v", issues)
		}
		again, err := Parse("fuzz.proto", data, deps)
		if err != nil {
			t.Fatalf("second parse failed: %v", err)
		}
		if again.Canonical() != s.Canonical() {
			t.Fatal("canonical form is not deterministic")
		}
	})
}

// FuzzCheck diffs two arbitrary schemas: the checker must not panic, must be
// deterministic, and must report the same verdict for an identical pair.
func FuzzCheck(f *testing.F) {
	f.Add([]byte("syntax = \"proto3\";\nmessage M { int32 a = 1; oneof o { string b = 2; } }\n"),
		[]byte("syntax = \"proto3\";\nmessage M { oneof o { int32 a = 1; bytes b = 2; } map<string, M> m = 3; }\n"))
	f.Add([]byte("syntax = \"proto2\";\nmessage M { optional int32 a = 1; optional group G = 2 { optional int32 x = 3; } }\nenum E { A = 0; }\n"),
		[]byte("syntax = \"proto2\";\nmessage M { repeated int32 a = 1; required E e = 4; }\nenum E { B = 0; C = 1; }\n"))
	f.Add([]byte("edition = \"2023\";\nmessage M { M m = 1 [features.message_encoding = DELIMITED]; }\n"),
		[]byte("syntax = \"proto3\";\nimport \"dep.proto\";\nmessage M { d.D m = 1; }\n"))
	deps := map[string][]byte{"dep.proto": []byte("syntax = \"proto3\";\npackage d;\nmessage D { repeated D children = 1; }\n")}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		original, err := Parse("fuzz.proto", a, deps)
		if err != nil {
			return
		}
		update, err := Parse("fuzz.proto", b, deps)
		if err != nil {
			return
		}
		first := Diff(original, update)
		second := Diff(original, update)
		if len(first) != len(second) {
			t.Fatalf("non-deterministic diff: %d vs %d issues", len(first), len(second))
		}
		for i := range first {
			if first[i] != second[i] {
				t.Fatalf("non-deterministic diff at %d: %+v vs %+v", i, first[i], second[i])
			}
		}
		if original.Canonical() == update.Canonical() && len(first) != 0 {
			t.Fatalf("equal canonical forms but %d differences: %+v", len(first), first)
		}
	})
}
