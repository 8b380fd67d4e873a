package protoset

import (
	"fmt"
	"maps"
	"slices"

	"github.com/contractctl/contractctl/rules"
)

// deprecatedIDs maps buf's deprecated rule IDs to the rules they stand
// for now (an empty list: accepted, selects nothing).
var deprecatedIDs = map[string][]string{
	"FIELD_SAME_LABEL":                     {rules.ProtoFieldSameCardinality, rules.ProtoFieldWireCompatibleCardinality, rules.ProtoFieldWireJsonCompatibleCardinality},
	"FIELD_SAME_CTYPE":                     {rules.ProtoFieldSameCppStringType},
	"FILE_SAME_JAVA_STRING_CHECK_UTF8":     {rules.ProtoFieldSameJavaUtf8Validation},
	"FILE_SAME_PHP_GENERIC_SERVICES":       nil,
	"MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT": nil,
}

// categoryAliases are buf's older category names.
var categoryAliases = map[string]string{"DEFAULT": rules.CategoryStandard}

// Selection is the set of enabled rule IDs of one job.
type Selection map[string]bool

// Select resolves use/except against the catalogue's Protobuf rules of job.
// An empty use selects def (STANDARD for lint, FILE for breaking). House
// rules (rules without categories that are not buf's) are always selected
// unless excepted. An unknown ID or category is an error.
func Select(cat *rules.Catalog, job rules.Job, use, except []string, def string) (Selection, error) {
	return selectRules(cat, job, use, except, def, false)
}

// SelectChecks resolves c's selection for job; a v1beta1 buf.yaml's
// categories are v1beta1's. DisableBuiltin selects the house rules alone.
func SelectChecks(cat *rules.Catalog, job rules.Job, c *Checks, def string) (Selection, error) {
	if c.DisableBuiltin {
		return selectRules(cat, job, nil, nil, "", c.V1beta1)
	}
	return selectRules(cat, job, c.Use, c.Except, def, c.V1beta1)
}

func selectRules(cat *rules.Catalog, job rules.Job, use, except []string, def string, v1beta1 bool) (Selection, error) {
	var all []rules.Rule
	for _, r := range cat.Rules() {
		if r.Job == job && slices.Contains(r.Formats, rules.Protobuf) {
			all = append(all, r)
		}
	}
	expand := func(id string) ([]string, error) {
		if c, ok := categoryAliases[id]; ok {
			id = c
		}
		if ids, ok := deprecatedIDs[id]; ok {
			return ids, nil
		}
		var out []string
		for _, r := range all {
			if r.ID == id || slices.Contains(r.Categories, id) || v1beta1 && job == rules.JobLint && inV1beta1Category(id, r.ID) {
				out = append(out, r.ID)
			}
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("%q is not a known Protobuf %s rule or category", id, job)
		}
		return out, nil
	}
	if len(use) == 0 && def != "" {
		use = []string{def}
	}
	sel := Selection{}
	for _, u := range use {
		ids, err := expand(u)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			sel[id] = true
		}
	}
	for _, r := range all {
		if !IsBufRule(r) {
			sel[r.ID] = true
		}
	}
	for _, e := range except {
		ids, err := expand(e)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			delete(sel, id)
		}
	}
	return sel, nil
}

// IsBufRule reports whether r is one of buf's rules (else a house rule).
func IsBufRule(r rules.Rule) bool { return len(r.Categories) > 0 || isBufOptIn(r.ID) }

// isBufOptIn names buf rules without a category (selectable by ID only).
func isBufOptIn(id string) bool {
	return id == rules.ProtoImportNoWeak || id == rules.ProtoStablePackageNoImportUnstable || id == rules.ProtoFieldNoDescriptor
}

