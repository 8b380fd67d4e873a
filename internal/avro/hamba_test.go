package avro

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/jsontree"
	havro "github.com/hamba/avro/v2"
)

// hambaDisagrees reports an input that our builder accepts and that
// hambaAccepts admits but hamba/avro rejects: Parse would then accept a
// schema it must refuse.
func hambaDisagrees(t testing.TB, data []byte) {
	t.Helper()
	j, err := jsontree.Parse(data)
	if err != nil {
		return
	}
	root, err := (&builder{names: map[string]*node{}}).build(j, "")
	if err != nil || !hambaAccepts(data, j, root) {
		return
	}
	if _, err := havro.ParseBytesWithCache(data, "", &havro.SchemaCache{}); err != nil {
		t.Errorf("hambaAccepts admits a schema hamba rejects (%v):\n%s", err, data)
	}
}

// mutations are textual edits that turn valid schemas into near misses.
var mutations = [][2]string{
	{`"null"`, `"nul"`}, {`"default": null`, `"default": 1`}, {`"default":null`, `"default":"x"`},
	{`"string"`, `"bytes"`}, {`"int"`, `"long"`}, {`"record"`, `"error"`}, {`"name"`, `"aliases": ["a b"], "name"`},
	{`"namespace": "`, `"namespace": "1`}, {`"doc": "`, `"doc": 1, "x": "`}, {`"symbols": [`, `"symbols": [], "s": [`},
	{`["null", `, `["null", "null", `}, {`"default": {}`, `"default": {"a": 1}`}, {`"default": []`, `"default": [1]`},
	{`"type": "enum"`, `"type": "enum", "default": ""`}, {`"fields": [`, `"namespace": "", "fields": [`},
	{`"name": "`, `"name": "map`}, {`"default":`, `"order": "up", "default":`}, {`"default":`, `"order": "desc", "default":`}, {`"default":`, `"order": "descending", "default":`}, {`"string"`, `{"type": "string", "logicalType": "uuid"}`},
}

func TestHambaAcceptsIsSound(t *testing.T) {
	var inputs [][]byte
	var java []javaCase
	if err := json.Unmarshal(corpusFile(t, "apache-avro/java-schema-compatibility-cases.json"), &java); err != nil {
		t.Fatal(err)
	}
	for _, c := range java {
		inputs = append(inputs, c.Reader, c.Writer)
	}
	var levels struct {
		Schemas map[string]json.RawMessage `json:"schemas"`
	}
	if err := json.Unmarshal(corpusFile(t, "confluent/avro-levels.json"), &levels); err != nil {
		t.Fatal(err)
	}
	for _, s := range levels.Schemas {
		inputs = append(inputs, s)
	}
	var api struct {
		Tests []struct {
			Original, Updated json.RawMessage
		} `json:"tests"`
	}
	if err := json.Unmarshal(corpusFile(t, "apicurio/avro/compatibility-test-data.json"), &api); err != nil {
		t.Fatal(err)
	}
	for _, c := range api.Tests {
		inputs = append(inputs, c.Original, c.Updated)
	}
	for _, s := range []string{
		`{"type":"record","name":"R","namespace":"a","fields":[{"name":"x","type":{"type":"enum","name":"E","symbols":["A"]}},{"name":"y","type":"E","default":"A"},{"name":"z","type":"a.E"}]}`,
		`{"type":"record","name":"R","fields":[{"name":"x","type":{"type":"record","name":"S","namespace":"n","fields":[]}},{"name":"y","type":"S"}]}`,
		`{"type":"record","name":"R","fields":[{"name":"a","type":["null",{"type":"long","logicalType":"timestamp-millis"},"long"],"default":null}]}`,
		`{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":1.5},{"name":"b","type":"double","default":1e400}]}`,
		`{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"R"},"default":[]}]}`,
		`{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"map","values":"int"},"default":{"a":1,"a":"x"}}]}`,
		`{"type":"record","name":"R","doc":"\u00e9","fields":[]}`, `{"type":"record","name":"R","doc":"é","fields":[]}`,
		`{"type":"enum","name":"array","symbols":["A"]}`, `["null",{"type":"record","name":"array","fields":[]},{"type":"array","items":"int"}]`,
		`{"type":"record","name":"a.R","namespace":1,"fields":[]}`,
	} {
		inputs = append(inputs, []byte(s))
	}
	for i := range 3 {
		inputs = append(inputs, []byte(evolvingSchema(i+5)), []byte(strings.ReplaceAll(evolvingSchema(i+5), "\n", "\r\n\t")))
	}
	for _, s := range []string{`1`, `-0.5e+3`, `01`, `1.`, `-`, `1e`, `truex`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `[] `, ` [ ] x`, `"a\"b"`, "\"\t\"", `{"a":[{"b":null,"c":false}],"d":true}`, `[1 2]`, `{,}`, `"int",`, `,"int"`, `:{"type":"int"}`} {
		inputs = append(inputs, []byte(s))
	}
	n := len(inputs)
	for _, in := range inputs[:n] {
		for _, m := range mutations {
			if strings.Contains(string(in), m[0]) {
				inputs = append(inputs, []byte(strings.Replace(string(in), m[0], m[1], 1)))
				inputs = append(inputs, []byte(strings.ReplaceAll(string(in), m[0], m[1])))
			}
		}
	}
	admitted := 0
	for _, in := range inputs {
		hambaDisagrees(t, in)
		if j, err := jsontree.Parse(in); err == nil {
			if root, err := (&builder{names: map[string]*node{}}).build(j, ""); err == nil && hambaAccepts(in, j, root) {
				admitted++
			}
		}
	}
	t.Logf("%d inputs, %d admitted without hamba", len(inputs), admitted)
}

// evolvingSchema is a schema like the registry benchmark's.
func evolvingSchema(v int) string {
	var b strings.Builder
	b.WriteString(`{"type": "record", "name": "Event", "namespace": "bench.events", "doc": "d", "fields": [
  {"name": "id", "type": "string"},
  {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
  {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B", "C"]}},
  {"name": "tags", "type": {"type": "map", "values": "string"}, "default": {}}`)
	for i := 2; i <= v; i++ {
		b.WriteString(`, {"name": "f` + string(rune('a'+i)) + `", "type": ["null", "string", "long"], "default": null}`)
	}
	b.WriteString("]}")
	return b.String()
}

// FuzzFastPaths checks hambaAccepts (the fast path that skips hamba/avro)
// against hamba/avro.
func FuzzFastPaths(f *testing.F) {
	for _, seed := range []string{
		evolvingSchema(4), `{"type":"record","name":"R","namespace":"a","fields":[{"name":"x","type":{"type":"enum","name":"E","symbols":["A"]}},{"name":"y","type":"E","default":"A"}]}`,
		`{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":["null","R"]},"default":[null],"order":"desc"}]}`,
		`["null",{"type":"map","values":"double"},{"type":"array","items":"int"}]`, `{"type":"enum","name":"E","symbols":["A"],"default":"A","doc":"x"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		hambaDisagrees(t, data)
	})
}
