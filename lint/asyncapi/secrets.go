package asyncapi

import (
	"github.com/contractctl/contractctl/house"
	"github.com/contractctl/contractctl/internal/asyncapi"
	yaml "go.yaml.in/yaml/v3"
)

// runNoSecrets scans message examples and the example-like values of
// every schema for live-looking secrets.
func runNoSecrets(p *Pass) {
	p.OnMessage(func(m *asyncapi.Message) {
		for _, ex := range m.Examples {
			scanSecrets(p, ex, "", 0)
		}
	})
	p.OnSchema(func(l asyncapi.Loc) {
		for _, k := range []string{"examples", "example", "default", "const", "enum"} {
			if c, ok := l.Child(k); ok {
				scanSecrets(p, c, "", 0)
			}
		}
	})
}

// scanSecrets reports string values under l that look like live secrets.
func scanSecrets(p *Pass, l asyncapi.Loc, name string, depth int) {
	if l.Node == nil || depth > 64 {
		return
	}
	switch l.Node.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(l.Node.Content); i += 2 {
			k := l.Node.Content[i].Value
			c, _ := l.Child(k)
			scanSecrets(p, c, k, depth+1)
		}
	case yaml.SequenceNode:
		for i := range l.Node.Content {
			scanSecrets(p, l.Item(i), name, depth+1)
		}
	case yaml.ScalarNode:
		if what := house.Secret(name, l.Node.Value); what != "" {
			p.Report(l, "example value looks like %s; replace it with an obvious placeholder and rotate the credential if it was real", what)
		}
	}
}
