package protoset

import (
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/load"
)

// An import that no root has names the roots searched and, when the file
// exists below another directory, the import root that would find it;
// never "file does not exist" for a file that exists.
func TestImportNotFoundNamesTheRoots(t *testing.T) {
	r := load.Files{
		"proto/acme/v1/a.proto": "syntax = \"proto3\";\npackage acme.v1;\nimport \"acme/v1/b.proto\";\nmessage A { B b = 1; }\n",
		"proto/acme/v1/b.proto": "syntax = \"proto3\";\npackage acme.v1;\nmessage B {}\n",
		"proto/acme/v1/c.proto": "syntax = \"proto3\";\npackage acme.v1;\nimport \"nowhere/x.proto\";\n",
	}
	for _, c := range []struct {
		files, roots []string
		want         []string
	}{
		// b.proto is in the set, or only on disk: either way it is found.
		{[]string{"proto/acme/v1/a.proto", "proto/acme/v1/b.proto"}, nil,
			[]string{`proto/acme/v1/a.proto:3:8: import "acme/v1/b.proto" not found in the import root ., but proto/acme/v1/b.proto exists: add "proto" to protobuf.import_paths`, "buf.yaml"}},
		{[]string{"proto/acme/v1/a.proto"}, nil,
			[]string{`import "acme/v1/b.proto" not found in the import root ., but proto/acme/v1/b.proto exists`}},
		{[]string{"proto/acme/v1/c.proto"}, []string{"proto", "."},
			[]string{`proto/acme/v1/c.proto:3:8: import "nowhere/x.proto" not found in the import roots proto, .: set protobuf.import_paths`}},
	} {
		_, err := compileAll(Input{Reader: r, Files: c.files, ImportPaths: c.roots})
		if err == nil {
			t.Fatalf("%v: compiled", c.files)
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%v: error\n%s\nlacks %q", c.files, err, w)
			}
		}
		if strings.Contains(err.Error(), "does not exist") {
			t.Errorf("%v: %s", c.files, err)
		}
	}
}

// An import that climbs out of the import roots is refused before it is
// read, wherever the file it names is.
func TestImportLeavingTheRootsIsRefused(t *testing.T) {
	r := load.Files{
		"a.proto":                "syntax = \"proto3\";\npackage a;\nimport \"../../../../etc/passwd\";\n",
		"../../../../etc/passwd": "root:x:0:0:root:/root:/bin/bash\n",
	}
	_, err := compileAll(Input{Reader: r, Files: []string{"a.proto"}})
	if err == nil || !strings.Contains(err.Error(), `a.proto:3:8: import "../../../../etc/passwd" leaves the import root .; refused`) {
		t.Errorf("err = %v", err)
	}
	if err != nil && strings.Contains(err.Error(), "syntax error") {
		t.Errorf("the file outside was read: %v", err)
	}
}
