package protobuf

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/rules"
)

// crossFile gathers what the rules spanning several files need, while
// each file is visited, so that descriptors need not be kept.
type crossFile struct {
	files []*fileInfo
}

// anchor is a place a cross-file finding may be reported, with the rules
// comment directives silence there.
type anchor struct {
	span    protoset.Span
	ignored []string
}

type fileInfo struct {
	mod     *protoset.Module
	sel     protoset.Selection
	path    string
	name    string
	pkg     string
	hasPkg  bool
	pkgAt   anchor
	options map[string]optionValue
	imports []importInfo
	methods []methodInfo
}

type optionValue struct {
	value string
	at    anchor
}

type importInfo struct {
	name string
	at   anchor
}

type methodInfo struct {
	full          string
	input, output string
	at            anchor
	readOnly      bool
}

// packageOption is a file option a PACKAGE_SAME_* rule compares.
type packageOption struct {
	rule, option string
	tag          int32
	get          func(*descriptorpb.FileOptions) (string, bool)
}

// packageOptions are the file options PACKAGE_SAME_* compare, by rule.
var packageOptions = []packageOption{
	{rules.ProtoPackageSameCsharpNamespace, "csharp_namespace", 37, func(o *descriptorpb.FileOptions) (string, bool) {
		return o.GetCsharpNamespace(), o.CsharpNamespace != nil
	}},
	{rules.ProtoPackageSameGoPackage, "go_package", 11, func(o *descriptorpb.FileOptions) (string, bool) { return o.GetGoPackage(), o.GoPackage != nil }},
	{rules.ProtoPackageSameJavaMultipleFiles, "java_multiple_files", 10, func(o *descriptorpb.FileOptions) (string, bool) {
		return fmt.Sprint(o.GetJavaMultipleFiles()), o.JavaMultipleFiles != nil
	}},
	{rules.ProtoPackageSameJavaPackage, "java_package", 1, func(o *descriptorpb.FileOptions) (string, bool) { return o.GetJavaPackage(), o.JavaPackage != nil }},
	{rules.ProtoPackageSamePhpNamespace, "php_namespace", 41, func(o *descriptorpb.FileOptions) (string, bool) {
		return o.GetPhpNamespace(), o.PhpNamespace != nil
	}},
	{rules.ProtoPackageSameRubyPackage, "ruby_package", 45, func(o *descriptorpb.FileOptions) (string, bool) { return o.GetRubyPackage(), o.RubyPackage != nil }},
	{rules.ProtoPackageSameSwiftPrefix, "swift_prefix", 39, func(o *descriptorpb.FileOptions) (string, bool) { return o.GetSwiftPrefix(), o.SwiftPrefix != nil }},
}

func (p *pass) anchorAt(paths ...[]int32) anchor {
	a := anchor{span: p.locs.First(paths...)}
	if !p.mod.Lint.DisallowCommentIgnores && len(paths) > 0 {
		a.ignored = ignoredRules(p.locs, paths[0], "buf:lint:ignore")
	}
	return a
}

// collect records the file's cross-file facts.
func (l *linter) collect(p *pass) {
	fd := p.f.Proto
	fi := &fileInfo{mod: p.mod, sel: p.sel, path: p.f.Path, name: p.f.Name, pkg: fd.GetPackage(), hasPkg: fd.Package != nil,
		pkgAt: p.anchorAt([]int32{protoset.TagFilePackage}), options: map[string]optionValue{}}
	opts := fd.GetOptions()
	if opts == nil {
		opts = &descriptorpb.FileOptions{}
	}
	for _, po := range packageOptions {
		if v, ok := po.get(opts); ok {
			fi.options[po.rule] = optionValue{value: v, at: p.anchorAt([]int32{protoset.TagFileOptions, po.tag})}
		}
	}
	for i, dep := range fd.Dependency {
		fi.imports = append(fi.imports, importInfo{name: dep, at: p.anchorAt([]int32{protoset.TagFileDependency, int32(i)})})
	}
	for i, s := range fd.Service {
		for j, m := range s.Method {
			mp := []int32{protoset.TagFileService, int32(i), protoset.TagServiceMethod, int32(j)}
			fi.methods = append(fi.methods, methodInfo{
				full:     join(join(fd.GetPackage(), s.GetName()), m.GetName()),
				input:    strings.TrimPrefix(m.GetInputType(), "."),
				output:   strings.TrimPrefix(m.GetOutputType(), "."),
				at:       p.anchorAt(mp),
				readOnly: isReadMethod(m),
			})
		}
	}
	l.mu.Lock()
	l.cross.files = append(l.cross.files, fi)
	l.mu.Unlock()
}

