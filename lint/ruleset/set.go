package ruleset

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/glob"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// AutoFiles are the root ruleset files `rulesets: auto` picks up, in order
// of preference.
var AutoFiles = []string{".spectral.yaml", ".spectral.yml", ".spectral.json"}

// IDPrefix marks a ruleset rule whose name is already a built-in rule ID.
const IDPrefix = "spectral/"

// Set is the rulesets a configuration names, loaded, with the rule IDs
// their findings carry.
type Set struct {
	items []setItem
	ids   map[string]string // rule name → finding rule ID
	names map[string]string // rule ID → rule name
	rules []rules.Rule
}

type setItem struct {
	rs *Ruleset
	// base is the ruleset's directory as the linted files are named
	// (root-relative), for overrides' globs.
	base string
}

// Source is one ruleset to load: its file as the operating system names
// it, and its directory in the names documents are linted under.
type Source struct {
	Path string
	Base string
}

// LoadSet loads the rulesets; their rule names become rule IDs, prefixed
// with IDPrefix where a name is already in cat. A rule name defined by two
// of the rulesets is an error.
func LoadSet(srcs []Source, cat *rules.Catalog) (*Set, error) {
	s := &Set{ids: map[string]string{}, names: map[string]string{}}
	owner := map[string]string{}
	for _, src := range srcs {
		dir, file := filepath.Split(src.Path)
		rs, err := Load(load.Dir(dir), filepath.ToSlash(file))
		if err != nil {
			return nil, renamed(err, dir)
		}
		s.items = append(s.items, setItem{rs: rs, base: src.Base})
		for _, r := range rs.Rules() {
			if prev, ok := owner[r.Name]; ok {
				return nil, fmt.Errorf("%s: rule %q is also defined by %s; give one of them another name", src.Path, r.Name, prev)
			}
			owner[r.Name] = src.Path
			if r.IsBuiltin {
				continue
			}
			id := r.Name
			if _, clash := cat.Lookup(id); clash {
				id = IDPrefix + id
			}
			s.ids[r.Name], s.names[id] = id, r.Name
			s.rules = append(s.rules, r.catalogue(id, filepath.Join(dir, filepath.FromSlash(r.File))))
		}
	}
	return s, nil
}

// renamed names an error's file as the operating system path.
func renamed(err error, dir string) error {
	if le, ok := err.(*load.Error); ok {
		c := *le
		c.File = filepath.Join(dir, filepath.FromSlash(le.File))
		return &c
	}
	return err
}

// Rules are the catalogue entries of the rulesets' rules.
func (s *Set) Rules() []rules.Rule {
	if s == nil {
		return nil
	}
	return s.rules
}

func (r *Rule) catalogue(id, file string) rules.Rule {
	summary := r.Description
	if summary == "" {
		summary = "ruleset rule " + r.Name
	}
	var doc strings.Builder
	fmt.Fprintf(&doc, "From the ruleset %s (line %d).\n\n", file, r.Line)
	fmt.Fprintf(&doc, "given: %s\n", strings.Join(r.Given, ", "))
	for _, th := range r.Then {
		fmt.Fprintf(&doc, "then: %s", th.Function)
		if th.Field != "" {
			fmt.Fprintf(&doc, " on field %s", th.Field)
		}
		doc.WriteByte('\n')
	}
	if r.Formats != nil {
		fmt.Fprintf(&doc, "formats: %s\n", strings.Join(r.Formats, ", "))
	}
	if !r.Resolved {
		doc.WriteString("resolved: false ($refs are not followed)\n")
	}
	if r.Unsupported != "" {
		fmt.Fprintf(&doc, "\nIt calls the custom JavaScript function %s, which contractctl cannot run: the rule is reported once as unsupported and does not run.\n", r.Unsupported)
	}
	if !r.Enabled {
		doc.WriteString("\nThe rule is not enabled (recommended: false, or switched off by the ruleset).\n")
	}
	sev := Severity(r.Severity)
	if !r.Enabled {
		sev = finding.Off
	}
	var formats []rules.Format
	for _, f := range []rules.Format{rules.OpenAPI, rules.AsyncAPI} {
		if r.Formats == nil || r.formatFamily(string(f)) {
			formats = append(formats, f)
		}
	}
	return rules.Rule{ID: id, Severity: sev, Job: rules.JobLint, Formats: formats, Summary: summary, Doc: doc.String()}
}

