package ruleset

import (
	yaml "go.yaml.in/yaml/v3"
)

// builtinRule is one rule of Spectral's built-in rulesets.
type builtinRule struct {
	name, severity string
	recommended    bool
	// contractctl is the built-in contractctl rule covering it, or "".
	contractctl string
}

// builtinRules stands for `extends: spectral:oas` (or spectral:asyncapi):
// its rules exist by name, so a ruleset may set their severity or switch
// them off, but they run as contractctl's own rules (the validity rules
// oas-valid and asyncapi-valid, operation-id-unique) or not at all; see
// docs/vs-spectral.md for the table.
func builtinRules(file string, at *yaml.Node) (map[string]*Rule, error) {
	table, ok := spectralBuiltins[at.Value]
	if !ok {
		return nil, errAt(file, at, "unknown built-in ruleset %q (contractctl knows spectral:oas and spectral:asyncapi)", at.Value)
	}
	formats := []string{"oas2", "oas3", "oas3_0", "oas3_1"}
	if at.Value == "spectral:asyncapi" {
		formats = []string{"aas2", "aas2_0", "aas2_1", "aas2_2", "aas2_3", "aas2_4", "aas2_5", "aas2_6", "aas3", "aas3_0"}
	}
	out := make(map[string]*Rule, len(table))
	for _, b := range table {
		sev := sevWarn
		switch b.severity {
		case "error":
			sev = sevError
		case "info":
			sev = sevInfo
		case "hint":
			sev = sevHint
		}
		out[b.name] = &Rule{Name: b.name, Severity: sev, Recommended: b.recommended, Enabled: b.recommended,
			Resolved: true, IsBuiltin: true, Builtin: b.contractctl, File: at.Value, Formats: formats}
	}
	return out, nil
}
