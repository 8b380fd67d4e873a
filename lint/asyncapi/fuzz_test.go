package asyncapi

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// FuzzLint: linting any AsyncAPI input never panics and every finding is
// positioned in a file. The seeds are the lint fixtures.
func FuzzLint(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "lint", "asyncapi", "*", "*.yaml"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	cat, cfg := rules.Default(), config.Defaults()
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := load.Parse("fuzz.yaml", data)
		if err != nil || file.Kind != load.AsyncAPI {
			return
		}
		fs, err := Lint(contract.Options{Config: cfg, Catalog: cat}, contract.Doc{File: file})
		if err != nil {
			t.Fatalf("Lint: %v", err)
		}
		for _, x := range fs {
			if x.File == "" || x.Rule == "" {
				t.Fatalf("finding without file or rule: %+v", x)
			}
		}
	})
}
