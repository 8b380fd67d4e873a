package protobuf

import (
	"context"

	"google.golang.org/protobuf/types/descriptorpb"
	"slices"
	"strings"
	"sync"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/lint/protobuf/validaterules"
	"github.com/contractctl/contractctl/rules"
)

// Lint compiles in's files and returns the findings of the selected buf
// lint rules and house rules, with reader-relative file names. Compile
// errors come back as a *load.Errors (every error, one per line).
func Lint(opt contract.Options, in protoset.Input) ([]finding.Finding, error) {
	return LintContext(context.Background(), opt, in)
}

// LintContext is Lint with a context.
func LintContext(ctx context.Context, opt contract.Options, in protoset.Input) ([]finding.Finding, error) {
	cfg, cat := opt.Cfg(), opt.Catalog
	pc := cfg.Protobuf
	if len(in.ImportPaths) > 0 {
		pc.ImportPaths = in.ImportPaths
	}
	setup, err := protoset.Resolve(in.Reader, in.Files, pc)
	if err != nil {
		return nil, err
	}
	l := &linter{cfg: cfg, cat: cat, setup: setup, sels: map[*protoset.Module]protoset.Selection{},
		sets: map[*protoset.Module][]protoset.Set{}, hooks: map[*protoset.Module]*hooks{}, cross: &crossFile{},
		finishing: map[string]bool{}}
	for _, m := range setup.Modules {
		sel, sets, err := m.Selections(cat, rules.JobLint, rules.CategoryStandard, cfg.Path)
		if err != nil {
			return nil, err
		}
		l.sels[m], l.sets[m] = sel, sets
	}
	astImport := ""
	for _, m := range setup.Modules {
		l.hooks[m] = l.hooksFor(m, opt)
		if l.sels[m][rules.ProtoProtovalidate] && !opt.Off(rules.ProtoProtovalidate) {
			astImport = validaterules.ValidateProto // PROTOVALIDATE looks inside option literals
		}
	}
	compiled, err := protoset.Compile(ctx, protoset.Input{Reader: in.Reader, Files: setup.Files, ImportPaths: setup.ImportPaths(), Deps: setup.Deps, ASTImport: astImport}, func(f *protoset.File) error {
		l.file(f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	l.protos = compiled.Protos
	for _, f := range l.finish {
		f()
	}
	return finding.Sort(l.out), nil
}

type linter struct {
	cfg   *config.Config
	cat   *rules.Catalog
	setup *protoset.Setup
	// sels is, per module, every rule any of its selections holds; sets
	// are those selections (buf.yaml's, then each policy's), each with
	// its ignores: a finding is reported once per selection that keeps it.
	sels  map[*protoset.Module]protoset.Selection
	sets  map[*protoset.Module][]protoset.Set
	hooks map[*protoset.Module]*hooks
	// finish are the cross-file checks, run once after every file is
	// visited (finishing: by rule); protos are then every compiled file.
	finish    []func()
	finishing map[string]bool
	protos    map[string]*descriptorpb.FileDescriptorProto

	mu    sync.Mutex
	out   []finding.Finding
	cross *crossFile

	// validate checks protovalidate rules (PROTOVALIDATE); it is made
	// once, by the first file that uses protovalidate.
	validateOnce sync.Once
	validate     *validaterules.Checker
	validateErr  error
}

// pass is one file being linted.
type pass struct {
	l    *linter
	f    *protoset.File
	mod  *protoset.Module
	sel  protoset.Selection
	locs *protoset.Locations
	out  []finding.Finding
}

func (l *linter) file(f *protoset.File) {
	mod := l.setup.ModuleOf(f.Path)
	p := &pass{l: l, f: f, mod: mod, sel: l.sels[mod], locs: f.Locs}
	p.walk(l.hooks[mod])
	l.collect(p)
	l.mu.Lock()
	l.out = append(l.out, p.out...)
	l.mu.Unlock()
}

// report adds a finding of rule at the element path (the span of path, or
// 1:1 when it has none), unless a comment or the config ignores it.
func (p *pass) report(rule string, path []int32, pointer, msg string) {
	var sp protoset.Span
	if len(path) > 0 { // the empty path spans the whole file; file-level findings have no position
		sp = p.locs.Span(path...)
	}
	p.reportSpan(rule, sp, path, pointer, msg)
}

func (p *pass) reportSpan(rule string, sp protoset.Span, path []int32, pointer, msg string) {
	if !p.sel[rule] {
		return
	}
	if !p.mod.Lint.DisallowCommentIgnores && commentIgnored(p.locs, path, rule) {
		return
	}
	p.out = p.l.findings(p.out, p.mod, rule, p.f.Path, sp, pointer, msg)
}

// findings appends the finding once per selection of mod that holds rule
// and does not ignore it in file.
func (l *linter) findings(out []finding.Finding, mod *protoset.Module, rule, file string, sp protoset.Span, pointer, msg string) []finding.Finding {
	r, ok := l.cat.Lookup(rule)
	if !ok {
		return out
	}
	if sp.IsZero() {
		sp = protoset.Span{Line: 1, Column: 1, EndLine: 1, EndColumn: 1}
	}
	for range protoset.Keeping(l.sets[mod], r, file) {
		f := r.Finding(file, sp.Line, sp.Column, pointer, msg)
		f.EndLine, f.EndColumn = sp.EndLine, sp.EndColumn
		out = append(out, f)
	}
	return out
}

// commentIgnored reports whether a leading comment on the element at path
// or on any element enclosing it holds `buf:lint:ignore RULE`.
func commentIgnored(locs *protoset.Locations, path []int32, rule string) bool {
	for n := len(path); n >= 1; n-- {
		if n%2 == 1 && n != len(path) {
			continue // only declarations (tag, index pairs) and the element itself
		}
		if hasIgnore(locs.Leading(path[:n]...), "buf:lint:ignore", rule) {
			return true
		}
	}
	return false
}

// hasIgnore reports whether a comment has a line `<directive> RULE …`.
func hasIgnore(comment, directive, rule string) bool {
	if comment == "" || !strings.Contains(comment, directive) {
		return false
	}
	for line := range strings.SplitSeq(comment, "\n") {
		line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "/*"))
		rest, ok := strings.CutPrefix(line, directive+" ")
		if !ok {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) > 0 && fields[0] == rule {
			return true
		}
	}
	return false
}

// ignoredRules lists the rules a leading-comment directive silences at
// path and its enclosing elements (for findings raised after the visit).
func ignoredRules(locs *protoset.Locations, path []int32, directive string) []string {
	var out []string
	for n := len(path); n >= 1; n-- {
		if n%2 == 1 && n != len(path) {
			continue
		}
		c := locs.Leading(path[:n]...)
		if !strings.Contains(c, directive) {
			continue
		}
		for line := range strings.SplitSeq(c, "\n") {
			line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "/*"))
			if rest, ok := strings.CutPrefix(line, directive+" "); ok {
				if fields := strings.Fields(rest); len(fields) > 0 && !slices.Contains(out, fields[0]) {
					out = append(out, fields[0])
				}
			}
		}
	}
	return out
}
