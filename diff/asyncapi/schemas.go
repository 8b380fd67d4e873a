package asyncapi

import (
	"fmt"
	"strings"

	"github.com/contractctl/contractctl/diff/schema"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/rules"
)

// schemas compares a payload or header schema pair of message h in every
// direction the message is used, and reports each change once, where it is
// written, with the operations that use it.
func (d *differ) schemas(scope string, h *asyncapi.Message, bs, hs *asyncapi.Schema, dirs []schema.Direction, users []string) error {
	what := scope
	if scope == "header" {
		what = "headers"
	}
	note := func(f *finding.Finding) {
		for _, u := range users {
			addUser(f, u)
		}
	}
	switch {
	case bs == nil && hs == nil:
		return nil
	case bs == nil:
		id := d.pick(scope, dirs, "", rules.SchemaNarrowed)
		note(d.report(id, hs.Loc, asyncapi.Loc{}, "(any) → schema",
			"message %q now constrains its %s with a schema where it had none%s", h.ID, what, d.advice(id)))
		return nil
	case hs == nil:
		id := d.pick(scope, dirs, rules.SchemaWidened, "")
		note(d.report(id, h.Loc, bs.Loc, "schema → (any)",
			"message %q no longer declares its %s schema, so any %s is allowed%s", h.ID, what, what, d.advice(id)))
		return nil
	case bs.Remote || hs.Remote:
		br, hr := canonical(d.bl, bs.Loc), canonical(d.hl, hs.Loc)
		if br != hr {
			note(d.report(rules.MessageSchemaChanged, hs.Loc, bs.Loc, "",
				"message %q %s changed to or from a remote reference, which contractctl does not fetch; check its compatibility by hand", h.ID, what))
		}
		return nil
	case bs.Kind == asyncapi.Avro && hs.Kind == asyncapi.Avro:
		return d.avro(scope, h, bs, hs, dirs, note)
	case bs.Kind != asyncapi.JSONSchema || hs.Kind != asyncapi.JSONSchema:
		if canonical(d.bl, bs.Loc) != canonical(d.hl, hs.Loc) {
			note(d.report(rules.MessageSchemaChanged, hs.Loc, bs.Loc, "",
				"message %q %s (%s) changed; contractctl does not compare this schema format, check its compatibility by hand", h.ID, what, hs.Format))
		}
		return nil
	}
	type verdict struct {
		ch schema.Change
		id string
	}
	verdicts := map[string]*verdict{}
	var order []string
	for _, dir := range dirs {
		changes, err := d.cmp.Compare(
			schema.Schema{File: bs.Loc.File, Pointer: bs.Loc.Pointer, Node: bs.Loc.Node},
			schema.Schema{File: hs.Loc.File, Pointer: hs.Loc.Pointer, Node: hs.Loc.Node}, dir)
		if err != nil {
			return fmt.Errorf("compare %s of message %s: %w", what, h.ID, err)
		}
		for _, c := range changes {
			id := d.classify(scope, c, dir)
			if id == "" {
				continue
			}
			k := c.Key()
			v, ok := verdicts[k]
			if !ok {
				verdicts[k] = &verdict{c, id}
				order = append(order, k)
				continue
			}
			if d.cat.MustLookup(id).Severity > d.cat.MustLookup(v.id).Severity {
				v.id = id
			}
		}
	}
	for _, k := range order {
		v := verdicts[k]
		note(d.schemaFinding(scope, h, v.ch, v.id))
	}
	return nil
}

// pick returns the ID for a change that breaks consumers (response) when
// resp is set, producers (request) when req is set, else the info ID.
func (d *differ) pick(scope string, dirs []schema.Direction, resp, req string) string {
	for _, dir := range dirs {
		if dir == schema.Response && resp != "" {
			return rules.MessageSchemaRule(scope, resp)
		}
		if dir == schema.Request && req != "" {
			return rules.MessageSchemaRule(scope, req)
		}
	}
	return rules.MessageSchemaChanged
}

