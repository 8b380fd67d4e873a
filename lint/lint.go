// Package lint runs the house rules (and, for Protobuf, buf's rules) over
// loaded contracts and returns findings in the common shape. The checks
// themselves live in one subpackage per format; this package loads the
// files, hands each to its format's contract.Linter (looked up by kind;
// .proto files are compiled and linted as one set), applies inline ignores
// and the configuration, and knows nothing about output.
package lint

import (
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

// Run lints the candidate files (root-relative names). A candidate that is
// not a contract is skipped, or is an error when the user named it.
// Findings carry root-relative file names; the caller converts them for
// display.
func Run(opt Options, files []load.Candidate) ([]finding.Finding, error) {
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
	all, err := parallel.Concat(others, func(c load.Candidate) ([]finding.Finding, error) { return lintFile(opt, c) })
	if err != nil {
		return nil, err
	}
	if len(protos) > 0 {
		fs, err := protobuflint.Lint(opt.Options, protoset.Input{Reader: opt.Loader.Reader(), Files: protos})
		if err != nil {
			return nil, err
		}
		all = append(all, fs...)
	}
	all = append(opt.Rulesets.Adjust(all), opt.Rulesets.Unsupported()...)
	all = load.DropInlineIgnored(opt.Loader, all)
	return opt.Config.Apply(all, opt.Catalog, opt.Today), nil
}

func lintFile(opt Options, c load.Candidate) ([]finding.Finding, error) {
	f, err := opt.Loader.Load(c.Path)
	if err != nil {
		if !c.Explicit && opt.Loader.NotAContract(c.Path) {
			return nil, nil
		}
		return nil, err
	}
	// .proto files never come here: Run compiles them together.
	var fs []finding.Finding
	if l, ok := linters[f.Kind]; ok {
		if fs, err = l.Lint(opt.Options, contract.Doc{File: f, Loader: opt.Loader}); err != nil {
			return nil, err
		}
	} else if !opt.Rulesets.Names(c.Path) {
		// Not a contract, and no ruleset's overrides name it.
		if c.Explicit {
			return nil, &load.Error{File: c.Path, Msg: load.NotAContract}
		}
		return nil, nil
	}
	more, err := opt.Rulesets.Lint(f, opt.Loader)
	return append(fs, more...), err
}
