package protobuf

import (
	"errors"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/rules"
)

func TestImportRootsFromBufYAML(t *testing.T) {
	r := load.Files{
		"proto/buf.yaml":         "version: v2\nlint:\n  use: [MINIMAL]\n",
		"proto/pay/v1/a.proto":   "syntax = \"proto3\";\npackage pay.v1;\nimport \"pay/v1/b.proto\";\nmessage A { B b = 1; }\n",
		"proto/pay/v1/b.proto":   "syntax = \"proto3\";\npackage pay.v1;\nmessage B { string Bad = 1; }\n",
		"proto/wrong/v1/c.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage C {}\n",
	}
	fs, err := Lint(contract.Options{Config: config.Defaults(), Catalog: rules.Default()}, protoset.Input{Reader: r, Files: []string{"proto/pay/v1/a.proto", "proto/pay/v1/b.proto", "proto/wrong/v1/c.proto"}})
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
	r := load.Files{
		"buf.yaml":       "version: v2\nlint:\n  use: [NOPE]\n",
		"pay/v1/a.proto": "syntax = \"proto3\";\npackage pay.v1;\n",
	}
	_, err := Lint(contract.Options{Config: config.Defaults(), Catalog: rules.Default()}, protoset.Input{Reader: r, Files: []string{"pay/v1/a.proto"}})
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
		r := load.Files{"x/v1/a.proto": string(data)}
		_, err := Lint(contract.Options{Config: config.Defaults(), Catalog: rules.Default()}, protoset.Input{Reader: r, Files: []string{"x/v1/a.proto"}})
		var ce *load.Errors
		if err != nil && errors.As(err, &ce) {
			for _, e := range ce.Errs {
				if e.File == "" || e.Line < 1 {
					t.Fatalf("compile error without a position: %v", e)
				}
			}
		}
	})
}
