// Package protobuf detects breaking changes between two revisions of a
// set of Protobuf files with buf's breaking rules (same IDs, categories
// and anchoring as `buf breaking`). The base revision is compiled without
// source info and kept as descriptor protos; the head revision is compared
// file by file while its source info is at hand, so that findings carry
// head positions and memory stays bounded.
package protobuf

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/bufbuild/protocompile/linker"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/rules"
)

// Input is one side of the comparison: a reader (working tree or git
// revision), its root-relative .proto files and import roots.
type Input = protoset.Input

// IgnoreDirective silences a breaking rule on an element and everything in
// it: `// contractctl:breaking:ignore RULE_ID reason`.
const IgnoreDirective = "contractctl:breaking:ignore"

// SideError is a failure to compile one side of the comparison.
type SideError struct {
	Head bool // the head side; else the base
	Err  error
}

func (e *SideError) Error() string {
	if e.Head {
		return "head: " + e.Err.Error()
	}
	return "base: " + e.Err.Error()
}

func (e *SideError) Unwrap() error { return e.Err }

// Breaking compares head against base (like `buf breaking HEAD --against
// BASE`) and returns the findings of the selected breaking rules (FILE by
// default; buf.yaml in head and the config's protobuf.breaking select
// others). File names are head-reader-relative, or base-relative for
// deletions. Compile errors of either side come back as a
// *load.Errors.
func Breaking(opt contract.Options, base, head Input) ([]finding.Finding, error) {
	return BreakingContext(context.Background(), opt, base, head)
}

// BreakingContext is Breaking with a context.
func BreakingContext(ctx context.Context, opt contract.Options, base, head Input) ([]finding.Finding, error) {
	cfg, cat := opt.Cfg(), opt.Catalog
	headCfg, baseCfg := cfg.Protobuf, cfg.Protobuf
	if len(head.ImportPaths) > 0 {
		headCfg.ImportPaths = head.ImportPaths
	}
	if len(base.ImportPaths) > 0 {
		baseCfg.ImportPaths = base.ImportPaths
	}
	hs, err := protoset.Resolve(head.Reader, head.Files, headCfg)
	if err != nil {
		return nil, &SideError{Head: true, Err: err}
	}
	bs, err := protoset.Resolve(base.Reader, base.Files, baseCfg)
	if err != nil {
		return nil, &SideError{Err: err}
	}
	c := &checker{cat: cat, setup: hs, sels: map[*protoset.Module]protoset.Selection{}, sets: map[*protoset.Module][]protoset.Set{}}
	for _, m := range hs.Modules {
		sel, sets, err := m.Selections(cat, rules.JobDiff, rules.CategoryFile, cfg.Path)
		if err != nil {
			return nil, err
		}
		c.sels[m], c.sets[m] = sel, sets
	}
	// Files the change does not reach are compiled once and not compared.
	var same map[string]bool
	if !needsEveryFile(c.sels) {
		bside, err := newSide(base.Reader, bs)
		if err != nil {
			return nil, &SideError{Err: err}
		}
		hside, err := newSide(head.Reader, hs)
		if err != nil {
			return nil, &SideError{Head: true, Err: err}
		}
		if same, err = unchanged(bside, hside); err != nil {
			return nil, err
		}
	}
	changed := func(s *protoset.Setup) []string {
		var out []string
		for _, p := range s.Files {
			if name, err := s.NameOf(p); err != nil || !same[name] {
				out = append(out, p)
			}
		}
		return out
	}
	bc, err := protoset.CompileDescriptors(ctx, Input{Reader: base.Reader, Files: changed(bs), ImportPaths: bs.ImportPaths(), Deps: bs.Deps})
	if err != nil {
		return nil, &SideError{Err: err}
	}
	c.base = newIndex(bc.Protos, bc.Targets)
	c.baseEnums = enumsOf(bc.Protos)
	prebuilt := map[string]*descriptorpb.FileDescriptorProto{}
	for name := range same {
		if fd, ok := bc.Protos[name]; ok {
			prebuilt[name] = fd
		}
	}
	bc = nil
	c.headPkgs = newPkgIndex()
	c.everyFile = needsEveryFile(c.sels)
	c.headDecls = &declIndex{inFile: map[string]map[string]protoset.Span{}, inPkg: map[string]declAt{}}
	hc, err := protoset.Compile(ctx, Input{Reader: head.Reader, Files: changed(hs), ImportPaths: hs.ImportPaths(), Deps: hs.Deps, Prebuilt: prebuilt}, func(f *protoset.File) error {
		c.headFile(f)
		return nil
	})
	if err != nil {
		return nil, &SideError{Head: true, Err: err}
	}
	for name := range same {
		hc.Targets[name] = ""
	}
	c.afterHead(hc.Targets)
	return finding.Sort(c.out), nil
}

type checker struct {
	cat   *rules.Catalog
	setup *protoset.Setup
	// sels holds every rule a module's selections hold; sets are those
	// selections (buf.yaml's, then each policy's) with their ignores.
	sels map[*protoset.Module]protoset.Selection
	sets map[*protoset.Module][]protoset.Set
	base *index
	// baseEnums are the enums of every compiled base file, imports too.
	baseEnums map[string]*descriptorpb.EnumDescriptorProto
	headPkgs  *pkgIndex
	// everyFile: a PACKAGE rule is selected; headDecls then locates the
	// head's messages for the deletions those rules report.
	everyFile bool
	headDecls *declIndex
	out       []finding.Finding
}

