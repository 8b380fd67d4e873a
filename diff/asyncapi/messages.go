package asyncapi

import (
	"encoding/json"
	"strings"

	"github.com/contractctl/contractctl/diff/schema"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// msgPair is a base and a head message matched by their place.
type msgPair struct{ b, h *asyncapi.Message }

// pair queues a matched message pair for comparison (once per pair: a
// shared component message is compared once).
func (d *differ) pair(b, h *asyncapi.Message) {
	if b == nil || h == nil {
		return
	}
	k := b.Loc.ID() + "\x00" + h.Loc.ID()
	if d.compared[k] {
		return
	}
	d.compared[k] = true
	d.pairs = append(d.pairs, msgPair{b, h})
}

// users lists the head operations that use m ("send onPaid"), or its
// channels when no operation does.
func (d *differ) users(m *asyncapi.Message) []string {
	if d.usedBy == nil {
		d.usedBy = map[*asyncapi.Message][]string{}
		for _, op := range d.h.Operations {
			for _, om := range op.Messages {
				d.usedBy[om] = append(d.usedBy[om], string(op.Action)+" "+opName(d.h.Major, op))
			}
		}
	}
	out := d.usedBy[m]
	if len(out) == 0 {
		for _, c := range m.Channels {
			out = append(out, "channel "+c.Key)
		}
	}
	return out
}

// directions says how to compare a message's schemas: as a response when
// consumers read it (the application sends it), as a request when
// producers write it (the application receives it), both when unknown.
func directions(b, h *asyncapi.Message) []schema.Direction {
	sends, receives := b.Sends || h.Sends, b.Receives || h.Receives
	var out []schema.Direction
	if sends || !receives {
		out = append(out, schema.Response)
	}
	if receives || !sends {
		out = append(out, schema.Request)
	}
	return out
}

func (d *differ) messages() error {
	for _, p := range d.pairs {
		if err := d.message(p.b, p.h); err != nil {
			return err
		}
	}
	return nil
}

func (d *differ) message(b, h *asyncapi.Message) error {
	users := d.users(h)
	note := func(f *finding.Finding) {
		for _, u := range users {
			addUser(f, u)
		}
	}
	if bf, hf := normFormat(b.SchemaFormat), normFormat(h.SchemaFormat); bf != hf {
		at := h.SchemaFormatLoc
		if at.Node == nil {
			at = h.Loc
		}
		bat := b.SchemaFormatLoc
		if bat.Node == nil {
			bat = b.Loc
		}
		bs, hs := showFormat(b.SchemaFormat), showFormat(h.SchemaFormat)
		note(d.report(rules.MessageSchemaFormatChanged, at, bat, bs+" → "+hs,
			"message %q changed its schemaFormat from %s to %s; serializers on both sides must change together — publish it as a new message", h.ID, bs, hs))
	}
	bct, hct := or(b.ContentType, d.b.DefaultContentType), or(h.ContentType, d.h.DefaultContentType)
	// An explicit content type where none applied counts as a change too:
	// consumers may have decoded the payload some other way.
	if !strings.EqualFold(bct, hct) {
		note(d.report(rules.MessageContentTypeChanged, child(d.hl, h.Loc, "contentType"), child(d.bl, b.Loc, "contentType"), orNone(bct)+" → "+orNone(hct),
			"message %q changed its content type from %s to %s; consumers decode the old encoding", h.ID, orNone(bct), orNone(hct)))
	}
	if bc := b.Correlation(); bc != nil {
		hc := h.Correlation()
		switch {
		case hc == nil:
			note(d.report(rules.MessageCorrelationIDChanged, h.Loc, bc.Loc, bc.Location+" → (removed)",
				"message %q no longer declares its correlationId (%s); request/reply peers match replies through it", h.ID, bc.Location))
		case hc.Location != bc.Location:
			note(d.report(rules.MessageCorrelationIDChanged, child(d.hl, hc.Loc, "location"), child(d.bl, bc.Loc, "location"), bc.Location+" → "+hc.Location,
				"message %q moved its correlationId from %s to %s; request/reply peers look in the old place", h.ID, bc.Location, hc.Location))
		}
	}
	if b.KafkaKey.Node != nil || h.KafkaKey.Node != nil {
		bk, hk := canonical(d.bl, b.KafkaKey), canonical(d.hl, h.KafkaKey)
		if bk != hk {
			at := h.KafkaKey
			if at.Node == nil {
				at = h.Loc
			}
			note(d.report(rules.KafkaKeyChanged, at, b.KafkaKey, "", "message %q changed its Kafka key; the key decides partitioning and ordering, and consumers deserialize it", h.ID))
		}
	}
	if normFormat(b.SchemaFormat) != normFormat(h.SchemaFormat) {
		return nil // the schemas are in different languages: reported above
	}
	dirs := directions(b, h)
	if err := d.schemas("payload", h, b.Payload, h.Payload, dirs, users); err != nil {
		return err
	}
	return d.headers(h, b, dirs, users)
}

// headers compares the message's own headers and those of its traits,
// matched by position.
func (d *differ) headers(h, b *asyncapi.Message, dirs []schema.Direction, users []string) error {
	if err := d.schemas("header", h, b.Headers, h.Headers, dirs, users); err != nil {
		return err
	}
	for i := 0; i < len(b.Traits) && i < len(h.Traits); i++ {
		if err := d.schemas("header", h, b.Traits[i].Headers, h.Traits[i].Headers, dirs, users); err != nil {
			return err
		}
	}
	return nil
}

func showFormat(f string) string {
	if f == "" {
		return "the default AsyncAPI schema"
	}
	return f
}

func orNone(s string) string { return or(s, "(unspecified)") }

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// normFormat normalizes a schemaFormat to its schema language:
// JSON-schema-like formats (the default AsyncAPI schema, JSON Schema in
// JSON or YAML) are one language, whatever their version.
func normFormat(f string) string {
	switch asyncapi.KindOf(f) {
	case asyncapi.JSONSchema:
		return "asyncapi-schema"
	case asyncapi.Avro:
		return "avro"
	}
	f = strings.ToLower(strings.TrimSpace(f))
	if i := strings.Index(f, ";"); i >= 0 {
		f = f[:i]
	}
	return f
}

// canonical renders the (resolved) node at l as JSON with sorted keys,
// for equality; "" when absent.
func canonical(ld *load.Loader, l asyncapi.Loc) string {
	if l.Node == nil {
		return ""
	}
	rl, ok := asyncapi.Follow(ld, l)
	if !ok {
		return "$ref:" + load.Ref(rl.Node)
	}
	var v any
	if err := rl.Node.Decode(&v); err != nil {
		return "invalid:" + err.Error()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "invalid:" + err.Error()
	}
	return string(b)
}
