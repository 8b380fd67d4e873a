package protoset

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"github.com/bufbuild/protocompile"
	"github.com/bufbuild/protocompile/linker"
	"github.com/bufbuild/protocompile/reporter"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/contractctl/contractctl/internal/load"
)

// Input is one compile set: the files to check and where imports resolve.
type Input struct {
	// Reader reads files by slash-separated name (the working tree or a git
	// revision).
	Reader load.Reader
	// Files are the reader-relative .proto files to check (the targets).
	Files []string
	// ImportPaths are reader-relative import roots ("" is the reader's
	// root). Empty means: detect from buf.yaml / buf.work.yaml (see
	// Resolve), else the reader's root.
	ImportPaths []string
	// Deps are Buf Schema Registry dependencies the buf.yaml files declare;
	// an import no root has names them and how to vendor them.
	Deps []string
	// Prebuilt are files already compiled elsewhere (import-path-relative
	// name → linked descriptor without source info), served instead of
	// their source: diff/protobuf reuses the base revision's descriptors of
	// files the change does not reach.
	Prebuilt map[string]*descriptorpb.FileDescriptorProto
	// ASTImport, when set, is an import (such as
	// buf/validate/validate.proto) whose importers keep their syntax tree
	// through the visit (File.Linked's AST), for checks that look inside
	// option values; other files drop theirs, which saves memory.
	ASTImport string
}

// File is one compiled target handed to a visitor.
type File struct {
	// Name is the import-path-relative name (buf's "path").
	Name string
	// Path is the reader-relative name findings carry.
	Path string
	// Proto is the linked descriptor with source info; the visitor may
	// keep it only after the visit returns with source info removed
	// (Compile strips SourceCodeInfo once the visitor returns).
	Proto *descriptorpb.FileDescriptorProto
	// Locs indexes Proto's source info; valid during the visit only.
	Locs *Locations
	// UnusedImports lists imports the compiler found unused.
	UnusedImports []string
	// Linked is the linked file (what it imports resolves through it);
	// valid during the visit only.
	Linked linker.File
}

// BatchSize bounds how many targets are compiled at once; between batches
// only stripped descriptor protos are kept.
const BatchSize = 96

// Compiled is what Compile leaves behind: every file it compiled (targets
// and imports) by import-path-relative name, without source info.
type Compiled struct {
	Protos map[string]*descriptorpb.FileDescriptorProto
	// Targets maps each target's name to its reader-relative path.
	Targets map[string]string
}

// Compile compiles in's files and calls visit once per target, with source
// info, in no particular order. All compile errors are collected and
// returned together as a *load.Errors after every batch ran.
func Compile(ctx context.Context, in Input, visit func(*File) error) (*Compiled, error) {
	return compileSet(ctx, in, true, visit)
}

// CompileDescriptors compiles in's files without source info (positions
// and comments), which is cheaper, and returns what Compile returns.
func CompileDescriptors(ctx context.Context, in Input) (*Compiled, error) {
	return compileSet(ctx, in, false, func(*File) error { return nil })
}

