package ruleset

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/load"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden runs every ruleset of the differential suite
// (testdata/rulesets, compared with Spectral by bench/vs-spectral.sh) over
// the committed documents and compares with golden files: our output,
// checked against Spectral's when the golden file was written.
func TestGolden(t *testing.T) {
	root := filepath.Join("..", "..")
	var docs []string
	for _, pattern := range []string{"examples/*.yaml", "testdata/lint/*/*.yaml", "testdata/lint/*/*.json", "testdata/lint/*/*/*.yaml"} {
		m, _ := filepath.Glob(filepath.Join(root, pattern))
		for _, p := range m {
			rel, _ := filepath.Rel(root, p)
			docs = append(docs, filepath.ToSlash(rel))
		}
	}
	slices.Sort(docs)
	sets, _ := filepath.Glob(filepath.Join(root, "testdata", "rulesets", "*.yaml"))
	if len(sets) < 40 {
		t.Fatalf("%d rulesets; the suite has at least 40", len(sets))
	}
	for _, set := range sets {
		name := strings.TrimSuffix(filepath.Base(set), ".yaml")
		t.Run(name, func(t *testing.T) {
			rs, err := Load(load.Dir(root), "testdata/rulesets/"+name+".yaml")
			if err != nil {
				t.Fatal(err)
			}
			l := load.NewLoader(load.Dir(root), "")
			var all []finding.Finding
			for _, d := range docs {
				f, err := l.Load(d)
				if err != nil || (f.Kind != load.OpenAPI && f.Kind != load.AsyncAPI) {
					continue
				}
				fs, err := rs.Lint(f, l, "testdata/rulesets", func(s string) string { return s })
				if err != nil {
					t.Fatal(err)
				}
				all = append(all, fs...)
			}
			var b strings.Builder
			for _, f := range finding.Sort(all) {
				fmt.Fprintf(&b, "%s:%d:%d: %s %s %s: %s\n", f.File, f.Line, f.Column, f.Severity, f.Rule, f.Pointer, f.Message)
			}
			golden := filepath.Join(root, "testdata", "rulesets", "golden", name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./lint/ruleset -update)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("findings differ from %s (run with -update and review the diff):\n%s", golden, firstDiff(string(want), got))
			}
		})
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d\nwant: %s\n got: %s", i+1, a, b)
		}
	}
	return ""
}
