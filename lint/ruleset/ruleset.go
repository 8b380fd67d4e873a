// Package ruleset runs Spectral rulesets natively: it loads a ruleset file
// (rules, extends, aliases, overrides, formats), evaluates each rule's
// `given` JSONPath over a contract's positioned nodes — with $refs resolved
// or not, as the rule asks — applies the core functions to each `then`
// target and returns findings in contractctl's one shape, positioned in the
// file where the offending node is written.
package ruleset

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/pb33f/jsonpath/pkg/jsonpath"
	jpconfig "github.com/pb33f/jsonpath/pkg/jsonpath/config"
	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/glob"
	"github.com/contractctl/contractctl/internal/load"
)

// Spectral's severities: off is -1, then error, warn, info and hint.
const (
	sevOff   = -1
	sevError = 0
	sevWarn  = 1
	sevInfo  = 2
	sevHint  = 3
)

// Severity maps a Spectral severity to contractctl's (hint becomes info).
func Severity(s int) finding.Severity {
	switch s {
	case sevError:
		return finding.Error
	case sevWarn:
		return finding.Warn
	case sevInfo, sevHint:
		return finding.Info
	}
	return finding.Off
}

// Rule is one rule of a loaded ruleset.
type Rule struct {
	Name        string
	Description string
	Message     *string
	Severity    int // Spectral's scale
	Given       []string
	Then        []Then
	Formats     []string // nil: every format
	Resolved    bool
	Recommended bool
	Enabled     bool
	// File and Line locate the rule's definition.
	File string
	Line int
	// Builtin names the contractctl rule that stands for a rule of
	// spectral:oas or spectral:asyncapi ("" when none does); such a rule
	// has no given or then of its own. SeveritySet says the ruleset gave
	// it a severity (or switched it off), which the contractctl rule then
	// takes.
	Builtin     string
	IsBuiltin   bool
	SeveritySet bool
	// Unsupported names the custom JavaScript function the rule calls,
	// which contractctl cannot run.
	Unsupported string

	aliases *aliasTable
}

// Then is one function applied to a target.
type Then struct {
	Field    string
	Function string
	fn       function
	// path is a plain field's segments (a.b, a[0], ['x-y']).
	path []string
}

type aliasTable struct {
	simple map[string][]string
	scoped map[string][]aliasTarget
}

type aliasTarget struct {
	formats []string
	given   []string
}

// Ruleset is a loaded ruleset: its rules by name, with extends applied;
// forFile merges in the overrides that match the file being linted.
type Ruleset struct {
	rules map[string]*Rule
	// extra are the rules only overrides define.
	extra map[string]*Rule
	// formats are those the ruleset's files and rules name.
	formats map[string]bool
	// overrides of the root ruleset, applied by forFile.
	overrides []override
	loader    *loader

	// byOverrides caches the rules for each combination of matching
	// overrides.
	mu          sync.Mutex
	byOverrides map[string]*fileRules
}

type override struct {
	files    []string // globs, relative to the root ruleset's directory
	pointers map[string]string
	node     *yaml.Node // the override's mapping (rules, formats, aliases)
	file     string
}

// Rules returns the rules sorted by name, with those only overrides
// define.
func (rs *Ruleset) Rules() []*Rule {
	out := slices.Collect(maps.Values(rs.rules))
	out = slices.AppendSeq(out, maps.Values(rs.extra))
	slices.SortFunc(out, func(a, b *Rule) int { return strings.Compare(a.Name, b.Name) })
	return out
}

type loader struct {
	src load.Reader
	// paths caches compiled expressions; files are linted in parallel.
	mu    sync.Mutex
	paths map[string]*jsonpath.JSONPath
}