// emit reports a cross-file finding at a, unless a directive there or the
// module's ignores silence it.
func (l *linter) emit(fi *fileInfo, rule string, a anchor, pointer, msg string) {
	if !fi.sel[rule] || slices.Contains(a.ignored, rule) {
		return
	}
	l.out = l.findings(l.out, fi.mod, rule, fi.path, a.span, pointer, msg)
}

// byDir and byPkg group the visited files by directory and by package
// (files without a package share ""), in path order.
// byDir groups the files by module and directory: as in buf, each module
// is checked on its own.
func (l *linter) byDir() map[modKey][]*fileInfo {
	out := map[modKey][]*fileInfo{}
	for _, fi := range l.sortedFiles() {
		k := modKey{fi.mod, path.Dir(fi.name)}
		out[k] = append(out[k], fi)
	}
	return out
}

// modKey is a directory or package within a module.
type modKey struct {
	mod  *protoset.Module
	name string
}

func (l *linter) byPkg() map[string][]*fileInfo {
	out := map[string][]*fileInfo{}
	for _, fi := range l.sortedFiles() {
		out[fi.pkg] = append(out[fi.pkg], fi)
	}
	return out
}

func (l *linter) sortedFiles() []*fileInfo {
	files := l.cross.files
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	return files
}

func runDirectorySamePackage(p *Pass) {
	p.OnFinish(func() {
		for dir, fs := range p.l.byDir() {
			if pkgs := distinct(fs, func(fi *fileInfo) string { return fi.pkg }); len(pkgs) > 1 {
				for _, fi := range fs {
					p.l.emit(fi, p.Rule.ID, fi.pkgAt, "/package",
						fmt.Sprintf("Multiple packages %q detected within directory %q.", strings.Join(pkgs, ","), dirOrDot(dir.name)))
				}
			}
		}
	})
}

func runPackageSameDirectory(p *Pass) {
	p.OnFinish(func() {
		for pkg, fs := range p.l.byPkg() {
			if dirs := distinct(fs, func(fi *fileInfo) string { return path.Dir(fi.name) }); len(dirs) > 1 {
				for _, fi := range fs {
					p.l.emit(fi, p.Rule.ID, fi.pkgAt, "/package",
						fmt.Sprintf("Multiple directories %q contain files with package %q.", strings.Join(dirs, ","), pkg))
				}
			}
		}
	})
}

// runPackageSameOption is the check of each PACKAGE_SAME_* rule: the
// files of a package agree on the option (set or not, and its value).
func runPackageSameOption(p *Pass) {
	i := slices.IndexFunc(packageOptions, func(po packageOption) bool { return po.rule == p.Rule.ID })
	po := packageOptions[i]
	p.OnFinish(func() {
		for pkg, fs := range p.l.byPkg() {
			if pkg == "" {
				continue // files without a package have no package to agree in
			}
			vals := distinct(fs, func(fi *fileInfo) string {
				if v, ok := fi.options[po.rule]; ok {
					return "=" + v.value
				}
				return ""
			})
			if len(vals) <= 1 {
				continue
			}
			for _, fi := range fs {
				a := anchor{ignored: fi.pkgAt.ignored}
				if v, ok := fi.options[po.rule]; ok {
					a = v.at
				}
				p.l.emit(fi, po.rule, a, "/options/"+po.option,
					fmt.Sprintf("Files in package %q have different values for option %q.", pkg, po.option))
			}
		}
	})
}

