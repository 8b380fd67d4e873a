package openapi

import (
	"regexp"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/internal/load"
)

func runOperationSecurity(p *Pass) {
	p.OnOperation(func(op *Operation) {
		if op.Context != InPaths || isTrue(load.Value(op.Node, "x-public")) {
			return
		}
		sec := load.Value(op.Node, "security")
		if sec == nil {
			sec = p.Doc.Security
		}
		switch {
		case sec == nil || !isSeq(sec) || len(sec.Content) == 0:
			p.Report(op.Loc, "%s has no security requirement; add one (or a global security) or mark a public endpoint with x-public: true", op.Name())
		case anonymousAllowed(sec):
			p.Report(op.Loc, "%s allows anonymous access through an empty security requirement ({}); remove it or mark the endpoint x-public: true", op.Name())
		}
	})
}

// anonymousAllowed reports whether a security list has an empty entry.
func anonymousAllowed(sec *yaml.Node) bool {
	for _, r := range sec.Content {
		r = load.Deref(r)
		if isMap(r) && len(r.Content) == 0 {
			return true
		}
	}
	return false
}

func runNoAPIKeyInQuery(p *Pass) {
	p.OnSecurityScheme(func(s *SecurityScheme) {
		t, in := load.Value(s.Node, "type"), load.Value(s.Node, "in")
		if t != nil && t.Value == "apiKey" && in != nil && in.Value == "query" {
			p.Report(s.Loc, "API key scheme %s is sent in the query string, where logs and caches keep it; send it in a header", s.Name)
		}
	})
}

// secretPattern is one kind of live credential.
type secretPattern struct {
	hint string // a substring every match contains, checked first
	re   *regexp.Regexp
	what string
}

var secretPatterns = []secretPattern{
	{"sk_live_", regexp.MustCompile(`sk_live_[0-9A-Za-z]{8,}`), "a live secret API key (sk_live_…)"},
	{"rk_live_", regexp.MustCompile(`rk_live_[0-9A-Za-z]{8,}`), "a live restricted API key (rk_live_…)"},
	{"AKIA", regexp.MustCompile(`(^|[^0-9A-Za-z])AKIA[0-9A-Z]{16}($|[^0-9A-Za-z])`), "an AWS access key ID (AKIA…)"},
	{"PRIVATE KEY-----", regexp.MustCompile(`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----`), "a PEM private key"},
	{"ghp_", regexp.MustCompile(`ghp_[0-9A-Za-z]{20,}`), "a GitHub personal access token (ghp_…)"},
	{"xox", regexp.MustCompile(`xox[abpr]-[0-9A-Za-z-]{10,}`), "a Slack token (xox…)"},
	{"eyJ", regexp.MustCompile(`eyJ[0-9A-Za-z_-]+\.[0-9A-Za-z_-]+\.[0-9A-Za-z_-]+`), "a JSON Web Token"},
}

// secretKind names what s looks like, or "".
func secretKind(s string) string {
	for _, sp := range secretPatterns {
		if strings.Contains(s, sp.hint) && sp.re.MatchString(s) {
			return sp.what
		}
	}
	return ""
}

func runNoSecrets(p *Pass) {
	p.OnExample(func(e *Example) {
		if len(e.Value) < 12 {
			return
		}
		if what := secretKind(e.Value); what != "" {
			p.Report(e.Loc, "example value looks like %s; replace it with an obvious placeholder and rotate the credential if it was real", what)
		}
	})
}
