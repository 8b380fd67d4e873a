package asyncapi

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// TestAvroFileRef: an Avro payload in a relative .avsc file is parsed and
// checked there, with positions in that file; an invalid one is an
// asyncapi-valid finding at the reference.
func TestAvroFileRef(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("api.yaml", `asyncapi: 2.6.0
info: {title: t, version: 1.0.0}
channels:
  payments.v1.captured:
    subscribe:
      operationId: sendCaptured
      message:
        headers: {type: object, properties: {traceparent: {type: string}}}
        schemaFormat: application/vnd.apache.avro;version=1.9.0
        payload: {$ref: 'avro/captured.avsc'}
  payments.v1.broken:
    subscribe:
      operationId: sendBroken
      message:
        headers: {type: object, properties: {traceparent: {type: string}}}
        schemaFormat: application/vnd.apache.avro;version=1.9.0
        payload: {$ref: 'avro/broken.avsc'}
`)
	write("avro/captured.avsc", `{
  "type": "record",
  "name": "Captured",
  "fields": [
    {"name": "event_id", "type": "string"},
    {"name": "amount", "type": "double"},
    {"name": "currency", "type": "string"}
  ]
}
`)
	write("avro/broken.avsc", `{"type": "record", "name": "Broken", "fields": [{"name": "event_id", "type": "uuid-ish"}]}`)
	l := load.NewLoader(load.Dir(dir), "")
	f, err := l.Load("api.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Lint(contract.Options{Config: config.Defaults(), Catalog: rules.Default()}, contract.Doc{File: f, Loader: l})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"avro/captured.avsc:6:6 money-integer-minor-units": false,
		"avro/broken.avsc:1:1 asyncapi-valid":              false,
	}
	for _, f := range fs {
		k := f.File + ":" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column) + " " + f.Rule
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected finding %s: %s", k, f.Message)
			continue
		}
		want[k] = true
	}
	for k, seen := range want {
		if !seen {
			t.Errorf("missing finding %s", k)
		}
	}
}
