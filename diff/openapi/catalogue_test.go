package openapi

import (
	"slices"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/diff/schema"
	"github.com/contractctl/contractctl/rules"
)

// staticRules are the operation-level IDs: the classifier of schema
// changes (candidates) does not produce them.
var staticRules = []string{
	"contract-added", "endpoint-added", "webhook-added", "webhook-removed",
	"webhook-parameter-removed", "webhook-parameter-removed-before-sunset",
	"webhook-parameter-removed-with-deprecation", "webhook-parameter-became-optional",
	"webhook-parameter-became-required", "webhook-parameter-added",
	"webhook-parameter-serialization-changed", "webhook-security-added", "webhook-security-removed",
	"webhook-security-anonymous-added", "webhook-security-anonymous-removed",
	"webhook-security-scope-removed", "webhook-security-scope-added",
	"api-removed-without-deprecation", "api-removed-before-sunset", "api-removed-with-deprecation",
	"api-path-removed-without-deprecation", "api-path-removed-before-sunset",
	"api-path-removed-with-deprecation", "api-invalid-stability-level", "api-stability-decreased",
	"api-stability-increased", "endpoint-deprecated", "endpoint-deprecated-with-sunset",
	"endpoint-reactivated", "sunset-deleted", "api-sunset-date-changed-earlier",
	"request-parameter-removed", "request-parameter-removed-with-deprecation",
	"request-parameter-removed-before-sunset", "new-request-path-parameter",
	"new-required-request-parameter", "new-optional-request-parameter",
	"request-parameter-became-required", "request-parameter-became-optional",
	"request-parameter-style-changed", "request-parameter-explode-changed",
	"request-parameter-allow-reserved-removed", "request-parameter-content-media-type-changed",
	"request-parameter-deprecated", "request-parameter-sunset-deleted",
	"request-parameter-sunset-date-changed-earlier", "request-parameter-reactivated",
	"request-body-added-required", "request-body-added-optional", "request-body-removed",
	"request-body-became-required", "request-body-became-optional", "request-body-media-type-removed",
	"request-body-media-type-added", "request-body-media-type-schema-removed",
	"request-body-media-type-schema-added", "response-body-media-type-schema-removed",
	"response-body-media-type-schema-added", "response-success-status-removed",
	"response-non-success-status-removed", "response-success-status-added",
	"response-non-success-status-added", "response-media-type-removed", "response-media-type-added",
	"response-media-type-parameter-added", "response-media-type-parameter-removed",
	"response-media-type-parameter-changed", "response-media-type-name-generalized",
	"response-media-type-name-specialized", "required-response-header-removed",
	"optional-response-header-removed", "response-header-became-optional", "response-header-added",
	"api-security-anonymous-access-removed", "api-security-anonymous-access-added",
	"api-security-removed", "api-global-security-removed", "api-security-scope-added",
	"api-global-security-scope-added", "api-security-scope-removed",
	"api-global-security-scope-removed", "api-security-added", "api-global-security-added",
	"api-security-component-removed", "api-security-component-added",
	"api-security-component-type-changed", "api-security-component-api-key-in-changed",
	"api-security-component-api-key-name-changed", "api-security-component-http-scheme-changed",
	"api-security-component-bearer-format-changed",
	"api-security-component-openid-connect-url-changed", "api-security-component-oauth-url-changed",
	"api-security-component-oauth-token-url-changed",
	"api-security-component-oauth-refresh-url-changed", "api-security-component-oauth-scope-removed",
	"api-security-component-oauth-scope-added", "api-version-not-bumped", "api-version-decreased",
	"api-major-version-not-bumped",
}

type combo struct {
	ch     schema.Change
	sc     scope
	atRoot bool
}

