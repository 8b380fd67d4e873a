// Package asyncapi checks AsyncAPI 2.x and 3.0 documents against the house
// rules. The document is modelled once (internal/asyncapi); every check is
// a value — a rule and the hooks it needs — run over that model in one
// pass: document-level hooks, one hook per message, and hooks on every
// schema, object and property met by a single walk of the payload and
// header schemas (JSON Schema and Avro). Each problem is reported once,
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

// check is one house rule: the rule it reports and the hooks it needs.
type check struct {
	rule     string
	document func(*pass)
	message  func(*pass, *asyncapi.Message)
	object   func(*pass, *object)
	property func(*pass, *property)
	schema   func(*pass, asyncapi.Loc)
}

// checks is the list of house rules for AsyncAPI.
func checks() []check {
	return []check{
		{rule: rules.ChannelVersioned, document: checkChannelVersioned},
		{rule: rules.ServerSecureProtocol, document: checkServerSecureProtocol},
		{rule: rules.OperationIDUnique, document: checkOperationIDUnique},
		{rule: rules.DeprecatedNeedsSunset, document: checkDeprecatedElements, property: checkDeprecatedProperty},
		{rule: rules.MessageEventID, message: checkEventID},
		{rule: rules.MessageTraceID, message: checkTraceID},
		{rule: rules.MessageSigned, document: checkSigned},
		{rule: rules.NoSecretsInExamples, message: checkMessageExamples, schema: checkSchemaExamples},
		{rule: rules.MoneyIntegerMinorUnits, property: checkMoneyInteger},
		{rule: rules.MoneyMinorUnitsName, property: checkMoneyName},
		{rule: rules.MoneyCurrencyPair, object: checkCurrencyPair},
	}
}

// pass is one document being linted.
type pass struct {
	doc  *asyncapi.Document
	l    *load.Loader
	cfg  *config.Config
	cat  *rules.Catalog
	rule string // the rule of the running check

	findings []finding.Finding
	seen     map[string]bool
	secretRE []secretPattern
}

// report records a finding of the running check at at; a finding with the
// same rule, file and pointer is reported once.
func (p *pass) report(at asyncapi.Loc, format string, args ...any) {
	p.reportRule(p.rule, at, format, args...)
}

func (p *pass) reportRule(rule string, at asyncapi.Loc, format string, args ...any) {
	key := rule + "\x00" + at.FileName() + "\x00" + at.Pointer
	if p.seen[key] {
		return
	}
	p.seen[key] = true
	line, col := at.Pos()
	p.findings = append(p.findings, p.cat.MustLookup(rule).Finding(at.FileName(), line, col, at.Pointer, fmt.Sprintf(format, args...)))
}

// Lint checks one AsyncAPI document and the parts of other files its $refs
// reach; each problem is reported once, where it is written.
func Lint(opt contract.Options, d contract.Doc) ([]finding.Finding, error) {
	f, l, cfg, cat := d.File, d.Loader, opt.Cfg(), opt.Catalog
	doc, err := asyncapi.Parse(f, l)
	if err != nil {
		return nil, fmt.Errorf("lint %s: %w", f.Name, err)
	}
	p := &pass{doc: doc, l: l, cfg: cfg, cat: cat, seen: map[string]bool{}}
	valid := cat.MustLookup(rules.AsyncAPIValid)
	for _, pr := range doc.Problems {
		p.findings = append(p.findings, valid.Finding(pr.File, pr.Line, pr.Column, pr.Pointer, pr.Message))
	}
	if doc.Major == 0 {
		return finding.Sort(p.findings), nil
	}
	cs := checks()
	for _, c := range cs {
		if c.document != nil {
			p.rule = c.rule
			c.document(p)
		}
	}
	for _, m := range doc.Messages {
		for _, c := range cs {
			if c.message != nil {
				p.rule = c.rule
				c.message(p, m)
			}
		}
	}
	w := &walker{p: p, checks: cs, visited: map[string]bool{}}
	for _, s := range doc.Schemas {
		w.root(s)
	}
	return finding.Sort(p.findings), nil
}
