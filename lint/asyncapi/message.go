package asyncapi

import (
	"slices"
	"strings"

	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/internal/load"
	yaml "go.yaml.in/yaml/v3"
)

func runEventID(p *Pass) {
	p.OnMessage(func(m *asyncapi.Message) {
		want := p.Config.AsyncAPI.EventIDProperty
		s := m.Payload
		if s == nil {
			if load.Value(m.Loc.Node, "payload") == nil {
				p.Report(m.Loc, "message %q has no payload; give it an object payload that requires %s so consumers can deduplicate", m.ID, want)
			}
			return
		}
		if s.Remote || s.Kind == asyncapi.OtherFormat {
			return
		}
		if s.Kind == asyncapi.Avro {
			if s.Avro == nil {
				return
			}
			if rec := avroRecord(s.Avro); rec != nil {
				for _, f := range rec.Fields() {
					if f.Name() == want {
						if !avroRequired(f.Type()) {
							p.Report(s.Loc, "payload field %s of message %q is nullable; make it required so consumers can deduplicate", want, m.ID)
						}
						return
					}
				}
			}
			p.Report(s.Loc, "message %q payload has no %s field; add one so consumers can deduplicate through an inbox", m.ID, want)
			return
		}
		props, required := objectShape(p, s.Loc)
		switch {
		case !slices.Contains(props, want):
			p.Report(s.Loc, "message %q payload has no %s property; add it (required) so consumers can deduplicate through an inbox", m.ID, want)
		case !slices.Contains(required, want):
			p.Report(s.Loc, "message %q payload does not require %s; list it in required so consumers can deduplicate", m.ID, want)
		}
	})
}

func runTraceID(p *Pass) {
	p.OnMessage(func(m *asyncapi.Message) {
		names := headerNames(p, m)
		for _, h := range p.Config.AsyncAPI.TraceHeaders {
			if containsFold(names, h) {
				return
			}
		}
		p.Report(m.Loc, "message %q declares no trace header; add %s to its headers", m.ID, strings.Join(p.Config.AsyncAPI.TraceHeaders, " or "))
	})
}

// headerNames lists the header names a message declares, its traits' too.
func headerNames(p *Pass, m *asyncapi.Message) []string {
	var out []string
	for _, h := range m.AllHeaders() {
		if h.Remote {
			continue
		}
		switch h.Kind {
		case asyncapi.JSONSchema:
			props, _ := objectShape(p, h.Loc)
			out = append(out, props...)
		case asyncapi.Avro:
			if rec := avroRecord(h.Avro); rec != nil {
				for _, f := range rec.Fields() {
					out = append(out, f.Name())
				}
			}
		}
	}
	return out
}

// objectShape returns the property names and required names of an object
// schema, merging allOf branches and following $refs.
func objectShape(p *Pass, l asyncapi.Loc) (props, required []string) {
	w := &walker{l: p.l}
	var visit func(l asyncapi.Loc, depth int)
	visit = func(l asyncapi.Loc, depth int) {
		l, ok := w.follow(l)
		if !ok || l.Node == nil || l.Node.Kind != yaml.MappingNode || depth > 16 {
			return
		}
		if pr := load.Value(l.Node, "properties"); pr != nil && pr.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(pr.Content); i += 2 {
				props = append(props, pr.Content[i].Value)
			}
		}
		if rq := load.Value(l.Node, "required"); rq != nil && rq.Kind == yaml.SequenceNode {
			for _, r := range rq.Content {
				required = append(required, r.Value)
			}
		}
		if all, ok := l.Child("allOf"); ok && all.Node.Kind == yaml.SequenceNode {
			for i := range all.Node.Content {
				visit(all.Item(i), depth+1)
			}
		}
	}
	visit(l, 0)
	return props, required
}
