package protoset

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/internal/bufconfig"
	"github.com/contractctl/contractctl/internal/glob"
	"github.com/contractctl/contractctl/internal/load"
)

// Checks is a resolved buf-style selection for one job, with every path
// reader-relative.
type Checks struct {
	Use, Except []string
	// Ignore lists files or directories whose findings are dropped.
	Ignore []string
	// IgnoreOnly maps a rule ID or category to files or directories.
	IgnoreOnly map[string][]string

	EnumZeroValueSuffix     string
	ServiceSuffix           string
	RPCAllowSameRequestResp bool
	RPCAllowEmptyRequests   bool
	RPCAllowEmptyResponses  bool
	DisallowCommentIgnores  bool
	IgnoreUnstablePackages  bool
	// DisableBuiltin turns buf's own rules off (the policies still run).
	DisableBuiltin bool
	// V1beta1: the selection reads buf.yaml v1beta1's categories.
	V1beta1 bool
	// Source is the file the selection came from (buf.yaml or a policy).
	Source string
}

// Module is a set of files sharing an import root and a buf.yaml.
type Module struct {
	// Root is the reader-relative import root.
	Root string
	// Config is the reader-relative buf.yaml it came from ("" for none).
	Config string
	// Excludes are reader-relative directories left out of the module.
	Excludes       []string
	Lint, Breaking Checks
	deps           []string
	// LintPolicies and BreakingPolicies are buf.yaml v2's local policies:
	// each a selection of its own, with the ignores buf.yaml gives it.
	LintPolicies, BreakingPolicies []Checks
}

// Setup is how a set of files is compiled and checked.
type Setup struct {
	Modules []*Module // longest root first
	// Files are the targets left after module excludes (and, in a
	// workspace, outside its modules).
	Files []string
	// Deps are the Buf Schema Registry dependencies the buf.yaml files
	// declare (contractctl does not fetch them).
	Deps []string
}

// ImportPaths are the modules' roots.
func (s *Setup) ImportPaths() []string {
	out := make([]string, 0, len(s.Modules))
	for _, m := range s.Modules {
		out = append(out, m.Root)
	}
	return out
}

// NameOf returns a reader-relative file's import-path-relative name.
func (s *Setup) NameOf(p string) (string, error) { return nameOf(p, normRoots(s.ImportPaths())) }

// ModuleOf returns the module a reader-relative file belongs to.
func (s *Setup) ModuleOf(p string) *Module {
	for _, m := range s.Modules {
		if under(p, m.Root) {
			return m
		}
	}
	return s.Modules[len(s.Modules)-1]
}

func under(p, dir string) bool {
	return dir == "" || p == dir || strings.HasPrefix(p, dir+"/")
}

