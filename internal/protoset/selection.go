package protoset

import (
	"fmt"
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
	"FIELD_NO_DESCRIPTOR":                  nil,
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
			if r.ID == id || slices.Contains(r.Categories, id) {
				out = append(out, r.ID)
			}
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("%q is not a known Protobuf %s rule or category", id, job)
		}
		return out, nil
	}
	if len(use) == 0 {
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
		if len(r.Categories) == 0 && !isBufOptIn(r.ID) {
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

// isBufOptIn names buf rules without a category (selectable by ID only).
func isBufOptIn(id string) bool {
	return id == rules.ProtoImportNoWeak || id == rules.ProtoStablePackageNoImportUnstable
}