// v1beta1Categories are the lint categories only buf.yaml v1beta1 knows,
// by the rules in them; v1beta1's MINIMAL, BASIC, DEFAULT and STANDARD also
// hold FIELD_NO_DESCRIPTOR.
var v1beta1Categories = map[string][]string{
	"STYLE_BASIC":      styleBasic,
	"STYLE_DEFAULT":    styleDefault,
	"STYLE_STANDARD":   styleDefault,
	"FILE_LAYOUT":      {rules.ProtoDirectorySamePackage, rules.ProtoPackageDirectoryMatch, rules.ProtoPackageSameDirectory},
	"PACKAGE_AFFINITY": {rules.ProtoPackageSameCsharpNamespace, rules.ProtoPackageSameGoPackage, rules.ProtoPackageSameJavaMultipleFiles, rules.ProtoPackageSameJavaPackage, rules.ProtoPackageSamePhpNamespace, rules.ProtoPackageSameRubyPackage, rules.ProtoPackageSameSwiftPrefix},
	"SENSIBLE":         {rules.ProtoEnumNoAllowAlias, rules.ProtoFieldNoDescriptor, rules.ProtoImportNoPublic, rules.ProtoPackageDefined},
	"OTHER":            {rules.ProtoEnumFirstValueZero},
}

var (
	styleBasic = []string{rules.ProtoEnumPascalCase, rules.ProtoEnumValueUpperSnakeCase, rules.ProtoFieldLowerSnakeCase,
		rules.ProtoMessagePascalCase, rules.ProtoOneofLowerSnakeCase, rules.ProtoPackageLowerSnakeCase, rules.ProtoRpcPascalCase, rules.ProtoServicePascalCase}
	styleDefault = append(slices.Clone(styleBasic), rules.ProtoEnumValuePrefix, rules.ProtoEnumZeroValueSuffix, rules.ProtoFileLowerSnakeCase,
		rules.ProtoPackageVersionSuffix, rules.ProtoRpcRequestResponseUnique, rules.ProtoRpcRequestStandardName, rules.ProtoRpcResponseStandardName, rules.ProtoServiceSuffix)
)

// inV1beta1Category reports whether rule is in the v1beta1-only category.
func inV1beta1Category(category, rule string) bool {
	if category == "MINIMAL" || category == "BASIC" || category == "DEFAULT" || category == "STANDARD" {
		return rule == rules.ProtoFieldNoDescriptor
	}
	return slices.Contains(v1beta1Categories[category], rule)
}

// Set is one selection of a module with the checks (ignores, options) it
// came from: buf.yaml's own, or a policy's.
type Set struct {
	Sel    Selection
	Checks *Checks
}

// Selections resolves a module's selections for job (def when one names
// none): buf.yaml's, then each policy's (house rules run under the first
// only), and their union. fallback names the configuration in errors when
// a selection has no file of its own.
func (m *Module) Selections(cat *rules.Catalog, job rules.Job, def, fallback string) (Selection, []Set, error) {
	own, policies := &m.Lint, m.LintPolicies
	if job == rules.JobDiff {
		own, policies = &m.Breaking, m.BreakingPolicies
	}
	union := Selection{}
	var sets []Set
	for i := -1; i < len(policies); i++ {
		c := own
		if i >= 0 {
			c = &policies[i]
		}
		sel, err := SelectChecks(cat, job, c, def)
		if err != nil {
			where := c.Source
			if where == "" {
				where = fallback
			}
			if where == "" {
				return nil, nil, fmt.Errorf("protobuf %s selection: %w", job, err)
			}
			return nil, nil, fmt.Errorf("%s: %s: %w", where, job, err)
		}
		if i >= 0 {
			for id := range sel {
				if r, ok := cat.Lookup(id); ok && !IsBufRule(r) {
					delete(sel, id)
				}
			}
		}
		sets = append(sets, Set{Sel: sel, Checks: c})
		maps.Copy(union, sel)
	}
	return union, sets, nil
}

// Keeping counts the sets that select rule r and do not ignore it in file
// p: buf reports a finding once per policy that keeps it.
func Keeping(sets []Set, r rules.Rule, p string) int {
	n := 0
	for _, s := range sets {
		if s.Sel[r.ID] && !s.Checks.Ignored(r.ID, r.Categories, p) {
			n++
		}
	}
	return n
}
