package openapi

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/diff/schema"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/rules"
)

var updateRules = flag.Bool("update-rules", false, "regenerate rules/openapi_diff.go from the classifier's ID combinations and oasdiff's catalogue (needs ../shared)")

// staticRules are the operation-level IDs, with the severity used when
// oasdiff has no such check, and a summary.
var staticRules = []struct {
	id      string
	sev     finding.Severity
	summary string
}{
	{"contract-added", finding.Info, "A contract file was added."},
	{"endpoint-added", finding.Info, "An operation was added."},
	{"webhook-added", finding.Info, "A webhook was added."},
	{"webhook-removed", finding.Error, "A webhook was removed."},
	{"webhook-parameter-removed", finding.Error, "A parameter of a request the API sends (webhook or callback) was removed."},
	{"webhook-parameter-removed-before-sunset", finding.Error, "A deprecated parameter of a request the API sends was removed before its x-sunset date."},
	{"webhook-parameter-removed-with-deprecation", finding.Info, "A deprecated parameter of a request the API sends was removed after its x-sunset date."},
	{"webhook-parameter-became-optional", finding.Error, "A parameter of a request the API sends became optional."},
	{"webhook-parameter-became-required", finding.Info, "A parameter of a request the API sends became required."},
	{"webhook-parameter-added", finding.Info, "The API sends a new parameter with a webhook or callback request."},
	{"webhook-parameter-serialization-changed", finding.Error, "A parameter of a request the API sends changed its style, explode, media type or form."},
	{"webhook-security-added", finding.Error, "The API may authenticate a webhook or callback request with new credentials."},
	{"webhook-security-removed", finding.Info, "The API no longer authenticates a webhook or callback request with some credentials."},
	{"webhook-security-anonymous-added", finding.Error, "The API may send a webhook or callback request without credentials."},
	{"webhook-security-anonymous-removed", finding.Info, "The API now always sends credentials with a webhook or callback request."},
	{"webhook-security-scope-removed", finding.Error, "The credentials of a webhook or callback request carry one scope less."},
	{"webhook-security-scope-added", finding.Info, "The credentials of a webhook or callback request carry an additional scope."},
	{"api-removed-without-deprecation", finding.Error, "An operation was removed without being deprecated first."},
	{"api-removed-before-sunset", finding.Error, "A deprecated operation was removed before its x-sunset date (or without one)."},
	{"api-removed-with-deprecation", finding.Info, "A deprecated operation was removed after its x-sunset date."},
	{"api-path-removed-without-deprecation", finding.Error, "A path was removed without its operations being deprecated first."},
	{"api-path-removed-before-sunset", finding.Error, "A deprecated path was removed before its x-sunset date (or without one)."},
	{"api-path-removed-with-deprecation", finding.Info, "A deprecated path was removed after its x-sunset date."},
	{"api-invalid-stability-level", finding.Error, "x-stability-level is not draft, alpha, beta or stable."},
	{"api-stability-decreased", finding.Error, "An operation's x-stability-level went down."},
	{"api-stability-increased", finding.Info, "An operation's x-stability-level went up."},
	{"endpoint-deprecated", finding.Info, "An operation was deprecated."},
	{"endpoint-deprecated-with-sunset", finding.Info, "An operation was deprecated with an x-sunset date."},
	{"endpoint-reactivated", finding.Info, "A deprecated operation is no longer deprecated."},
	{"sunset-deleted", finding.Error, "A deprecated operation's x-sunset date was deleted."},
	{"api-sunset-date-changed-earlier", finding.Error, "A deprecated operation's x-sunset date moved earlier."},
	{"request-parameter-removed", finding.Error, "A request parameter was removed without deprecation."},
	{"request-parameter-removed-with-deprecation", finding.Info, "A deprecated request parameter was removed after its x-sunset date."},
	{"request-parameter-removed-before-sunset", finding.Error, "A deprecated request parameter was removed before its x-sunset date (or without one)."},
	{"new-request-path-parameter", finding.Error, "A path parameter was added to an existing operation."},
	{"new-required-request-parameter", finding.Error, "A required request parameter was added."},
	{"new-optional-request-parameter", finding.Info, "An optional request parameter was added."},
	{"request-parameter-became-required", finding.Error, "An optional request parameter became required."},
	{"request-parameter-became-optional", finding.Info, "A required request parameter became optional."},
	{"request-parameter-style-changed", finding.Error, "A request parameter's serialization style changed."},
	{"request-parameter-explode-changed", finding.Error, "A request parameter's explode setting changed."},
	{"request-parameter-allow-reserved-removed", finding.Error, "A request parameter no longer allows reserved characters."},
	{"request-parameter-content-media-type-changed", finding.Error, "A content-form request parameter changed its media type or serialization form."},
	{"request-parameter-deprecated", finding.Info, "A request parameter was deprecated."},
	{"request-parameter-sunset-deleted", finding.Error, "A deprecated request parameter's x-sunset date was deleted."},
	{"request-parameter-sunset-date-changed-earlier", finding.Error, "A deprecated request parameter's x-sunset date moved earlier."},
	{"request-parameter-reactivated", finding.Info, "A deprecated request parameter is no longer deprecated."},
	{"request-body-added-required", finding.Error, "A required request body was added."},
	{"request-body-added-optional", finding.Info, "An optional request body was added."},
	{"request-body-removed", finding.Error, "The request body was removed."},
	{"request-body-became-required", finding.Error, "An optional request body became required."},
	{"request-body-became-optional", finding.Info, "A required request body became optional."},
	{"request-body-media-type-removed", finding.Error, "A request body media type was removed."},
	{"request-body-media-type-added", finding.Info, "A request body media type was added."},
	{"request-body-media-type-schema-removed", finding.Info, "A request body media type lost its schema (any body is accepted)."},
	{"request-body-media-type-schema-added", finding.Error, "A request body media type gained a schema where any body was accepted."},
	{"response-body-media-type-schema-removed", finding.Error, "A response media type lost its schema."},
	{"response-body-media-type-schema-added", finding.Info, "A response media type gained a schema."},
	{"response-success-status-removed", finding.Error, "A success (2xx/3xx) response status was removed."},
	{"response-non-success-status-removed", finding.Info, "A non-success response status was removed."},
	{"response-success-status-added", finding.Info, "A success response status was added."},
	{"response-non-success-status-added", finding.Info, "A non-success response status was added."},
	{"response-media-type-removed", finding.Error, "A response media type was removed."},
	{"response-media-type-added", finding.Info, "A response media type was added."},
	{"response-media-type-parameter-added", finding.Info, "A response media type gained a parameter (same type and subtype)."},
	{"response-media-type-parameter-removed", finding.Error, "A response media type lost a parameter (same type and subtype)."},
	{"response-media-type-parameter-changed", finding.Error, "A response media type parameter changed its value."},
	{"response-media-type-name-generalized", finding.Error, "A response media type became a range that covers it (application/json → application/*)."},
	{"response-media-type-name-specialized", finding.Info, "A response media-type range became one of the types it covered."},
	{"required-response-header-removed", finding.Error, "A required response header was removed."},
	{"optional-response-header-removed", finding.Info, "An optional response header was removed."},
	{"response-header-became-optional", finding.Error, "A required response header became optional."},
	{"response-header-added", finding.Info, "A response header was added."},
	{"api-security-anonymous-access-removed", finding.Error, "An operation that allowed anonymous access now requires credentials."},
	{"api-security-anonymous-access-added", finding.Info, "An operation now allows anonymous access."},
	{"api-security-removed", finding.Error, "A security requirement alternative of an operation was removed."},
	{"api-global-security-removed", finding.Error, "A document-wide security requirement alternative was removed."},
	{"api-security-scope-added", finding.Error, "A security requirement of an operation requires an additional scope."},
	{"api-global-security-scope-added", finding.Error, "A document-wide security requirement requires an additional scope."},
	{"api-security-scope-removed", finding.Info, "A security requirement of an operation requires one scope less."},
	{"api-global-security-scope-removed", finding.Info, "A document-wide security requirement requires one scope less."},
	{"api-security-added", finding.Info, "A security requirement alternative was added to an operation."},
	{"api-global-security-added", finding.Info, "A document-wide security requirement alternative was added."},
	{"api-security-component-removed", finding.Info, "A security scheme was removed from components."},
	{"api-security-component-added", finding.Info, "A security scheme was added to components."},
	{"api-security-component-type-changed", finding.Error, "A security scheme's type changed."},
	{"api-security-component-api-key-in-changed", finding.Error, "An API key security scheme moved (header, query, cookie)."},
	{"api-security-component-api-key-name-changed", finding.Error, "An API key security scheme's name changed."},
	{"api-security-component-http-scheme-changed", finding.Error, "An HTTP security scheme's scheme changed."},
	{"api-security-component-bearer-format-changed", finding.Info, "An HTTP bearer security scheme's bearerFormat changed."},
	{"api-security-component-openid-connect-url-changed", finding.Warn, "An OpenID Connect security scheme's URL changed."},
	{"api-security-component-oauth-url-changed", finding.Warn, "An OAuth flow's authorizationUrl changed."},
	{"api-security-component-oauth-token-url-changed", finding.Warn, "An OAuth flow's tokenUrl changed."},
	{"api-security-component-oauth-refresh-url-changed", finding.Warn, "An OAuth flow's refreshUrl changed."},
	{"api-security-component-oauth-scope-removed", finding.Info, "An OAuth flow no longer offers a scope."},
	{"api-security-component-oauth-scope-added", finding.Info, "An OAuth flow offers a new scope."},
	{"api-version-not-bumped", finding.Warn, "The contract changed but info.version did not."},
	{"api-version-decreased", finding.Error, "info.version went down."},
	{"api-major-version-not-bumped", finding.Error, "A breaking change came without a new major version."},
}

