package protobuf

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/rules"
)

// mapReader serves files from memory.
type mapReader map[string]string

func (m mapReader) ReadFile(name string) ([]byte, error) {
	if s, ok := m[name]; ok {
		return []byte(s), nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func TestCompileErrorsAreAllReported(t *testing.T) {
	r := mapReader{
		"pay/v1/a.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage A {\n  Missing m = 1;\n}\n",
		"pay/v1/b.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage B {\n  string id = 1\n}\n",
		"pay/v1/c.proto": "syntax = \"proto3\";\npackage pay.v1;\nimport \"nowhere/x.proto\";\nmessage C {}\n",
		"pay/v1/d.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage D { string id = 1; }\n",
	}
	_, err := Lint(Input{Reader: r, Files: []string{"pay/v1/a.proto", "pay/v1/b.proto", "pay/v1/c.proto", "pay/v1/d.proto"}}, rules.Defaults(), rules.Default())
	var ce *CompileError
	if !errors.As(err, &ce) {
		t.Fatalf("want a *CompileError, got %v", err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 errors (one per broken file), got %d:\n%s", len(lines), err)
	}
	for _, want := range []string{"pay/v1/a.proto:4:3: ", "pay/v1/b.proto:5:1: ", "pay/v1/c.proto:3:8: "} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing error at %s in:\n%s", want, err)
		}
	}
	if lines[0] != ce.Errs[0].Error() {
		t.Errorf("first line %q is not the first error %q", lines[0], ce.Errs[0].Error())
	}
}

func TestCompileErrorsAreBoundedPerFile(t *testing.T) {
	// Binary junk named .proto yields an error per byte; one file prints at
	// most maxErrorsPerFile of them and a count of the rest, while another
	// file's errors are still reported.
	junk := strings.Repeat("\x01\x02\x03\xff", 100)
	r := mapReader{
		"junk.proto":     junk,
		"pay/v1/b.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage B {\n  string id = 1\n}\n",
	}
	_, err := Lint(Input{Reader: r, Files: []string{"junk.proto", "pay/v1/b.proto"}}, rules.Defaults(), rules.Default())
	var ce *CompileError
	if !errors.As(err, &ce) {
		t.Fatalf("want a *CompileError, got %v", err)
	}
	var junkLines int
	for _, e := range ce.Errs {
		if e.File == "junk.proto" {
			junkLines++
		}
	}
	if junkLines != maxErrorsPerFile+1 {
		t.Errorf("junk.proto has %d error lines; want %d and a count:\n%s", junkLines, maxErrorsPerFile+1, err)
	}
	last := ce.Errs[len(ce.Errs)-1].Error()
	if !strings.HasPrefix(last, "junk.proto: ") || !strings.Contains(last, "more errors not shown") {
		t.Errorf("last line %q does not count the errors left out", last)
	}
	if !strings.Contains(err.Error(), "pay/v1/b.proto:5:1: ") {
		t.Errorf("the other file's error is missing:\n%s", err)
	}
}

func TestImportRootsFromBufYAML(t *testing.T) {
	r := mapReader{
		"proto/buf.yaml":         "version: v2\nlint:\n  use: [MINIMAL]\n",
		"proto/pay/v1/a.proto":   "syntax = \"proto3\";\npackage pay.v1;\nimport \"pay/v1/b.proto\";\nmessage A { B b = 1; }\n",
		"proto/pay/v1/b.proto":   "syntax = \"proto3\";\npackage pay.v1;\nmessage B { string Bad = 1; }\n",
		"proto/wrong/v1/c.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage C {}\n",
	}
	fs, err := Lint(Input{Reader: r, Files: []string{"proto/pay/v1/a.proto", "proto/pay/v1/b.proto", "proto/wrong/v1/c.proto"}}, rules.Defaults(), rules.Default())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		if strings.ToUpper(f.Rule) == f.Rule {
			got = append(got, f.File+" "+f.Rule)
		}
	}
	// MINIMAL: no FIELD_LOWER_SNAKE_CASE; the package/directory rules see
	// names relative to proto/ (the buf.yaml directory).
	want := "proto/pay/v1/a.proto PACKAGE_SAME_DIRECTORY,proto/pay/v1/b.proto PACKAGE_SAME_DIRECTORY,proto/wrong/v1/c.proto PACKAGE_DIRECTORY_MATCH,proto/wrong/v1/c.proto PACKAGE_SAME_DIRECTORY"
	if strings.Join(got, ",") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, ","), want)
	}
}

func TestUnknownRuleInBufYAML(t *testing.T) {
	r := mapReader{
		"buf.yaml":       "version: v2\nlint:\n  use: [NOPE]\n",
		"pay/v1/a.proto": "syntax = \"proto3\";\npackage pay.v1;\n",
	}
	_, err := Lint(Input{Reader: r, Files: []string{"pay/v1/a.proto"}}, rules.Defaults(), rules.Default())
	if err == nil || !strings.Contains(err.Error(), `buf.yaml: lint: "NOPE" is not a known`) {
		t.Fatalf("want an error naming buf.yaml and NOPE, got %v", err)
	}
}

func TestNaming(t *testing.T) {
	for _, c := range []struct {
		in               string
		lower, upper, pc bool
	}{
		{"amount_minor", true, false, false},
		{"ipv4_address", true, false, false},
		{"I_p_protocol", false, false, false},
		{"bad__name", false, false, false},
		{"_x", false, false, false},
		{"IPV4", false, true, true},
		{"HTTP_METHOD_GET", false, true, false},
		{"HTTPMethod", false, false, true},
		{"Payment", false, false, true},
		{"paymentIntent", false, false, false},
	} {
		if got := isLowerSnake(c.in); got != c.lower {
			t.Errorf("isLowerSnake(%q) = %v", c.in, got)
		}
		if got := isUpperSnake(c.in); got != c.upper {
			t.Errorf("isUpperSnake(%q) = %v", c.in, got)
		}
		if got := isPascal(c.in); got != c.pc {
			t.Errorf("isPascal(%q) = %v", c.in, got)
		}
	}
	if got := upperSnake("HTTPMethod"); got != "HTTP_METHOD" {
		t.Errorf("upperSnake(HTTPMethod) = %q", got)
	}
}

// FuzzCompile: arbitrary bytes as a .proto file never panic the compile
// and lint path; they lint or fail with positioned errors.
func FuzzCompile(f *testing.F) {
	f.Add([]byte("syntax = \"proto3\";\npackage pay.v1;\nmessage A { string id = 1; }\n"))
	f.Add([]byte("syntax = \"proto2\";\npackage p;\nmessage A { required int32 x = 1 [default = 3]; extensions 10 to max; }\n"))
	f.Add([]byte("edition = \"2023\";\npackage p.v1;\nenum E { E_UNSPECIFIED = 0; }\nservice S { rpc M(A) returns (A); }\nmessage A { map<string, A> m = 1; oneof o { int32 i = 2; } }\n"))
	f.Add([]byte("message {"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := mapReader{"x/v1/a.proto": string(data)}
		_, err := Lint(Input{Reader: r, Files: []string{"x/v1/a.proto"}}, rules.Defaults(), rules.Default())
		var ce *CompileError
		if err != nil && errors.As(err, &ce) {
			for _, e := range ce.Errs {
				if e.File == "" || e.Line < 1 {
					t.Fatalf("compile error without a position: %v", e)
				}
			}
		}
	})
}