// Load reads the ruleset at name (slash-separated, as src names it) and
// everything it extends. Any defect — an unreadable or missing file, a
// cycle of extends, an unknown function, an invalid JSONPath or regular
// expression — is a *load.Error naming the ruleset file and line.
func Load(src load.Reader, name string) (*Ruleset, error) {
	l := &loader{src: src, paths: map[string]*jsonpath.JSONPath{}}
	rs := &Ruleset{loader: l, byOverrides: map[string]*fileRules{}, formats: map[string]bool{}}
	rules, err := l.load(rs, name, "recommended", false, nil, nil)
	if err != nil {
		return nil, err
	}
	rs.rules = rules
	for _, r := range rs.Rules() {
		for _, f := range r.Formats {
			rs.formats[f] = true
		}
	}
	return rs, nil
}

func errAt(file string, n *yaml.Node, format string, args ...any) error {
	e := &load.Error{File: file, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	return e
}

func (l *loader) parse(name string, at *yaml.Node, from string) (*yaml.Node, error) {
	data, err := l.src.ReadFile(name)
	if err != nil {
		if from == "" {
			return nil, &load.Error{File: name, Msg: "cannot read ruleset: " + describe(err)}
		}
		return nil, errAt(from, at, "cannot read extended ruleset %s: %s", name, describe(err))
	}
	f, err := load.Parse(name, data)
	if err != nil {
		return nil, err
	}
	root := load.Deref(f.Root)
	if root == nil || root.Kind != yaml.MappingNode {
		return nil, errAt(name, root, "a ruleset must be a mapping")
	}
	return root, nil
}

func describe(err error) string {
	s := err.Error()
	if strings.Contains(s, "no such file") || strings.Contains(s, "file does not exist") {
		return "no such file"
	}
	return s
}

var rootKeys = []string{"rules", "extends", "formats", "aliases", "overrides", "documentationUrl", "description", "parserOptions", "functions", "functionsDir"}

// load reads one ruleset file. mode is how the extending ruleset selected
// it ("recommended", "all" or "off"); explicit says whether it said so.
// stack holds the files being loaded, for cycle detection.
func (l *loader) load(rs *Ruleset, name, mode string, explicit bool, stack []string, at *yaml.Node) (map[string]*Rule, error) {
	var from string
	if len(stack) > 0 {
		from = stack[len(stack)-1]
	}
	if i := slices.Index(stack, name); i >= 0 {
		return nil, errAt(from, at, "extends cycle: %s", strings.Join(append(slices.Clone(stack[i:]), name), " -> "))
	}
	root, err := l.parse(name, at, from)
	if err != nil {
		return nil, err
	}
	stack = append(stack, name)
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i]; !slices.Contains(rootKeys, k.Value) {
			return nil, errAt(name, k, "unknown ruleset key %q", k.Value)
		}
	}
	own := &owner{file: name, mode: mode, explicit: explicit}
	if own.formats, err = formatList(name, load.Value(root, "formats")); err != nil {
		return nil, err
	}
	for _, f := range own.formats {
		rs.formats[f] = true
	}
	if own.aliases, err = parseAliases(name, load.Value(root, "aliases")); err != nil {
		return nil, err
	}
	if fs := load.Value(root, "functions"); fs != nil {
		for _, f := range fs.Content {
			own.custom = append(own.custom, f.Value)
		}
	}
	rules := map[string]*Rule{}
	if ext := load.Value(root, "extends"); ext != nil {
		entries := []*yaml.Node{ext}
		if ext.Kind == yaml.SequenceNode {
			entries = ext.Content
		}
		for _, e := range entries {
			target, emode, eexplicit := e, "recommended", false
			if e.Kind == yaml.SequenceNode {
				if len(e.Content) != 2 {
					return nil, errAt(name, e, "an extends entry is a ruleset or [ruleset, recommended|all|off]")
				}
				target, emode, eexplicit = e.Content[0], e.Content[1].Value, true
				if emode != "recommended" && emode != "all" && emode != "off" {
					return nil, errAt(name, e.Content[1], "extends mode %q: want recommended, all or off", emode)
				}
			}
			if target.Kind != yaml.ScalarNode || target.Value == "" {
				return nil, errAt(name, target, "an extends entry names a ruleset file")
			}
			var inherited map[string]*Rule
			switch {
			case strings.HasPrefix(target.Value, "spectral:"):
				inherited, err = builtinRules(name, target)
			case strings.Contains(target.Value, "://"):
				err = errAt(name, target, "remote ruleset %q is not fetched; download it and extend the local copy", target.Value)
			default:
				inherited, err = l.load(rs, path.Join(path.Dir(name), target.Value), emode, eexplicit, stack, target)
			}
			if err != nil {
				return nil, err
			}
			for _, r := range slices.Sorted(maps.Keys(inherited)) {
				rule := inherited[r]
				rules[r] = rule
				if eexplicit {
					rule.Enabled = isEnabled(rule, emode)
				}
			}
		}
	}
	if err := l.mergeRules(own, rules, load.Value(root, "rules")); err != nil {
		return nil, err
	}
	if len(stack) == 1 {
		if rs.overrides, err = parseOverrides(name, load.Value(root, "overrides")); err != nil {
			return nil, err
		}
		// Check every override now, as if all applied, and keep the
		// rules only overrides define for the catalogue.
		all := cloneRules(rules)
		for _, ov := range rs.overrides {
			if err := l.applyOverride(ov, all); err != nil {
				return nil, err
			}
		}
		rs.extra = map[string]*Rule{}
		for n, r := range all {
			if _, ok := rules[n]; !ok {
				rs.extra[n] = r
			}
		}
	}
	return rules, nil
}