// houseLevels are the severities where contractctl's policy differs from
// oasdiff's default level (see docs/vs-oasdiff.md).
var houseLevels = map[string]finding.Severity{
	"request-parameter-removed":    finding.Error, // oasdiff: WARN
	"request-property-removed":     finding.Error, // oasdiff: WARN
	"api-version-not-bumped":       finding.Warn,  // oasdiff: INFO
	"api-version-decreased":        finding.Error, // oasdiff: INFO
	"api-major-version-not-bumped": finding.Error, // oasdiff: INFO
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
	add(schema.AllOfAdded, schema.Narrows)
	add(schema.AllOfRemoved, schema.Widens)
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
	if *updateRules {
		regenerate(t)
		return
	}
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
			t.Errorf("%v scope %d root %v: none of %v is catalogued", c.ch.Kind, c.sc, c.atRoot, cands)
		}
		used[found] = true
	}
	for _, s := range staticRules {
		if _, ok := cat.Lookup(s.id); !ok {
			t.Errorf("static rule %s is not catalogued", s.id)
		}
		used[s.id] = true
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

// TestLevelsMatchOasdiff checks that every ID shared with oasdiff has
// oasdiff's default level, except the documented house policy.
func TestLevelsMatchOasdiff(t *testing.T) {
	levels := oasdiffLevels(t)
	cat := rules.Default()
	for _, r := range cat.Rules() {
		if r.Job != rules.JobDiff || !slices.Contains(r.Formats, rules.OpenAPI) {
			continue
		}
		want, ok := levels[r.ID]
		if !ok {
			continue
		}
		if h, ok := houseLevels[r.ID]; ok {
			want = h
		}
		if r.Severity != want {
			t.Errorf("%s: severity %s, want %s", r.ID, r.Severity, want)
		}
	}
}

func oasdiffLevels(t *testing.T) map[string]finding.Severity {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "guide", "peers", "oasdiff-checks.tsv")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("oasdiff catalogue not available: %v", err)
	}
	out := map[string]finding.Severity{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 || f[0] == "id" {
			continue
		}
		switch f[1] {
		case "ERR":
			out[f[0]] = finding.Error
		case "WARN":
			out[f[0]] = finding.Warn
		case "INFO":
			out[f[0]] = finding.Info
		}
	}
	return out
}

