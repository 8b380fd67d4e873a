package asyncapi

import (
	"testing"

	"github.com/contractctl/contractctl/internal/load"
)

// FuzzParse: any input that load parses as an AsyncAPI document is
// modelled without a panic, and every problem has a position in a file.
func FuzzParse(f *testing.F) {
	f.Add([]byte("asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\nchannels:\n  c: {address: a.v1, messages: {m: {$ref: '#/components/messages/m'}}}\noperations:\n  o: {action: send, channel: {$ref: '#/channels/c'}, messages: [{$ref: '#/channels/c/messages/m'}]}\ncomponents:\n  messages:\n    m: {payload: {schemaFormat: application/vnd.apache.avro;version=1.9.0, schema: {type: record, name: R, fields: [{name: a, type: long}]}}}\n"))
	f.Add([]byte("asyncapi: 2.6.0\ninfo: {title: t, version: '1'}\nchannels:\n  a/v1:\n    subscribe:\n      message:\n        oneOf: [{$ref: '#/components/messages/x'}, {payload: {type: object}}]\ncomponents: {messages: {x: {$ref: '#/components/messages/x'}}}\n"))
	f.Add([]byte("asyncapi: 2.6.0\nchannels: []\nservers: {s: {url: 1, protocol: [x], security: [{nope: 1}]}}\n"))
	f.Add([]byte(`{"asyncapi": "3.0.0", "operations": {"o": {"action": "send", "channel": {"$ref": "other.yaml#/x"}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := load.Parse("fuzz.yaml", data)
		if err != nil || file.Kind != load.AsyncAPI {
			return
		}
		doc, err := Parse(file, nil)
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		for _, p := range doc.Problems {
			if p.File == "" || p.Message == "" {
				t.Fatalf("problem without file or message: %+v", p)
			}
		}
	})
}
