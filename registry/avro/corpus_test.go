package avro

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// corpusFile returns <repo root>/../shared/corpus/<rel>, skipping the test
// when the shared corpus is not present.
func corpusFile(t testing.TB, rel string) []byte {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("go.mod not found above the test directory")
		}
		dir = parent
	}
	path := filepath.Join(dir, "..", "shared", "corpus", filepath.FromSlash(rel))
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("shared corpus not present: %s", path)
	}
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
