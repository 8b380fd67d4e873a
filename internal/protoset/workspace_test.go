package protoset

import (
	"slices"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/load"
)

// A workspace (buf.yaml v2 with modules, or buf.work.yaml) decides what is
// checked: files outside its modules are left out, each module keeps its
// excludes, and an import from an undownloaded registry dependency names
// the dependency and how to vendor it.
func TestWorkspaceModulesAndDeps(t *testing.T) {
	for _, c := range []struct {
		name  string
		files load.Files
		want  []string
	}{
		{"v2 modules", load.Files{
			"buf.yaml":                  "version: v2\nmodules:\n  - path: proto\n    excludes: [proto/internal]\n",
			"proto/acme/v1/a.proto":     "syntax = \"proto3\";\npackage acme.v1;\n",
			"proto/internal/x.proto":    "syntax = \"proto3\";\npackage internal;\n",
			"examples/buf.yaml":         "version: v2\ndeps: [buf.build/acme/other]\n",
			"examples/demo/demo.proto":  "syntax = \"proto3\";\nimport \"other/o.proto\";\n",
			"examples/demo/other.proto": "syntax = \"proto3\";\n",
		}, []string{"proto/acme/v1/a.proto"}},
		{"v1 buf.work.yaml", load.Files{
			"buf.work.yaml":          "version: v1\ndirectories: [api]\n",
			"api/buf.yaml":           "version: v1\nbuild:\n  excludes: [old]\n",
			"api/acme/v1/a.proto":    "syntax = \"proto3\";\npackage acme.v1;\n",
			"api/old/legacy.proto":   "syntax = \"proto3\";\n",
			"tools/gen/stub.proto":   "syntax = \"proto3\";\n",
			"tools/gen/buf.gen.yaml": "version: v2\n",
		}, []string{"api/acme/v1/a.proto"}},
	} {
		var protos []string
		for f := range c.files {
			if strings.HasSuffix(f, ".proto") {
				protos = append(protos, f)
			}
		}
		s, err := Resolve(c.files, protos, Config{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := slices.Sorted(slices.Values(s.Files)); !slices.Equal(got, c.want) {
			t.Errorf("%s: checked %v, want %v", c.name, got, c.want)
		}
	}

	// Registry dependencies are not fetched: an import from one names it
	// and how to vendor it; protovalidate's validate.proto, which
	// contractctl carries, is served when buf.yaml depends on it.
	deps := "version: v2\nmodules:\n  - path: proto\ndeps:\n  - buf.build/bufbuild/protovalidate\n  - buf.build/googleapis/googleapis\n"
	for _, c := range []struct{ buf, imp, want string }{
		{deps, "google/api/annotations.proto", `proto/acme/v1/a.proto:3:8: import "google/api/annotations.proto" not found in the import roots proto, .; buf.yaml depends on buf.build/googleapis/googleapis from the Buf Schema Registry, which contractctl does not fetch: vendor it (buf export buf.build/googleapis/googleapis --output third_party) and add that directory to protobuf.import_paths`},
		{deps, "buf/validate/validate.proto", ""},
		{"version: v2\nmodules:\n  - path: proto\n", "buf/validate/validate.proto", `import "buf/validate/validate.proto" not found in the import roots proto, .`},
	} {
		r := load.Files{
			"buf.yaml":              c.buf,
			"proto/acme/v1/a.proto": "syntax = \"proto3\";\npackage acme.v1;\nimport \"" + c.imp + "\";\n",
		}
		s, err := Resolve(r, []string{"proto/acme/v1/a.proto"}, Config{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = compileAll(Input{Reader: r, Files: s.Files, ImportPaths: s.ImportPaths(), Deps: s.Deps})
		switch {
		case c.want == "" && err != nil:
			t.Errorf("import %s: %v", c.imp, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("import %s: error\n%v\nlacks\n%s", c.imp, err, c.want)
		}
	}
}
