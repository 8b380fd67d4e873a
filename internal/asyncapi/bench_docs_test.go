package asyncapi

import (
	"path/filepath"
	"testing"

	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/sharedtest"
)

// benchDir is ../shared/bench/asyncapi beside the repository root.
func benchDir(t testing.TB) string { return sharedtest.Path(t, "bench", "asyncapi") }

// TestBenchDocumentsValid: the real example documents are valid, so the
// model must parse every one without a problem.
func TestBenchDocumentsValid(t *testing.T) {
	dir := benchDir(t)
	names, err := filepath.Glob(filepath.Join(dir, "*", "*.yml"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no bench documents in %s: %v", dir, err)
	}
	l := load.NewLoader(load.Dir(dir), "")
	for _, name := range names {
		rel, _ := filepath.Rel(dir, name)
		f, err := l.Load(filepath.ToSlash(rel))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		doc, err := Parse(f, l)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		for _, pr := range doc.Problems {
			t.Errorf("%s:%d:%d: %s (%s)", pr.File, pr.Line, pr.Column, pr.Message, pr.Pointer)
		}
		if len(doc.Channels) == 0 || len(doc.Messages) == 0 {
			t.Errorf("%s: modelled %d channels and %d messages", rel, len(doc.Channels), len(doc.Messages))
		}
	}
	t.Logf("%d documents parsed", len(names))
}