func compileSet(ctx context.Context, in Input, sourceInfo bool, visit func(*File) error) (*Compiled, error) {
	roots := normRoots(in.ImportPaths)
	targets := map[string]string{} // name → path
	var names []string
	for _, p := range in.Files {
		name, err := nameOf(p, roots)
		if err != nil {
			return nil, err
		}
		if _, dup := targets[name]; dup {
			continue
		}
		targets[name] = p
		names = append(names, name)
	}
	sort.Strings(names)
	cache := make(map[string]*descriptorpb.FileDescriptorProto, len(in.Prebuilt))
	for name, fd := range in.Prebuilt {
		cache[name] = fd
	}
	c := &compiler{reader: in.Reader, roots: roots, targets: targets, cache: cache, descs: map[string]linker.File{},
		unused: map[string][]string{}, seenErr: map[string]bool{}, perFile: map[string]int{}, dropped: map[string]int{}, sourceInfo: sourceInfo, deps: in.Deps,
		astImport: in.ASTImport, keepAST: map[string]bool{}}
	visited := map[string]bool{}
	for start := 0; start < len(names); {
		end := min(start+BatchSize, len(names))
		var batch []string
		inBatch := map[string]bool{}
		for _, n := range names[start:end] {
			if !visited[n] {
				batch = append(batch, n)
				inBatch[n] = true
			}
		}
		// Targets this batch imports are compiled with it, as requested
		// files: the compiler checks unused imports of requested files only.
		for i := 0; i < len(batch); i++ {
			for _, dep := range c.imports(batch[i], targets) {
				if dep == c.astImport {
					c.keepAST[batch[i]] = true
				}
				if _, isTarget := targets[dep]; isTarget && !visited[dep] && !inBatch[dep] {
					batch = append(batch, dep)
					inBatch[dep] = true
				}
			}
		}
		start = end
		if len(batch) == 0 {
			continue
		}
		files, err := c.compile(ctx, batch)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			c.record(err)
			// Retry file by file so that one broken file does not hide its
			// batch-mates' errors or results.
			if len(batch) > 1 {
				for _, n := range batch {
					fs1, err1 := c.compile(ctx, []string{n})
					if err1 != nil {
						c.record(err1)
						continue
					}
					if err := c.harvest(fs1, targets, visited, visit); err != nil {
						return nil, err
					}
				}
			}
			continue
		}
		if err := c.harvest(files, targets, visited, visit); err != nil {
			return nil, err
		}
	}
	if len(c.errs) > 0 {
		for _, f := range slices.Sorted(maps.Keys(c.dropped)) {
			c.errs = append(c.errs, &load.Error{File: f, Msg: fmt.Sprintf("%d more errors not shown (the first %d are above)", c.dropped[f], maxErrorsPerFile)})
		}
		return nil, &load.Errors{Errs: c.errs}
	}
	return &Compiled{Protos: c.cache, Targets: targets}, nil
}

type compiler struct {
	reader load.Reader
	deps   []string
	roots  []string
	// targets maps the names of the files to check to their paths.
	targets map[string]string

	mu    sync.Mutex
	cache map[string]*descriptorpb.FileDescriptorProto
	// descs holds linked files (without source info) of imports that a
	// second batch needed, so that later batches need not link them again.
	descs   map[string]linker.File
	unused  map[string][]string
	errs    []*load.Error
	seenErr map[string]bool
	// perFile counts the errors kept per file; dropped, those past
	// maxErrorsPerFile.
	perFile, dropped map[string]int

	sourceInfo bool
	// keepAST holds the targets that import the Input's ASTImport: a
	// batch with one of them keeps its syntax trees.
	astImport string
	keepAST   map[string]bool
}

func (c *compiler) compile(ctx context.Context, names []string) (linker.Files, error) {
	mode := protocompile.SourceInfoNone
	if c.sourceInfo {
		mode = protocompile.SourceInfoStandard
	}
	comp := protocompile.Compiler{
		Resolver:       protocompile.WithStandardImports(protocompile.ResolverFunc(c.find)),
		SourceInfoMode: mode,
		Reporter:       reporter.NewReporter(c.reportError, c.reportWarning),
		RetainASTs:     c.sourceInfo && slices.ContainsFunc(names, func(n string) bool { return c.keepAST[n] }),
	}
	return comp.Compile(ctx, names...)
}

// imports scans the imports of target name (nil when unreadable; the
// compile reports that).
func (c *compiler) imports(name string, targets map[string]string) []string {
	data, err := c.reader.ReadFile(targets[name])
	if err != nil {
		return nil
	}
	return ScanImports(data)
}

