package openapi

import (
	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/house"
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

func runNoSecrets(p *Pass) {
	p.OnExample(func(e *Example) {
		if what := house.Secret(e.Name, e.Value); what != "" {
			p.Report(e.Loc, "example value looks like %s; replace it with an obvious placeholder and rotate the credential if it was real", what)
		}
	})
}
