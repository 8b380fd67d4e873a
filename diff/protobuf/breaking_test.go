package protobuf

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/rules"
)

var update = flag.Bool("update", false, "rewrite the golden want.txt files")

// TestGolden compares testdata/diff/protobuf/<case>/base with …/head
// (like `buf breaking head --against base`, honouring head's buf.yaml) and
// checks the findings against want.txt.
func TestGolden(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "diff", "protobuf")
	cases, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join(root, c.Name())
			base, head := tree(t, filepath.Join(dir, "base")), tree(t, filepath.Join(dir, "head"))
			fs, err := Breaking(contract.Options{Config: config.Defaults(), Catalog: rules.Default()}, base, head)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, f := range fs {
				fmt.Fprintf(&b, "%s:%d:%d-%d:%d %s %s %s\n", f.File, f.Line, f.Column, f.EndLine, f.EndColumn, f.Rule, f.Pointer, f.Message)
			}
			golden := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("findings differ from %s:\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
}

func tree(t *testing.T, dir string) Input {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".proto") {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return Input{Reader: load.Dir(dir), Files: files}
}

func TestConfigSelection(t *testing.T) {
	base := load.Files{"pay/v1/a.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage A {\n  string id = 1;\n  string memo = 2;\n}\n"}
	head := load.Files{"pay/v1/a.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage A {\n  string id = 1;\n  reserved 2;\n}\n"}
	in := func(r load.Files) Input { return Input{Reader: r, Files: []string{"pay/v1/a.proto"}} }
	cfg := config.Defaults()
	fs, err := Breaking(contract.Options{Config: cfg, Catalog: rules.Default()}, in(base), in(head))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Rule != rules.ProtoFieldNoDelete || fs[0].Line != 3 || fs[0].Base == nil {
		t.Fatalf("FILE default: want one FIELD_NO_DELETE on line 3 with a base location, got %+v", fs)
	}
	cfg.Protobuf.Breaking.Use = []string{"WIRE_JSON"}
	fs, err = Breaking(contract.Options{Config: cfg, Catalog: rules.Default()}, in(base), in(head))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Rule != rules.ProtoFieldNoDeleteUnlessNameReserved {
		t.Fatalf("WIRE_JSON: want only FIELD_NO_DELETE_UNLESS_NAME_RESERVED, got %+v", fs)
	}
	cfg.Protobuf.Breaking.Use = []string{"NOT_A_RULE"}
	if _, err := Breaking(contract.Options{Config: cfg, Catalog: rules.Default()}, in(base), in(head)); err == nil || !strings.Contains(err.Error(), "NOT_A_RULE") {
		t.Fatalf("want an unknown-rule error, got %v", err)
	}
}

func TestCompileErrorInBase(t *testing.T) {
	base := load.Files{"pay/v1/a.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage A {\n"}
	head := load.Files{"pay/v1/a.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage A {}\n"}
	in := func(r load.Files) Input { return Input{Reader: r, Files: []string{"pay/v1/a.proto"}} }
	_, err := Breaking(contract.Options{Catalog: rules.Default()}, in(base), in(head))
	var ce *load.Errors
	if err == nil || !strings.HasPrefix(err.Error(), "base: pay/v1/a.proto:4:1: ") || !asCompileError(err, &ce) {
		t.Fatalf("want a positioned base compile error, got %v", err)
	}
}

func asCompileError(err error, ce **load.Errors) bool {
	for err != nil {
		if c, ok := err.(*load.Errors); ok {
			*ce = c
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

func TestScanImports(t *testing.T) {
	src := "syntax = \"proto3\";\n// import \"commented.proto\";\n/* import \"block.proto\"; */\nimport \"a/b.proto\";\nimport public \"c.proto\" ;\nimport weak 'd.proto';\noption (x.import) = \"import \\\"no.proto\\\";\";\nmessage M { string import = 1; }\n"
	got := strings.Join(protoset.ScanImports([]byte(src)), ",")
	want := "a/b.proto,c.proto,d.proto," + protoset.Unreadable
	if got != want {
		t.Errorf("scanImports = %q, want %q", got, want)
	}
}

func TestIgnoreUnstablePackagesAndPackageRules(t *testing.T) {
	base := load.Files{
		"pay/v1beta1/a.proto": "syntax = \"proto3\";\npackage pay.v1beta1;\nmessage A {\n  string id = 1;\n  string memo = 2;\n}\n",
		"pay/v1/b.proto":      "syntax = \"proto3\";\npackage pay.v1;\nmessage B {}\nmessage Moved {}\n",
	}
	head := load.Files{
		"buf.yaml":            "version: v2\nbreaking:\n  use: [PACKAGE]\n  ignore_unstable_packages: true\n",
		"pay/v1beta1/a.proto": "syntax = \"proto3\";\npackage pay.v1beta1;\nmessage A {\n  string id = 1;\n}\n",
		"pay/v1/b.proto":      "syntax = \"proto3\";\npackage pay.v1;\nmessage B {}\n",
		"pay/v1/c.proto":      "syntax = \"proto3\";\npackage pay.v1;\nmessage Moved {}\n",
	}
	files := func(r load.Files) []string {
		var out []string
		for k := range r {
			if strings.HasSuffix(k, ".proto") {
				out = append(out, k)
			}
		}
		return out
	}
	fs, err := Breaking(contract.Options{Config: config.Defaults(), Catalog: rules.Default()}, Input{Reader: base, Files: files(base)}, Input{Reader: head, Files: files(head)})
	if err != nil {
		t.Fatal(err)
	}
	// PACKAGE: a message moved between files of its package is no break;
	// the v1beta1 field deletion is skipped as unstable.
	if len(fs) != 0 {
		t.Fatalf("want no findings, got %+v", fs)
	}
	delete(head, "pay/v1/c.proto")
	fs, err = Breaking(contract.Options{Config: config.Defaults(), Catalog: rules.Default()}, Input{Reader: base, Files: files(base)}, Input{Reader: head, Files: files(head)})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Rule != rules.ProtoPackageMessageNoDelete {
		t.Fatalf("want one PACKAGE_MESSAGE_NO_DELETE, got %+v", fs)
	}
}
