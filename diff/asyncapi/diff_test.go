package asyncapi

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

var update = flag.Bool("update", false, "rewrite the golden want.txt files")

// today is the date the golden files are computed at.
var today = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// render prints findings one per line, as the golden files hold them.
func render(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s %s %s:%d:%d %s: %s", f.Severity, f.Rule, f.File, f.Line, f.Column, f.Pointer, f.Message)
		if len(f.Operations) > 0 {
			fmt.Fprintf(&b, " [%s]", strings.Join(f.Operations, "; "))
		}
		if f.Base != nil {
			fmt.Fprintf(&b, " (base %s:%d:%d %s)", f.Base.File, f.Base.Line, f.Base.Column, f.Base.Pointer)
		}
		if f.Change != "" {
			fmt.Fprintf(&b, " {%s}", f.Change)
		}
		b.WriteByte('\n')
	}
	if b.Len() == 0 {
		return "(no findings)\n"
	}
	return b.String()
}

func diffCase(t testing.TB, dir string) []finding.Finding {
	t.Helper()
	l := load.NewLoader(load.Dir(dir), "")
	base, err := l.Load("base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	head, err := l.Load("head.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Diff(contract.Options{Config: config.Defaults(), Catalog: rules.Default(), Today: today}, contract.Doc{File: base, Loader: l}, contract.Doc{File: head, Loader: l})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// TestGolden compares every testdata/diff/asyncapi/<case> with its
// want.txt (go test -update rewrites them). A case whose name starts with
// "same-" must have no findings at all.
func TestGolden(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "diff", "asyncapi")
	cases, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		dir := filepath.Join(root, c.Name())
		t.Run(c.Name(), func(t *testing.T) {
			fs := diffCase(t, dir)
			for _, f := range fs {
				seen[f.Rule] = true
				if f.File == "" || f.Pointer == "" && f.Rule != rules.AsyncAPIMajorVersionChanged {
					t.Errorf("finding without a location: %+v", f)
				}
			}
			if strings.HasPrefix(c.Name(), "same-") && len(fs) > 0 {
				t.Errorf("no-change guard has findings:\n%s", render(fs))
			}
			got := render(fs)
			path := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("findings differ from %s:\n--- got\n%s--- want\n%s", path, got, want)
			}
		})
	}
	if *update {
		return
	}
	for _, r := range rules.Default().Rules() {
		if r.Job == rules.JobDiff && len(r.Formats) == 1 && r.Formats[0] == rules.AsyncAPI && !seen[r.ID] {
			t.Errorf("diff rule %s has no golden case", r.ID)
		}
	}
}
