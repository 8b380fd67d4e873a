package registry

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/avro"
	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/registry/jsonschema"
	"github.com/contractctl/contractctl/rules"
)

// entry is one parsed version of a subject's history.
type entry struct {
	v      Version
	schema compat.Schema
}

// checkLevel checks cand (read from file) against prev at level and
// returns one registry-incompatible finding per incompatibility of the
// version that failed (Confluent stops at the first failing version,
// newest first), forward ones first as Confluent orders FULL, and the
// messages Confluent's REST API returns for them.
//
// label names the candidate in messages: "the new schema", "version 3".
func (s *Store) checkLevel(sub *Subject, level compat.Level, file, label string, cand compat.Schema, prev []entry) ([]finding.Finding, []string) {
	c := s.checker(sub)
	schemas := make([]compat.Schema, len(prev))
	for i, e := range prev {
		schemas[i] = e.schema
	}
	res := compat.CheckLevelResult(c, level, cand, schemas)
	if res.Compatible() {
		return nil, nil
	}
	old := prev[res.Failed]
	var fs []finding.Finding
	var msgs []string
	backward := 0
	if level.Forward() {
		for _, is := range compat.Incompatible(c.Check(old.schema, cand)) {
			fs = append(fs, s.incompatible(sub, level, file, label, cand, old, is, true))
			msgs = append(msgs, s.wording(sub, is, true))
		}
	}
	if level.Backward() {
		for _, is := range compat.Incompatible(c.Check(cand, old.schema)) {
			fs = append(fs, s.incompatible(sub, level, file, label, cand, old, is, false))
			msgs = append(msgs, s.wording(sub, is, false))
			backward++
		}
	}
	// Confluent appends the old schema to the list that failed (for FULL,
	// the backward one only), then the configuration.
	if backward > 0 || !level.Backward() {
		text := old.schema.Canonical()
		if data, err := os.ReadFile(old.v.Path); err == nil {
			text = strings.TrimSpace(string(data)) // the schema as registered
		}
		msgs = append(msgs, fmt.Sprintf("{oldSchemaVersion: %d}", old.v.Number), fmt.Sprintf("{oldSchema: '%s'}", truncate(text)))
	}
	msgs = append(msgs, fmt.Sprintf("{validateFields: 'false', compatibility: '%s'}", level))
	return fs, msgs
}

// truncate cuts an old schema in a message at 10 KiB, as Confluent does.
func truncate(s string) string {
	const limit = 10 * 1024
	if len(s) <= limit {
		return s
	}
	return s[:limit] + "<truncated>"
}

// wording is how Confluent words one incompatibility.
func (s *Store) wording(sub *Subject, is compat.Issue, forward bool) string {
	readerRole, writerRole := "new", "old"
	if forward {
		readerRole, writerRole = "old", "new"
	}
	if sub.Config.Format == Avro {
		return avro.Describe(is, readerRole, writerRole)
	}
	return fmt.Sprintf(`{errorType:"%s", description:"%s"}`, is.Type, is.Message)
}

// incompatible makes the finding of one incompatibility. A backward issue
// is located in the new schema (the reader); a forward issue is located in
// the old schema, so the finding carries that as its base location and,
// where the format allows, the nearest matching position in the new file.
func (s *Store) incompatible(sub *Subject, level compat.Level, file, label string, cand compat.Schema, old entry, is compat.Issue, forward bool) finding.Finding {
	rule := s.catalog.MustLookup(rules.RegistryIncompatible)
	direction := fmt.Sprintf("%s cannot read data written with version %d", label, old.v.Number)
	if forward {
		direction = fmt.Sprintf("version %d cannot read data written with %s", old.v.Number, label)
	}
	msg := fmt.Sprintf("incompatible at %s: %s: %s", level, direction, s.wording(sub, is, forward))
	line, col := is.Line, is.Column
	var base *finding.Location
	if forward {
		base = &finding.Location{File: name(old.v.Path), Line: is.Line, Column: is.Column, Pointer: is.Path}
		line, col = 0, 0
		if js, ok := cand.(*jsonschema.Schema); ok {
			line, col = js.Position(strings.TrimPrefix(is.Path, "#"))
		}
	}
	f := rule.Finding(file, line, col, is.Path, msg)
	f.Base = base
	dir := "backward"
	if forward {
		dir = "forward"
	}
	f.Fingerprint = finding.Fingerprint(rule.ID, file, is.Path, is.Type, dir)
	return f
}

// invalidFindings turns a parse error of a version file into
// registry-invalid-schema findings, one per positioned error.
func (s *Store) invalidFindings(err error) []finding.Finding {
	rule := s.catalog.MustLookup(rules.RegistryInvalidSchema)
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	var fs []finding.Finding
	for _, e := range errs {
		if le, ok := e.(*load.Error); ok {
			fs = append(fs, rule.Finding(le.File, le.Line, le.Column, "", le.Msg))
			continue
		}
		fs = append(fs, rule.Finding("", 0, 0, "", e.Error()))
	}
	return fs
}

// layoutFinding reports a file that does not follow the layout, at the
// position of its error when it has one (an invalid subject.yaml).
func (s *Store) layoutFinding(p Problem) finding.Finding {
	rule := s.catalog.MustLookup(rules.RegistryInvalidLayout)
	var le *load.Error
	if errors.As(p.Err, &le) {
		return rule.Finding(le.File, le.Line, le.Column, "", le.Msg)
	}
	f := rule.Finding(name(p.Path), 0, 0, "", p.Msg)
	if p.Warning {
		f.Severity = finding.Warn
	}
	return f
}

// debrisFindings report the temporary files of interrupted writes as
// warnings: they are harmless, and the next write to their directory
// removes them.
func (s *Store) debrisFindings(files []string) []finding.Finding {
	var fs []finding.Finding
	for _, p := range files {
		fs = append(fs, s.layoutFinding(Problem{Path: p, Warning: true,
			Msg: "a temporary file left by an interrupted write: delete it (the next write to this directory removes it)"}))
	}
	return fs
}
