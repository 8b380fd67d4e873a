package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/finding"
)

// Job is what produces a rule's findings.
type Job string

// Jobs.
const (
	JobLint     Job = "lint"
	JobDiff     Job = "diff"
	JobRegistry Job = "registry"
	JobConfig   Job = "config"
)

// Format is a contract format a rule applies to.
type Format string

// Formats.
const (
	OpenAPI    Format = "openapi"
	AsyncAPI   Format = "asyncapi"
	Protobuf   Format = "protobuf"
	Avro       Format = "avro"
	JSONSchema Format = "jsonschema"
)

// Rule describes one check: the catalogue entry that `contractctl rules`,
// docs/rules.md, SARIF rule metadata and config validation all read. The
// check function that produces the rule's findings lives with its format's
// checker (lint/openapi, diff/openapi, …), keyed by this value.
type Rule struct {
	ID       string
	Severity finding.Severity // default severity
	Job      Job
	Formats  []Format
	// Categories are buf-style groups (MINIMAL, BASIC, STANDARD, FILE, WIRE, …)
	// that config may select by; empty for house rules.
	Categories []string
	Summary    string // one line
	Doc        string // full explanation, Markdown paragraphs
	Bad, Good  string // a failing and a passing example
}

// Finding builds a finding of r at a position, with r's default severity.
func (r Rule) Finding(file string, line, col int, pointer, message string) finding.Finding {
	f := finding.Finding{Rule: r.ID, Severity: r.Severity, File: file, Line: line, Column: col, Pointer: pointer, Message: message}
	f.Seal()
	return f
}

// Catalog is the immutable list of every rule contractctl knows.
type Catalog struct {
	rules []Rule
	byID  map[string]int
}

// NewCatalog builds a catalog; a duplicate ID is an error.
func NewCatalog(rs ...[]Rule) (*Catalog, error) {
	c := &Catalog{byID: map[string]int{}}
	for _, group := range rs {
		for _, r := range group {
			if _, dup := c.byID[r.ID]; dup {
				return nil, fmt.Errorf("rule %q is catalogued twice", r.ID)
			}
			c.byID[r.ID] = len(c.rules)
			c.rules = append(c.rules, r)
		}
	}
	return c, nil
}

// Default is the full catalogue.
func Default() *Catalog {
	c, err := NewCatalog(metaRules(), openAPILintRules(), openAPIDiffRules(), asyncAPIRules(), protobufRules(), registryRules())
	if err != nil {
		panic(err) // a programming error caught by TestCatalogue
	}
	return c
}

// Rules returns every rule, sorted by job then ID.
func (c *Catalog) Rules() []Rule {
	out := slices.Clone(c.rules)
	slices.SortFunc(out, func(a, b Rule) int {
		if a.Job != b.Job {
			return strings.Compare(string(a.Job), string(b.Job))
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// Lookup finds a rule by ID.
func (c *Catalog) Lookup(id string) (Rule, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Rule{}, false
	}
	return c.rules[i], true
}

// MustLookup is Lookup for IDs written in code; an unknown ID panics, and
// the catalogue tests call every checker so that a typo cannot ship.
func (c *Catalog) MustLookup(id string) Rule {
	r, ok := c.Lookup(id)
	if !ok {
		panic(fmt.Sprintf("rule %q is not in the catalogue", id))
	}
	return r
}