// Resolve finds the modules of files: explicit import paths when given
// (the contractctl config's protobuf.import_paths), else the directory of
// the nearest buf.yaml / buf.work.yaml above each file (v2 modules and v1
// workspaces give one root per module), else the reader's root. Files under
// a module's excludes are dropped. cfg's lint/breaking selections, when
// set, take precedence over buf.yaml's; ignores are merged.
func Resolve(r load.Reader, files []string, cfg Config) (*Setup, error) {
	s := &Setup{}
	byRoot := map[string]*Module{}
	add := func(m *Module) *Module {
		if old, ok := byRoot[m.Root]; ok {
			return old
		}
		byRoot[m.Root] = m
		s.Modules = append(s.Modules, m)
		return m
	}
	if len(cfg.ImportPaths) > 0 {
		for _, p := range normRoots(cfg.ImportPaths) {
			m := &Module{Root: p}
			if cfgPath, bm, err := findBufYAML(r, p); err != nil {
				return nil, err
			} else if bm != nil {
				if err := applyBuf(r, m, path.Dir(cfgPath), cfgPath, bm); err != nil {
					return nil, err
				}
			}
			add(m)
		}
	} else {
		dirs := map[string]bool{}
		for _, f := range files {
			dirs[path.Dir(f)] = true
		}
		found := map[string]bool{}
		wsOf := map[string]string{}         // directory → its workspace configuration
		wsModules := map[string][]*Module{} // workspace configuration → its modules
		for d := range dirs {
			// A workspace (buf.work.yaml, or a buf.yaml v2 listing modules)
			// above the directory decides, as buf's controlling workspace
			// does: its modules are what is checked.
			cfgPath, err := outermostWorkspace(r, d, found)
			if err != nil {
				return nil, err
			}
			if cfgPath != "" {
				wsOf[d] = cfgPath
			} else if cfgPath, err = nearestConfig(r, d, found); err != nil {
				return nil, err
			}
			if cfgPath == "" || found[cfgPath+"#done"] {
				continue
			}
			found[cfgPath+"#done"] = true
			ms, err := modulesFrom(r, cfgPath)
			if err != nil {
				return nil, err
			}
			for _, m := range ms {
				wsModules[cfgPath] = append(wsModules[cfgPath], add(m))
				s.Deps = append(s.Deps, m.deps...)
			}
		}
		// Files of a workspace outside all of its modules are not checked.
		files = slices.DeleteFunc(slices.Clone(files), func(f string) bool {
			ws, ok := wsOf[path.Dir(f)]
			return ok && !slices.ContainsFunc(wsModules[ws], func(m *Module) bool { return under(f, m.Root) })
		})
		if len(s.Modules) == 0 || !slices.ContainsFunc(s.Modules, func(m *Module) bool { return m.Root == "" }) {
			add(&Module{Root: ""})
		}
	}
	slices.SortStableFunc(s.Modules, func(a, b *Module) int { return len(b.Root) - len(a.Root) })
	for _, m := range s.Modules {
		overlay(&m.Lint, cfg.Lint)
		overlay(&m.Breaking, cfg.Breaking)
	}
	for _, f := range files {
		m := s.ModuleOf(f)
		if slices.ContainsFunc(m.Excludes, func(ex string) bool { return under(f, ex) }) {
			continue
		}
		s.Files = append(s.Files, f)
	}
	return s, nil
}

// overlay lays the contractctl config's selection over buf.yaml's.
func overlay(c *Checks, pc CheckConfig) {
	if len(pc.Use) > 0 || len(pc.Except) > 0 {
		c.Use, c.Except = pc.Use, pc.Except
	}
	c.Ignore = append(c.Ignore, pc.Ignore...)
	for k, v := range pc.IgnoreOnly {
		if c.IgnoreOnly == nil {
			c.IgnoreOnly = map[string][]string{}
		}
		c.IgnoreOnly[k] = append(c.IgnoreOnly[k], v...)
	}
}

// nearestConfig walks up from dir to the reader's root and returns the
// first buf.work.yaml or buf.yaml ("" when none).
func nearestConfig(r load.Reader, dir string, cache map[string]bool) (string, error) {
	for d := dir; ; d = path.Dir(d) {
		if d == "." || d == "/" {
			d = ""
		}
		for _, name := range []string{"buf.work.yaml", "buf.yaml"} {
			p := path.Join(d, name)
			exists, ok := cache[p]
			if !ok {
				_, err := r.ReadFile(p)
				if err != nil && !errors.Is(err, fs.ErrNotExist) {
					return "", fmt.Errorf("reading %s: %w", p, err)
				}
				exists = err == nil
				cache[p] = exists
			}
			if exists {
				return p, nil
			}
		}
		if d == "" {
			return "", nil
		}
	}
}

