// Package asyncapi detects breaking changes between two AsyncAPI documents
// of the same major version (2.x or 3.0). Both sides are modelled by
// internal/asyncapi; channels, operations, messages and servers are matched
// by their keys, and each difference is classified into a finding with an
// ID of rules/asyncapi.go.
//
// Direction comes from who reads a message: a message the application
// sends (3.0 send, 2.x subscribe) is read by consumers and compared like a
// response; one it receives (3.0 receive, 2.x publish) is written by
// producers and compared like a request. Payload and header schemas are
// compared by diff/schema; Avro schemas are checked by internal/avro with
// Java Avro's reader/writer rules, FORWARD for a message the application
// sends and BACKWARD for one it receives. A change written in a shared
// component is one finding at the component, listing the operations that
// use it.
//
// Removals honour the lifecycle policy (deprecated + a passed x-sunset
// makes a removal info), and a breaking change without a new major
// info.version is itself a finding. A 2.x → 3.0 migration is one
// asyncapi-major-version-changed finding.
package asyncapi

import (
	"fmt"
	"time"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/diff/schema"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// Diff compares the base document with the head document and returns the
// findings, sorted. Each side's loader resolves its $refs (the base's
// typically reads a git revision); opt.Today decides whether an x-sunset
// date has passed. A zero head is a deleted document (see removed).
func Diff(opt contract.Options, b, h contract.Doc) ([]finding.Finding, error) {
	if h.File == nil {
		return removed(opt, b)
	}
	base, head, baseL, headL, cfg, cat, today := b.File, h.File, b.Loader, h.Loader, opt.Cfg(), opt.Catalog, opt.Today
	bd, err := asyncapi.Parse(base, baseL)
	if err != nil {
		return nil, fmt.Errorf("diff %s: base: %w", base.Name, err)
	}
	hd, err := asyncapi.Parse(head, headL)
	if err != nil {
		return nil, fmt.Errorf("diff %s: head: %w", head.Name, err)
	}
	d := &differ{
		b: bd, h: hd, bl: baseL, hl: headL, cat: cat, cfg: cfg, today: today,
		cmp:      schema.New(baseL, headL),
		byKey:    map[string]int{},
		compared: map[string]bool{},
	}
	if bd.Major != hd.Major || bd.Major == 0 {
		if bd.Major != 0 && hd.Major != 0 {
			at, _ := asyncapi.Loc{File: head, Node: head.Root}.Child("asyncapi")
			bat, _ := asyncapi.Loc{File: base, Node: base.Root}.Child("asyncapi")
			d.report(rules.AsyncAPIMajorVersionChanged, at, bat, bd.Version+" → "+hd.Version,
				"the document moved from AsyncAPI %s to %s; it is not compared in detail — treat it as a new contract and tell its consumers", bd.Version, hd.Version)
		}
		return finding.Sort(d.findings), nil
	}
	if err := d.run(); err != nil {
		return nil, err
	}
	d.versionBump()
	return finding.Sort(d.findings), nil
}

// differ compares one pair of documents.
type differ struct {
	b, h   *asyncapi.Document
	bl, hl *load.Loader
	cat    *rules.Catalog
	cfg    *config.Config
	today  time.Time
	cmp    *schema.Comparator

	findings []finding.Finding
	// byKey indexes findings by rule and location, so that a change of a
	// shared element is reported once with all its users.
	byKey    map[string]int
	compared map[string]bool
	pairs    []msgPair
	usedBy   map[*asyncapi.Message][]string
	// avros caches each Avro schema parsed for the compatibility check.
	avros map[*asyncapi.Schema]parsedAvro
}

func (d *differ) run() error {
	d.servers()
	d.channels()
	d.operations()
	return d.messages()
}

// report records a finding of rule id at head (the element in the head
// document, or its nearest existing container) with base locating the old
// side. A finding with the same rule and locations is reported once; its
// users accumulate in Operations.
func (d *differ) report(id string, head, base asyncapi.Loc, change, format string, args ...any) *finding.Finding {
	rule := d.cat.MustLookup(id)
	file := d.h.File.Name
	line, col := 0, 0
	pointer := base.Pointer
	if head.Node != nil || head.Key != nil {
		file = head.FileName()
		line, col = head.Pos()
		pointer = head.Pointer
	}
	var bl *finding.Location
	if base.Node != nil || base.Key != nil {
		l, c := base.Pos()
		bl = &finding.Location{File: base.FileName(), Line: l, Column: c, Pointer: base.Pointer}
	}
	key := id + "\x00" + file + "\x00" + pointer + "\x00" + change
	if bl != nil {
		key += "\x00" + bl.File + "\x00" + bl.Pointer
	}
	if i, ok := d.byKey[key]; ok {
		return &d.findings[i]
	}
	f := finding.Finding{Rule: id, Severity: rule.Severity, File: file, Line: line, Column: col, Pointer: pointer,
		Message: fmt.Sprintf(format, args...), Base: bl, Change: change}
	f.Seal()
	d.byKey[key] = len(d.findings)
	d.findings = append(d.findings, f)
	return &d.findings[len(d.findings)-1]
}

// addUser lists a user (an operation) on a finding, once.
func addUser(f *finding.Finding, user string) {
	if user == "" {
		return
	}
	for _, u := range f.Operations {
		if u == user {
			return
		}
	}
	f.Operations = append(f.Operations, user)
}

// container locates key of the head document's root (channels, servers,
// operations) for findings about something that is no longer there.
func (d *differ) container(key string) asyncapi.Loc {
	root := asyncapi.Loc{File: d.h.File, Node: d.h.File.Root}
	if l, ok := root.Child(key); ok {
		return l
	}
	return root
}
