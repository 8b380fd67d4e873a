package asyncapi

import (
	"strings"

	"github.com/contractctl/contractctl/internal/load"
	yaml "go.yaml.in/yaml/v3"
)

var (
	message2Keys = []string{"messageId", "headers", "payload", "correlationId", "schemaFormat", "contentType", "name", "title", "summary", "description", "tags", "externalDocs", "bindings", "examples", "traits", "deprecated"}
	message3Keys = []string{"headers", "payload", "correlationId", "contentType", "name", "title", "summary", "description", "tags", "externalDocs", "bindings", "examples", "traits", "deprecated"}
)

// message parses the message at site (following $refs) once; key is its
// map key when it has one (3.0 channel messages, components.messages).
func (p *parser) message(site Loc, key string) *Message {
	rl, ok := p.resolve(site)
	if !ok {
		return nil
	}
	if m := p.messages[rl.ID()]; m != nil {
		return m
	}
	if !p.mapping(rl, "a message") {
		return nil
	}
	m := &Message{Loc: rl, Lifecycle: p.lifecycle(rl)}
	p.messages[rl.ID()] = m
	if p.doc.Major == 2 {
		p.allowedKeys(rl, "a message", message2Keys...)
	} else {
		p.allowedKeys(rl, "a message", message3Keys...)
	}
	for _, k := range []string{"name", "messageId", "title", "summary", "description", "contentType", "schemaFormat"} {
		p.optString(rl, k)
	}
	if v, ok := rl.Child("name"); ok && p.isString(v) {
		m.Name = v.Node.Value
	}
	m.ID = key
	if id, ok := rl.Child("messageId"); ok && p.isString(id) && m.ID == "" {
		m.ID = id.Node.Value
	}
	if m.ID == "" {
		if toks := load.Split(rl.Pointer); len(toks) == 3 && toks[0] == "components" && toks[1] == "messages" {
			m.ID = toks[2]
		}
	}
	if m.ID == "" {
		m.ID = m.Name
	}
	if m.ID == "" {
		m.ID = rl.Pointer
	}
	if v, ok := rl.Child("contentType"); ok && p.isString(v) {
		m.ContentType = v.Node.Value
	}
	format := ""
	if v, ok := rl.Child("schemaFormat"); ok && p.isString(v) {
		format, m.SchemaFormat, m.SchemaFormatLoc = v.Node.Value, v.Node.Value, v
	}
	if h, ok := rl.Child("headers"); ok {
		m.Headers = p.schemaMaybeMulti(h, "")
		if s := m.Headers; s != nil && s.Kind == JSONSchema && !s.Remote {
			if t := load.Value(s.Loc.Node, "type"); t != nil && t.Kind == yaml.ScalarNode && t.Value != "object" {
				p.problem(s.Loc, "message headers must be a schema of type object")
			}
		}
	}
	if pl, ok := rl.Child("payload"); ok {
		if p.doc.Major == 2 {
			m.Payload = p.schema(pl, format)
		} else {
			m.Payload = p.schemaMaybeMulti(pl, "")
			if m.Payload != nil && m.Payload.Format != "" {
				m.SchemaFormat = m.Payload.Format
				if f, ok := pl.Child("schemaFormat"); ok {
					m.SchemaFormatLoc = f
				}
			}
		}
	}
	if c, ok := rl.Child("correlationId"); ok {
		m.CorrelationID = p.correlation(c)
	}
	if ex, ok := rl.Child("examples"); ok && p.sequence(ex, "message examples") {
		for i := range ex.Node.Content {
			it := ex.Item(i)
			if p.mapping(it, "a message example") {
				m.Examples = append(m.Examples, it)
			}
		}
	}
	if tr, ok := rl.Child("traits"); ok && p.sequence(tr, "message traits") {
		for i := range tr.Node.Content {
			if t := p.trait(tr.Item(i)); t != nil {
				m.Traits = append(m.Traits, t)
			}
		}
	}
	if k, ok := p.bindingChild(rl, "kafka", "key"); ok {
		m.KafkaKey = k
		p.resolve(k)
	}
	p.doc.Messages = append(p.doc.Messages, m)
	return m
}

func (p *parser) trait(site Loc) *Trait {
	rl, ok := p.resolve(site)
	if !ok || !p.mapping(rl, "a message trait") {
		return nil
	}
	t := &Trait{Loc: rl}
	if h, ok := rl.Child("headers"); ok {
		t.Headers = p.schemaMaybeMulti(h, "")
	}
	if c, ok := rl.Child("correlationId"); ok {
		t.CorrelationID = p.correlation(c)
	}
	return t
}