// owner is what a ruleset file contributes to the rules it defines.
type owner struct {
	file     string
	mode     string
	explicit bool
	formats  []string
	aliases  *aliasTable
	custom   []string
}

func isEnabled(r *Rule, mode string) bool {
	return mode == "all" || (mode == "recommended" && r.Recommended)
}

// mergeRules applies a `rules` mapping to the inherited rules.
func (l *loader) mergeRules(own *owner, rules map[string]*Rule, def *yaml.Node) error {
	if def == nil {
		return nil
	}
	if def.Kind != yaml.MappingNode {
		return errAt(own.file, def, "rules must be a mapping of rule names")
	}
	for i := 0; i+1 < len(def.Content); i += 2 {
		k, v := def.Content[i], load.Deref(def.Content[i+1])
		existing := rules[k.Value]
		if v.Kind == yaml.ScalarNode {
			if existing == nil {
				return errAt(own.file, k, "cannot set the severity of rule %q: no extended ruleset defines it", k.Value)
			}
			r := *existing
			r.SeveritySet = r.IsBuiltin
			if v.Tag == "!!bool" {
				r.Enabled = v.Value == "true"
			} else {
				sev, err := parseSeverity(own.file, v)
				if err != nil {
					return err
				}
				r.Severity, r.Enabled = sev, sev != sevOff
			}
			rules[k.Value] = &r
			continue
		}
		if v.Kind != yaml.MappingNode {
			return errAt(own.file, v, "rule %s must be a mapping or a severity", k.Value)
		}
		var r *Rule
		if existing != nil {
			c := *existing
			r = &c
		} else {
			r = &Rule{Name: k.Value, Severity: sevWarn, Resolved: true, Recommended: true}
		}
		r.File, r.Line = own.file, k.Line
		if err := l.parseRule(own, r, v, existing == nil); err != nil {
			return err
		}
		if existing != nil {
			r.Enabled = true
		}
		if existing == nil || own.explicit {
			r.Enabled = isEnabled(r, own.mode)
		}
		if r.Formats == nil && existing == nil && own.formats != nil {
			r.Formats = own.formats
		}
		rules[k.Value] = r
	}
	return nil
}

