package config

import (
	"strings"
	"testing"
	"time"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/rules"
)

func TestParseConfigErrors(t *testing.T) {
	cat := rules.Default()
	for _, tc := range []struct {
		yaml, want string
	}{
		{"colour: red\n", `c.yaml:1: unknown key "colour"`},
		{"house:\n  idempotency: X\n", `c.yaml:2: unknown key "idempotency"`},
		{"rules:\n  nope: off\n", `c.yaml:2:3: unknown rule "nope"`},
		{"rules:\n  server-https: loud\n", `c.yaml:2:17: rule server-https: unknown severity "loud"`},
		{"ignore:\n  - rule: nope\n", `c.yaml:2:11: unknown rule "nope" in ignore`},
		{"ignore:\n  - rule: server-https\n    until: tomorrow\n", `c.yaml:2:5: ignore server-https: until "tomorrow" is not a YYYY-MM-DD date`},
		{"house:\n  version_path: '('\n", `c.yaml: house.version_path: error parsing regexp`},
		{"contracts: [\n", `c.yaml:1: did not find expected node content`},
		// A value of the wrong type names the key and what it should be,
		// never yaml.v3's Go types.
		{"rules: [a]\n", "c.yaml:1:8: rules: want a mapping, not a list"},
		{"rules:\n  server-https: [x]\n", "c.yaml:2:17: rule server-https: want a severity (error, warn, info or off), not a list"},
		{"house:\n  money: 3\n", "c.yaml:2:10: house.money: want a mapping, not the number `3`"},
		{"contracts: 3\n", "c.yaml:1:12: contracts: want a list, not the number `3`"},
		{"ignore:\n  - rule: server-https\n    files: x\n", "c.yaml:3:12: ignore[0].files: want a list, not the text `x`"},
		{"registry: {dir: [a]}\n", "c.yaml:1:17: registry.dir: want a string, not a list"},
	} {
		_, err := Parse("c.yaml", []byte(tc.yaml), cat)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Parse(%q) error = %v, want prefix %q", tc.yaml, err, tc.want)
		}
		if err != nil && (strings.Contains(err.Error(), "!!") || strings.Contains(err.Error(), "unmarshal")) {
			t.Errorf("Parse(%q) error %q shows yaml.v3's own text", tc.yaml, err)
		}
	}
}

func TestApply(t *testing.T) {
	cat := rules.Default()
	cfg, err := Parse("c.yaml", []byte(`
rules:
  trace-id-header: off
  server-https: warn
ignore:
  - rule: money-integer-minor-units
    files: ["legacy/**"]
    pointer: /components/schemas/LegacyCharge
    reason: frozen
  - rule: path-versioned
    until: 2026-01-31
`), cat)
	if err != nil {
		t.Fatal(err)
	}
	mk := func(rule, file, ptr string) finding.Finding {
		return cat.MustLookup(rule).Finding(file, 1, 1, ptr, "m")
	}
	in := []finding.Finding{
		mk("trace-id-header", "api.yaml", "/paths"),
		mk("server-https", "api.yaml", "/servers/0/url"),
		mk("money-integer-minor-units", "legacy/v0.yaml", "/components/schemas/LegacyCharge/properties/amount"),
		mk("money-integer-minor-units", "legacy/v0.yaml", "/components/schemas/LegacyChargeX/properties/amount"),
		mk("money-integer-minor-units", "api.yaml", "/components/schemas/LegacyCharge/properties/amount"),
		mk("path-versioned", "api.yaml", "/paths/~1payments"),
	}
	before := cfg.Apply(in, cat, time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC))
	var got []string
	for _, f := range before {
		got = append(got, f.Rule+"@"+f.File+"="+f.Severity.String())
	}
	want := "money-integer-minor-units@api.yaml=error server-https@api.yaml=warn money-integer-minor-units@legacy/v0.yaml=error"
	if strings.Join(got, " ") != want {
		t.Errorf("on the until date:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	after := cfg.Apply(in, cat, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	var rulesAfter []string
	for _, f := range after {
		rulesAfter = append(rulesAfter, f.Rule)
	}
	joined := strings.Join(rulesAfter, " ")
	if !strings.Contains(joined, "path-versioned") || !strings.Contains(joined, rules.IgnoreExpired) {
		t.Errorf("after the until date the finding must return with ignore-expired; got %s", joined)
	}
}
