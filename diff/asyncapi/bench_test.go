package asyncapi

import (
	"fmt"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	asyncapilint "github.com/contractctl/contractctl/lint/asyncapi"
	"github.com/contractctl/contractctl/rules"
)

// generate writes an AsyncAPI 3.0 document with n channels, each with one
// send operation and one inline message whose payload uses a shared
// component. With edit set, every tenth message gains a required property,
// every fiftieth channel moves address, and the shared Item loses a
// property.
func generate(n int, edit bool) []byte {
	var b strings.Builder
	b.WriteString("asyncapi: 3.0.0\ninfo: {title: Generated, version: 1.0.0}\nservers:\n  prod: {host: broker.example.com:9093, protocol: kafka-secure, security: [{$ref: '#/components/securitySchemes/sasl'}]}\nchannels:\n")
	for i := range n {
		addr := fmt.Sprintf("domain%d.v1.event", i)
		if edit && i%50 == 0 {
			addr = fmt.Sprintf("domain%d.v2.event", i)
		}
		extra := ""
		if edit && i%10 == 0 {
			extra = "            note: {type: string}\n"
		}
		fmt.Fprintf(&b, "  ch%d:\n    address: %s\n    messages:\n      M%d:\n        headers: {$ref: '#/components/schemas/Headers'}\n        payload:\n          type: object\n          required: [event_id]\n          properties:\n            event_id: {type: string}\n            amount_minor: {type: integer}\n            currency: {type: string}\n            item: {$ref: '#/components/schemas/Item'}\n%s", i, addr, i, extra)
	}
	b.WriteString("operations:\n")
	for i := range n {
		fmt.Fprintf(&b, "  op%d:\n    action: send\n    channel: {$ref: '#/channels/ch%d'}\n    messages: [{$ref: '#/channels/ch%d/messages/M%d'}]\n", i, i, i, i)
	}
	item := "    Item: {type: object, properties: {sku: {type: string}, price_minor: {type: integer}, currency: {type: string}, colour: {type: string}}}\n"
	if edit {
		item = "    Item: {type: object, properties: {sku: {type: string}, price_minor: {type: integer}, currency: {type: string}}}\n"
	}
	b.WriteString("components:\n  securitySchemes:\n    sasl: {type: scramSha256}\n  schemas:\n    Headers: {type: object, properties: {traceparent: {type: string}}}\n" + item)
	return []byte(b.String())
}

// TestGenerated: the generated pair yields exactly the planted changes;
// the shared component's change is one finding listing all its users.
func TestGenerated(t *testing.T) {
	base, err := load.Parse("base.yaml", generate(100, false))
	if err != nil {
		t.Fatal(err)
	}
	head, err := load.Parse("head.yaml", generate(100, true))
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Diff(contract.Options{Config: config.Defaults(), Catalog: rules.Default(), Today: today}, contract.Doc{File: base}, contract.Doc{File: head})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, f := range fs {
		count[f.Rule]++
		if f.Rule == rules.MessageSchemaRule("payload", rules.SchemaPropertyRemoved) && len(f.Operations) != 100 {
			t.Errorf("shared Item change lists %d users, want 100", len(f.Operations))
		}
	}
	want := map[string]int{
		rules.ChannelAddressChanged:                                     2,
		rules.MessageSchemaRule("payload", rules.SchemaPropertyRemoved): 1,
		rules.MessageSchemaChanged:                                      10,
		rules.AsyncAPIVersionBumpRequired:                               1,
	}
	for id, n := range want {
		if count[id] != n {
			t.Errorf("%s: %d findings, want %d", id, count[id], n)
		}
	}
	if len(fs) != 14 {
		t.Errorf("%d findings, want 14: %v", len(fs), count)
	}
}

// BenchmarkLintAndDiffGenerated2000 lints the head of a 2,000-channel
// pair and diffs it against the base, parsing included.
func BenchmarkLintAndDiffGenerated2000(b *testing.B) {
	bd, hd := generate(2000, false), generate(2000, true)
	cat, cfg := rules.Default(), config.Defaults()
	b.ReportAllocs()
	for b.Loop() {
		base, err := load.Parse("base.yaml", bd)
		if err != nil {
			b.Fatal(err)
		}
		head, err := load.Parse("head.yaml", hd)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := asyncapilint.Lint(contract.Options{Config: cfg, Catalog: cat}, contract.Doc{File: head}); err != nil {
			b.Fatal(err)
		}
		if _, err := Diff(contract.Options{Config: cfg, Catalog: cat, Today: today}, contract.Doc{File: base}, contract.Doc{File: head}); err != nil {
			b.Fatal(err)
		}
	}
}
