package rules

import (
	"strings"
	"testing"
	"time"
)

func TestSplitWordsAndMoney(t *testing.T) {
	m := Defaults().House.Money
	for _, tc := range []struct {
		name  string
		words string
		money bool
	}{
		{"amount", "amount", true},
		{"amount_minor", "amount minor", true},
		{"totalAmountMinor", "total amount minor", true},
		{"unit-price", "unit price", false}, // "unit" excludes
		{"HTTPStatus", "http status", false},
		{"fee_rate", "fee rate", false},
		{"amountCurrency", "amount currency", false},
		{"balance2Due", "balance2 due", false},
		{"ApplicationFeeAmount", "application fee amount", true},
		{"item_count", "item count", false},
		{"name", "name", false},
	} {
		if got := strings.Join(SplitWords(tc.name), " "); got != tc.words {
			t.Errorf("SplitWords(%q) = %q, want %q", tc.name, got, tc.words)
		}
		if got := m.IsMoneyName(tc.name); got != tc.money {
			t.Errorf("IsMoneyName(%q) = %v, want %v", tc.name, got, tc.money)
		}
	}
}

func TestMatchGlob(t *testing.T) {
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"api/**/*.yaml", "api/v1/payments.yaml", true},
		{"api/**/*.yaml", "api/payments.yaml", true},
		{"api/**/*.yaml", "other/payments.yaml", false},
		{"legacy/**", "legacy/a/b/c.json", true},
		{"*.yaml", "a/b.yaml", false},
		{"**", "anything/at/all", true},
	} {
		got, err := MatchGlob(tc.pattern, tc.name)
		if err != nil || got != tc.want {
			t.Errorf("MatchGlob(%q, %q) = %v, %v; want %v", tc.pattern, tc.name, got, err, tc.want)
		}
	}
	if _, err := MatchGlob("api/[", "api/x"); err == nil {
		t.Error("malformed glob accepted")
	}
}

func TestParseConfigErrors(t *testing.T) {
	cat := Default()
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
	} {
		_, err := ParseConfig("c.yaml", []byte(tc.yaml), cat)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ParseConfig(%q) error = %v, want prefix %q", tc.yaml, err, tc.want)
		}
	}
}

func TestApply(t *testing.T) {
	cat := Default()
	cfg, err := ParseConfig("c.yaml", []byte(`
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
	mk := func(rule, file, ptr string) Finding {
		return cat.MustLookup(rule).Finding(file, 1, 1, ptr, "m")
	}
	in := []Finding{
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
	if !strings.Contains(joined, "path-versioned") || !strings.Contains(joined, IgnoreExpired) {
		t.Errorf("after the until date the finding must return with ignore-expired; got %s", joined)
	}
}

func TestFingerprintIgnoresLines(t *testing.T) {
	r := Default().MustLookup(ServerHTTPS)
	a := r.Finding("api.yaml", 3, 5, "/servers/0/url", "m")
	b := r.Finding("api.yaml", 90, 1, "/servers/0/url", "other words")
	c := r.Finding("api.yaml", 3, 5, "/servers/1/url", "m")
	if a.Fingerprint != b.Fingerprint || a.Fingerprint == c.Fingerprint {
		t.Errorf("fingerprints: %s %s %s", a.Fingerprint, b.Fingerprint, c.Fingerprint)
	}
}

func TestCatalogueEntriesComplete(t *testing.T) {
	for _, r := range Default().Rules() {
		if r.ID == "" || r.Summary == "" || r.Job == "" || r.Severity == Off {
			t.Errorf("rule %+v lacks an ID, summary, job or default severity", r)
		}
	}
}
