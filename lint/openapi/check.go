package openapi

import (
	"fmt"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// A Check is one rule of this format as a value (see contract.Check): Run
// is called once per document and registers the hooks it needs on the Pass,
// so that every check runs inside the one shared walk.
type Check = contract.Check[*Pass]

// checkTable lists every OpenAPI check. It is constant data.
var checkTable = []contract.CheckFunc[*Pass]{
	{ID: rules.OASValid, Run: runValid},
	{ID: rules.MoneyIntegerMinorUnits, Run: runMoneyInteger},
	{ID: rules.MoneyMinorUnitsName, Run: runMoneyMinorName},
	{ID: rules.MoneyCurrencyPair, Run: runMoneyCurrencyPair},
	{ID: rules.PathVersioned, Run: runPathVersioned},
	{ID: rules.IdempotencyKeyRequired, Run: runIdempotencyKey},
	{ID: rules.RateLimitRetryAfter, Run: runRetryAfter},
	{ID: rules.RateLimitDocumented, Run: runRateLimitDocumented},
	{ID: rules.TraceIDHeader, Run: runTraceID},
	{ID: rules.AcceptedHasLocation, Run: runAcceptedLocation},
	{ID: rules.WebhookSigned, Run: runWebhookSigned},
	{ID: rules.WebhookEventID, Run: runWebhookEventID},
	{ID: rules.ServerHTTPS, Run: runServerHTTPS},
	{ID: rules.OperationSecurity, Run: runOperationSecurity},
	{ID: rules.NoAPIKeyInQuery, Run: runNoAPIKeyInQuery},
	{ID: rules.NoSecretsInExamples, Run: runNoSecrets},
	{ID: rules.OperationIDUnique, Run: runOperationIDUnique},
	{ID: rules.DeprecatedNeedsSunset, Run: runDeprecatedSunset},
	{ID: rules.PropertyTypeExplicit, Run: runPropertyTypeExplicit},
}

// Checks returns every OpenAPI check with its catalogue entry.
func Checks(cat *rules.Catalog) []Check { return contract.Checks(cat, checkTable) }

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
