package asyncapi

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/sharedtest"
	"github.com/contractctl/contractctl/rules"
)

func benchDir(tb testing.TB) string { return sharedtest.Path(tb, "bench", "asyncapi") }

func benchNames(tb testing.TB, dir string) []string {
	var names []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".yml") || strings.HasSuffix(path, ".yaml")) {
			rel, _ := filepath.Rel(dir, path)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil || len(names) == 0 {
		tb.Fatalf("no bench documents in %s: %v", dir, err)
	}
	return names
}

// TestBenchDocumentsLintValid: the real example documents are valid
// AsyncAPI, so lint must not report asyncapi-valid on any of them.
func TestBenchDocumentsLintValid(t *testing.T) {
	dir := benchDir(t)
	cat := rules.Default()
	l := load.NewLoader(load.Dir(dir), "")
	names := benchNames(t, dir)
	for _, name := range names {
		f, err := l.Load(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		fs, err := Lint(contract.Options{Config: config.Defaults(), Catalog: cat}, contract.Doc{File: f, Loader: l})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, f := range fs {
			if f.Rule == rules.AsyncAPIValid {
				t.Errorf("%s:%d:%d: %s", f.File, f.Line, f.Column, f.Message)
			}
		}
	}
	t.Logf("%d bench documents linted without asyncapi-valid", len(names))
}

// BenchmarkLintBenchDocuments lints every bench document (parse included)
// per iteration.
func BenchmarkLintBenchDocuments(b *testing.B) {
	dir := benchDir(b)
	names := benchNames(b, dir)
	cat := rules.Default()
	cfg := config.Defaults()
	datas := make([][]byte, len(names))
	for i, n := range names {
		d, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			b.Fatal(err)
		}
		datas[i] = d
	}
	b.ReportAllocs()
	for b.Loop() {
		l := load.NewLoader(load.Dir(dir), "")
		for _, n := range names {
			f, err := l.Load(n)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Lint(contract.Options{Config: cfg, Catalog: cat}, contract.Doc{File: f, Loader: l}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(names)), "docs")
}

// GenerateDocument writes an AsyncAPI 3.0 document with n channels, each
// with one operation and one message sharing a component schema.
func generateDocument(n int) []byte {
	var b strings.Builder
	b.WriteString("asyncapi: 3.0.0\ninfo: {title: Generated, version: 1.0.0}\nservers:\n  prod: {host: broker.example.com:9093, protocol: kafka-secure, security: [{$ref: '#/components/securitySchemes/sasl'}]}\nchannels:\n")
	for i := range n {
		fmt.Fprintf(&b, "  ch%d:\n    address: domain%d.v1.event\n    messages:\n      M%d:\n        headers: {$ref: '#/components/schemas/Headers'}\n        payload:\n          type: object\n          required: [event_id]\n          properties:\n            event_id: {type: string}\n            amount_minor: {type: integer}\n            currency: {type: string}\n            item: {$ref: '#/components/schemas/Item'}\n", i, i, i)
	}
	b.WriteString("operations:\n")
	for i := range n {
		fmt.Fprintf(&b, "  op%d:\n    action: send\n    channel: {$ref: '#/channels/ch%d'}\n    messages: [{$ref: '#/channels/ch%d/messages/M%d'}]\n", i, i, i, i)
	}
	b.WriteString("components:\n  securitySchemes:\n    sasl: {type: scramSha256}\n  schemas:\n    Headers: {type: object, properties: {traceparent: {type: string}}}\n    Item: {type: object, properties: {sku: {type: string}, price_minor: {type: integer}, currency: {type: string}}}\n")
	return []byte(b.String())
}

func BenchmarkLintGenerated2000(b *testing.B) {
	data := generateDocument(2000)
	cat := rules.Default()
	cfg := config.Defaults()
	b.ReportAllocs()
	for b.Loop() {
		f, err := load.Parse("gen.yaml", data)
		if err != nil {
			b.Fatal(err)
		}
		fs, err := Lint(contract.Options{Config: cfg, Catalog: cat}, contract.Doc{File: f})
		if err != nil {
			b.Fatal(err)
		}
		if len(fs) != 0 {
			b.Fatalf("generated document has findings: %v", fs[0])
		}
	}
}