// classify maps one schema change in one direction to a rule ID ("" for a
// change that does not matter to either side, such as a description).
func (d *differ) classify(scope string, c schema.Change, dir schema.Direction) string {
	resp, req := dir == schema.Response, dir == schema.Request
	id := func(what string) string { return rules.MessageSchemaRule(scope, what) }
	switch c.Kind {
	case schema.PropertyRemoved:
		if resp {
			if r, _ := removalRule(id(rules.SchemaPropertyRemoved), c.Deprecated, c.Sunset, d.today); r != id(rules.SchemaPropertyRemoved) {
				return r
			}
			return id(rules.SchemaPropertyRemoved)
		}
		return rules.MessageSchemaChanged
	case schema.PropertyAdded:
		if req && c.Required && !c.HasDefault && !c.ReadOnly {
			return id(rules.SchemaRequiredPropertyAdded)
		}
		return rules.MessageSchemaChanged
	case schema.BecameRequired:
		if req {
			return id(rules.SchemaBecameRequired)
		}
		return rules.MessageSchemaChanged
	case schema.BecameOptional:
		if resp {
			return id(rules.SchemaBecameOptional)
		}
		return rules.MessageSchemaChanged
	case schema.PropertyDeprec, schema.PropertyReactiv, schema.DefaultAdded, schema.DefaultRemoved, schema.DefaultChanged,
		schema.BecameReadOnly, schema.BecameNotRO, schema.BecameWriteOnly, schema.BecameNotWO:
		return ""
	}
	switch c.Effect {
	case schema.Incompatible:
		return id(rules.SchemaTypeChanged)
	case schema.Widens:
		if resp {
			return id(rules.SchemaWidened)
		}
		return rules.MessageSchemaChanged
	case schema.Narrows:
		if req {
			return id(rules.SchemaNarrowed)
		}
		return rules.MessageSchemaChanged
	}
	return ""
}

// schemaFinding reports one classified change at its head location.
func (d *differ) schemaFinding(scope string, h *asyncapi.Message, c schema.Change, id string) *finding.Finding {
	what := scope
	if scope == "header" {
		what = "headers"
	}
	subject := "the " + what
	if c.Property != "" {
		subject = "property " + strings.ReplaceAll(c.Property, "/", ".")
		if scope == "header" && !strings.Contains(c.Property, "/") {
			subject = "header " + c.Property
		}
	}
	change := strings.TrimSpace(c.Old + " → " + c.New)
	if c.Old == "" && c.New == "" {
		change = ""
	}
	detail := strings.ReplaceAll(string(c.Kind), "-", " ")
	if c.Old != "" || c.New != "" {
		detail += fmt.Sprintf(" (%s)", strings.TrimSpace(orDash(c.Old)+" → "+orDash(c.New)))
	}
	msg := fmt.Sprintf("%s of message %q: %s%s", subject, h.ID, detail, d.advice(id))
	rule := d.cat.MustLookup(id)
	f := finding.Finding{Rule: id, Severity: rule.Severity, File: c.Head.File, Line: c.Head.Line, Column: c.Head.Column,
		Pointer: c.Head.Pointer, Message: msg, Change: change}
	if f.File == "" {
		f.File = d.h.File.Name
	}
	if !c.Base.IsZero() {
		f.Base = &finding.Location{File: c.Base.File, Line: c.Base.Line, Column: c.Base.Column, Pointer: c.Base.Pointer}
	}
	key := id + "\x00" + c.Key()
	if i, ok := d.byKey[key]; ok {
		return &d.findings[i]
	}
	f.Seal()
	d.byKey[key] = len(d.findings)
	d.findings = append(d.findings, f)
	return &d.findings[len(d.findings)-1]
}

// advice completes a schema-change message with who breaks and what to do.
func (d *differ) advice(id string) string {
	switch {
	case id == rules.MessageSchemaChanged:
		return "; this breaks nobody in the direction the message travels"
	case id == rules.AsyncAPIRemovedAfterSunset:
		return "; removed after its sunset date, as announced"
	case strings.HasSuffix(id, rules.SchemaPropertyRemoved), strings.HasSuffix(id, rules.SchemaBecameOptional), strings.HasSuffix(id, rules.SchemaWidened):
		return "; consumers of the message rely on the old schema — keep it, or publish a new message version"
	case strings.HasSuffix(id, rules.SchemaTypeChanged):
		return "; producers and consumers both break — publish a new message version instead"
	}
	return "; producers still send the old shape — make it optional or publish a new message version"
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
