package diff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func opts(dir string) Options {
	return Options{Head: load.NewLoader(load.Dir(dir), ""), Options: contract.Options{Config: config.Defaults(), Catalog: rules.Default(), Today: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "old.yaml", "openapi: 3.0.3\ninfo: {title: a, version: 1.0.0}\npaths:\n  /v1/a:\n    get:\n      responses: {'200': {description: ok}}\n")
	write(t, dir, "new.yaml", "openapi: 3.0.3\ninfo: {title: a, version: 2.0.0}\npaths: {}\n")
	write(t, dir, "async.yaml", "asyncapi: 3.0.0\ninfo: {title: a, version: 1.0.0}\n")
	write(t, dir, "notes.yaml", "just: notes\n")
	o := opts(dir)
	fs, err := Files(o, load.NewLoader(load.Dir(dir), ""), "old.yaml", "new.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Rule != rules.DiffAPIPathRemovedWithoutDeprecation || fs[0].File != "new.yaml" || fs[0].Base == nil || fs[0].Base.File != "old.yaml" {
		t.Errorf("findings = %+v", fs)
	}
	if _, err := Files(o, load.NewLoader(load.Dir(dir), ""), "old.yaml", "async.yaml"); err == nil || !strings.Contains(err.Error(), "contract kind changed from OpenAPI") {
		t.Errorf("kind change: err = %v", err)
	}
	if _, err := Files(o, load.NewLoader(load.Dir(dir), ""), "old.yaml", "notes.yaml"); err == nil || !strings.Contains(err.Error(), "not a contract") {
		t.Errorf("not a contract: err = %v", err)
	}
	// A side that cannot be read or parsed is a contract-invalid finding.
	fs, err = Files(o, load.NewLoader(load.Dir(dir), ""), "old.yaml", "missing.yaml")
	if err != nil || len(fs) != 1 || fs[0].Rule != rules.ContractInvalid || fs[0].File != "missing.yaml" || fs[0].Message != "cannot read: no such file" {
		t.Errorf("missing: %+v, %v", fs, err)
	}
}
