package registry

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/registry/jsonschema"
)

// DefaultLevel is the level of a registry whose registry.yaml sets none,
// Confluent's default.
const DefaultLevel = compat.Backward

// GlobalConfig is registry.yaml.
type GlobalConfig struct {
	// Compatibility is the global level ("" for the default, BACKWARD).
	Compatibility string `yaml:"compatibility,omitempty"`

	level compat.Level
}

// Level is the global level.
func (g GlobalConfig) Level() compat.Level { return g.level }

// Reference is a Protobuf import satisfied by a version of another subject,
// Confluent's SchemaReference.
type Reference struct {
	// Name is the import path ("common/money.proto").
	Name string `yaml:"name"`
	// Subject and Version locate the imported schema; version -1 (or
	// absent, 0) is the subject's latest version.
	Subject string `yaml:"subject"`
	Version int    `yaml:"version,omitempty"`
}

// SubjectConfig is <subject>/subject.yaml.
type SubjectConfig struct {
	Format Format `yaml:"format"`
	// Compatibility overrides the global level ("" inherits it).
	Compatibility string `yaml:"compatibility,omitempty"`
	// JSONSchemaPolicy is strict (the default) or lenient.
	JSONSchemaPolicy string `yaml:"jsonschema_policy,omitempty"`
	// References are Protobuf imports of other subjects' versions.
	References []Reference `yaml:"references,omitempty"`
	// Deleted lists the soft-deleted versions (Confluent's DELETE without
	// permanent=true): kept as files, but left out of listings and of
	// compatibility checks.
	Deleted []int `yaml:"deleted,omitempty,flow"`

	level  compat.Level
	hasLvl bool
	policy jsonschema.Policy
}

// Policy is the JSON Schema compatibility policy.
func (c SubjectConfig) Policy() jsonschema.Policy { return c.policy }

// OwnLevel is the subject's own level and whether it sets one.
func (c SubjectConfig) OwnLevel() (compat.Level, bool) { return c.level, c.hasLvl }

var yamlLineRE = regexp.MustCompile(`line (\d+): (.*)`)
var unknownFieldRE = regexp.MustCompile(`field (\S+) not found in type`)

// intoTypeRE finds the Go type in yaml's "cannot unmarshal X into T".
var intoTypeRE = regexp.MustCompile(`into (\S+)$`)

// decodeYAML decodes data into v, refusing unknown keys, and returns the
// document's mapping node for positions. Errors are *load.Error.
func decodeYAML(file string, data []byte, v any) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlErr(file, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil // empty file: all defaults
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &load.Error{File: file, Line: root.Line, Column: root.Column, Msg: "must be a YAML mapping"}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlErr(file, err)
	}
	return root, nil
}

func yamlErr(file string, err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	prefix := "invalid YAML: "
	if m := unknownFieldRE.FindStringSubmatch(msg); m != nil {
		msg, prefix = fmt.Sprintf("unknown key %q", m[1]), ""
	}
	if m := intoTypeRE.FindStringSubmatchIndex(msg); m != nil {
		want := "a value of another type"
		switch t := msg[m[2]:m[3]]; {
		case strings.HasPrefix(t, "[]"):
			want = "a list"
		case t == "string" || t == "registry.Format":
			want = "a string"
		case t == "int":
			want = "an integer"
		case strings.HasPrefix(t, "registry."):
			want = "a mapping"
		}
		msg, prefix = msg[:m[0]]+"where "+want+" is expected", ""
	}
	return &load.Error{File: file, Line: line, Msg: prefix + msg, Err: err}
}

// valueNode finds the value of key in a mapping node.
func valueNode(m *yaml.Node, key string) *yaml.Node {
	if m == nil {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func errAt(file string, n *yaml.Node, format string, args ...any) error {
	e := &load.Error{File: file, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	return e
}

// parseGlobalConfig reads registry.yaml.
func parseGlobalConfig(file string, data []byte) (GlobalConfig, error) {
	var g GlobalConfig
	root, err := decodeYAML(file, data, &g)
	if err != nil {
		return g, err
	}
	g.level = DefaultLevel
	if g.Compatibility != "" {
		if g.level, err = compat.ParseLevel(g.Compatibility); err != nil {
			return g, errAt(file, valueNode(root, "compatibility"), "%v", err)
		}
	}
	return g, nil
}

// parseSubjectConfig reads a subject.yaml.
func parseSubjectConfig(file string, data []byte) (SubjectConfig, error) {
	var c SubjectConfig
	root, err := decodeYAML(file, data, &c)
	if err != nil {
		return c, err
	}
	if c.Format == "" {
		return c, errAt(file, root, "format is required: avro, protobuf or jsonschema")
	}
	f, err := ParseFormat(string(c.Format))
	if err != nil {
		return c, errAt(file, valueNode(root, "format"), "%v", err)
	}
	c.Format = f
	if c.Compatibility != "" {
		if c.level, err = compat.ParseLevel(c.Compatibility); err != nil {
			return c, errAt(file, valueNode(root, "compatibility"), "%v", err)
		}
		c.hasLvl = true
	}
	switch strings.ToLower(c.JSONSchemaPolicy) {
	case "", "strict":
		c.policy = jsonschema.Strict
	case "lenient":
		c.policy = jsonschema.Lenient
	default:
		return c, errAt(file, valueNode(root, "jsonschema_policy"), "jsonschema_policy %q: want strict or lenient", c.JSONSchemaPolicy)
	}
	if c.JSONSchemaPolicy != "" && c.Format != JSONSchema {
		return c, errAt(file, valueNode(root, "jsonschema_policy"), "jsonschema_policy applies to jsonschema subjects only, this one is %s", c.Format)
	}
	if len(c.References) > 0 && c.Format != Protobuf {
		return c, errAt(file, valueNode(root, "references"), "references are supported for protobuf subjects only, this one is %s", c.Format)
	}
	for _, n := range c.Deleted {
		if n < 1 {
			return c, errAt(file, valueNode(root, "deleted"), "deleted: version %d: want version numbers 1, 2, …", n)
		}
	}
	refs := valueNode(root, "references")
	seen := map[string]bool{}
	for i, r := range c.References {
		var at *yaml.Node
		if refs != nil && i < len(refs.Content) {
			at = refs.Content[i]
		}
		switch {
		case r.Name == "":
			return c, errAt(file, at, "reference %d: name (the import path) is required", i+1)
		case seen[r.Name]:
			return c, errAt(file, at, "reference %q is declared twice", r.Name)
		case r.Version < -1:
			return c, errAt(file, at, "reference %q: version %d: want a version number, or -1 for the latest", r.Name, r.Version)
		}
		if err := ValidateSubject(r.Subject); err != nil {
			return c, errAt(file, at, "reference %q: %v", r.Name, err)
		}
		seen[r.Name] = true
	}
	return c, nil
}

// setNode returns the YAML data with key set to value at the top level
// (removed when value is nil), keeping every other key and the comments.
func setNode(data []byte, key string, value *yaml.Node) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errors.New("not a YAML mapping")
	}
	i := 0
	for ; i+1 < len(root.Content) && root.Content[i].Value != key; i += 2 {
	}
	switch {
	case i+1 < len(root.Content) && value == nil:
		root.Content = append(root.Content[:i], root.Content[i+2:]...)
	case i+1 < len(root.Content):
		value.HeadComment, value.LineComment = root.Content[i+1].HeadComment, root.Content[i+1].LineComment
		root.Content[i+1] = value
	case value != nil:
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, value)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
