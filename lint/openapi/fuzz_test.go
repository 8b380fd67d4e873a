package openapi_test

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	openapilint "github.com/contractctl/contractctl/lint/openapi"
	"github.com/contractctl/contractctl/rules"
)

type mapReader fstest.MapFS

func (m mapReader) ReadFile(name string) ([]byte, error) { return fstest.MapFS(m).ReadFile(name) }

// FuzzLint: whatever a parsable document holds, the checks never panic
// and every finding has a position and a pointer.
func FuzzLint(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/lint/*/*.yaml")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("openapi: 3.1.0\npaths: {/a: {get: {parameters: [null, 1, {$ref: x}]}}}\n"))
	f.Add([]byte("swagger: '2.0'\npaths: {/a: {post: {responses: {'429': []}}}}\ncomponents: 1\n"))
	cat, cfg := rules.Default(), config.Defaults()
	f.Fuzz(func(t *testing.T, data []byte) {
		src := mapReader{"api.yaml": {Data: data}, "common.yaml": {Data: []byte("X: {type: number}\n")}}
		l := load.NewLoader(src, "")
		file, err := l.Load("api.yaml")
		if err != nil || file.Kind != load.OpenAPI {
			return
		}
		fs, err := openapilint.Lint(contract.Options{Config: cfg, Catalog: cat}, contract.Doc{File: file, Loader: l})
		if err != nil {
			return
		}
		for _, fd := range fs {
			if fd.Line < 1 || fd.Pointer == "" && fd.Rule != rules.OASValid {
				t.Errorf("finding without a position or pointer: %+v", fd)
			}
		}
	})
}
