package openapi_test

import (
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	openapilint "github.com/contractctl/contractctl/lint/openapi"
	"github.com/contractctl/contractctl/rules"
)

// The walk reads a document only when something it finds would be kept:
// a $ref to a missing file is an input error (contract-invalid) unless
// the configuration switches off every OpenAPI check and contract-invalid.
func TestWalkSkippedWhenEveryRuleIsOff(t *testing.T) {
	cat := rules.Default()
	var checks, butValid []string
	for _, c := range openapilint.Checks(cat) {
		checks = append(checks, c.Rule.ID)
		if c.Rule.ID != rules.OASValid {
			butValid = append(butValid, c.Rule.ID)
		}
	}
	for _, c := range []struct {
		name    string
		off     []string
		skipped bool
	}{
		{"defaults", nil, false},
		{"every check off, contract-invalid on", checks, false},
		{"contract-invalid and every check but oas-valid off", append([]string{rules.ContractInvalid}, butValid...), false},
		{"contract-invalid and every check off", append([]string{rules.ContractInvalid}, checks...), true},
	} {
		cfg := config.Defaults()
		cfg.Rules = map[string]finding.Severity{}
		for _, id := range c.off {
			cfg.Rules[id] = finding.Off
		}
		l := load.NewLoader(mapReader{"api.yaml": {Data: []byte(
			"openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /v1/a: {$ref: 'missing.yaml#/A'}\n")}}, "")
		f, err := l.Load("api.yaml")
		if err != nil {
			t.Fatal(err)
		}
		fs, err := openapilint.Lint(contract.Options{Config: cfg, Catalog: cat}, contract.Doc{File: f, Loader: l})
		if skipped := err == nil && fs == nil; skipped != c.skipped {
			t.Errorf("%s: findings %v, error %v; want skipped %v", c.name, fs, err, c.skipped)
		}
	}
}
