package asyncapi

import (
	"testing"

	"github.com/contractctl/contractctl/internal/load"
)

// TestAvroJSON: an Avro schema written in YAML or JSON renders as the JSON
// text Avro parsers read, keeping YAML's meaning of each scalar.
func TestAvroJSON(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"block yaml", "type: record\nname: R\nfields:\n  - name: at\n    type: string\n    default: 2026-01-01\n  - {name: n, type: long, default: 12}\n  - {name: q, type: string, default: '12'}\n",
			`{"type":"record","name":"R","fields":[{"name":"at","type":"string","default":"2026-01-01"},{"name":"n","type":"long","default":12},{"name":"q","type":"string","default":"12"}]}`},
		{"flow union and null", "# flow\n{type: record, name: R, fields: [{name: u, type: ['null', string], default: null}], doc: 'a < b & \"c\"'}",
			`{"type":"record","name":"R","fields":[{"name":"u","type":["null","string"],"default":null}],"doc":"a < b & \"c\""}`},
		{"json", `{"type": "enum", "name": "E", "symbols": ["A", "B"], "default": "A", "x-n": 1.50e3}`,
			`{"type":"enum","name":"E","symbols":["A","B"],"default":"A","x-n":1.50e3}`},
		{"yaml numbers", "type: fixed\nname: F\nsize: 0x10\nx-a: +7\nx-b: .5\nx-c: 1_000\nx-d: true\nx-e: yes\n",
			`{"type":"fixed","name":"F","size":16,"x-a":7,"x-b":0.5,"x-c":1000,"x-d":true,"x-e":"yes"}`},
		{"merge keys", "x-base: &b {type: int, doc: base, order: ascending}\nname: f\n<<: *b\ndoc: own\n",
			`{"x-base":{"type":"int","doc":"base","order":"ascending"},"name":"f","type":"int","order":"ascending","doc":"own"}`},
		{"primitive name", `"string"`, `"string"`},
		{"escapes", "type: enum\nname: E\nsymbols: [A]\ndoc: \"tab\\there \\\\ é\"\n", `{"type":"enum","name":"E","symbols":["A"],"doc":"tab\there \\ é"}`},
		{"aliases", "type: record\nname: R\nfields:\n  - {name: a, type: &t {type: string, logicalType: uuid}}\n  - {name: b, type: *t}\n",
			`{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"string","logicalType":"uuid"}},{"name":"b","type":{"type":"string","logicalType":"uuid"}}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := load.Parse("s.yaml", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			got, err := AvroJSON(f.Root)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	if _, err := AvroJSON(nil); err == nil {
		t.Error("AvroJSON(nil): no error")
	}
	f, err := load.Parse("s.yaml", []byte("# flow\n{1: a, [x]: b}"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AvroJSON(f.Root); err == nil {
		t.Error("a mapping with a sequence key: no error")
	}
	for _, src := range []string{"x-inf: .inf\n", "a: {<<: [x]}\n"} {
		f, err := load.Parse("s.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := AvroJSON(f.Root); err == nil {
			t.Errorf("%q: no error, got %s", src, got)
		}
	}
}