func (l *loader) parseRule(own *owner, r *Rule, v *yaml.Node, fresh bool) error {
	file := own.file
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], load.Deref(v.Content[i+1])
		switch k.Value {
		case "given":
			r.Given = nil
			if val.Kind == yaml.SequenceNode {
				for _, g := range val.Content {
					r.Given = append(r.Given, g.Value)
				}
			} else {
				r.Given = []string{val.Value}
			}
			r.aliases = own.aliases
			if err := l.compileGiven(file, val, r); err != nil {
				return err
			}
		case "then":
			r.Then, r.Unsupported = nil, ""
			items := []*yaml.Node{val}
			if val.Kind == yaml.SequenceNode {
				items = val.Content
			}
			for _, t := range items {
				th, custom, err := parseThen(file, t, own.custom)
				if err != nil {
					return err
				}
				if custom != "" {
					r.Unsupported = custom
				}
				r.Then = append(r.Then, th)
			}
		case "severity":
			sev, err := parseSeverity(file, val)
			if err != nil {
				return err
			}
			r.Severity = sev
		case "message":
			s := val.Value
			r.Message = &s
		case "description":
			r.Description = val.Value
		case "formats":
			fs, err := formatList(file, val)
			if err != nil {
				return err
			}
			r.Formats = fs
		case "resolved":
			r.Resolved = val.Value != "false"
		case "recommended":
			r.Recommended = val.Value != "false"
		case "documentationUrl", "type", "tags", "extensions":
		default:
			return errAt(file, k, "rule %s: unknown key %q", r.Name, k.Value)
		}
	}
	if fresh && (len(r.Given) == 0 || len(r.Then) == 0) {
		return errAt(file, v, "rule %s needs a given and a then", r.Name)
	}
	return nil
}

// compileGiven compiles every expression a rule's given can expand to.
func (l *loader) compileGiven(file string, at *yaml.Node, r *Rule) error {
	nodes := []*yaml.Node{at}
	if at.Kind == yaml.SequenceNode {
		nodes = at.Content
	}
	for i, g := range r.Given {
		exprs, err := r.aliases.expand(g, nil, true)
		if err != nil {
			return errAt(file, nodes[min(i, len(nodes)-1)], "rule %s: %v", r.Name, err)
		}
		for _, e := range exprs {
			if _, err := l.compile(e); err != nil {
				return errAt(file, nodes[min(i, len(nodes)-1)], "rule %s: invalid JSONPath %q: %s", r.Name, e, oneLine(err))
			}
		}
	}
	return nil
}

func oneLine(err error) string {
	s := strings.TrimSpace(err.Error())
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

func (l *loader) compile(expr string) (*jsonpath.JSONPath, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if p, ok := l.paths[expr]; ok {
		return p, nil
	}
	p, err := jsonpath.NewPath(expr, jpconfig.WithSpectralCompatibility(), jpconfig.WithLazyContextTracking())
	if err != nil {
		return nil, err
	}
	l.paths[expr] = p
	return p, nil
}

func parseSeverity(file string, n *yaml.Node) (int, error) {
	switch n.Value {
	case "error":
		return sevError, nil
	case "warn":
		return sevWarn, nil
	case "info":
		return sevInfo, nil
	case "hint":
		return sevHint, nil
	case "off":
		return sevOff, nil
	}
	if i, err := strconv.Atoi(n.Value); err == nil && i >= -1 && i <= 3 {
		return i, nil
	}
	return 0, errAt(file, n, "unknown severity %q (want error, warn, info, hint, off or 0-3)", n.Value)
}

func formatList(file string, n *yaml.Node) ([]string, error) {
	if n == nil {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, errAt(file, n, "formats must be a list")
	}
	out := []string{}
	for _, f := range n.Content {
		if _, ok := formatChecks[f.Value]; !ok {
			return nil, errAt(file, f, "unknown format %q", f.Value)
		}
		out = append(out, f.Value)
	}
	return out, nil
}

func parseAliases(file string, n *yaml.Node) (*aliasTable, error) {
	t := &aliasTable{simple: map[string][]string{}, scoped: map[string][]aliasTarget{}}
	if n == nil {
		return t, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], load.Deref(n.Content[i+1])
		if !aliasName.MatchString("#" + k.Value) {
			return nil, errAt(file, k, "alias name %q must match [A-Za-z0-9_-]+", k.Value)
		}
		switch v.Kind {
		case yaml.SequenceNode:
			for _, g := range v.Content {
				t.simple[k.Value] = append(t.simple[k.Value], g.Value)
			}
		case yaml.MappingNode:
			targets := load.Value(v, "targets")
			if targets == nil {
				return nil, errAt(file, v, "alias %s: a scoped alias has targets", k.Value)
			}
			var ts []aliasTarget
			for _, tn := range targets.Content {
				fs, err := formatList(file, load.Value(tn, "formats"))
				if err != nil {
					return nil, err
				}
				var given []string
				for _, g := range load.Value(tn, "given").Content {
					given = append(given, g.Value)
				}
				ts = append(ts, aliasTarget{formats: fs, given: given})
			}
			t.scoped[k.Value] = ts
		default:
			return nil, errAt(file, v, "alias %s must be a list of JSONPath expressions", k.Value)
		}
	}
	return t, nil
}

