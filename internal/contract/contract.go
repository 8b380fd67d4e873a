// Package contract is the seam between the lint and diff drivers and the
// formats: one Options struct that every format's entry point takes, the
// Linter and Differ interfaces the drivers look formats up by, keyed by
// load.Kind (load's table of kinds says how each is detected and named),
// and Check, the one shape of a lint rule's check in every format.
//
// Formats read document by document (OpenAPI, AsyncAPI) implement Linter
// and Differ; Protobuf, compiled as a set of files that imports link, has
// set-shaped entry points (lint/protobuf.Lint, diff/protobuf.Breaking) that
// take the same Options.
package contract

import (
	"errors"
	"time"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// Options is what every format's lint and diff entry point takes.
type Options struct {
	// Config is the configuration (severities, house parameters); nil
	// means the defaults.
	Config  *config.Config
	Catalog *rules.Catalog
	// Today decides whether sunset dates have passed.
	Today time.Time
}

// Cfg is opt.Config, or the defaults when it is nil.
func (opt Options) Cfg() *config.Config {
	if opt.Config == nil {
		return config.Defaults()
	}
	return opt.Config
}

// Doc is one parsed document and the loader that resolves its $refs (a
// git revision's loader for a base document). A zero Doc stands for a
// document that does not exist on that side.
type Doc struct {
	File   *load.File
	Loader *load.Loader
}

// Linter lints one document of its kind. Findings name the files the
// problems are written in, root-relative.
type Linter interface {
	Lint(opt Options, doc Doc) ([]finding.Finding, error)
}

// Differ compares a document with its base version. A zero head means the
// document was deleted: everything it declared is removed.
type Differ interface {
	Diff(opt Options, base, head Doc) ([]finding.Finding, error)
}

// LintFunc is a function that is a Linter.
type LintFunc func(opt Options, doc Doc) ([]finding.Finding, error)

// Lint calls f.
func (f LintFunc) Lint(opt Options, doc Doc) ([]finding.Finding, error) { return f(opt, doc) }

// DiffFunc is a function that is a Differ.
type DiffFunc func(opt Options, base, head Doc) ([]finding.Finding, error)

// Diff calls f.
func (f DiffFunc) Diff(opt Options, base, head Doc) ([]finding.Finding, error) {
	return f(opt, base, head)
}

// A Check is one rule as a value, in the manner of
// golang.org/x/tools/go/analysis: the catalogue entry it reports under and
// a function run once per document with a pass of the format's type P,
// which gives it the document and the hooks of the format's one shared
// walk.
type Check[P any] struct {
	Rule rules.Rule
	Run  func(P)
}

// CheckFunc is one row of a format's check table: a rule ID and its
// function.
type CheckFunc[P any] struct {
	ID  string
	Run func(P)
}

// Checks pairs every row of a check table with its catalogue entry, so
// that a check cannot exist without its documentation (an ID the catalogue
// lacks panics: the tables are constant data).
func Checks[P any](cat *rules.Catalog, table []CheckFunc[P]) []Check[P] {
	out := make([]Check[P], len(table))
	for i, c := range table {
		out[i] = Check[P]{Rule: cat.MustLookup(c.ID), Run: c.Run}
	}
	return out
}

// Off reports whether the configuration switches rule off, so that a
// format need not run its check at all.
func (opt Options) Off(rule string) bool {
	sev, ok := opt.Cfg().Rules[rule]
	return ok && sev == finding.Off
}

// AllOff reports whether the configuration switches off every rule of a
// format's check table, the rules it reports outside the table (more), and
// contract-invalid (its input errors): nothing the format's lint could
// find would be kept, so its Linter need not walk the document at all (a
// run of Spectral rulesets alone, say).
func AllOff[P any](opt Options, table []CheckFunc[P], more ...string) bool {
	if !opt.Off(rules.ContractInvalid) {
		return false
	}
	for _, c := range table {
		if !opt.Off(c.ID) {
			return false
		}
	}
	for _, id := range more {
		if !opt.Off(id) {
			return false
		}
	}
	return true
}

// Invalid turns the errors of contracts that do not parse (a *load.Error
// of the file or of a file its $refs reach) or do not compile (every error
// of a *load.Errors) into contract-invalid findings, so that a run goes on
// with the other files; ok is false for any other error.
func Invalid(cat *rules.Catalog, err error) (fs []finding.Finding, ok bool) {
	var errs []*load.Error
	var ce *load.Errors
	var le *load.Error
	switch {
	case errors.As(err, &ce):
		errs = ce.Errs
	case errors.As(err, &le):
		errs = []*load.Error{le}
	default:
		return nil, false
	}
	r := cat.MustLookup(rules.ContractInvalid)
	for _, e := range errs {
		msg := e.Msg
		if e.Revision != "" {
			msg += " (in the base " + e.Revision + ")"
		}
		fs = append(fs, r.Finding(e.File, e.Line, e.Column, "", msg))
	}
	return fs, true
}
