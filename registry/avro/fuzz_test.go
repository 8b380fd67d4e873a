package avro

import "testing"

// FuzzParse checks that arbitrary input never panics, that a parsed
// schema's canonical form parses to the same canonical form, and that every
// schema can read its own data.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		`"int"`, `[]`, `["null","string"]`, `{"type":"int","logicalType":"date"}`,
		`{"type":"record","name":"List","fields":[{"name":"head","type":"long"},{"name":"tail","type":["null","List"]}]}`,
		`{"type":"enum","name":"E","namespace":"n","symbols":["A","B"],"default":"A","aliases":["Old"]}`,
		`{"type":"fixed","name":"F","size":16,"logicalType":"uuid"}`,
		`{"type":"map","values":{"type":"array","items":"bytes"}}`,
		`{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":1,"aliases":["b"],"order":"ignore"}]}`,
		`{"type":`, `{"a":tru}`, "\xff", `[[]]`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		hambaDisagrees(t, data)
		fastJSONDiffers(t, data)
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
		if issues := (Checker{}).Check(s, again); len(issues) != 0 {
			t.Fatalf("schema cannot read itself: %+v", issues)
		}
	})
}