func (r *Rule) formatFamily(f string) bool {
	for _, x := range r.Formats {
		if (f == "openapi" && strings.HasPrefix(x, "oas")) || (f == "asyncapi" && strings.HasPrefix(x, "aas")) {
			return true
		}
	}
	return false
}

// Adjust gives the findings of contractctl's rules that stand for a
// Spectral built-in rule (operation-id-unique for
// operation-operationId-unique, …) the severity a ruleset set for that
// rule; off drops them. The configuration's `rules:` still has the last
// word (config.Apply comes after).
func (s *Set) Adjust(fs []finding.Finding) []finding.Finding {
	if s == nil {
		return fs
	}
	sev := map[string]finding.Severity{}
	for _, it := range s.items {
		for _, r := range it.rs.rules {
			if r.IsBuiltin && r.Builtin != "" && r.SeveritySet {
				if r.Enabled {
					sev[r.Builtin] = Severity(r.Severity)
				} else {
					sev[r.Builtin] = finding.Off
				}
			}
		}
	}
	if len(sev) == 0 {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if v, ok := sev[f.Rule]; ok {
			if v == finding.Off {
				continue
			}
			f.Severity = v
		}
		out = append(out, f)
	}
	return out
}

// Lint runs every ruleset over a document.
func (s *Set) Lint(f *load.File, l *load.Loader) ([]finding.Finding, error) {
	if s == nil {
		return nil, nil
	}
	var out []finding.Finding
	for _, it := range s.items {
		fs, err := it.rs.Lint(f, l, it.base, s.id)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	return out, nil
}

func (s *Set) id(name string) string { return s.ids[name] }

// Names reports whether a root-relative file is named by an override's
// files glob of any ruleset (such files are linted even when they are
// not contracts).
func (s *Set) Names(file string) bool {
	if s == nil {
		return false
	}
	for _, it := range s.items {
		rel := relTo(it.base, file)
		for _, ov := range it.rs.overrides {
			for _, g := range ov.files {
				if ok, _ := glob.Match(g, rel); ok {
					return true
				}
			}
		}
	}
	return false
}

func relTo(base, file string) string {
	if base == "" || base == "." {
		return file
	}
	rel, err := filepath.Rel(filepath.FromSlash(base), filepath.FromSlash(file))
	if err != nil {
		return file
	}
	return filepath.ToSlash(rel)
}

// Unsupported are the findings saying, once per run, which rules call a
// custom JavaScript function and do not run.
func (s *Set) Unsupported() []finding.Finding {
	if s == nil {
		return nil
	}
	var out []finding.Finding
	for _, it := range s.items {
		for _, r := range it.rs.Rules() {
			if r.Unsupported == "" || !r.Enabled || r.Severity == sevOff {
				continue
			}
			out = append(out, finding.Finding{
				Rule: s.ids[r.Name], Severity: finding.Warn,
				File: path.Join(it.base, r.File), Line: r.Line, Column: 3,
				Pointer: "/rules/" + load.Escape(r.Name),
				Message: fmt.Sprintf("rule %s calls the custom JavaScript function %s, which contractctl cannot run; the rule was skipped", r.Name, r.Unsupported),
			})
		}
	}
	return out
}

// Auto returns the root ruleset file in dir that `rulesets: auto` picks
// up, or "".
func Auto(dir string) string {
	for _, name := range AutoFiles {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return filepath.Join(dir, name)
		}
	}
	return ""
}
