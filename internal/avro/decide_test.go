package avro

import (
	"encoding/json"
	"fmt"
	"testing"
)

// TestCompatibleMatchesCheck checks the fast path against the walker:
// Compatible(r, w) must be len(Check(r, w)) == 0 for every pair of schemas
// of the Java corpus (not only the recorded pairs), with a fresh memo, a
// reused one and the map memo of large schemas.
func TestCompatibleMatchesCheck(t *testing.T) {
	var cases []javaCase
	if err := json.Unmarshal(corpusFile(t, "apache-avro/java-schema-compatibility-cases.json"), &cases); err != nil {
		t.Fatal(err)
	}
	var schemas []*Schema
	for _, c := range cases {
		schemas = append(schemas, mustParseJSON(t, c.ID+"/reader", c.Reader), mustParseJSON(t, c.ID+"/writer", c.Writer))
	}
	pooled := NewChecker()
	n := 0
	for i, r := range schemas {
		for j, w := range schemas {
			want := len(Checker{}.Check(r, w)) == 0
			if got := (Checker{}).Compatible(r, w); got != want {
				t.Fatalf("schemas %d, %d: Compatible = %v, Check says %v", i, j, got, want)
			}
			if got := pooled.Compatible(r, w); got != want {
				t.Fatalf("schemas %d, %d: pooled Compatible = %v, Check says %v", i, j, got, want)
			}
			d := &decider{sparse: map[pair]uint8{}}
			if got := d.compatibility(r.root, w.root) && !d.abort; got != want {
				t.Fatalf("schemas %d, %d: map memo Compatible = %v, Check says %v", i, j, got, want)
			}
			if !want {
				n++
			}
		}
	}
	t.Logf("%d pairs, %d incompatible", len(schemas)*len(schemas), n)
	if (Checker{}).Compatible(schemas[0], nil) {
		t.Error("a nil schema is compatible")
	}
}

// TestCompatiblePooledSizes alternates small and large (map memo) checks
// on one pooled Checker.
func TestCompatiblePooledSizes(t *testing.T) {
	big := func(typ string, n int) *Schema {
		src := `{"type":"record","name":"R","fields":[`
		for i := range n {
			if i > 0 {
				src += ","
			}
			src += fmt.Sprintf(`{"name":"f%d","type":%q}`, i, typ)
		}
		return mustParse(t, "big", src+"]}")
	}
	small := []*Schema{mustParse(t, "a", `{"type":"record","name":"R","fields":[{"name":"f0","type":"int"}]}`),
		mustParse(t, "b", `{"type":"record","name":"R","fields":[{"name":"f0","type":"string"}]}`)}
	large := []*Schema{big("int", 300), big("long", 300), big("string", 300)}
	c := NewChecker()
	for range 3 {
		for _, set := range [][]*Schema{small, large, small, append(small, large...)} {
			for _, r := range set {
				for _, w := range set {
					if got, want := c.Compatible(r, w), len(Checker{}.Check(r, w)) == 0; got != want {
						t.Fatalf("Compatible(%s, %s) = %v, Check says %v", r.Canonical()[:40], w.Canonical()[:40], got, want)
					}
				}
			}
		}
	}
}
