package jsonschema

import (
	"fmt"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics and that checking any parsed
// schema against itself and a fixed schema terminates (cyclic $refs too).
func FuzzParse(f *testing.F) {
	seeds := []string{
		`{}`, `true`, `false`, `[]`, `"x"`, `{"type":["string","null"],"maxLength":3}`,
		`{"$ref":"#"}`,
		`{"definitions":{"a":{"$ref":"#/definitions/b"},"b":{"$ref":"#/definitions/a"}},"$ref":"#/definitions/a"}`,
		`{"type":"object","properties":{"n":{"$ref":"#"}},"additionalProperties":false}`,
		`{"allOf":[{"$ref":"#"}],"anyOf":[{"type":"null"},{"$ref":"#/allOf/0"}]}`,
		`{"$schema":"https://json-schema.org/draft/2020-12/schema","prefixItems":[{"$ref":"#"}],"items":false}`,
		`{"patternProperties":{"[":{}},"not":{"$ref":"#"}}`,
		`{"if":{"$ref":"#"},"then":{"const":1},"else":{"enum":[1,2]}}`,
		"{\"a\":\"\\ud83d\\ude00\",\"b\":-1.5e3}",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	other, err := Parse("other.json", []byte(`{"type":"object","properties":{"n":{"type":"string"}},"items":[{}]}`))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json:") {
				t.Fatalf("error without file position: %v", err)
			}
			return
		}
		for _, p := range []Policy{Strict, Lenient} {
			c := Checker{Policy: p}
			_ = c.Check(s, s)
			_ = c.Check(s, other)
			_ = c.Check(other, s)
		}
		again, err := Parse("again.json", []byte(s.Canonical()))
		if err != nil {
			t.Fatalf("canonical form does not parse: %v\n%s", err, s.Canonical())
		}
		if again.Canonical() != s.Canonical() {
			t.Fatalf("canonical form not stable:\n%s\n%s", s.Canonical(), again.Canonical())
		}
	})
}

// genSchema returns an object schema with n properties of mixed types.
func genSchema(n int, variant bool) []byte {
	var b strings.Builder
	b.WriteString(`{"type":"object","additionalProperties":false,"properties":{`)
	types := []string{
		`{"type":"string","maxLength":%d}`,
		`{"type":"integer","minimum":%d}`,
		`{"type":"array","items":{"type":"string","minLength":%d}}`,
		`{"oneOf":[{"type":"null"},{"type":"number","maximum":%d}]}`,
		`{"type":"object","properties":{"x":{"type":"string","maxLength":%d}},"required":["x"]}`,
	}
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		v := 10
		if variant && i%7 == 0 {
			v = 20
		}
		fmt.Fprintf(&b, `"p%d":`+types[i%len(types)], i, v)
	}
	b.WriteString(`},"required":["p0","p1"]}`)
	return []byte(b.String())
}

func BenchmarkCheck(b *testing.B) {
	o, err := Parse("o.json", genSchema(200, false))
	if err != nil {
		b.Fatal(err)
	}
	u, err := Parse("u.json", genSchema(200, true))
	if err != nil {
		b.Fatal(err)
	}
	c := Checker{}
	if len(c.Check(u, o)) == 0 {
		b.Fatal("generated variants do not differ")
	}
	b.ReportAllocs()
	for b.Loop() {
		c.Check(u, o)
	}
}

func BenchmarkParse(b *testing.B) {
	data := genSchema(200, false)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("o.json", data); err != nil {
			b.Fatal(err)
		}
	}
}
