package ruleset

import (
	"regexp"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/internal/load"
)

// formatChecks are Spectral's document formats, keyed by the names
// rulesets use, each with its test on the document's top-level mapping.
var formatChecks = map[string]func(root *yaml.Node) bool{
	"oas2":            func(r *yaml.Node) bool { return major(r, "swagger") == "2" },
	"oas3":            func(r *yaml.Node) bool { return major(r, "openapi") == "3" },
	"oas3_0":          versionIs(`openapi`, `^3\.0(\.\d*)?$`),
	"oas3_1":          versionIs(`openapi`, `^3\.1(\.\d*)?$`),
	"oas3_2":          versionIs(`openapi`, `^3\.2(\.\d*)?$`),
	"aas2":            versionIs(`asyncapi`, `^2\.\d+\.\d+$`),
	"aas2_0":          versionIs(`asyncapi`, `^2\.0\.\d+$`),
	"aas2_1":          versionIs(`asyncapi`, `^2\.1\.\d+$`),
	"aas2_2":          versionIs(`asyncapi`, `^2\.2\.\d+$`),
	"aas2_3":          versionIs(`asyncapi`, `^2\.3\.\d+$`),
	"aas2_4":          versionIs(`asyncapi`, `^2\.4\.\d+$`),
	"aas2_5":          versionIs(`asyncapi`, `^2\.5\.\d+$`),
	"aas2_6":          versionIs(`asyncapi`, `^2\.6\.\d+$`),
	"aas3":            versionIs(`asyncapi`, `^3\.\d+\.\d+$`),
	"aas3_0":          versionIs(`asyncapi`, `^3\.0\.\d+$`),
	"aas3_1":          versionIs(`asyncapi`, `^3\.1\.\d+$`),
	"arazzo1_0":       versionIs(`arazzo`, `^1\.0(\.\d+)?$`),
	"jsonSchema":      func(r *yaml.Node) bool { return schemaURI(r, "") },
	"jsonSchemaLoose": jsonSchemaLoose,
	"jsonSchemaDraft4": func(r *yaml.Node) bool {
		return schemaURI(r, "draft-04")
	},
	"jsonSchemaDraft6":       func(r *yaml.Node) bool { return schemaURI(r, "draft-06") },
	"jsonSchemaDraft7":       func(r *yaml.Node) bool { return schemaURI(r, "draft-07") },
	"jsonSchemaDraft2019_09": func(r *yaml.Node) bool { return schemaURI(r, "2019-09") },
	"jsonSchemaDraft2020_12": func(r *yaml.Node) bool { return schemaURI(r, "2020-12") },
}

var leadingNumber = regexp.MustCompile(`^\s*\d+(\.\d+)?`)

// major is JavaScript's parseFloat of a version key, truncated.
func major(r *yaml.Node, key string) string {
	v := load.Value(r, key)
	if v == nil || v.Kind != yaml.ScalarNode {
		return ""
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(leadingNumber.FindString(v.Value)), 64)
	if err != nil {
		return ""
	}
	return strconv.Itoa(int(f))
}

func versionIs(key, pattern string) func(*yaml.Node) bool {
	re := regexp.MustCompile(pattern)
	return func(r *yaml.Node) bool {
		v := load.Value(r, key)
		return v != nil && v.Kind == yaml.ScalarNode && re.MatchString(v.Value)
	}
}

var schemaURIs = regexp.MustCompile(`^https?://json-schema\.org/(draft-0[467]|draft/(2019-09|2020-12))/(hyper-)?schema#?$`)

func schemaURI(r *yaml.Node, which string) bool {
	v := load.Value(r, "$schema")
	return v != nil && schemaURIs.MatchString(v.Value) && strings.Contains(v.Value, which)
}

var jsonSchemaTypes = []string{"array", "boolean", "integer", "null", "number", "object", "string"}

func jsonSchemaLoose(r *yaml.Node) bool {
	if r == nil || r.Kind != yaml.MappingNode {
		return false
	}
	if t := load.Value(r, "type"); t != nil {
		for _, x := range append([]*yaml.Node{t}, t.Content...) {
			for _, s := range jsonSchemaTypes {
				if x.Value == s {
					return true
				}
			}
		}
	}
	for _, k := range []string{"allOf", "anyOf", "oneOf", "not", "$ref", "properties", "items"} {
		if load.Value(r, k) != nil {
			return true
		}
	}
	return false
}

// detectFormats returns the formats a document's root matches among
// those the ruleset's rules name: like Spectral, a document has no format
// the ruleset does not mention (so a scoped alias needs its formats named
// by some rule or by the ruleset).
func (rs *Ruleset) detectFormats(root *yaml.Node) map[string]bool {
	root = load.Deref(root)
	out := map[string]bool{}
	for name := range rs.formats {
		if formatChecks[name](root) {
			out[name] = true
		}
	}
	return out
}