// find serves a file: a stripped proto compiled by an earlier batch, else
// the source under the first import root that has it.
func (c *compiler) find(name string) (protocompile.SearchResult, error) {
	c.mu.Lock()
	fdp, ok := c.cache[name]
	d, linked := c.descs[name]
	c.mu.Unlock()
	if linked {
		return protocompile.SearchResult{Desc: d}, nil
	}
	if ok {
		return protocompile.SearchResult{Proto: fdp}, nil
	}
	_, target := c.targets[name]
	for _, r := range c.roots {
		p := path.Join(r, name)
		// An import must not leave the import roots, by ".." or through a
		// symlink; a target is what the user named, wherever it is.
		if !target && (!load.Inside(c.reader, name) || !load.Inside(c.reader, p)) {
			return protocompile.SearchResult{}, fmt.Errorf("import %q leaves the import root %s; refused", name, rootName(r))
		}
		data, err := c.reader.ReadFile(p)
		if err == nil {
			return protocompile.SearchResult{Source: bytes.NewReader(data)}, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return protocompile.SearchResult{}, fmt.Errorf("reading %s: %w", p, err)
		}
	}
	if fd, ok := c.served(name); ok {
		return protocompile.SearchResult{Desc: fd}, nil
	}
	return protocompile.SearchResult{}, c.notFound(name)
}

// registryFiles are files of Buf Schema Registry modules that contractctl
// carries, compiled into it with the libraries that use them: an import of
// one is served when no import root has it and buf.yaml depends on its
// module, as buf would fetch it.
var registryFiles = map[string]struct {
	module string
	file   protoreflect.FileDescriptor
}{
	"buf/validate/validate.proto": {"buf.build/bufbuild/protovalidate", validate.File_buf_validate_validate_proto},
}

// served returns the carried file name, if buf.yaml depends on its module.
func (c *compiler) served(name string) (protoreflect.FileDescriptor, bool) {
	rf, ok := registryFiles[name]
	if !ok {
		return nil, false
	}
	for _, d := range c.deps {
		if moduleOf(d) == rf.module {
			return rf.file, true
		}
	}
	return nil, false
}

// notFound is an import that no root has. Its message is built only when
// it is read: the compiler asks for the standard imports (google/protobuf/…)
// here first, and most misses never reach the user.
func (c *compiler) notFound(name string) error { return &notFoundError{c: c, name: name} }

// explain names the roots searched and, when the file exists below a
// directory above one of the files to check, the import root that would
// find it, or the registry dependencies buf.yaml declares.
func (c *compiler) explain(name string) string {
	roots := make([]string, len(c.roots))
	for i, r := range c.roots {
		roots[i] = rootName(r)
	}
	msg := fmt.Sprintf("import %q not found in the import root", name)
	if len(roots) > 1 {
		msg += "s"
	}
	msg += " " + strings.Join(roots, ", ")
	if dir, ok := c.rootHolding(name); ok {
		return fmt.Sprintf("%s, but %s exists: add %q to protobuf.import_paths in .contractctl.yaml, or put a buf.yaml (its module root) in %s/",
			msg, path.Join(dir, name), dir, dir)
	}
	var deps []string
	for _, d := range c.deps {
		if !carried(d) {
			deps = append(deps, d)
		}
	}
	if len(deps) > 0 {
		deps = slices.Compact(slices.Sorted(slices.Values(deps)))
		return fmt.Sprintf("%s; buf.yaml depends on %s from the Buf Schema Registry, which contractctl does not fetch: vendor it (buf export %s --output third_party) and add that directory to protobuf.import_paths in .contractctl.yaml",
			msg, strings.Join(deps, ", "), deps[0])
	}
	return msg + ": set protobuf.import_paths in .contractctl.yaml, or put a buf.yaml in the directory imports are relative to (the module root)"
}

// carried reports whether contractctl carries the files of registry
// dependency d.
func carried(d string) bool {
	for _, rf := range registryFiles {
		if rf.module == moduleOf(d) {
			return true
		}
	}
	return false
}