// filePass compares one head file.
type filePass struct {
	c      *checker
	mod    *protoset.Module
	sel    protoset.Selection
	path   string // head reader-relative path
	fd     *descriptorpb.FileDescriptorProto
	locs   *protoset.Locations
	linked linker.File
}

func (c *checker) headFile(f *protoset.File) {
	mod := c.setup.ModuleOf(f.Path)
	p := &filePass{c: c, mod: mod, sel: c.sels[mod], path: f.Path, fd: f.Proto, locs: f.Locs, linked: f.Linked}
	c.headPkgs.add(f.Proto)
	if c.everyFile {
		c.headDecls.add(f)
	}
	if mod.Breaking.IgnoreUnstablePackages && protoset.IsUnstablePackage(f.Proto.GetPackage()) {
		return
	}
	p.compareFile()
}

// report adds a finding at the head element at path (its span; the file
// without position when path is nil).
func (p *filePass) report(rule string, path []int32, pointer, msg string) {
	var sp protoset.Span
	if len(path) > 0 { // the empty path spans the whole file; file-level findings have no position
		sp = p.locs.Span(path...)
	}
	p.reportAt(rule, path, sp, pointer, msg, nil)
}

func (p *filePass) reportAt(rule string, path []int32, sp protoset.Span, pointer, msg string, base *finding.Location) {
	if !p.sel[rule] {
		return
	}
	if p.ignored(path, rule) {
		return
	}
	r, ok := p.c.cat.Lookup(rule)
	if !ok {
		return
	}
	if sp.IsZero() {
		sp = protoset.Span{Line: 1, Column: 1, EndLine: 1, EndColumn: 1}
	}
	for range protoset.Keeping(p.c.sets[p.mod], r, p.path) {
		f := finding.Finding{Rule: r.ID, Severity: r.Severity, File: p.path, Line: sp.Line, Column: sp.Column,
			EndLine: sp.EndLine, EndColumn: sp.EndColumn, Pointer: pointer, Message: msg, Base: base}
		f.Seal()
		p.c.out = append(p.c.out, f)
	}
}

// ignored reports whether an inline directive on the element at path, an
// enclosing element, or (for file-level findings) the syntax or package
// statement accepts rule.
func (p *filePass) ignored(path []int32, rule string) bool {
	for n := len(path); n >= 1; n-- {
		if n%2 == 1 && n != len(path) {
			continue
		}
		if hasDirective(p.locs.Leading(path[:n]...), rule) {
			return true
		}
	}
	if len(path) <= 2 {
		return hasDirective(p.locs.Leading(protoset.TagFileSyntax), rule) ||
			hasDirective(p.locs.Leading(protoset.TagFilePackage), rule)
	}
	return false
}

func hasDirective(comment, rule string) bool {
	if !strings.Contains(comment, IgnoreDirective) {
		return false
	}
	for line := range strings.SplitSeq(comment, "\n") {
		line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "/*"))
		if rest, ok := strings.CutPrefix(line, IgnoreDirective+" "); ok {
			if fs := strings.Fields(rest); len(fs) > 0 && fs[0] == rule {
				return true
			}
		}
	}
	return false
}

// afterHead reports what needs every head file: deleted files and
// package-level deletions.
func (c *checker) afterHead(headTargets map[string]string) {
	for _, name := range c.base.fileNames {
		bfd := c.base.files[name]
		if _, ok := headTargets[name]; ok {
			continue
		}
		mod := c.setup.ModuleOf(c.base.paths[name])
		if mod.Breaking.IgnoreUnstablePackages && protoset.IsUnstablePackage(bfd.GetPackage()) {
			continue
		}
		// The head's ignores name files as the head would hold them.
		if r, ok := c.cat.Lookup(rules.ProtoFileNoDelete); ok && protoset.Keeping(c.sets[mod], r, path.Join(mod.Root, name)) == 0 {
			continue
		}
		c.fileLevel(mod, rules.ProtoFileNoDelete, c.base.paths[name], "/", protoset.Span{},
			fmt.Sprintf("Previously present file %q was deleted.", name))
	}
	c.packageDeletions(headTargets)
}

// fileLevel reports a finding without a position (deleted files and
// package-level deletions).
func (c *checker) fileLevel(mod *protoset.Module, rule, file, pointer string, sp protoset.Span, msg string) {
	r, ok := c.cat.Lookup(rule)
	if !ok {
		return
	}
	for range protoset.Keeping(c.sets[mod], r, file) {
		f := finding.Finding{Rule: r.ID, Severity: r.Severity, File: file, Pointer: pointer, Message: msg,
			Line: sp.Line, Column: sp.Column, EndLine: sp.EndLine, EndColumn: sp.EndColumn,
			Base: &finding.Location{File: file, Pointer: pointer}}
		f.Seal()
		c.out = append(c.out, f)
	}
}
