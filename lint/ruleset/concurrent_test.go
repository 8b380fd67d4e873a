package ruleset

import (
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/load"
)

// TestConcurrentLint lints documents in parallel, as the lint driver does,
// with one loaded ruleset (shared caches of compiled paths and of the rules
// per override combination), and expects what a sequential run finds.
func TestConcurrentLint(t *testing.T) {
	root := filepath.Join("..", "..")
	rs, err := Load(load.Dir(root), "testdata/rulesets/overrides.yaml")
	if err != nil {
		t.Fatal(err)
	}
	docs := []string{"examples/payments.yaml", "examples/payments-clean.yaml",
		"testdata/lint/oas-valid/bad-30.yaml", "testdata/lint/accepted-has-location/bad-30.yaml",
		"testdata/lint/money-integer-minor-units/refs/api.yaml", "testdata/lint/asyncapi/asyncapi-valid/v3.yaml"}
	lint := func(l *load.Loader, name string) []finding.Finding {
		f, err := l.Load(name)
		if err != nil {
			t.Error(err)
			return nil
		}
		fs, err := rs.Lint(f, l, "testdata/rulesets", func(s string) string { return s })
		if err != nil {
			t.Error(err)
		}
		return finding.Sort(fs)
	}
	want := make([][]finding.Finding, len(docs))
	for i, d := range docs {
		want[i] = lint(load.NewLoader(load.Dir(root), ""), d)
	}
	got := make([][]finding.Finding, len(docs))
	l := load.NewLoader(load.Dir(root), "")
	var wg sync.WaitGroup
	for i, d := range docs {
		wg.Go(func() { got[i] = lint(l, d) })
	}
	wg.Wait()
	for i := range docs {
		if !slices.EqualFunc(got[i], want[i], func(a, b finding.Finding) bool { return finding.Compare(a, b) == 0 && a.Severity == b.Severity }) {
			t.Errorf("%s: parallel run found %d findings, sequential %d", docs[i], len(got[i]), len(want[i]))
		}
	}
}
