package avro

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/contractctl/contractctl/internal/sharedtest"
)

// corpusFile returns <repo root>/../shared/corpus/<rel>, skipping the test
// when the shared corpus is not present.
func corpusFile(t testing.TB, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(sharedtest.Path(t, "corpus", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// mustParseJSON parses a schema given as a JSON value of a corpus file.
func mustParseJSON(t testing.TB, name string, raw json.RawMessage) *Schema {
	t.Helper()
	s, err := Parse(name, raw)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return s
}
