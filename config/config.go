package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/house"
	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/internal/glob"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/rules"
	yaml "go.yaml.in/yaml/v3"
)

// FileName is the configuration file's default name.
const FileName = ".contractctl.yaml"

// Config is .contractctl.yaml.
type Config struct {
	// Contracts are the globs `lint`, `diff` and `check` read with no arguments.
	Contracts []string `yaml:"contracts"`
	// Rules overrides default severities by rule ID (off silences a rule).
	Rules    map[string]finding.Severity `yaml:"rules"`
	House    house.Config                `yaml:"house"`
	Ignore   []Ignore                    `yaml:"ignore"`
	AsyncAPI asyncapi.Config             `yaml:"asyncapi"`
	Protobuf protoset.Config             `yaml:"protobuf"`
	Registry Registry                    `yaml:"registry"`
	// Rulesets are Spectral ruleset files (relative to the config's
	// directory) run beside the built-in rules; "auto" picks up a
	// .spectral.yaml|yml|json in the repository root.
	Rulesets Rulesets `yaml:"rulesets"`

	// Path is the file the config was read from ("" for defaults); Dir is
	// the directory paths in the config are relative to.
	Path string `yaml:"-"`
	Dir  string `yaml:"-"`
}

// Registry locates the schema registry.
type Registry struct {
	Dir string `yaml:"dir"`
}

// Ignore waives findings of a rule, optionally limited to files and a
// pointer prefix, optionally until a date.
type Ignore struct {
	Rule    string   `yaml:"rule"`
	Files   []string `yaml:"files"`
	Pointer string   `yaml:"pointer"`
	Reason  string   `yaml:"reason"`
	Until   string   `yaml:"until"`

	until     time.Time
	line, col int
}

// Defaults returns the configuration used when no file exists.
func Defaults() *Config {
	c := &Config{}
	if err := c.complete(); err != nil {
		panic(err) // the defaults are constants
	}
	return c
}

func (c *Config) complete() error {
	if err := c.House.Complete(); err != nil {
		return fmt.Errorf("house.%w", err)
	}
	if err := c.AsyncAPI.Complete(); err != nil {
		return fmt.Errorf("asyncapi.%w", err)
	}
	c.Registry.Dir = cmp.Or(c.Registry.Dir, "schemas")
	for i := range c.Ignore {
		ig := &c.Ignore[i]
		if ig.Rule == "" {
			return positioned(ig.line, ig.col, "ignore entry without a rule")
		}
		if ig.Until != "" {
			t, err := time.Parse(time.DateOnly, ig.Until)
			if err != nil {
				return positioned(ig.line, ig.col, fmt.Sprintf("ignore %s: until %q is not a YYYY-MM-DD date", ig.Rule, ig.Until))
			}
			ig.until = t
		}
		for _, g := range ig.Files {
			if _, err := glob.Match(g, ""); err != nil {
				return positioned(ig.line, ig.col, fmt.Sprintf("ignore %s: %v", ig.Rule, err))
			}
		}
	}
	return nil
}

type posError struct {
	line, col int
	msg       string
}

func (e *posError) Error() string {
	if e.line == 0 {
		return e.msg
	}
	return fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg)
}

func positioned(line, col int, msg string) error { return &posError{line, col, msg} }

var knownFieldErr = regexp.MustCompile(`line (\d+): field (\S+) not found in type`)

// typeErr is yaml.v3's message for a value of the wrong type:
// "line 2: cannot unmarshal !!seq into map[string]finding.Severity",
// "line 4: cannot unmarshal !!str `abc` into int".
var typeErr = regexp.MustCompile("^line (\\d+): cannot unmarshal !!(\\w+) (`[^`]*` )?into (.+)$")

// nodeKind names what a node holds, for people.
func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return "`" + n.Value + "`"
}

// yamlKind names a YAML tag for people.
func yamlKind(tag string) string {
	switch tag {
	case "seq":
		return "a list"
	case "map":
		return "a mapping"
	case "str":
		return "the text"
	case "int", "float":
		return "the number"
	case "bool":
		return "the boolean"
	case "null":
		return "nothing"
	}
	return "a " + tag
}

// goKind names the Go type yaml.v3 wanted as the value a user writes.
func goKind(t string) string {
	t = strings.TrimSpace(strings.TrimPrefix(t, "*"))
	switch {
	case strings.HasPrefix(t, "map["):
		return "a mapping"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case t == "string":
		return "a string"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint") || strings.HasPrefix(t, "float"):
		return "a number"
	case t == "finding.Severity":
		return "a severity (error, warn, info or off)"
	}
	return "a mapping"
}

// keyAt finds the key (dotted from the top, "house.money", with list
// indexes, "ignore[0].files") whose value of YAML tag starts on line, and
// that value's column.
func keyAt(root *yaml.Node, line int, tag string) (string, int) {
	if root == nil || len(root.Content) == 0 {
		return "", 0
	}
	var find func(n *yaml.Node, prefix string) (string, int)
	find = func(n *yaml.Node, prefix string) (string, int) {
		if n.Kind == yaml.SequenceNode {
			for i, e := range n.Content {
				name := fmt.Sprintf("%s[%d]", prefix, i)
				if key, col := find(e, name); key != "" {
					return key, col
				}
				if e.Line == line && e.ShortTag() == tag {
					return name, e.Column
				}
			}
		}
		if n.Kind != yaml.MappingNode {
			return "", 0
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			name := k.Value
			if prefix != "" {
				name = prefix + "." + name
			}
			if key, col := find(v, name); key != "" {
				return key, col
			}
			if v.Line == line && v.ShortTag() == tag {
				return name, v.Column
			}
		}
		return "", 0
	}
	return find(root.Content[0], "")
}