func (p *parser) correlation(site Loc) *CorrelationID {
	rl, ok := p.resolve(site)
	if !ok || !p.mapping(rl, "a correlationId") {
		return nil
	}
	loc, at := p.reqString(rl, "location", "a correlationId")
	if loc != "" && !strings.HasPrefix(loc, "$message.") {
		p.problem(at, "correlationId location %q must be a runtime expression starting with $message.header# or $message.payload#", loc)
	}
	return &CorrelationID{Loc: rl, Location: loc}
}

// schemaMaybeMulti parses a schema that may be a 3.0 Multi Format Schema
// Object ({schemaFormat, schema}).
func (p *parser) schemaMaybeMulti(site Loc, format string) *Schema {
	if p.doc.Major == 3 && site.Node != nil && site.Node.Kind == yaml.MappingNode {
		f, hasFormat := site.Child("schemaFormat")
		s, hasSchema := site.Child("schema")
		if hasFormat && hasSchema {
			if !p.isString(f) {
				p.problem(f, "schemaFormat must be a string")
				return nil
			}
			return p.schema(s, f.Node.Value)
		}
		if hasFormat != hasSchema {
			p.problem(site, "a multi-format schema needs both schemaFormat and schema")
		}
	}
	return p.schema(site, format)
}

// KindOf classifies a schemaFormat string.
func KindOf(format string) SchemaKind {
	f := strings.ToLower(strings.TrimSpace(format))
	switch {
	case f == "",
		strings.HasPrefix(f, "application/vnd.aai.asyncapi"),
		strings.HasPrefix(f, "application/schema+json"),
		strings.HasPrefix(f, "application/schema+yaml"):
		return JSONSchema
	case strings.HasPrefix(f, "application/vnd.apache.avro"):
		return Avro
	}
	return OtherFormat
}

// schema parses the root schema at site written in format.
func (p *parser) schema(site Loc, format string) *Schema {
	kind := KindOf(format)
	if ref := load.Ref(site.Node); ref != "" && isRemote(ref) {
		return &Schema{Kind: kind, Format: format, Loc: site, Remote: true}
	}
	rl, ok := p.resolve(site)
	if !ok {
		if ref := load.Ref(rl.Node); isRemote(ref) {
			return &Schema{Kind: kind, Format: format, Loc: rl, Remote: true}
		}
		return nil
	}
	id := rl.ID() + "|" + format
	if s := p.schemas[id]; s != nil {
		return s
	}
	s := &Schema{Kind: kind, Format: format, Loc: rl}
	p.schemas[id] = s
	switch kind {
	case JSONSchema:
		if rl.Node.Kind != yaml.MappingNode && !(rl.Node.Kind == yaml.ScalarNode && rl.Node.Tag == "!!bool") {
			p.problem(rl, "a schema must be an object (or a boolean)")
		} else {
			p.checkSchemaRefs(rl, 0)
		}
	case Avro:
		s.Avro = p.parseAvro(rl)
	}
	p.doc.Schemas = append(p.doc.Schemas, s)
	return s
}

// checkSchemaRefs reports unresolvable $refs inside a JSON schema, each
// node once.
func (p *parser) checkSchemaRefs(l Loc, depth int) {
	n := l.Node
	if n == nil || depth > 256 || p.walked[n] {
		return
	}
	p.walked[n] = true
	switch n.Kind {
	case yaml.MappingNode:
		if ref := load.Ref(n); ref != "" {
			if next, ok := p.resolve(l); ok {
				p.checkSchemaRefs(next, depth+1)
			}
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			v := load.Deref(n.Content[i+1])
			if v.Kind == yaml.ScalarNode || k == "examples" || k == "example" || k == "default" || k == "const" || k == "enum" || strings.HasPrefix(k, "x-") {
				continue
			}
			p.checkSchemaRefs(Loc{File: l.File, Pointer: load.Join(l.Pointer, k), Key: n.Content[i], Node: v}, depth+1)
		}
	case yaml.SequenceNode:
		for i := range n.Content {
			if n.Content[i].Kind != yaml.ScalarNode {
				p.checkSchemaRefs(l.Item(i), depth+1)
			}
		}
	}
}
