package asyncapi

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/contractctl/contractctl/diff/schema"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/internal/avro"
	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
	yaml "go.yaml.in/yaml/v3"
)

// parsedAvro is an Avro schema of the document as JSON text and parsed
// for the compatibility check, or why it could not be.
type parsedAvro struct {
	data []byte
	s    *avro.Schema
	err  error
}

// avroSchema renders and parses s with internal/avro (once per schema).
func (d *differ) avroSchema(s *asyncapi.Schema) parsedAvro {
	if p, ok := d.avros[s]; ok {
		return p
	}
	if d.avros == nil {
		d.avros = map[*asyncapi.Schema]parsedAvro{}
	}
	var p parsedAvro
	if p.data, p.err = asyncapi.AvroJSON(s.Loc.Node); p.err == nil {
		p.s, p.err = avro.Parse(s.Loc.ID(), p.data)
	}
	d.avros[s] = p
	return p
}

// avro compares two Avro schemas of message h the way the schema registry
// does, in every direction the message travels: a message the application
// sends must stay readable by consumers still on the base schema (FORWARD:
// the base schema reads data written with the head one), a message it
// receives must be readable by the application on the head schema from
// producers still on the base one (BACKWARD: the head schema reads data
// written with the base one). Each incompatibility is an error; a change
// that is compatible in every direction is reported for the changelog.
func (d *differ) avro(scope string, h *asyncapi.Message, bs, hs *asyncapi.Schema, dirs []schema.Direction, note func(*finding.Finding)) error {
	if bs.Avro == nil || hs.Avro == nil {
		return nil // a schema that does not parse is an asyncapi-valid problem of the document
	}
	what := scope
	if scope == "header" {
		what = "headers"
	}
	bp, hp := d.avroSchema(bs), d.avroSchema(hs)
	if bp.err == nil && hp.err == nil && bytes.Equal(bp.data, hp.data) {
		return nil // written the same way
	}
	if err := cmpOr(bp.err, hp.err); err != nil {
		if bs.Avro.String() != hs.Avro.String() {
			note(d.report(rules.MessageSchemaChanged, fileRoot(hs.Loc), fileRoot(bs.Loc), "",
				"message %q Avro %s changed and its compatibility could not be checked (%v); check it by hand", h.ID, what, err))
		}
		return nil
	}
	b, hd := bp.s, hp.s
	if b.Canonical() == hd.Canonical() {
		return nil
	}
	bl, hl := fileRoot(bs.Loc), fileRoot(hs.Loc)
	broken := false
	for _, dir := range dirs {
		var issues []compat.Issue
		if dir == schema.Response {
			issues = avro.CheckNodes(b, hd)
		} else {
			issues = avro.CheckNodes(hd, b)
		}
		for _, is := range issues {
			if is.Compatible {
				continue
			}
			broken = true
			note(d.avroFinding(what, h, bs, hs, dir, is))
		}
	}
	if broken {
		return nil
	}
	note(d.report(rules.MessageSchemaChanged, hl, bl, "",
		"message %q Avro %s changed compatibly: %s; this breaks nobody in the direction the message travels", h.ID, what, compatibleText(dirs)))
	return nil
}

func cmpOr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// compatibleText says which Avro compatibility a change kept.
func compatibleText(dirs []schema.Direction) string {
	if len(dirs) == 2 {
		return "the old and the new schema each read data written with the other (FULL)"
	}
	if dirs[0] == schema.Response {
		return "consumers on the old schema read data written with the new one (FORWARD)"
	}
	return "the new schema reads data producers write with the old one (BACKWARD)"
}

