package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/rules"
)

// testRegistryCLI is a registry CLI writing to buffers, with its root in a
// fresh directory that is also the working directory.
func testRegistryCLI(t *testing.T) (*registryCLI, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	g := &globals{stdout: &stdout, stderr: &stderr, catalog: rules.Default()}
	return &registryCLI{g: g, dir: "schemas"}, &stdout, &stderr
}

// The run functions work without cobra: init, add, list and show driven
// through their Options.
func TestRegistryRunFunctions(t *testing.T) {
	r, stdout, _ := testRegistryCLI(t)
	if err := runRegistryInit(&registryInitOptions{registryCLI: r, Compatibility: "FULL"}); err != nil {
		t.Fatal(err)
	}
	if got, want := stdout.String(), "created schemas/registry.yaml (compatibility: FULL)\n"; got != want {
		t.Fatalf("init printed %q, want %q", got, want)
	}
	schema := `{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}`
	if err := os.WriteFile("order.avsc", []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	add := &registryAddOptions{registryCLI: r, Subject: "orders-value", File: "order.avsc", Out: reportFlags{format: "text", failOn: "error"}}
	if err := runRegistryAdd(add); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "registered orders-value version 1 (schemas/orders-value/1.avsc) at FULL") {
		t.Fatalf("add printed %q", stdout.String())
	}
	stdout.Reset()
	if err := runRegistryList(&registryListOptions{registryCLI: r, Format: "json"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), `"versions": [`) || !strings.Contains(stdout.String(), `"compatibility": "FULL"`) {
		t.Fatalf("list printed %s", stdout.String())
	}
	stdout.Reset()
	if err := runRegistryShow(&registryShowOptions{registryCLI: r, Subject: "orders-value", Format: "text", Version: "1"}); err != nil {
		t.Fatal(err)
	}
	if got := stdout.String(); got != schema+"\n" {
		t.Fatalf("show printed %q", got)
	}
	if _, err := os.Stat(filepath.Join("schemas", "orders-value", "1.avsc")); err != nil {
		t.Fatal(err)
	}
}
