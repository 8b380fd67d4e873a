package load

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDiscoverWorkspaceModules: a directory a buf workspace names is
// walked even when its name is one Discover skips, and so is the way to
// it, but nothing else there.
func TestDiscoverWorkspaceModules(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		arg   string
		want  []string
	}{
		{"no buf files", map[string]string{
			"a.proto": "", "vendor/v.proto": "", ".hidden/h.yaml": "", "node_modules/n.json": "",
		}, ".", []string{"a.proto"}},
		{"buf.work.yaml directories", map[string]string{
			"buf.work.yaml":                    "version: v1\ndirectories:\n  - proto\n  - vendor/protovalidate\n",
			"proto/a.proto":                    "",
			"vendor/protovalidate/buf/v.proto": "",
			"vendor/v.yaml":                    "",
			"vendor/other/o.proto":             "",
			".git/x.json":                      "",
		}, ".", []string{"buf.work.yaml", "proto/a.proto", "vendor/protovalidate/buf/v.proto"}},
		{"buf.yaml v2 modules, walked from above", map[string]string{
			"ws/buf.yaml":               "version: v2\nmodules:\n  - path: .deps/x/\n  - path: src\n",
			"ws/.deps/x/x.proto":        "",
			"ws/.deps/x/vendor/y.proto": "",
			"ws/.deps/z/z.proto":        "",
			"ws/src/s.proto":            "",
		}, "ws", []string{"ws/.deps/x/x.proto", "ws/buf.yaml", "ws/src/s.proto"}},
		{"buf.yaml v1 names no module", map[string]string{
			"buf.yaml":       "version: v1\nbuild:\n  roots: [vendor]\n",
			"vendor/v.proto": "",
			"proto/ok.proto": "",
		}, ".", []string{"buf.yaml", "proto/ok.proto"}},
		{"a workspace above the walked directory is not read", map[string]string{
			"buf.work.yaml":      "version: v1\ndirectories: [sub/vendor]\n",
			"sub/vendor/v.proto": "",
			"sub/a.proto":        "",
		}, "sub", []string{"sub/a.proto"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range tt.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			t.Chdir(dir)
			cands, err := Discover([]string{tt.arg})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cands {
				got = append(got, c.Path)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Discover(%q) = %v, want %v", tt.arg, got, tt.want)
			}
		})
	}
}

func TestDiscoverInvalidWorkspace(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "vendor"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "buf.work.yaml"), []byte("directories: [a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	_, err := Discover([]string{"."})
	if err == nil || !strings.HasPrefix(err.Error(), "buf.work.yaml: invalid buf.work.yaml: ") {
		t.Errorf("Discover = %v, want an error naming buf.work.yaml", err)
	}
}

// TestReaches: diff's question about a deleted file gets the walk's answer.
func TestReaches(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "buf.work.yaml"), []byte("directories: [vendor/pv]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]bool{
		"a.proto":              true,
		"x/.cache/a.proto":     false,
		"node_modules/a.json":  false,
		"vendor/pv/b/v.proto":  true,
		"vendor/v.proto":       false,
		"vendor/other/v.proto": false,
	} {
		if got, err := Reaches(dir, rel); err != nil || got != want {
			t.Errorf("Reaches(%q) = %v, %v; want %v", rel, got, err, want)
		}
	}
}
