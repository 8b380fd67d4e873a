// Package lint runs the house rules (and, for Protobuf, buf's rules) over
// loaded contracts and returns findings in the common shape. The checks
// themselves live in one subpackage per format; this package loads the
// files, hands each to its format's contract.Linter (looked up by kind;
// .proto files are compiled and linted as one set), applies inline ignores
// and the configuration, and knows nothing about output.
package lint

import (
	"errors"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/parallel"
	"github.com/contractctl/contractctl/internal/protoset"
	asyncapilint "github.com/contractctl/contractctl/lint/asyncapi"
	openapilint "github.com/contractctl/contractctl/lint/openapi"
	protobuflint "github.com/contractctl/contractctl/lint/protobuf"
	"github.com/contractctl/contractctl/lint/ruleset"
)

// linters are the formats linted document by document, by kind. Protobuf
// files are compiled and linted together (lint/protobuf).
var linters = map[load.Kind]contract.Linter{
	load.OpenAPI:  contract.LintFunc(openapilint.Lint),
	load.AsyncAPI: contract.LintFunc(asyncapilint.Lint),
}

// Options is one lint run.
type Options struct {
	contract.Options
	Workspace load.Workspace
	Loader    *load.Loader
	// Rulesets are Spectral rulesets run beside the built-in rules.
	Rulesets *ruleset.Set
}

// Run lints the candidate files (root-relative names) and returns the
// findings and the names of the files it checked. A candidate that is not
// a contract is skipped, or is an error when the user named it. A contract
// that does not parse or compile is a contract-invalid finding, and the
// other files are still linted. Findings carry root-relative file names;
// the caller converts them for display.
func Run(opt Options, files []load.Candidate) ([]finding.Finding, []string, error) {
	// .proto candidates are compiled together once (imports link them).
	var protos []string
	others := files[:0:0]
	for _, c := range files {
		if load.KindOfName(c.Path) == load.Protobuf {
			protos = append(protos, c.Path)
		} else {
			others = append(others, c)
		}
	}
	results, err := parallel.Concat(others, func(c load.Candidate) ([]linted, error) { return lintFile(opt, c) })
	if err != nil {
		return nil, nil, err
	}
	var all []finding.Finding
	var checked []string
	for _, r := range results {
		if all == nil {
			all = r.findings // one large file: its findings, not a copy
		} else {
			all = append(all, r.findings...)
		}
		checked = append(checked, r.name)
	}
	if len(protos) > 0 {
		fs, err := lintProtos(opt, protos)
		if err != nil {
			return nil, nil, err
		}
		all = append(all, fs...)
		checked = append(checked, protos...)
	}
	all = append(opt.Rulesets.Adjust(all), opt.Rulesets.Unsupported()...)
	all = load.DropInlineIgnored(opt.Loader, all)
	return opt.Config.Apply(all, opt.Catalog, opt.Today), checked, nil
}

// lintProtos lints the .proto files as one compile set. When some do not
// compile, their errors are contract-invalid findings and the others are
// compiled and linted again without them.
func lintProtos(opt Options, protos []string) ([]finding.Finding, error) {
	fs, err := protobuflint.Lint(opt.Options, protoset.Input{Reader: opt.Loader.Reader(), Files: protos})
	var ce *load.Errors
	if !errors.As(err, &ce) {
		return fs, err
	}
	invalid, _ := contract.Invalid(opt.Catalog, ce)
	broken := map[string]bool{}
	for _, e := range ce.Errs {
		broken[e.File] = true
	}
	var rest []string
	for _, p := range protos {
		if !broken[p] {
			rest = append(rest, p)
		}
	}
	if len(rest) == 0 || len(rest) == len(protos) {
		return invalid, nil
	}
	fs, err = protobuflint.Lint(opt.Options, protoset.Input{Reader: opt.Loader.Reader(), Files: rest})
	if more, ok := contract.Invalid(opt.Catalog, err); ok && errors.As(err, &ce) {
		return append(invalid, more...), nil // they import a broken file
	}
	return append(invalid, fs...), err
}

// linted is one file's findings.
type linted struct {
	name     string
	findings []finding.Finding
}

// lintFile lints one candidate; nothing when it is skipped.
func lintFile(opt Options, c load.Candidate) ([]linted, error) {
	f, err := opt.Loader.Load(c.Path)
	if err != nil {
		if !c.Explicit && opt.Loader.NotAContract(c.Path) {
			return nil, nil
		}
		return invalid(opt, c, err)
	}
	// .proto files never come here: Run compiles them together.
	var fs []finding.Finding
	if l, ok := linters[f.Kind]; ok {
		if fs, err = l.Lint(opt.Options, contract.Doc{File: f, Loader: opt.Loader}); err != nil {
			return invalid(opt, c, err)
		}
	} else if !opt.Rulesets.Names(c.Path) {
		// Not a contract, and no ruleset's overrides name it.
		if c.Explicit {
			return nil, &load.Error{File: c.Path, Msg: load.NotAContract}
		}
		return nil, nil
	}
	more, err := opt.Rulesets.Lint(f, opt.Loader)
	if err != nil {
		return invalid(opt, c, err)
	}
	return []linted{{c.Path, append(fs, more...)}}, nil
}

// invalid reports a file that cannot be read, parsed or resolved as a
// contract-invalid finding; other errors end the run.
func invalid(opt Options, c load.Candidate, err error) ([]linted, error) {
	fs, ok := contract.Invalid(opt.Catalog, err)
	if !ok {
		return nil, err
	}
	return []linted{{c.Path, fs}}, nil
}