func distinct(fs []*fileInfo, key func(*fileInfo) string) []string {
	var out []string
	for _, fi := range fs {
		if k := key(fi); !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// uniqueRequestResponse reports request and response messages used by
// more than one RPC (a method is counted once per type), and RPCs whose
// request and response are one type. With one of the Empty allowances,
// google.protobuf.Empty is only reported on the side not allowed.
func runRpcRequestResponseUnique(p *Pass) {
	p.OnFinish(func() { p.l.uniqueRequestResponse(p.l.sortedFiles()) })
}

func (l *linter) uniqueRequestResponse(files []*fileInfo) {
	type use struct {
		fi *fileInfo
		m  *methodInfo
	}
	uses := map[string][]use{}
	var types []string
	for _, fi := range files {
		opt := fi.mod.Lint
		for i := range fi.methods {
			m := &fi.methods[i]
			if m.input == m.output && !opt.RPCAllowSameRequestResp &&
				!(m.input == emptyType && opt.RPCAllowEmptyRequests && opt.RPCAllowEmptyResponses) {
				l.emit(fi, rules.ProtoRpcRequestResponseUnique, m.at, "/"+m.full,
					fmt.Sprintf("RPC %q has the same type %q for the request and response.", protoset.LastComponent(m.full), m.input))
			}
			for _, t := range slices.Compact([]string{m.input, m.output}) {
				if _, seen := uses[t]; !seen {
					types = append(types, t)
				}
				uses[t] = append(uses[t], use{fi, m})
			}
		}
	}
	for _, typ := range types {
		us := uses[typ]
		if len(us) < 2 {
			continue
		}
		opt := us[0].fi.mod.Lint
		if typ == emptyType && (opt.RPCAllowEmptyRequests || opt.RPCAllowEmptyResponses) {
			if opt.RPCAllowEmptyRequests && opt.RPCAllowEmptyResponses {
				continue
			}
			side, allowed := "request", opt.RPCAllowEmptyRequests
			pick := func(m *methodInfo) bool { return m.input == emptyType }
			if allowed {
				side = "response"
				pick = func(m *methodInfo) bool { return m.output == emptyType }
			}
			var on []use
			for _, u := range us {
				if pick(u.m) {
					on = append(on, u)
				}
			}
			if len(on) > 1 {
				for _, u := range on {
					l.emit(u.fi, rules.ProtoRpcRequestResponseUnique, u.m.at, "/"+u.m.full,
						fmt.Sprintf("%q is used as the %s for multiple RPCs.", typ, side))
				}
			}
			continue
		}
		for _, u := range us {
			l.emit(u.fi, rules.ProtoRpcRequestResponseUnique, u.m.at, "/"+u.m.full,
				fmt.Sprintf("%q is used as the request or response type for multiple RPCs.", typ))
		}
	}
}

// pkgOf is the package of a compiled file (false when it was not
// compiled: an import that failed).
func (l *linter) pkgOf(name string) (string, bool) {
	if fd, ok := l.protos[name]; ok {
		return fd.GetPackage(), true
	}
	return "", false
}

func runPackageNoImportCycle(p *Pass) {
	p.OnFinish(func() {
		l := p.l
		edges := map[string]map[string]bool{} // the package graph of the targets
		for _, fi := range l.cross.files {
			for _, im := range fi.imports {
				if q, ok := l.pkgOf(im.name); ok && q != fi.pkg && fi.hasPkg {
					if edges[fi.pkg] == nil {
						edges[fi.pkg] = map[string]bool{}
					}
					edges[fi.pkg][q] = true
				}
			}
		}
		comp := sccs(edges)
		for _, fi := range l.cross.files {
			for _, im := range fi.imports {
				if q, ok := l.pkgOf(im.name); ok && fi.hasPkg && q != fi.pkg && comp[fi.pkg] != 0 && comp[fi.pkg] == comp[q] {
					l.emit(fi, p.Rule.ID, im.at, "/imports/"+im.name,
						fmt.Sprintf("Package import cycle: %s -> %s -> … -> %s.", fi.pkg, q, fi.pkg))
				}
			}
		}
	})
}

func runStablePackageNoImportUnstable(p *Pass) {
	p.OnFinish(func() {
		for _, fi := range p.l.cross.files {
			for _, im := range fi.imports {
				if q, ok := p.l.pkgOf(im.name); ok && isStablePackage(fi.pkg) && protoset.IsUnstablePackage(q) {
					p.l.emit(fi, p.Rule.ID, im.at, "/imports/"+im.name,
						fmt.Sprintf("This file is in stable package %q, so it should not depend on %q from unstable package %q.", fi.pkg, im.name, q))
				}
			}
		}
	})
}

// sccs numbers the strongly connected components with more than one
// package (0: not in a cycle).
func sccs(edges map[string]map[string]bool) map[string]int {
	index, low := map[string]int{}, map[string]int{}
	onStack := map[string]bool{}
	var stack []string
	out := map[string]int{}
	next, comp := 0, 0
	var nodes []string
	for n := range edges {
		nodes = append(nodes, n)
	}
	sort.Strings(nodes)
	var visit func(v string)
	visit = func(v string) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		var succ []string
		for w := range edges[v] {
			succ = append(succ, w)
		}
		sort.Strings(succ)
		for _, w := range succ {
			if _, seen := index[w]; !seen {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var members []string
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				members = append(members, w)
				if w == v {
					break
				}
			}
			if len(members) > 1 {
				comp++
				for _, m := range members {
					out[m] = comp
				}
			}
		}
	}
	for _, n := range nodes {
		if _, seen := index[n]; !seen {
			visit(n)
		}
	}
	return out
}