// avroFinding reports one incompatibility at the head schema element it
// concerns (or the nearest one that exists), with the base element as the
// old side.
func (d *differ) avroFinding(what string, h *asyncapi.Message, bs, hs *asyncapi.Schema, dir schema.Direction, is compat.Issue) *finding.Finding {
	var head, base asyncapi.Loc
	level, who, reader := "backward", "the application, reading with the new schema, cannot read data producers still write with the old one", "new"
	if dir == schema.Response {
		base, head = avroLocs(bs.Loc, hs.Loc, is.Path) // the base schema is the reader
		level, who, reader = "forward", "consumers still reading with the old schema cannot read data written with the new one", "old"
	} else {
		head, base = avroLocs(hs.Loc, bs.Loc, is.Path) // the head schema is the reader
	}
	head, base = fileRoot(head), fileRoot(base)
	id := rules.MessageAvroIncompatible
	verb := "is"
	if what == "headers" {
		verb = "are"
	}
	msg := fmt.Sprintf("Avro %s of message %q %s not %s compatible (%s): %s at %s of the %s schema: %s; make the change compatible or publish a new message version",
		what, h.ID, verb, level, who, is.Type, is.Path, reader, is.Message)
	rule := d.cat.MustLookup(id)
	line, col := head.Pos()
	f := finding.Finding{Rule: id, Severity: rule.Severity, File: head.FileName(), Line: line, Column: col,
		Pointer: head.Pointer, Message: msg, Change: is.Type + " " + is.Path}
	if base.Node != nil {
		bl, bc := base.Pos()
		f.Base = &finding.Location{File: base.FileName(), Line: bl, Column: bc, Pointer: base.Pointer}
	}
	// One schema element can break in several ways (and a message no
	// operation uses in both directions): the incompatibility is part of
	// the identity.
	f.Fingerprint = finding.Fingerprint(id, f.File, f.Pointer, base.Pointer, level, is.Type, is.Path)
	key := id + "\x00" + f.Fingerprint
	if i, ok := d.byKey[key]; ok {
		return &d.findings[i]
	}
	d.byKey[key] = len(d.findings)
	d.findings = append(d.findings, f)
	return &d.findings[len(d.findings)-1]
}

// fileRoot names the root of a schema file (an .avsc a payload
// references) "/", as Avro's locations do, rather than "".
func fileRoot(l asyncapi.Loc) asyncapi.Loc {
	if l.Pointer == "" && l.Node != nil {
		l.Pointer = "/"
	}
	return l
}

// avroLocs locates an incompatibility in the sources of both schemas. path
// is Java Avro's location of it in the reader schema, written at reader;
// the writer schema, written at writer, gets the matching element. In
// Java's locations an index after "fields" is the reader's field (the
// writer's field of the same name or alias matches it) and any other index
// is a branch of a writer union (it applies to the writer only). Each side
// stops at the deepest element that exists, such as a named type used by
// reference or the fields of a record that lacks the field.
func avroLocs(reader, writer asyncapi.Loc, path string) (r, w asyncapi.Loc) {
	r, w = reader, writer
	rok, wok := true, true
	toks := load.Split(path)
	for i, tok := range toks {
		n, err := strconv.Atoi(tok)
		index := err == nil && n >= 0
		switch {
		case index && i > 0 && toks[i-1] == "fields":
			if !rok || !isSeq(r, n) {
				return r, w
			}
			r = r.Item(n)
			if wok {
				w, wok = writerField(w, r)
			}
		case index:
			if wok && isSeq(w, n) {
				w = w.Item(n)
			} else {
				wok = false
			}
		default:
			if rok {
				r, rok = avroChild(r, tok)
			}
			if wok {
				w, wok = avroChild(w, tok)
			}
		}
	}
	return r, w
}

// avroChild is l.Child(key) that keeps l when key is absent.
func avroChild(l asyncapi.Loc, key string) (asyncapi.Loc, bool) {
	if c, ok := l.Child(key); ok {
		return c, true
	}
	return l, false
}

// isSeq reports whether l is a sequence with an item i.
func isSeq(l asyncapi.Loc, i int) bool {
	return l.Node != nil && l.Node.Kind == yaml.SequenceNode && i < len(l.Node.Content)
}

// writerField finds, in the writer's fields at fields, the field that
// Java Avro matches with the reader field rf: the first of rf's name and
// aliases that names a writer field. It returns fields and false when there
// is none.
func writerField(fields, rf asyncapi.Loc) (asyncapi.Loc, bool) {
	if fields.Node == nil || fields.Node.Kind != yaml.SequenceNode {
		return fields, false
	}
	var names []string
	if n := load.Value(rf.Node, "name"); n != nil && n.Kind == yaml.ScalarNode {
		names = append(names, n.Value)
	}
	if as := load.Value(rf.Node, "aliases"); as != nil && as.Kind == yaml.SequenceNode {
		for _, a := range as.Content {
			if a = load.Deref(a); a.Kind == yaml.ScalarNode {
				names = append(names, a.Value)
			}
		}
	}
	for _, name := range names {
		for i := range fields.Node.Content {
			it := fields.Item(i)
			if n := load.Value(it.Node, "name"); n != nil && n.Kind == yaml.ScalarNode && n.Value == name {
				return it, true
			}
		}
	}
	return fields, false
}
