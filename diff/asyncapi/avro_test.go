package asyncapi

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// TestAvroLocs: Java's location of an incompatibility in the reader schema
// is followed in the reader's source and translated to the writer's, with
// fields matched by name or reader alias and union indices taken as the
// writer's.
func TestAvroLocs(t *testing.T) {
	reader := `{"type": "record", "name": "R", "fields": [
  {"name": "a", "type": "string"},
  {"name": "renamed", "aliases": ["old"], "type": {"type": "enum", "name": "E", "symbols": ["X"]}},
  {"name": "ref", "type": "E"},
  {"name": "rec", "type": {"type": "record", "name": "S", "fields": [{"name": "n", "type": "int"}]}},
  {"name": "gone", "type": "int"}
]}`
	writer := `{"type": "record", "name": "R", "fields": [
  {"name": "rec", "type": ["null", {"type": "record", "name": "S", "fields": [{"name": "m", "type": "int"}, {"name": "n", "type": "long"}]}]},
  {"name": "old", "type": {"type": "enum", "name": "E", "symbols": ["X", "Y"]}},
  {"name": "a", "type": "int"},
  {"name": "ref", "type": {"type": "enum", "name": "F", "symbols": ["Z"]}}
]}`
	loc := func(name, src string) asyncapi.Loc {
		f, err := load.Parse(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return asyncapi.Loc{File: f, Node: f.Root}
	}
	r, w := loc("r.avsc", reader), loc("w.avsc", writer)
	for _, tc := range []struct{ path, rPtr, wPtr string }{
		{"/", "", ""},
		{"/fields/0/type", "/fields/0/type", "/fields/2/type"},
		{"/fields/1/type/symbols", "/fields/1/type/symbols", "/fields/1/type/symbols"},
		// a named type used by reference: the reader stops at the reference
		{"/fields/2/type/symbols", "/fields/2/type", "/fields/3/type/symbols"},
		// a writer union branch: only the writer takes the index
		{"/fields/3/type/1/fields/0/type", "/fields/3/type/fields/0/type", "/fields/0/type/1/fields/1/type"},
		// a reader field the writer lacks: the writer's fields
		{"/fields/4", "/fields/4", "/fields"},
		// beyond the source: the deepest element that exists
		{"/fields/9/type", "/fields", "/fields"},
	} {
		gr, gw := avroLocs(r, w, tc.path)
		if gr.Pointer != tc.rPtr || gw.Pointer != tc.wPtr {
			t.Errorf("%s: reader %q writer %q, want %q %q", tc.path, gr.Pointer, gw.Pointer, tc.rPtr, tc.wPtr)
		}
		if gr.Node == nil || gw.Node == nil {
			t.Errorf("%s: no node", tc.path)
		}
	}
}

// TestAvroHeaders: a 3.0 multi-format headers schema in Avro is checked
// like a payload, in the message's direction, and a payload left unchanged
// is not reported.
func TestAvroHeaders(t *testing.T) {
	doc := func(version, headerFields string) string {
		return `asyncapi: 3.0.0
info: {title: t, version: ` + version + `}
channels:
  c:
    address: c.v1
    messages:
      M:
        headers:
          schemaFormat: application/vnd.apache.avro;version=1.9.0
          schema: {type: record, name: H, fields: [` + headerFields + `]}
        payload:
          schemaFormat: application/vnd.apache.avro;version=1.9.0
          schema: {type: record, name: P, fields: [{name: id, type: string}]}
operations:
  onM:
    action: receive
    channel: {$ref: '#/channels/c'}
`
	}
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("base.yaml", doc("1.0.0", "{name: trace, type: string}"))
	write("head.yaml", doc("2.0.0", "{name: trace, type: string}, {name: tenant, type: string}"))
	got := render(diffCase(t, dir))
	want := `error message-avro-incompatible head.yaml:10:81 /channels/c/messages/M/headers/schema/fields/1: Avro headers of message "M" are not backward compatible`
	if !strings.HasPrefix(got, want) || strings.Count(got, "\n") != 1 || !strings.Contains(got, "READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1 of the new schema: tenant") {
		t.Errorf("got\n%swant one finding starting\n%s", got, want)
	}

	write("head.yaml", doc("1.0.0", "{name: trace, type: string}, {name: tenant, type: string, default: eu}"))
	got = render(diffCase(t, dir))
	if !strings.HasPrefix(got, "info "+rules.MessageSchemaChanged+" head.yaml:10:11 /channels/c/messages/M/headers/schema:") ||
		!strings.Contains(got, "(BACKWARD)") || strings.Count(got, "\n") != 1 {
		t.Errorf("a compatible change: got\n%s", got)
	}
}
