package rules

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md from the catalogue")

// rulesDoc is the generated rule reference at the repository root.
var rulesDoc = filepath.Join("..", "docs", "rules.md")

// TestRulesDocUpToDate fails when docs/rules.md differs from what the
// catalogue generates; `go test ./rules -update` rewrites it.
func TestRulesDocUpToDate(t *testing.T) {
	want := Markdown(Default())
	if *update {
		if err := os.MkdirAll(filepath.Dir(rulesDoc), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(rulesDoc, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(rulesDoc)
	if err != nil {
		t.Fatalf("%v; run `go test ./rules -update`", err)
	}
	if string(got) != want {
		t.Errorf("docs/rules.md is stale; run `go test ./rules -update` and commit the result")
	}
}

// TestOpenAPIRulesDocumented holds every OpenAPI lint rule to the
// documentation bar: a doc paragraph and both examples.
func TestOpenAPIRulesDocumented(t *testing.T) {
	for _, r := range openAPILintRules() {
		if len(r.Doc) < 200 || r.Bad == "" || r.Good == "" || r.Bad == r.Good {
			t.Errorf("%s: needs a Doc paragraph and distinct Bad and Good examples", r.ID)
		}
	}
}