func schemaKinds() []schema.Change {
	var out []schema.Change
	add := func(k schema.Kind, e schema.Effect) { out = append(out, schema.Change{Kind: k, Effect: e}) }
	add(schema.TypeChanged, schema.Incompatible)
	add(schema.TypeGeneralized, schema.Widens)
	add(schema.TypeSpecialized, schema.Narrows)
	add(schema.ListOfTypesWider, schema.Widens)
	add(schema.ListOfTypesNarr, schema.Narrows)
	add(schema.FormatChanged, schema.Widens)
	add(schema.FormatChanged, schema.Narrows)
	add(schema.FormatChanged, schema.Incompatible)
	add(schema.EnumValueAdded, schema.Widens)
	add(schema.EnumValueRemoved, schema.Narrows)
	add(schema.BecameEnum, schema.Narrows)
	add(schema.BecameNotEnum, schema.Widens)
	add(schema.ExtEnumValueAdded, schema.Widens)
	add(schema.ExtEnumValueRemove, schema.Narrows)
	add(schema.BecameNullable, schema.Widens)
	add(schema.BecameNotNullable, schema.Narrows)
	add(schema.PatternAdded, schema.Narrows)
	add(schema.PatternRemoved, schema.Widens)
	add(schema.PatternChanged, schema.Incompatible)
	add(schema.PatternChanged, schema.Widens)
	add(schema.UniqueItemsSet, schema.Narrows)
	add(schema.UniqueItemsUnset, schema.Widens)
	add(schema.ItemsSet, schema.Narrows)
	add(schema.ItemsUnset, schema.Widens)
	add(schema.DefaultAdded, schema.Neutral)
	add(schema.DefaultRemoved, schema.Neutral)
	add(schema.DefaultChanged, schema.Neutral)
	add(schema.ConstAdded, schema.Narrows)
	add(schema.ConstRemoved, schema.Widens)
	add(schema.ConstChanged, schema.Incompatible)
	add(schema.BecameFalse, schema.Narrows)
	add(schema.BecameNotFalse, schema.Widens)
	add(schema.AdditionalPropsBecameFalse, schema.Narrows)
	add(schema.AdditionalPropsBecameOpen, schema.Widens)
	add(schema.AdditionalPropsSet, schema.Narrows)
	add(schema.AdditionalPropsRelaxed, schema.Widens)
	for _, name := range []string{"contains", "if", "then", "else", "property-names", "unevaluated-items", "unevaluated-properties",
		"content-schema", "pattern-property", "dependent-schema", "dependent-required", "prefix-items"} {
		add(schema.Presence(name, true), schema.Narrows)
		add(schema.Presence(name, false), schema.Widens)
	}
	add(schema.DependentRequiredChanged, schema.Incompatible)
	add(schema.ContentEncodingChanged, schema.Incompatible)
	add(schema.ContentMediaTypeChanged, schema.Incompatible)
	add(schema.OneOfAdded, schema.Widens)
	add(schema.OneOfRemoved, schema.Narrows)
	add(schema.AnyOfAdded, schema.Widens)
	add(schema.AnyOfRemoved, schema.Narrows)
	add(schema.OneOfSet, schema.Narrows)
	add(schema.OneOfUnset, schema.Widens)
	add(schema.AnyOfSet, schema.Narrows)
	add(schema.AnyOfUnset, schema.Widens)
	for _, kw := range []string{"max", "min", "exclusive-max", "exclusive-min", "max-length", "min-length", "max-items", "min-items", "max-properties", "min-properties", "max-contains", "min-contains"} {
		upper := strings.HasPrefix(kw, "max") || kw == "exclusive-max"
		add(schema.Bound(kw, schema.ActionSet), schema.Narrows)
		add(schema.Bound(kw, schema.ActionUnset), schema.Widens)
		if upper {
			add(schema.Bound(kw, schema.ActionIncreased), schema.Widens)
			add(schema.Bound(kw, schema.ActionDecreased), schema.Narrows)
		} else {
			add(schema.Bound(kw, schema.ActionIncreased), schema.Narrows)
			add(schema.Bound(kw, schema.ActionDecreased), schema.Widens)
		}
	}
	add(schema.Bound("multiple-of", schema.ActionSet), schema.Narrows)
	add(schema.Bound("multiple-of", schema.ActionUnset), schema.Widens)
	add(schema.Bound("multiple-of", schema.ActionGeneralized), schema.Widens)
	add(schema.Bound("multiple-of", schema.ActionSpecialized), schema.Narrows)
	add(schema.Bound("multiple-of", schema.ActionChanged), schema.Incompatible)
	return out
}

func propertyKinds() []schema.Change {
	var out []schema.Change
	for _, req := range []bool{false, true} {
		for _, wo := range []bool{false, true} {
			for _, def := range []bool{false, true} {
				out = append(out, schema.Change{Kind: schema.PropertyAdded, Required: req, WriteOnly: wo, HasDefault: def})
			}
			for _, dep := range []bool{false, true} {
				for _, sunset := range []string{"", "2000-01-01"} {
					out = append(out, schema.Change{Kind: schema.PropertyRemoved, Required: req, WriteOnly: wo, Deprecated: dep, Sunset: sunset})
				}
			}
		}
		for _, k := range []schema.Kind{schema.BecameReadOnly, schema.BecameNotRO, schema.BecameWriteOnly, schema.BecameNotWO} {
			out = append(out, schema.Change{Kind: k, Required: req})
		}
	}
	out = append(out,
		schema.Change{Kind: schema.BecameRequired, Effect: schema.Narrows},
		schema.Change{Kind: schema.BecameRequired, Effect: schema.Narrows, HasDefault: true},
		schema.Change{Kind: schema.BecameOptional, Effect: schema.Widens},
		schema.Change{Kind: schema.PropertyDeprec},
		schema.Change{Kind: schema.PropertyDeprec, Sunset: "2000-01-01"},
		schema.Change{Kind: schema.PropertyReactiv})
	return out
}

func combos() []combo {
	var out []combo
	for sc := scopeRequestBody; sc <= scopeSentParam; sc++ {
		for _, ch := range schemaKinds() {
			for _, atRoot := range []bool{true, false} {
				out = append(out, combo{ch, sc, atRoot})
			}
		}
		for _, ch := range propertyKinds() {
			out = append(out, combo{ch, sc, false})
		}
	}
	return out
}

// TestEveryCombinationIsCatalogued checks that the classifier can never
// produce an ID the catalogue lacks, and that every diff rule in the
// catalogue is documented with examples.
func TestEveryCombinationIsCatalogued(t *testing.T) {
	cat := rules.Default()
	used := map[string]bool{}
	for _, c := range combos() {
		cands := candidates(c.ch, c.sc, c.atRoot)
		found := ""
		for _, id := range cands {
			if _, ok := cat.Lookup(id); ok {
				found = id
				break
			}
		}
		if found == "" {
			t.Errorf("%v scope %d root %v: none of %v is catalogued; add a row to rules/openapi_diff.tsv and run go generate ./rules", c.ch.Kind, c.sc, c.atRoot, cands)
		}
		used[found] = true
	}
	for _, id := range staticRules {
		if _, ok := cat.Lookup(id); !ok {
			t.Errorf("static rule %s is not catalogued", id)
		}
		used[id] = true
	}
	for _, r := range cat.Rules() {
		if r.Job != rules.JobDiff || !slices.Contains(r.Formats, rules.OpenAPI) {
			continue
		}
		if !used[r.ID] {
			t.Errorf("catalogued diff rule %s is never produced", r.ID)
		}
		if r.Summary == "" || r.Doc == "" || r.Bad == "" || r.Good == "" {
			t.Errorf("rule %s lacks a summary, doc or examples", r.ID)
		}
	}
}