// Rulesets is the rulesets list; the scalar "auto" reads as ["auto"].
type Rulesets []string

// UnmarshalYAML accepts a list of files or one name.
func (r *Rulesets) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*r = Rulesets{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*r = list
	return nil
}

// Extend returns the catalogue a configuration's rule IDs are checked
// against: the built-in one plus the rules of the rulesets it names.
type Extend func(c *Config) (*rules.Catalog, error)

// Parse reads a configuration and validates it against the catalogue:
// an unknown key, rule ID or severity is an error naming it (file:line: …).
func Parse(path string, data []byte, cat *rules.Catalog) (*Config, error) {
	return parse(path, data, cat, nil)
}

func parse(path string, data []byte, cat *rules.Catalog, extend Extend) (*Config, error) {
	c := &Config{Path: path, Dir: filepath.Dir(path)}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, configError(path, err, nil)
	}
	if extend != nil {
		// The rulesets' rules are IDs the rest of the file may name.
		if len(root.Content) > 0 {
			if rs := load.Value(root.Content[0], "rulesets"); rs != nil {
				if err := rs.Decode(&c.Rulesets); err != nil {
					return nil, configError(path, err, &root)
				}
			}
		}
		var err error
		if cat, err = extend(c); err != nil {
			return nil, err
		}
	}
	ignoreAt, err := validate(&root, cat)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, configError(path, err, &root)
	}
	for i := range c.Ignore {
		if i < len(ignoreAt) {
			c.Ignore[i].line, c.Ignore[i].col = ignoreAt[i].Line, ignoreAt[i].Column
		}
	}
	if err := c.complete(); err != nil {
		var pe *posError
		if errors.As(err, &pe) && pe.line > 0 {
			return nil, fmt.Errorf("%s:%w", path, err)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// configError turns a YAML error into one line naming the file, the line
// and, for a value of the wrong type, the key and what it should be
// (`.contractctl.yaml:2:8: rules: want a mapping, not a list`), never
// yaml.v3's Go type names. root, when parsed, locates the key.
func configError(path string, err error, root *yaml.Node) error {
	msg := err.Error()
	if m := knownFieldErr.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s:%s: unknown key %q", path, m[1], m[2])
	}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
		if m := typeErr.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[1])
			key, col := keyAt(root, line, "!!"+m[2])
			what := fmt.Sprintf("want %s, not %s", goKind(m[4]), yamlKind(m[2]))
			if v := strings.TrimSpace(m[3]); v != "" {
				what += " " + v
			}
			if key != "" {
				what = key + ": " + what
			}
			if col > 0 {
				return fmt.Errorf("%s:%d:%d: %s", path, line, col, what)
			}
			return fmt.Errorf("%s:%d: %s", path, line, what)
		}
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ":"); ok {
			if _, err := strconv.Atoi(n); err == nil {
				return fmt.Errorf("%s:%s:%s", path, n, tail)
			}
		}
	}
	return fmt.Errorf("%s: %s", path, msg)
}

// validate checks rule IDs and severities against the catalogue, with
// positions, and returns the ignore entries' nodes.
func validate(root *yaml.Node, cat *rules.Catalog) ([]*yaml.Node, error) {
	if len(root.Content) == 0 {
		return nil, nil
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, positioned(doc.Line, doc.Column, "the configuration must be a mapping")
	}
	var ignores []*yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch k.Value {
		case "rules":
			for j := 0; j+1 < len(v.Content); j += 2 {
				id, sev := v.Content[j], v.Content[j+1]
				if _, ok := cat.Lookup(id.Value); !ok {
					return nil, positioned(id.Line, id.Column, fmt.Sprintf("unknown rule %q (see `contractctl rules`)", id.Value))
				}
				if sev.Kind != yaml.ScalarNode {
					return nil, positioned(sev.Line, sev.Column, fmt.Sprintf("rule %s: want a severity (error, warn, info or off), not %s", id.Value, nodeKind(sev)))
				}
				if _, err := finding.ParseSeverity(sev.Value); err != nil {
					return nil, positioned(sev.Line, sev.Column, fmt.Sprintf("rule %s: %v", id.Value, err))
				}
			}
		case "ignore":
			ignores = v.Content
			for _, e := range v.Content {
				for k := 0; k+1 < len(e.Content); k += 2 {
					if e.Content[k].Value == "rule" {
						id := e.Content[k+1]
						if _, ok := cat.Lookup(id.Value); !ok {
							return nil, positioned(id.Line, id.Column, fmt.Sprintf("unknown rule %q in ignore (see `contractctl rules`)", id.Value))
						}
					}
				}
			}
		}
	}
	return ignores, nil
}

// Find looks for .contractctl.yaml from dir up to the repository root
// (the first directory holding .git) and returns "" when there is none.
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, FileName)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads the configuration at path, or — when path is "" — the
// one Find finds from the working directory, or the defaults.
func Load(path string, cat *rules.Catalog) (*Config, error) {
	return LoadExtended(path, cat, nil)
}

// LoadExtended is Load with the catalogue extended, before rule IDs are
// checked, by the rulesets the configuration names (extend may be nil).
func LoadExtended(path string, cat *rules.Catalog, extend Extend) (*Config, error) {
	if path == "" {
		path = Find(".")
		if path == "" {
			return Defaults(), nil
		}
	}
	display := path
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if cwd, err := os.Getwd(); err == nil && filepath.IsAbs(display) {
		if rel, err := filepath.Rel(cwd, display); err == nil {
			display = rel
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read configuration: %w", display, unwrapPathError(err))
	}
	c, err := parse(display, data, cat, extend)
	if err != nil {
		return nil, err
	}
	// Findings about the config (ignore-expired) need a path that does not
	// depend on the working directory.
	c.Path, c.Dir = path, filepath.Dir(path)
	return c, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
