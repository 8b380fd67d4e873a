package openapi

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

var update = flag.Bool("update", false, "rewrite the golden want.txt and want.json files")

// today is fixed so that sunset dates in fixtures are reproducible.
var today = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

const casesDir = "../../testdata/diff/openapi"

func diffCase(t testing.TB, dir string) []finding.Finding {
	t.Helper()
	base := load.NewLoader(load.Dir(filepath.Join(dir, "base")), "")
	head := load.NewLoader(load.Dir(filepath.Join(dir, "head")), "")
	if _, err := os.Stat(filepath.Join(dir, "base")); err != nil {
		base = load.NewLoader(load.Dir(dir), "")
		head = load.NewLoader(load.Dir(dir), "")
	}
	bname, hname := "base.yaml", "head.yaml"
	if _, err := os.Stat(filepath.Join(dir, "base")); err == nil {
		bname, hname = "api.yaml", "api.yaml"
	}
	bf, err := base.Load(bname)
	if err != nil {
		t.Fatal(err)
	}
	hf, err := head.Load(hname)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Diff(contract.Options{Catalog: rules.Default(), Today: today}, contract.Doc{File: bf, Loader: base}, contract.Doc{File: hf, Loader: head})
	if err != nil {
		t.Fatal(err)
	}
	// As the diff dispatcher does: x-contractctl-ignore in the head.
	return load.DropInlineIgnored(head, fs)
}

// render is the golden text form: one finding per paragraph, with every
// field a reviewer needs.
func render(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s:%d:%d %s %s %s\n", f.File, f.Line, f.Column, f.Severity, f.Rule, f.Pointer)
		fmt.Fprintf(&b, "  %s\n", f.Message)
		if f.Change != "" {
			fmt.Fprintf(&b, "  change: %s\n", f.Change)
		}
		if f.Base != nil {
			fmt.Fprintf(&b, "  base: %s:%d:%d %s\n", f.Base.File, f.Base.Line, f.Base.Column, f.Base.Pointer)
		}
		if len(f.Operations) > 0 {
			fmt.Fprintf(&b, "  operations: %s\n", strings.Join(f.Operations, ", "))
		}
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(casesDir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no fixture cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			fs := diffCase(t, dir)
			got := render(fs)
			js, err := json.MarshalIndent(fs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			js = append(js, '\n')
			if strings.HasPrefix(filepath.Base(dir), "nochange-") {
				for _, f := range fs {
					if f.Severity > finding.Info {
						t.Errorf("no-change guard reports %s: %s", f.Rule, f.Message)
					}
				}
			}
			// Determinism: a second run is byte-identical.
			if again := render(diffCase(t, dir)); again != got {
				t.Errorf("second run differs:\n%s\nvs\n%s", got, again)
			}
			check(t, filepath.Join(dir, "want.txt"), []byte(got))
			check(t, filepath.Join(dir, "want.json"), js)
		})
	}
}

func check(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the output (run go test -update and review):\n--- got\n%s", path, got)
	}
}

// TestCoverage logs which catalogued diff rules no fixture produces, and
// fails when an operation-level rule has no case.
func TestCoverage(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(casesDir, "*"))
	seen := map[string]bool{}
	for _, dir := range dirs {
		for _, f := range diffCase(t, dir) {
			seen[f.Rule] = true
		}
	}
	var missing []string
	for _, id := range staticRules {
		if !seen[id] && id != "contract-added" {
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	total := 0
	for _, r := range rules.Default().Rules() {
		if r.Job == rules.JobDiff && slices.Contains(r.Formats, rules.OpenAPI) {
			total++
		}
	}
	t.Logf("fixtures produce %d of %d diff rules", len(seen), total)
	if len(missing) > 0 {
		t.Errorf("operation-level rules without a fixture case: %s", strings.Join(missing, ", "))
	}
}

// TestCrossPairs diffs every fixture's base with every other fixture's
// head: unrelated documents, 2.0 against 3.1, must give findings or
// positioned errors, never a panic, and deterministic output.
func TestCrossPairs(t *testing.T) {
	t.Parallel() // the heavy tests of this package share the cores
	var files []string
	for _, pat := range []string{"*/base.yaml", "*/head.yaml"} {
		m, _ := filepath.Glob(filepath.Join(casesDir, pat))
		files = append(files, m...)
	}
	// Two runs, each with its own loaders (which parse every file once).
	rd := load.Dir(casesDir)
	type run struct{ bl, hl *load.Loader }
	runs := [2]run{{load.NewLoader(rd, ""), load.NewLoader(rd, "")}, {load.NewLoader(rd, ""), load.NewLoader(rd, "")}}
	cat := rules.Default()
	diff := func(r run, bn, hn string) string {
		bf, err := r.bl.Load(filepath.ToSlash(bn))
		if err != nil {
			t.Fatal(err)
		}
		hf, err := r.hl.Load(filepath.ToSlash(hn))
		if err != nil {
			t.Fatal(err)
		}
		fs, err := Diff(contract.Options{Catalog: cat, Today: today}, contract.Doc{File: bf, Loader: r.bl}, contract.Doc{File: hf, Loader: r.hl})
		if err != nil {
			return err.Error()
		}
		return render(fs)
	}
	for _, b := range files {
		for _, h := range files {
			bn, _ := filepath.Rel(casesDir, b)
			hn, _ := filepath.Rel(casesDir, h)
			if diff(runs[0], bn, hn) != diff(runs[1], bn, hn) {
				t.Errorf("%s → %s: nondeterministic", bn, hn)
			}
		}
	}
}