// outermostWorkspace walks up from dir to the reader's root and returns
// the outermost buf.work.yaml, or buf.yaml v2 with a modules list ("" when
// none).
func outermostWorkspace(r load.Reader, dir string, cache map[string]bool) (string, error) {
	out := ""
	for d := dir; ; d = path.Dir(d) {
		if d == "." || d == "/" {
			d = ""
		}
		work := path.Join(d, "buf.work.yaml")
		ok, err := isWorkspace(r, work, cache)
		if err != nil {
			return "", err
		}
		if !ok {
			if ok, err = isWorkspace(r, path.Join(d, "buf.yaml"), cache); err != nil {
				return "", err
			} else if ok {
				work = path.Join(d, "buf.yaml")
			}
		}
		if ok {
			out = work
		}
		if d == "" {
			return out, nil
		}
	}
}

// isWorkspace reports whether p is a buf.work.yaml or a buf.yaml v2 that
// lists modules.
func isWorkspace(r load.Reader, p string, cache map[string]bool) (bool, error) {
	key := p + "#workspace"
	if v, ok := cache[key]; ok {
		return v, nil
	}
	ws := false
	if path.Base(p) == "buf.work.yaml" {
		_, err := r.ReadFile(p)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false, fmt.Errorf("reading %s: %w", p, err)
		}
		ws = err == nil
	} else if _, b, err := findBufYAML(r, path.Dir(p)); err != nil {
		return false, err
	} else {
		ws = b != nil && b.Workspace()
	}
	cache[key] = ws
	return ws, nil
}

func findBufYAML(r load.Reader, dir string) (string, *bufconfig.File, error) {
	p := path.Join(dir, "buf.yaml")
	data, err := r.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, fmt.Errorf("reading %s: %w", p, err)
	}
	b, err := bufconfig.Parse(data)
	if err != nil {
		return "", nil, &load.Error{File: p, Msg: "invalid buf.yaml: " + err.Error(), Err: err}
	}
	return p, b, nil
}

func modulesFrom(r load.Reader, cfgPath string) ([]*Module, error) {
	dir := path.Dir(cfgPath)
	if dir == "." {
		dir = ""
	}
	if path.Base(cfgPath) == "buf.work.yaml" {
		data, err := r.ReadFile(cfgPath)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", cfgPath, err)
		}
		w, err := bufconfig.ParseWork(data)
		if err != nil {
			return nil, &load.Error{File: cfgPath, Msg: "invalid buf.work.yaml: " + err.Error(), Err: err}
		}
		var out []*Module
		for _, d := range w.Directories {
			root := path.Join(dir, d)
			m := &Module{Root: root}
			p, b, err := findBufYAML(r, root)
			if err != nil {
				return nil, err
			}
			if b != nil {
				if err := applyBuf(r, m, root, p, b); err != nil {
					return nil, err
				}
			}
			out = append(out, m)
		}
		return out, nil
	}
	_, b, err := findBufYAML(r, dir)
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, nil
	}
	if b.Workspace() {
		var out []*Module
		for i := range b.Modules {
			bm := b.Modules[i]
			root := path.Join(dir, bm.Path)
			if root == "." {
				root = ""
			}
			m := &Module{Root: root}
			if err := applyBuf(r, m, dir, cfgPath, b); err != nil {
				return nil, err
			}
			for _, ex := range bm.Excludes {
				m.Excludes = append(m.Excludes, path.Join(dir, ex))
			}
			if bm.Lint != nil {
				m.Lint = checksFrom(*bm.Lint, dir, cfgPath, b.Version)
			}
			if bm.Breaking != nil {
				m.Breaking = checksFrom(*bm.Breaking, dir, cfgPath, b.Version)
			}
			out = append(out, m)
		}
		return out, nil
	}
	m := &Module{Root: dir}
	if err := applyBuf(r, m, dir, cfgPath, b); err != nil {
		return nil, err
	}
	return []*Module{m}, nil
}