// expand resolves #Alias prefixes. With all, every target of a scoped
// alias is returned (for validation); otherwise the last target matching
// formats, as Spectral picks it.
func (t *aliasTable) expand(expr string, formats map[string]bool, all bool) ([]string, error) {
	return t.expandStack(expr, formats, all, nil)
}

func (t *aliasTable) expandStack(expr string, formats map[string]bool, all bool, stack []string) ([]string, error) {
	if !strings.HasPrefix(expr, "#") {
		return []string{expr}, nil
	}
	m := aliasName.FindStringSubmatch(expr)
	if m == nil {
		return nil, fmt.Errorf("alias %q must match #[A-Za-z0-9_-]+", expr)
	}
	name := m[1]
	if slices.Contains(stack, name) {
		return nil, fmt.Errorf("alias %q is circular: %s", stack[0], strings.Join(append(stack, name), " -> "))
	}
	var given []string
	if t == nil {
		return nil, fmt.Errorf("alias %q does not exist", name)
	}
	if g, ok := t.simple[name]; ok {
		given = g
	} else if ts, ok := t.scoped[name]; ok {
		if all {
			for _, x := range ts {
				given = append(given, x.given...)
			}
		} else {
			for i := len(ts) - 1; i >= 0 && given == nil; i-- {
				for _, f := range ts[i].formats {
					if formats[f] {
						given = ts[i].given
						break
					}
				}
			}
		}
	} else {
		return nil, fmt.Errorf("alias %q does not exist", name)
	}
	var out []string
	for _, g := range given {
		more, err := t.expandStack(g+expr[len(name)+1:], formats, all, append(slices.Clone(stack), name))
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	return out, nil
}

func parseOverrides(file string, n *yaml.Node) ([]override, error) {
	if n == nil {
		return nil, nil
	}
	var out []override
	for _, o := range n.Content {
		files := load.Value(o, "files")
		if files == nil || files.Kind != yaml.SequenceNode {
			return nil, errAt(file, o, "an override needs a files list")
		}
		ov := override{node: o, file: file, pointers: map[string]string{}}
		for _, f := range files.Content {
			pattern, pointer, hasPointer := strings.Cut(f.Value, "#")
			if _, err := glob.Match(pattern, ""); err != nil {
				return nil, errAt(file, f, "override: %v", err)
			}
			if hasPointer {
				ov.pointers[pattern] = cmp.Or(pointer, "/")
			} else {
				ov.files = append(ov.files, pattern)
			}
		}
		for i := 0; i+1 < len(o.Content); i += 2 {
			switch k := o.Content[i]; k.Value {
			case "files", "rules", "formats", "aliases", "extends":
			default:
				return nil, errAt(file, k, "override: unknown key %q", k.Value)
			}
		}
		out = append(out, ov)
	}
	return out, nil
}

var aliasName = regexp.MustCompile(`^#([A-Za-z0-9_-]+)`)
