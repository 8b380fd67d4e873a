package asyncapi

import (
	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/internal/load"
	yaml "go.yaml.in/yaml/v3"
)

func runChannelVersioned(p *Pass) {
	re := p.Config.AsyncAPI.ChannelVersionRegexp()
	for _, ch := range p.Doc.Channels {
		if !ch.HasAddress || re == nil || re.MatchString(ch.Address) {
			continue
		}
		what := "name"
		if p.Doc.Major == 3 {
			what = "address"
		}
		p.Report(ch.AddressLoc, "channel %s %q has no version segment; add one such as v1 (payments.v1.captured, /v1/payments)", what, ch.Address)
	}
}

func runOperationIDUnique(p *Pass) {
	if p.Doc.Major != 2 {
		return // 3.0 operations are keyed by their id
	}
	first := map[string]*asyncapi.Operation{}
	for _, op := range p.Doc.Operations {
		if op.ID == "" {
			p.Report(op.Loc, "the %s operation of channel %q has no operationId; add one, unique in the document", op.Key, op.Channel.Key)
			continue
		}
		if prev, ok := first[op.ID]; ok {
			p.Report(op.IDLoc, "operationId %q is also used by the %s operation of channel %q; make it unique", op.ID, prev.Key, prev.Channel.Key)
			continue
		}
		first[op.ID] = op
	}
}

// runDeprecatedSunset reports deprecated channels, operations, messages
// and schema properties without an x-sunset date.
func runDeprecatedSunset(p *Pass) {
	for _, ch := range p.Doc.Channels {
		needSunset(p, ch.Lifecycle, "channel "+ch.Key)
	}
	for _, op := range p.Doc.Operations {
		needSunset(p, op.Lifecycle, "operation "+op.ID)
	}
	for _, m := range p.Doc.Messages {
		needSunset(p, m.Lifecycle, "message "+m.ID)
	}
	p.OnProperty(func(pr *Property) { deprecatedProperty(p, pr) })
}

func needSunset(p *Pass, lc asyncapi.Lifecycle, what string) {
	if lc.Deprecated && lc.Sunset == "" {
		p.Report(lc.DeprecatedLoc, "%s is deprecated without x-sunset; add x-sunset with the date it will be removed", what)
	}
}

func deprecatedProperty(p *Pass, pr *Property) {
	if pr.Schema.Node == nil || pr.Schema.Node.Kind != yaml.MappingNode {
		return
	}
	var lc asyncapi.Lifecycle
	for _, k := range []string{"deprecated", "x-deprecated"} {
		if d, ok := pr.Schema.Child(k); ok && d.Node.Kind == yaml.ScalarNode && d.Node.Value == "true" {
			lc.Deprecated, lc.DeprecatedLoc = true, d
		}
	}
	if load.Value(pr.Schema.Node, "x-sunset") != nil {
		return
	}
	// A property's deprecation may sit on the property itself (its $ref
	// target is then a shared schema).
	if lc.Deprecated {
		needSunset(p, lc, "property "+pr.Name)
	}
}
