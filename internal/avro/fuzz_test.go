package avro

import "testing"

// FuzzParse checks that arbitrary input never panics, that a parsed
// schema's canonical form parses to the same canonical form, and that every
// schema can read its own data — except where Java Avro itself cannot: a
// reader field whose name or aliases match two writer fields (a field
// aliased to its own name, say) is an UNEXPECTED_EXCEPTION there too.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		`"int"`, `[]`, `["null","string"]`, `{"type":"int","logicalType":"date"}`,
		`{"type":"record","name":"List","fields":[{"name":"head","type":"long"},{"name":"tail","type":["null","List"]}]}`,
		`{"type":"enum","name":"E","namespace":"n","symbols":["A","B"],"default":"A","aliases":["Old"]}`,
		`{"type":"fixed","name":"F","size":16,"logicalType":"uuid"}`,
		`{"type":"map","values":{"type":"array","items":"bytes"}}`,
		`{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":1,"aliases":["b"],"order":"ignore"}]}`,
		`{"type":`, `{"a":tru}`, "\xff", `[[]]`,
		`{"type":"record","name":"R","fields":[{"name":"A","type":"int","aliases":["A"]}]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		hambaDisagrees(t, data)
		s, err := Parse("fuzz.avsc", data)
		if err != nil {
			return
		}
		again, err := Parse("canonical.avsc", []byte(s.Canonical()))
		if err != nil {
			t.Fatalf("canonical form %s does not parse: %v", s.Canonical(), err)
		}
		if again.Canonical() != s.Canonical() {
			t.Fatalf("canonical form not stable:\n  %s\n  %s", s.Canonical(), again.Canonical())
		}
		issues := (Checker{}).Check(s, again)
		if len(issues) == 1 && issues[0].Type == UnexpectedException {
			return
		}
		if len(issues) != 0 {
			t.Fatalf("schema cannot read itself: %+v", issues)
		}
	})
}