// moduleOf is a buf.yaml dependency without its version (":v1.0.0").
func moduleOf(d string) string {
	module, _, _ := strings.Cut(d, ":")
	return module
}

// rootHolding looks for name below the directories above the files to
// check, nearest first: the import root that would have found it.
func (c *compiler) rootHolding(name string) (string, bool) {
	tried := map[string]bool{}
	for _, p := range slices.Sorted(maps.Values(c.targets)) {
		for dir := path.Dir(p); dir != "." && dir != "/" && !strings.HasPrefix(dir, ".."); dir = path.Dir(dir) {
			if tried[dir] || slices.Contains(c.roots, dir) {
				continue
			}
			tried[dir] = true
			if _, err := c.reader.ReadFile(path.Join(dir, name)); err == nil && load.Inside(c.reader, path.Join(dir, name)) {
				return dir, true
			}
		}
	}
	return "", false
}

// notFoundError is an import no root has; it is fs.ErrNotExist to the
// compiler without saying "file does not exist" of a file that may exist
// elsewhere.
type notFoundError struct {
	c    *compiler
	name string
	msg  string
}

func (e *notFoundError) Error() string {
	if e.msg == "" {
		e.msg = e.c.explain(e.name)
	}
	return e.msg
}

func (e *notFoundError) Is(target error) bool { return target == fs.ErrNotExist }

// rootName is an import root for messages: "." for the reader's root.
func rootName(r string) string {
	if r == "" {
		return "."
	}
	return r
}

func (c *compiler) reportError(err reporter.ErrorWithPos) error {
	pos := err.GetPosition()
	msg := err.Unwrap().Error()
	if strings.HasPrefix(msg, "edition ") && (strings.Contains(msg, "not yet fully supported") || strings.Contains(msg, "not recognized")) {
		msg += editionHint
	}
	le := &load.Error{File: c.pathOf(pos.Filename), Line: pos.Line, Column: pos.Col, Msg: msg, Err: err, Revision: load.RevisionOf(c.reader)}
	key := le.Error()
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.seenErr[key] {
		c.seenErr[key] = true
		if c.perFile[le.File] >= maxErrorsPerFile {
			c.dropped[le.File]++
			return nil
		}
		c.perFile[le.File]++
		c.errs = append(c.errs, le)
	}
	return nil // keep going: report every error
}

// editionHint explains an edition the compiler does not read: protocompile
// v0.14.1, the newest release, reads proto2, proto3 and edition 2023 (its
// newer development versions still refuse 2024); buf 1.75 uses a new
// compiler that reads 2024.
const editionHint = " (contractctl's compiler, protocompile v0.14, reads editions up to 2023; lint and diff such files with buf for now)"

// maxErrorsPerFile bounds the compile errors printed for one file: a
// binary or badly broken file yields one per byte, and a thousand lines
// of them help nobody.
const maxErrorsPerFile = 20

// record keeps a compile failure that did not come through the reporter
// (a missing import, an unreadable file) as a compile error.
func (c *compiler) record(err error) {
	if errors.Is(err, reporter.ErrInvalidSource) {
		return // already reported, error by error
	}
	var ewp reporter.ErrorWithPos
	if errors.As(err, &ewp) {
		_ = c.reportError(ewp)
		return
	}
	le := &load.Error{File: "", Msg: err.Error(), Err: err, Revision: load.RevisionOf(c.reader)}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		le.File, le.Msg = pe.Path, pe.Err.Error()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if key := le.Error(); !c.seenErr[key] {
		c.seenErr[key] = true
		c.errs = append(c.errs, le)
	}
}

func (c *compiler) reportWarning(err reporter.ErrorWithPos) {
	var ui linker.ErrorUnusedImport
	if !errors.As(err, &ui) {
		return
	}
	file := err.GetPosition().Filename
	c.mu.Lock()
	defer c.mu.Unlock()
	if !slices.Contains(c.unused[file], ui.UnusedImport()) {
		c.unused[file] = append(c.unused[file], ui.UnusedImport())
	}
}

