package openapi

import (
	"fmt"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// A Check is one house rule as a value, in the manner of
// golang.org/x/tools/go/analysis: the catalogue entry it reports under and
// a function that receives a Pass. Run is called once per document before
// the walk; it registers the callbacks it needs (OnOperation, OnSchema, …)
// and keeps whatever state it needs in its own locals, so that every check
// runs inside the one shared walk over the document.
type Check struct {
	Rule rules.Rule
	Run  func(*Pass)
}

// checkFunc pairs a rule ID with its function; Checks looks each ID up in
// the catalogue, so that a check cannot exist without its documentation.
type checkFunc struct {
	id  string
	run func(*Pass)
}

// checkTable lists every OpenAPI check. It is constant data.
var checkTable = []checkFunc{
	{rules.OASValid, runValid},
	{rules.MoneyIntegerMinorUnits, runMoneyInteger},
	{rules.MoneyMinorUnitsName, runMoneyMinorName},
	{rules.MoneyCurrencyPair, runMoneyCurrencyPair},
	{rules.PathVersioned, runPathVersioned},
	{rules.IdempotencyKeyRequired, runIdempotencyKey},
	{rules.RateLimitRetryAfter, runRetryAfter},
	{rules.RateLimitDocumented, runRateLimitDocumented},
	{rules.TraceIDHeader, runTraceID},
	{rules.AcceptedHasLocation, runAcceptedLocation},
	{rules.WebhookSigned, runWebhookSigned},
	{rules.WebhookEventID, runWebhookEventID},
	{rules.ServerHTTPS, runServerHTTPS},
	{rules.OperationSecurity, runOperationSecurity},
	{rules.NoAPIKeyInQuery, runNoAPIKeyInQuery},
	{rules.NoSecretsInExamples, runNoSecrets},
	{rules.OperationIDUnique, runOperationIDUnique},
	{rules.DeprecatedNeedsSunset, runDeprecatedSunset},
	{rules.PropertyTypeExplicit, runPropertyTypeExplicit},
}

// Checks returns every OpenAPI check with its catalogue entry.
func Checks(cat *rules.Catalog) []Check {
	out := make([]Check, len(checkTable))
	for i, c := range checkTable {
		out[i] = Check{Rule: cat.MustLookup(c.id), Run: c.run}
	}
	return out
}

// Loc is where something is written: a file, the JSON pointer of the
// object, and the node whose position a finding carries (the key naming
// the object, or the value itself for array items and example values).
type Loc struct {
	File    *load.File
	Pointer string
	Key     *yaml.Node
}

// Pass is what a check sees of one document: the document, the loader
// that resolves $refs, the configuration, and Report. The On* methods
// register callbacks that the walk calls for each element of that kind.
type Pass struct {
	Doc    *Document
	Loader *load.Loader
	Config *config.Config
	Rule   rules.Rule

	w *walker
}

// Report records a finding of the pass's rule at loc.
func (p *Pass) Report(at Loc, format string, args ...any) {
	line, col := 0, 0
	if at.Key != nil {
		line, col = at.Key.Line, at.Key.Column
	}
	name := ""
	if at.File != nil {
		name = at.File.Name
	}
	p.w.out.add(p.Rule.Finding(name, line, col, at.Pointer, fmt.Sprintf(format, args...)), p.w.use.current())
}

// OnDocument registers f to run before the walk.
func (p *Pass) OnDocument(f func()) { p.w.onDocument = append(p.w.onDocument, f) }

// OnPath registers f for every path template under paths.
func (p *Pass) OnPath(f func(*PathItem)) { p.w.onPath = append(p.w.onPath, f) }

// OnOperation registers f for every operation (paths, webhooks, callbacks).
func (p *Pass) OnOperation(f func(*Operation)) { p.w.onOperation = append(p.w.onOperation, f) }

// OnResponse registers f for every response object, once per place it is
// written and status it is used under.
func (p *Pass) OnResponse(f func(*Response)) { p.w.onResponse = append(p.w.onResponse, f) }

// OnParameter registers f for every parameter object, once per place it is
// written.
func (p *Pass) OnParameter(f func(*Parameter)) { p.w.onParameter = append(p.w.onParameter, f) }

// OnSchema registers f for every schema, once per place it is written.
func (p *Pass) OnSchema(f func(*Schema)) { p.w.onSchema = append(p.w.onSchema, f) }

// OnServer registers f for every server URL (and Swagger 2.0 scheme).
func (p *Pass) OnServer(f func(*Server)) { p.w.onServer = append(p.w.onServer, f) }

// OnSecurityScheme registers f for every security scheme definition.
func (p *Pass) OnSecurityScheme(f func(*SecurityScheme)) {
	p.w.onSecurity = append(p.w.onSecurity, f)
}

// OnExample registers f for every scalar inside an example, examples,
// default or example-object value.
func (p *Pass) OnExample(f func(*Example)) { p.w.onExample = append(p.w.onExample, f) }

// OnFinish registers f to run after the walk.
func (p *Pass) OnFinish(f func()) { p.w.onFinish = append(p.w.onFinish, f) }

// Resolve follows n while it is a reference object and returns where the
// final target is written. An unresolvable reference yields ok == false;
// the walk reports it once as oas-valid.
func (p *Pass) Resolve(at Loc, n *yaml.Node) (Loc, *yaml.Node, bool) {
	return p.w.follow(at, n)
}

// Types reports what the schema n (written at at, possibly a reference)
// admits, following references and compositions.
func (p *Pass) Types(at Loc, n *yaml.Node) TypeSet { return p.w.typesOf(at, n) }

// Required lists the required property names of a resolved object schema,
// including those of its allOf members.
func (p *Pass) Required(s *Schema) map[string]bool { return p.w.requiredOf(s) }

// AllProperties lists a schema's properties and its allOf members'.
func (p *Pass) AllProperties(s *Schema) []Property { return p.w.allProperties(s) }
