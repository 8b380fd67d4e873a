package ruleset

import (
	"cmp"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	pyaml "github.com/pb33f/go-yaml"
	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/glob"
	"github.com/contractctl/contractctl/internal/load"
)

// docRun is one document being linted: its formats and its views, built
// on first use.
type docRun struct {
	file    *load.File
	loader  *load.Loader
	formats map[string]bool
	views   *views
	refs    map[string]bool
	// targets is lintNode's buffer.
	targets []target
	refOnce sync.Once
}

// localRefs is the set of local pointers the document's $refs name.
func (d *docRun) localRefs() map[string]bool {
	d.refOnce.Do(func() {
		d.refs = map[string]bool{}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if n = load.Deref(n); n == nil {
				return
			}
			if ref := load.Ref(n); ref != "" {
				file, frag, _ := strings.Cut(ref, "#")
				if file == "" {
					d.refs[frag] = true
				}
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(d.file.Root)
	})
	return d.refs
}

// fileRules are the rules in force for one file: the ruleset's, with the
// overrides whose globs match the file merged in.
type fileRules struct {
	rules []*Rule
	// pointers are severities set for parts of the file
	// (files: ["x.yaml#/paths"]), by rule name.
	pointers map[string][]pointerSeverity
}

type pointerSeverity struct {
	pointer  string
	severity int
}

// forFile returns the rules for a file whose path relative to the root
// ruleset's directory is rel.
func (rs *Ruleset) forFile(rel string) (*fileRules, error) {
	var files []int
	var parts []string
	for i, ov := range rs.overrides {
		for pattern := range ov.pointers {
			if ok, _ := glob.Match(pattern, rel); ok {
				parts = append(parts, strconv.Itoa(i)+"#"+pattern)
			}
		}
		if slices.ContainsFunc(ov.files, func(p string) bool { ok, _ := glob.Match(p, rel); return ok }) {
			files = append(files, i)
			parts = append(parts, strconv.Itoa(i))
		}
	}
	slices.Sort(parts)
	key := strings.Join(parts, "\x00")
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if fr, ok := rs.byOverrides[key]; ok {
		return fr, nil
	}
	fr := &fileRules{pointers: map[string][]pointerSeverity{}}
	for _, ov := range rs.overrides {
		for pattern, pointer := range ov.pointers {
			if ok, _ := glob.Match(pattern, rel); !ok {
				continue
			}
			rn := load.Value(ov.node, "rules")
			for j := 0; rn != nil && j+1 < len(rn.Content); j += 2 {
				sev, _ := parseSeverity(ov.file, rn.Content[j+1]) // checked by Load
				fr.pointers[rn.Content[j].Value] = append(fr.pointers[rn.Content[j].Value], pointerSeverity{pointer, sev})
			}
		}
	}
	rules := rs.rules
	if len(files) > 0 {
		rules = cloneRules(rules)
		for _, i := range files {
			if err := rs.loader.applyOverride(rs.overrides[i], rules); err != nil {
				return nil, err
			}
		}
	}
	for _, name := range sortedNames(rules) {
		fr.rules = append(fr.rules, rules[name])
	}
	rs.byOverrides[key] = fr
	return fr, nil
}

func cloneRules(m map[string]*Rule) map[string]*Rule {
	out := make(map[string]*Rule, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func sortedNames(m map[string]*Rule) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// Runnable reports whether a rule is one the engine evaluates: enabled,
// not a built-in stand-in and not a custom JavaScript function.
func (r *Rule) Runnable() bool {
	return r.Enabled && !r.IsBuiltin && r.Unsupported == "" && r.Severity != sevOff
}

// Lint runs the ruleset over one document read through l. base is the
// root ruleset's directory (slash-separated, as l names files), against
// which overrides' globs match; id names a rule's findings.
func (rs *Ruleset) Lint(f *load.File, l *load.Loader, base string, id func(string) string) ([]finding.Finding, error) {
	if f.Root == nil {
		return nil, nil
	}
	rel, err := filepath.Rel(filepath.FromSlash(cmp.Or(base, ".")), filepath.FromSlash(f.Name))
	if err != nil {
		rel = f.Name
	}
	fr, err := rs.forFile(filepath.ToSlash(rel))
	if err != nil {
		return nil, err
	}
	d := &docRun{file: f, loader: l, formats: rs.detectFormats(f.Root), views: newViews(f, l)}
	var out []finding.Finding
	// A rule reports a node once per message, however many of its givens
	// (or paths through shared objects) reach it.
	type key struct {
		loc int
		msg string
	}
	seen := map[key]bool{}
	for _, r := range fr.rules {
		if !r.Runnable() || !r.matchesFormat(d.formats) {
			continue
		}
		clear(seen)
		root := d.views.root(r.Resolved)
		if root == nil {
			continue
		}
		for _, g := range r.Given {
			exprs, err := r.aliases.expand(g, d.formats, false)
			if err != nil {
				return nil, &load.Error{File: r.File, Line: r.Line, Msg: "rule " + r.Name + ": " + err.Error()}
			}
			for _, e := range exprs {
				p, err := rs.loader.compile(e)
				if err != nil {
					return nil, &load.Error{File: r.File, Line: r.Line, Msg: "rule " + r.Name + ": invalid JSONPath: " + oneLine(err)}
				}
				target := root
				if flat, ok := descent(e); ok {
					if p, err = rs.loader.compile(flat); err == nil {
						target = d.views.containers(r.Resolved)
					}
				}
				for _, n := range p.Query(target) {
					rs.lintNode(d, r, n, fr.pointers[r.Name], func(at int, fd finding.Finding) {
						if k := (key{at, fd.Message}); !seen[k] {
							seen[k] = true
							fd.Rule = id(r.Name)
							out = append(out, fd)
						}
					})
				}
			}
		}
	}
	return out, nil
}

// descent rewrites a query that starts with a descent, `$..rest`, as
// `$[*]rest` for evaluation over the list of the view's distinct
// containers: the same nodes (the library returns each node once either
// way), found by visiting each shared object once instead of once per path
// to it. Queries whose filters see the path, the parent or the root keep
// the full walk.
func descent(expr string) (string, bool) {
	rest, ok := strings.CutPrefix(expr, "$..")
	if !ok || rest == "" {
		return "", false
	}
	code := literals.ReplaceAllString(rest, "''")
	if strings.ContainsAny(code, "^$") {
		return "", false
	}
	for _, s := range []string{"@path", "@parent", "@root"} {
		if strings.Contains(code, s) {
			return "", false
		}
	}
	if rest[0] == '[' {
		return "$[*]" + rest, true
	}
	return "$[*]." + rest, true
}

// literals are the quoted strings and regular expression literals of a
// filter, which may hold any character.
var literals = regexp.MustCompile(`'(\\.|[^'\\])*'|"(\\.|[^"\\])*"|/(\\.|[^/\\])+/[a-z]*`)

func (r *Rule) matchesFormat(formats map[string]bool) bool {
	if r.Formats == nil {
		return true
	}
	for _, f := range r.Formats {
		if formats[f] {
			return true
		}
	}
	return false
}

// target is one thing a then judges: its value (nil when undefined), the
// closest node that exists (for the position) and the field path below it
// that does not.
type target struct {
	value   *pyaml.Node
	at      *pyaml.Node
	missing []string
}

func (rs *Ruleset) targets(buf []target, n *pyaml.Node, th Then) []target {
	field := th.Field
	out := buf[:0]
	if field == "" || (n.Kind != pyaml.MappingNode && n.Kind != pyaml.SequenceNode) {
		return append(out, target{value: n, at: n})
	}
	if field == "@key" {
		if n.Kind == pyaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				out = append(out, target{value: n.Content[i], at: n.Content[i+1]})
			}
		}
		if len(out) == 0 {
			out = append(out, target{at: n})
		}
		return out
	}
	if field == "$" || strings.HasPrefix(field, "$.") || strings.HasPrefix(field, "$[") {
		p, err := rs.loader.compile(field)
		if err != nil {
			return append(out, target{at: n})
		}
		for _, m := range p.Query(n) {
			out = append(out, target{value: m, at: m})
		}
		if len(out) == 0 {
			out = append(out, target{at: n})
		}
		return out
	}
	segs := th.path
	cur := n
	for i, s := range segs {
		next := get(cur, s)
		if next == nil || (cur.Kind != pyaml.MappingNode && cur.Kind != pyaml.SequenceNode) {
			return append(out, target{at: cur, missing: segs[i:]})
		}
		cur = next
	}
	return append(out, target{value: cur, at: cur})
}

// fieldPath splits a field as lodash's toPath does: dots and brackets.
func fieldPath(field string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for i := 0; i < len(field); i++ {
		switch c := field[i]; c {
		case '.':
			flush()
		case '[':
			flush()
			end := strings.IndexByte(field[i:], ']')
			if end < 0 {
				b.WriteString(field[i:])
				i = len(field)
				continue
			}
			inner := field[i+1 : i+end]
			if len(inner) >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[len(inner)-1] == inner[0] {
				inner = inner[1 : len(inner)-1]
			}
			out = append(out, inner)
			i += end
		default:
			b.WriteByte(c)
		}
	}
	flush()
	return out
}

// lintNode applies a rule's thens to one node the given selected and
// emits the findings, each with the loc of the node it is about.
func (rs *Ruleset) lintNode(d *docRun, r *Rule, n *pyaml.Node, pointers []pointerSeverity, emit func(loc int, f finding.Finding)) {
	for _, th := range r.Then {
		d.targets = rs.targets(d.targets, n, th)
		for _, t := range d.targets {
			for _, res := range th.fn.call(fcall{target: t.value, doc: d}) {
				at, missing := t.at, t.missing
				if res.at != nil {
					at, missing = res.at, nil
				}
				l, pointer, ok := d.views.where(at)
				if !ok {
					continue
				}
				line, col := l.key.Line, l.key.Column
				if pointer == "" {
					line, col = 1, 1 // the document as a whole
				}
				sev := r.Severity
				best := -1
				for _, ps := range pointers {
					if (pointer == ps.pointer || strings.HasPrefix(pointer, strings.TrimSuffix(ps.pointer, "/")+"/") || ps.pointer == "/") && len(ps.pointer) > best {
						best, sev = len(ps.pointer), ps.severity
					}
				}
				if sev == sevOff {
					continue
				}
				emit(at.Line, finding.Finding{
					Severity: Severity(sev), File: l.file.Name, Line: line, Column: col,
					Pointer: pointer, Message: r.message(res.msg, pointer, missing, at),
				})
			}
		}
	}
}

// message renders the rule's message (or description, or the function's
// message) with Spectral's template variables.
func (r *Rule) message(fnMsg, pointer string, missing []string, at *pyaml.Node) string {
	v := vars{pointer: pointer, description: r.Description}
	last := ""
	if i := strings.LastIndexByte(pointer, '/'); i >= 0 {
		last = load.Unescape(pointer[i+1:])
	}
	if len(missing) > 0 {
		v.property = strings.Join(missing, ".")
		if last != "" {
			v.property = last + "." + v.property
		}
	} else {
		v.property, v.value = last, at
	}
	v.err = render(fnMsg, &v)
	tmpl := v.err
	if r.Message != nil {
		tmpl = *r.Message
	} else if r.Description != "" {
		tmpl = r.Description
	}
	return strings.TrimSpace(render(tmpl, &v))
}

// vars are a message's template variables.
type vars struct {
	property, pointer, description, err string
	value                               *pyaml.Node // nil when undefined
}

func (v *vars) get(name string) string {
	switch name {
	case "property":
		return v.property
	case "path":
		return "#" + v.pointer
	case "description":
		return v.description
	case "value":
		return stringValue(v.value)
	case "error":
		return v.err
	}
	return ""
}

// stringValue is JavaScript's String(value).
func stringValue(n *pyaml.Node) string {
	switch typeOf(n) {
	case jsUndefined:
		return "undefined"
	case jsObject:
		return "[object Object]"
	case jsArray:
		parts := make([]string, len(n.Content))
		for i, c := range n.Content {
			if t := typeOf(c); t != jsNull && t != jsUndefined {
				parts[i] = stringValue(c)
			}
		}
		return strings.Join(parts, ",")
	case jsNumber:
		return strconv.FormatFloat(number(n), 'f', -1, 64)
	case jsBool:
		return strconv.FormatBool(truthy(n))
	case jsNull:
		return "null"
	}
	return n.Value
}

// render fills {{name}} and #{{print("property"|"value")}} placeholders.
func render(s string, v *vars) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		eval := i > 0 && s[i-1] == '#'
		pre := s[:i]
		if eval {
			pre = s[:i-1]
		}
		b.WriteString(pre)
		name := strings.TrimSpace(s[i+2 : i+j])
		switch {
		case eval && name == `print("property")`:
			if p := v.property; p != "" {
				b.WriteString(`"` + p + `" property `)
			} else {
				b.WriteString("The document ")
			}
		case eval && name == `print("value")`:
			b.WriteString(printValue(v.value))
		case eval:
			b.WriteString(v.get(strings.Trim(strings.TrimSuffix(strings.TrimPrefix(name, "print("), ")"), `"'`)))
		default:
			b.WriteString(v.get(name))
		}
		s = s[i+j+2:]
	}
}

// applyOverride merges an override's rules into rules.
func (l *loader) applyOverride(ov override, rules map[string]*Rule) error {
	own := &owner{file: ov.file, mode: "recommended"}
	var err error
	if own.formats, err = formatList(ov.file, load.Value(ov.node, "formats")); err != nil {
		return err
	}
	if own.aliases, err = parseAliases(ov.file, load.Value(ov.node, "aliases")); err != nil {
		return err
	}
	if len(ov.pointers) > 0 {
		rn := load.Value(ov.node, "rules")
		for i := 0; rn != nil && i+1 < len(rn.Content); i += 2 {
			if _, err := parseSeverity(ov.file, rn.Content[i+1]); err != nil {
				return errAt(ov.file, rn.Content[i+1], "an override of part of a file (files: [file#/pointer]) may only set severities: %v", err)
			}
		}
		if len(ov.files) == 0 {
			return nil
		}
	}
	return l.mergeRules(own, rules, load.Value(ov.node, "rules"))
}
