package rules

import "testing"

// TestAsyncAPIRulesDocumented holds every AsyncAPI-only rule to the
// documentation bar: a doc paragraph and distinct failing and passing
// examples.
func TestAsyncAPIRulesDocumented(t *testing.T) {
	rs := asyncAPIRules()
	if len(rs) < 40 {
		t.Fatalf("only %d AsyncAPI rules", len(rs))
	}
	for _, r := range rs {
		if len(r.Doc) < 200 || r.Bad == "" || r.Good == "" || r.Bad == r.Good || r.Summary == "" {
			t.Errorf("%s: needs a summary, a Doc paragraph (%d chars) and distinct Bad and Good examples", r.ID, len(r.Doc))
		}
		if len(r.Formats) != 1 || r.Formats[0] != AsyncAPI {
			t.Errorf("%s: formats %v", r.ID, r.Formats)
		}
	}
}