// applyBuf fills m from buf.yaml b at cfgPath; paths in b are relative to
// base. Local policy files are read through r.
func applyBuf(r load.Reader, m *Module, base, cfgPath string, b *bufconfig.File) error {
	if base == "." {
		base = ""
	}
	m.Config = cfgPath
	m.deps = b.Deps
	v2 := b.Version == "v2"
	roots := b.Build.Roots
	for _, ex := range b.Build.Excludes {
		m.Excludes = append(m.Excludes, path.Join(base, ex))
	}
	// v1beta1's ignore paths are relative to its root.
	ignoreBase := base
	if len(roots) == 1 && !v2 {
		m.Root = path.Join(base, roots[0])
		ignoreBase = m.Root
	}
	m.Lint = checksFrom(b.Lint, ignoreBase, cfgPath, b.Version)
	m.Breaking = checksFrom(b.Breaking, ignoreBase, cfgPath, b.Version)
	for _, pol := range b.Policies {
		pp := path.Join(base, pol.Policy)
		data, err := r.ReadFile(pp)
		if err != nil {
			return &load.Error{File: cfgPath, Msg: fmt.Sprintf("policy %s cannot be read (%v); contractctl reads local policy files only, so vendor a registry policy next to buf.yaml", pol.Policy, err), Err: err}
		}
		pb, err := bufconfig.Parse(data)
		if err != nil {
			return &load.Error{File: pp, Msg: "invalid policy: " + err.Error(), Err: err}
		}
		ign := checksFrom(bufconfig.Check{Ignore: pol.Ignore, IgnoreOnly: pol.IgnoreOnly}, base, pp, "v2")
		for _, job := range []struct {
			b   bufconfig.Check
			out *[]Checks
		}{{pb.Lint, &m.LintPolicies}, {pb.Breaking, &m.BreakingPolicies}} {
			c := checksFrom(job.b, base, pp, "v2")
			c.Ignore, c.IgnoreOnly = ign.Ignore, ign.IgnoreOnly
			*job.out = append(*job.out, c)
		}
	}
	return nil
}

func checksFrom(b bufconfig.Check, base, source, version string) Checks {
	v2 := version == "v2"
	join := func(ps []string) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = path.Join(base, p)
		}
		return out
	}
	c := Checks{Use: b.Use, Except: b.Except, Ignore: join(b.Ignore),
		EnumZeroValueSuffix: b.EnumZeroValueSuffix, ServiceSuffix: b.ServiceSuffix,
		RPCAllowSameRequestResp: b.RPCAllowSame, RPCAllowEmptyRequests: b.RPCAllowEmptyRequests,
		RPCAllowEmptyResponses: b.RPCAllowEmptyResponses, IgnoreUnstablePackages: b.IgnoreUnstablePackages,
		DisableBuiltin: b.DisableBuiltin, V1beta1: version == "v1beta1" || version == "", Source: source}
	if v2 {
		c.DisallowCommentIgnores = b.DisallowCommentIgnores
	} else {
		c.DisallowCommentIgnores = !b.AllowCommentIgnores
	}
	if len(b.IgnoreOnly) > 0 {
		c.IgnoreOnly = map[string][]string{}
		for k, v := range b.IgnoreOnly {
			c.IgnoreOnly[k] = join(v)
		}
	}
	return c
}

// Ignored reports whether c's ignore / ignore_only drop a finding of rule
// (with categories cats) in file p. Paths may be globs (`**` allowed).
func (c *Checks) Ignored(rule string, cats []string, p string) bool {
	if matchAny(c.Ignore, p) {
		return true
	}
	if matchAny(c.IgnoreOnly[rule], p) {
		return true
	}
	for _, cat := range cats {
		if matchAny(c.IgnoreOnly[cat], p) {
			return true
		}
	}
	if c.V1beta1 {
		for cat, paths := range c.IgnoreOnly {
			if inV1beta1Category(cat, rule) && matchAny(paths, p) {
				return true
			}
		}
	}
	return false
}

func matchAny(pats []string, p string) bool {
	for _, pat := range pats {
		if under(p, pat) {
			return true
		}
		if strings.ContainsAny(pat, "*?[") {
			if ok, _ := glob.Match(pat, p); ok {
				return true
			}
			if ok, _ := glob.Match(pat+"/**", p); ok {
				return true
			}
		}
	}
	return false
}
