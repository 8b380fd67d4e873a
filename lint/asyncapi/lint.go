// Package asyncapi checks AsyncAPI 2.x and 3.0 documents against the house
// rules. The document is modelled once (internal/asyncapi); every check is
// a value (Check: a rule and a function, as in lint/openapi) run over that
// model in one pass: what a check sees of the whole document at once, then
// its hooks for each message and for every schema, object and property met
// by a single walk of the payload and header schemas (JSON Schema and
// Avro). Each problem is reported once,
// where it is written: a shared component schema is reported at the
// component, not at every message that uses it.
package asyncapi

import (
	"fmt"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// A Check is one rule of this format as a value (see contract.Check): Run
// is called once per document and registers the hooks it needs on the Pass,
// so that every check runs inside the one shared walk.
type Check = contract.Check[*Pass]

// checkTable lists every AsyncAPI check. It is constant data.
var checkTable = []contract.CheckFunc[*Pass]{
	{ID: rules.ChannelVersioned, Run: runChannelVersioned},
	{ID: rules.ServerSecureProtocol, Run: runServerSecureProtocol},
	{ID: rules.OperationIDUnique, Run: runOperationIDUnique},
	{ID: rules.DeprecatedNeedsSunset, Run: runDeprecatedSunset},
	{ID: rules.MessageEventID, Run: runEventID},
	{ID: rules.MessageTraceID, Run: runTraceID},
	{ID: rules.MessageSigned, Run: runSigned},
	{ID: rules.NoSecretsInExamples, Run: runNoSecrets},
	{ID: rules.MoneyIntegerMinorUnits, Run: runMoneyInteger},
	{ID: rules.MoneyMinorUnitsName, Run: runMoneyName},
	{ID: rules.MoneyCurrencyPair, Run: runCurrencyPair},
}

// Checks returns every AsyncAPI check with its catalogue entry.
func Checks(cat *rules.Catalog) []Check { return contract.Checks(cat, checkTable) }

// Pass is what a check sees of one document: the model, the loader that
// resolves $refs, the configuration, and Report. The On* methods register
// hooks that the walk calls for each element of that kind.
type Pass struct {
	Doc    *asyncapi.Document
	Loader *load.Loader
	Config *config.Config
	Rule   rules.Rule

	l *linter
}

// linter is one document's run: the findings and the registered hooks.
type linter struct {
	loader     *load.Loader
	findings   []finding.Finding
	seen       map[string]bool
	onMessage  []func(*asyncapi.Message)
	onSchema   []func(asyncapi.Loc)
	onObject   []func(*Object)
	onProperty []func(*Property)
}

// Report records a finding of the pass's rule at at; a finding with the
// same rule, file and pointer is reported once.
func (p *Pass) Report(at asyncapi.Loc, format string, args ...any) {
	key := p.Rule.ID + "\x00" + at.FileName() + "\x00" + at.Pointer
	if p.l.seen[key] {
		return
	}
	p.l.seen[key] = true
	line, col := at.Pos()
	p.l.findings = append(p.l.findings, p.Rule.Finding(at.FileName(), line, col, at.Pointer, fmt.Sprintf(format, args...)))
}

// OnMessage registers f for every message.
func (p *Pass) OnMessage(f func(*asyncapi.Message)) { p.l.onMessage = append(p.l.onMessage, f) }

// OnSchema registers f for every schema (JSON Schema node or Avro record)
// reachable from a payload or headers, once.
func (p *Pass) OnSchema(f func(asyncapi.Loc)) { p.l.onSchema = append(p.l.onSchema, f) }

// OnObject registers f for every object schema (or Avro record).
func (p *Pass) OnObject(f func(*Object)) { p.l.onObject = append(p.l.onObject, f) }

// OnProperty registers f for every property (or Avro field).
func (p *Pass) OnProperty(f func(*Property)) { p.l.onProperty = append(p.l.onProperty, f) }

// Lint checks one AsyncAPI document and the parts of other files its $refs
// reach; each problem is reported once, where it is written. Rules the
// configuration switches off are not run; with every check, asyncapi-valid
// and contract-invalid off, the document is not read.
func Lint(opt contract.Options, d contract.Doc) ([]finding.Finding, error) {
	if contract.AllOff(opt, checkTable, rules.AsyncAPIValid) {
		return nil, nil // nothing it finds would be kept
	}
	f, cfg, cat := d.File, opt.Cfg(), opt.Catalog
	doc, err := asyncapi.Parse(f, d.Loader)
	if err != nil {
		return nil, fmt.Errorf("lint %s: %w", f.Name, err)
	}
	l := &linter{loader: d.Loader, seen: map[string]bool{}}
	valid := cat.MustLookup(rules.AsyncAPIValid)
	for _, pr := range doc.Problems {
		l.findings = append(l.findings, valid.Finding(pr.File, pr.Line, pr.Column, pr.Pointer, pr.Message))
	}
	if doc.Major == 0 {
		return finding.Sort(l.findings), nil
	}
	for _, c := range Checks(cat) {
		if opt.Off(c.Rule.ID) {
			continue // switched off: not worth running
		}
		c.Run(&Pass{Doc: doc, Loader: d.Loader, Config: cfg, Rule: c.Rule, l: l})
	}
	for _, m := range doc.Messages {
		for _, f := range l.onMessage {
			f(m)
		}
	}
	w := &walker{l: l, visited: map[string]bool{}}
	for _, s := range doc.Schemas {
		w.root(s)
	}
	return finding.Sort(l.findings), nil
}
