package asyncapi

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

var wantMarker = regexp.MustCompile(`#\s*want:\s*(.+)$`)

// wants reads the `# want: rule-id[, rule-id]` markers of a fixture as
// "line rule" strings.
func wants(t *testing.T, data []byte) []string {
	t.Helper()
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		m := wantMarker.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		for _, id := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' }) {
			out = append(out, fmt.Sprintf("%d %s", line, id))
		}
	}
	return out
}

// TestFixtures runs the AsyncAPI checks over testdata/lint/asyncapi/<rule>/
// and requires exactly the findings the markers name: a missing finding
// and an extra one (of any rule) both fail.
func TestFixtures(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "lint", "asyncapi")
	files, err := filepath.Glob(filepath.Join(root, "*", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	cat := rules.Default()
	covered := map[string]bool{}
	for _, path := range files {
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		t.Run(rel, func(t *testing.T) {
			l := load.NewLoader(load.Dir(root), "")
			f, err := l.Load(rel)
			if err != nil {
				t.Fatal(err)
			}
			fs, err := Lint(contract.Options{Config: config.Defaults(), Catalog: cat}, contract.Doc{File: f, Loader: l})
			if err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(path)
			want := wants(t, data)
			var got []string
			for _, f := range fs {
				if f.File != rel {
					continue
				}
				got = append(got, fmt.Sprintf("%d %s", f.Line, f.Rule))
			}
			slices.Sort(want)
			slices.Sort(got)
			for _, w := range want {
				if !slices.Contains(got, w) {
					t.Errorf("missing finding: line %s", w)
				}
				covered[strings.SplitN(w, " ", 2)[1]] = true
			}
			for _, g := range got {
				if !slices.Contains(want, g) {
					for _, f := range fs {
						if fmt.Sprintf("%d %s", f.Line, f.Rule) == g {
							t.Errorf("unexpected finding: %s:%d:%d %s %s: %s", f.File, f.Line, f.Column, f.Rule, f.Pointer, f.Message)
						}
					}
				}
			}
		})
	}
	for _, c := range checks() {
		if !covered[c.rule] {
			t.Errorf("rule %s has no fixture finding", c.rule)
		}
	}
	if !covered[rules.AsyncAPIValid] {
		t.Errorf("rule %s has no fixture finding", rules.AsyncAPIValid)
	}
}
