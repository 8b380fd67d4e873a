package asyncapi

import (
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// The document is read only when something found in it would be kept:
// an invalid channel is an asyncapi-valid finding unless the configuration
// switches off every AsyncAPI check, asyncapi-valid and contract-invalid.
func TestSkippedWhenEveryRuleIsOff(t *testing.T) {
	everything := []string{rules.ContractInvalid}
	for _, c := range checkTable {
		everything = append(everything, c.ID)
	}
	for _, c := range []struct {
		name    string
		off     []string
		skipped bool
	}{
		{"defaults", nil, false},
		{"every check and contract-invalid off", everything, false},
		{"asyncapi-valid too", append(everything, rules.AsyncAPIValid), true},
	} {
		cfg := config.Defaults()
		cfg.Rules = map[string]finding.Severity{}
		for _, id := range c.off {
			cfg.Rules[id] = finding.Off
		}
		f, err := load.Parse("api.yaml", []byte("asyncapi: 2.6.0\ninfo: {title: t, version: 1.0.0}\nchannels:\n  a.v1: 7\n"))
		if err != nil {
			t.Fatal(err)
		}
		fs, err := Lint(contract.Options{Config: cfg, Catalog: rules.Default()}, contract.Doc{File: f, Loader: load.NewLoader(load.Dir(t.TempDir()), "")})
		if skipped := err == nil && fs == nil; skipped != c.skipped {
			t.Errorf("%s: findings %v, error %v; want skipped %v", c.name, fs, err, c.skipped)
		}
	}
}
