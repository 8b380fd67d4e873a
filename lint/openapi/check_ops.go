package openapi

import (
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/internal/load"
)

func runWebhookSigned(p *Pass) {
	sig, ts := p.Config.House.SignatureHeader, p.Config.House.TimestampHeader
	p.OnOperation(func(op *Operation) {
		if op.Context != InWebhook && op.Context != InCallback {
			return
		}
		var missing, optional []string
		for _, name := range []string{sig, ts} {
			switch h := op.Header(name); {
			case h == nil:
				missing = append(missing, name)
			case !h.Required:
				optional = append(optional, name)
			}
		}
		switch {
		case len(missing) > 0:
			p.Report(op.Loc, "%s does not declare the %s header; require %s and %s so that receivers can verify the request",
				op.Name(), strings.Join(missing, " and "), sig, ts)
		case len(optional) > 0:
			p.Report(op.Loc, "%s declares %s but does not require it; set required: true so that receivers can verify every request",
				op.Name(), strings.Join(optional, " and "))
		}
	})
}

func runWebhookEventID(p *Pass) {
	prop := p.Config.House.EventIDProperty
	p.OnOperation(func(op *Operation) {
		if op.Context != InWebhook && op.Context != InCallback {
			return
		}
		if op.Body == nil {
			p.Report(op.Loc, "%s has no JSON request body requiring %s; receivers need it to deduplicate deliveries", op.Name(), prop)
			return
		}
		if !p.Required(op.Body)[prop] {
			p.Report(op.BodyLoc, "the request body of %s does not require %s; add it to required so that receivers can deduplicate deliveries", op.Name(), prop)
		}
	})
}

func runOperationIDUnique(p *Pass) {
	first := map[string]*Operation{}
	p.OnOperation(func(op *Operation) {
		k, v := load.Get(op.Node, "operationId")
		if v == nil || v.Kind != yaml.ScalarNode || v.Value == "" {
			p.Report(op.Loc, "%s has no operationId; add a unique one so that clients and docs can name it", op.Name())
			return
		}
		if prev, dup := first[v.Value]; dup {
			p.Report(child(op.Loc, k, "operationId"), "operationId %s is already used by %s; operationIds must be unique", v.Value, prev.Name())
			return
		}
		first[v.Value] = op
	})
}

// validSunset reports whether n is a YYYY-MM-DD date or an RFC 3339 time.
func validSunset(n *yaml.Node) bool {
	if n == nil || n.Kind != yaml.ScalarNode {
		return false
	}
	if _, err := time.Parse(time.DateOnly, n.Value); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, n.Value)
	return err == nil
}

func runDeprecatedSunset(p *Pass) {
	check := func(at Loc, n *yaml.Node, what string) {
		if !isTrue(load.Value(n, "deprecated")) {
			return
		}
		k, v := load.Get(n, "x-sunset")
		switch {
		case k == nil:
			p.Report(at, "deprecated %s has no x-sunset; add x-sunset with the date it will be removed (YYYY-MM-DD)", what)
		case !validSunset(v):
			p.Report(child(at, k, "x-sunset"), "x-sunset %q of deprecated %s is not a date; write YYYY-MM-DD or an RFC 3339 time", v.Value, what)
		}
	}
	p.OnOperation(func(op *Operation) { check(op.Loc, op.Node, "operation "+op.Name()) })
	p.OnParameter(func(prm *Parameter) { check(prm.Loc, prm.Node, "parameter "+prm.Name) })
	p.OnSchema(func(s *Schema) {
		for _, prop := range properties(s) {
			check(prop.Loc, load.Deref(prop.Node), "property "+prop.Name)
		}
	})
}

// explicitKeys are the keywords that give a property a type.
var explicitKeys = map[string]bool{"type": true, "$ref": true, "enum": true, "const": true,
	"allOf": true, "oneOf": true, "anyOf": true}

func runPropertyTypeExplicit(p *Pass) {
	p.OnSchema(func(s *Schema) {
		for _, prop := range properties(s) {
			n := load.Deref(prop.Node)
			if n == nil || n.Kind != yaml.MappingNode {
				if n != nil && n.Kind == yaml.ScalarNode && n.Value == "false" {
					continue // a forbidden property
				}
				p.Report(prop.Loc, "property %s declares no type; add type (or $ref, enum, const or a composition)", prop.Name)
				continue
			}
			typed := false
			for i := 0; i < len(n.Content); i += 2 {
				if explicitKeys[n.Content[i].Value] {
					typed = true
					break
				}
			}
			if !typed {
				p.Report(prop.Loc, "property %s declares no type; add type (or $ref, enum, const or a composition)", prop.Name)
			}
		}
	})
}
