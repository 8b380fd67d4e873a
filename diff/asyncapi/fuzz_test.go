package asyncapi

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// FuzzDiff: comparing a golden base with any head never panics. The seeds
// are the golden heads.
func FuzzDiff(f *testing.F) {
	heads, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "diff", "asyncapi", "*-v3", "head.yaml"))
	for _, h := range heads {
		if data, err := os.ReadFile(h); err == nil {
			f.Add(data)
		}
	}
	baseData, err := os.ReadFile(filepath.Join("..", "..", "testdata", "diff", "asyncapi", "payload-send-v3", "base.yaml"))
	if err != nil {
		f.Skip(err)
	}
	cat, cfg := rules.Default(), config.Defaults()
	f.Fuzz(func(t *testing.T, data []byte) {
		base, err := load.Parse("base.yaml", baseData)
		if err != nil {
			t.Fatal(err)
		}
		head, err := load.Parse("head.yaml", data)
		if err != nil || head.Kind != load.AsyncAPI {
			return
		}
		if _, err := Diff(contract.Options{Config: cfg, Catalog: cat, Today: today}, contract.Doc{File: base}, contract.Doc{File: head}); err != nil {
			// Unresolvable references are input errors, not crashes.
			return
		}
	})
}

// FuzzDiffAvro: comparing a base with inline Avro payloads with any head
// never panics (the Avro check, and locating its findings in both
// sources). The seeds are the inline Avro golden heads.
func FuzzDiffAvro(f *testing.F) {
	root := filepath.Join("..", "..", "testdata", "diff", "asyncapi")
	for _, c := range []string{"avro-receive-v3", "avro-send-v3", "same-avro-reordered-v3"} {
		if data, err := os.ReadFile(filepath.Join(root, c, "head.yaml")); err == nil {
			f.Add(data)
		}
	}
	baseData, err := os.ReadFile(filepath.Join(root, "avro-receive-v3", "base.yaml"))
	if err != nil {
		f.Skip(err)
	}
	cat, cfg := rules.Default(), config.Defaults()
	f.Fuzz(func(t *testing.T, data []byte) {
		base, err := load.Parse("base.yaml", baseData)
		if err != nil {
			t.Fatal(err)
		}
		head, err := load.Parse("head.yaml", data)
		if err != nil || head.Kind != load.AsyncAPI {
			return
		}
		fs, err := Diff(contract.Options{Config: cfg, Catalog: cat, Today: today}, contract.Doc{File: base}, contract.Doc{File: head})
		if err != nil {
			return
		}
		for _, f := range fs {
			if f.Rule == rules.MessageAvroIncompatible && (f.File == "" || f.Pointer == "" || f.Line == 0) {
				t.Fatalf("Avro finding without a location: %+v", f)
			}
		}
	})
}