func constName(id string) string {
	var b strings.Builder
	b.WriteString("Diff")
	for _, w := range strings.Split(id, "-") {
		switch w {
		case "api", "url", "http", "id":
			b.WriteString(strings.ToUpper(w))
		case "openid":
			b.WriteString("OpenID")
		case "x":
			b.WriteString("X")
		default:
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

type genRule struct {
	id, summary string
	sev         finding.Severity
	oasdiff     bool
}

func regenerate(t *testing.T) {
	levels := oasdiffLevels(t)
	byID := map[string]genRule{}
	for _, s := range staticRules {
		g := genRule{id: s.id, sev: s.sev, summary: s.summary}
		if l, ok := levels[s.id]; ok {
			g.sev, g.oasdiff = l, true
		}
		byID[s.id] = g
	}
	for _, c := range combos() {
		cands := candidates(c.ch, c.sc, c.atRoot)
		id := cands[0]
		for _, cand := range cands {
			if _, ok := levels[cand]; ok {
				id = cand
				break
			}
		}
		if _, ok := byID[id]; ok {
			continue
		}
		g := genRule{id: id}
		if l, ok := levels[id]; ok {
			g.sev, g.oasdiff = l, true
		} else {
			g.sev = lawLevel(c)
		}
		byID[id] = g
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var b bytes.Buffer
	b.WriteString("// Code generated by go test ./diff/openapi -run TestEveryCombinationIsCatalogued -update-rules; DO NOT EDIT.\n\n")
	b.WriteString("package rules\n\n")
	b.WriteString("// Rule IDs of the OpenAPI breaking-change diff. Where oasdiff has the\n// same check the ID and the default level are oasdiff's (v1.37).\nconst (\n")
	for _, id := range ids {
		fmt.Fprintf(&b, "\t%s = %q\n", constName(id), id)
	}
	b.WriteString(")\n\n")
	b.WriteString("func openAPIDiffRules() []Rule {\n\treturn []Rule{\n")
	for _, id := range ids {
		g := byID[id]
		if h, ok := houseLevels[id]; ok {
			g.sev = h
		}
		summary := g.summary
		if summary == "" {
			summary = summarize(id)
		}
		bad, good := examples(id)
		doc := docFor(id, g)
		fmt.Fprintf(&b, "\t\tdiffRule(%s, %s, %q, %q, %q, %q),\n", constName(id), sevName(g.sev), summary, doc, bad, good)
	}
	b.WriteString("\t}\n}\n\n")
	b.WriteString("func diffRule(id string, sev Severity, summary, doc, bad, good string) Rule {\n" +
		"\treturn Rule{ID: id, Severity: sev, Job: JobDiff, Formats: []Format{OpenAPI}, Summary: summary, Doc: doc, Bad: bad, Good: good}\n}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("..", "..", "rules", "openapi_diff.go"), src, 0o644); err != nil {
		t.Fatal(err)
	}
}

func sevName(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "Error"
	case finding.Warn:
		return "Warn"
	}
	return "Info"
}

// lawLevel is the level of a new ID by the severity law: narrowing a
// request or widening a response breaks clients.
func lawLevel(c combo) finding.Severity {
	e := c.ch.Effect
	if c.ch.Kind == schema.FormatChanged || c.ch.Kind == schema.PatternChanged {
		e = c.ch.Effect
	}
	if c.sc.dir() == schema.Request {
		if e == schema.Narrows || e == schema.Incompatible {
			return finding.Error
		}
		return finding.Info
	}
	if c.ch.Kind == schema.ExtEnumValueAdded {
		return finding.Info // the point of x-extensible-enum: clients accept unknown values
	}
	if c.ch.Kind == schema.AdditionalPropsBecameOpen || c.ch.Kind == schema.AdditionalPropsRelaxed {
		return finding.Warn // tolerant readers ignore unknown properties
	}
	if e == schema.Widens || e == schema.Incompatible {
		return finding.Error
	}
	return finding.Info
}

var subjects = []struct{ prefix, text string }{
	{"request-parameter-property-", "A property of a request parameter"},
	{"request-parameter-", "A request parameter's schema"},
	{"request-property-", "A request body property"},
	{"request-body-", "The request body schema"},
	{"response-mediatype-", "The response body schema"},
	{"response-body-", "The response body schema"},
	{"response-property-", "A response body property"},
	{"response-header-", "A response header's schema"},
}

func summarize(id string) string {
	for _, s := range subjects {
		if rest, ok := strings.CutPrefix(id, s.prefix); ok {
			return s.text + ": " + words(rest) + "."
		}
	}
	w := words(id)
	return strings.ToUpper(w[:1]) + w[1:] + "."
}

func words(s string) string {
	r := strings.NewReplacer("max-length", "maxLength", "min-length", "minLength", "max-items", "maxItems", "min-items", "minItems",
		"max-properties", "maxProperties", "min-properties", "minProperties", "max-contains", "maxContains", "min-contains", "minContains",
		"exclusive-max", "exclusiveMaximum", "exclusive-min", "exclusiveMinimum", "multiple-of", "multipleOf",
		"one-of", "oneOf", "any-of", "anyOf", "all-of", "allOf", "read-only", "readOnly", "write-only", "writeOnly",
		"additional-properties", "additionalProperties", "unique-items", "uniqueItems", "list-of-types", "list of types")
	s = strings.ReplaceAll(s, "x-extensible-enum", "\x00")
	s = strings.ReplaceAll(r.Replace(s), "-", " ")
	return strings.ReplaceAll(s, "\x00", "x-extensible-enum")
}

func docFor(id string, g genRule) string {
	var b strings.Builder
	req := strings.HasPrefix(id, "request-") || strings.HasPrefix(id, "new-")
	resp := strings.HasPrefix(id, "response-") || strings.Contains(id, "response-header")
	switch {
	case req:
		b.WriteString("Requests are written by clients: a change that narrows what a request accepts rejects requests that worked before, and breaks those clients; a change that widens it is safe. ")
	case resp:
		b.WriteString("Responses are read by clients: a change that widens what a response may contain (new values, new types, fewer guarantees) breaks clients written against the old contract; a change that narrows it is safe. ")
		b.WriteString("Webhook and callback requests are sent by the API and read by the receiver, so their bodies and parameter schemas are classified in this direction too. ")
	case strings.HasPrefix(id, "webhook-") && id != "webhook-added" && id != "webhook-removed":
		b.WriteString("Webhook and callback requests are sent by the API and read by the receiver (the API's client): narrowing what the API sends is safe, widening it (a parameter that may be missing or is gone, another serialization, credentials or scopes the receiver does not verify) breaks receivers written against the old contract. ")
	}
	if strings.Contains(id, "removed") && (strings.Contains(id, "api-") || strings.Contains(id, "parameter") || strings.Contains(id, "property")) {
		b.WriteString("Lifecycle: removal is only info when the base marked the element `deprecated: true` with an `x-sunset` date that has passed (`--date` overrides today); before the sunset, or without deprecation, it is an error. ")
	}
	if g.oasdiff {
		if h, ok := houseLevels[id]; ok {
			fmt.Fprintf(&b, "Same ID as oasdiff; contractctl's default level is %s (house policy, oasdiff differs). ", h)
		} else {
			b.WriteString("Same ID and default level as oasdiff. ")
		}
	} else {
		b.WriteString("contractctl-specific: oasdiff has no check for this change. ")
	}
	b.WriteString("A change in a shared component is reported once, at the component, listing the operations that use it.")
	return b.String()
}