// pathOf maps an import-path-relative name to the reader-relative path of
// the first root holding it (for error messages).
func (c *compiler) pathOf(name string) string {
	if len(c.roots) == 1 {
		return path.Join(c.roots[0], name)
	}
	for _, r := range c.roots {
		if _, err := c.reader.ReadFile(path.Join(r, name)); err == nil {
			return path.Join(r, name)
		}
	}
	return name
}

// harvest visits every not-yet-visited target among files and their
// transitive imports compiled from source, then strips and caches them.
func (c *compiler) harvest(files linker.Files, targets map[string]string, visited map[string]bool, visit func(*File) error) error {
	var fresh []linker.Result
	seen := map[string]bool{}
	// Files imported from another directory (google/api/…, shared types)
	// are imported by many batches: keep them linked.
	shared := map[string]bool{}
	var walk func(f linker.File)
	walk = func(f linker.File) {
		name := f.Path()
		if seen[name] {
			return
		}
		seen[name] = true
		c.mu.Lock()
		_, cached := c.cache[name]
		if _, linked := c.descs[name]; cached && !linked {
			// Linked again from its stripped proto: keep this light
			// linked file (and what it links to) for later batches.
			c.keep(f)
		}
		c.mu.Unlock()
		if cached {
			return
		}
		res, ok := f.(linker.Result)
		if !ok {
			return // a standard import served as a descriptor
		}
		imps := f.Imports()
		for i := range imps.Len() {
			dep, ok := imps.Get(i).FileDescriptor.(linker.File)
			if !ok {
				dep = files.FindFileByPath(imps.Get(i).Path())
			}
			if dep != nil {
				if path.Dir(dep.Path()) != path.Dir(name) {
					shared[dep.Path()] = true
				}
				walk(dep)
			}
		}
		fresh = append(fresh, res)
	}
	for _, f := range files {
		walk(f)
	}
	for _, res := range fresh {
		fdp := res.FileDescriptorProto()
		name := fdp.GetName()
		if p, ok := targets[name]; ok && !visited[name] {
			visited[name] = true
			if fdp.SourceCodeInfo != nil || !c.sourceInfo {
				c.mu.Lock()
				unused := c.unused[name]
				c.mu.Unlock()
				if err := visit(&File{Name: name, Path: p, Proto: fdp, Locs: NewLocations(fdp.SourceCodeInfo), UnusedImports: unused, Linked: res}); err != nil {
					return err
				}
			}
		}
		fdp.SourceCodeInfo = nil
		c.mu.Lock()
		c.cache[name] = fdp
		if shared[name] {
			c.keep(res)
		}
		c.mu.Unlock()
	}
	return nil
}

// keep stores f and its transitive imports as linked files, so that every
// later batch sees one consistent instance of each (c.mu held).
func (c *compiler) keep(f linker.File) {
	if _, ok := c.descs[f.Path()]; ok {
		return
	}
	c.descs[f.Path()] = f
	imps := f.Imports()
	for i := range imps.Len() {
		if dep, ok := imps.Get(i).FileDescriptor.(linker.File); ok {
			c.keep(dep)
		}
	}
}

func normRoots(paths []string) []string {
	if len(paths) == 0 {
		return []string{""}
	}
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		p = path.Clean("/" + strings.TrimSpace(p))[1:]
		if p == "." {
			p = ""
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	// Longest root first, so that nested roots win.
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// nameOf returns p relative to the longest import root containing it.
func nameOf(p string, roots []string) (string, error) {
	p = path.Clean(p)
	for _, r := range roots {
		if r == "" {
			return p, nil
		}
		if rest, ok := strings.CutPrefix(p, r+"/"); ok {
			return rest, nil
		}
	}
	return "", &load.Error{File: p, Msg: fmt.Sprintf("not under any import path (%s)", strings.Join(roots, ", "))}
}
