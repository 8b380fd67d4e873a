// Package openapi detects breaking changes between two OpenAPI documents
// (2.0, 3.0, 3.1). It first computes the structural change set —
// operations, parameters of every kind (path-level ones included),
// request bodies, responses, headers, security, webhooks and callbacks,
// and schema changes from diff/schema — and then classifies each change
// into a finding with oasdiff's check ID and default level where oasdiff
// has the concept, and a new ID in the same style where it does not.
//
// A change written in a shared component is one finding at the component,
// listing the operations it affects. Removals carry the base location.
// Lifecycle (deprecated + x-sunset, x-stability-level) and version-bump
// policy are applied here.
package openapi

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/diff/schema"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// Diff compares the base document with the head document and returns the
// findings, sorted. Each side's $refs resolve through its own loader (the
// base's typically reads a git revision); opt.Today decides whether an
// x-sunset date has passed. Findings name head's file (base's for a
// location that exists only there is given in Finding.Base). A zero head is
// a deleted document (see removed).
func Diff(opt contract.Options, base, head contract.Doc) ([]finding.Finding, error) {
	if head.File == nil {
		return removed(opt, base)
	}
	d := &differ{
		opt: opt, base: base.Loader, head: head.Loader, bf: base.File, hf: head.File,
		cmp:      schema.New(base.Loader, head.Loader),
		uses:     map[useKey]map[string]bool{},
		findings: map[string]*pending{},
	}
	if err := d.run(); err != nil {
		return nil, err
	}
	return d.result(), nil
}

// removed reports a contract deleted from the working tree: every
// operation it had is removed (api-removed-*, by lifecycle), under the base
// file's name without positions.
func removed(opt contract.Options, base contract.Doc) ([]finding.Finding, error) {
	d := &differ{opt: opt, base: base.Loader, bf: base.File, findings: map[string]*pending{}, uses: map[useKey]map[string]bool{}}
	ops, err := d.operations(base.Loader, base.File)
	if err != nil {
		return nil, err
	}
	for _, k := range sortedKeys(ops) {
		o := ops[k]
		d.removedOp(o, schema.Location{File: base.File.Name}, true)
	}
	out := d.result()
	for i := range out {
		out[i].Line, out[i].Column, out[i].Pointer = 0, 0, ""
		out[i].Fingerprint = ""
		out[i].Seal()
	}
	return out, nil
}

type scope int

const (
	scopeRequestBody scope = iota
	scopeRequestParam
	scopeResponseBody
	scopeResponseHeader
	// scopeSentParam is a parameter of a webhook or callback request: the
	// API sends it, so it is classified as a response header is.
	scopeSentParam
)

func (s scope) dir() schema.Direction {
	if s == scopeRequestBody || s == scopeRequestParam {
		return schema.Request
	}
	return schema.Response
}

type useKey struct {
	owner  int
	scope  scope
	direct bool
}

type pending struct {
	f   finding.Finding
	ops map[string]bool
}

type differ struct {
	opt        contract.Options
	base, head *load.Loader
	bf, hf     *load.File
	cmp        *schema.Comparator
	uses       map[useKey]map[string]bool
	findings   map[string]*pending
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// emit records a finding; findings with the same rule, location and
// change merge, their operations united.
func (d *differ) emit(id string, sev finding.Severity, head, base schema.Location, msg, change string, ops ...string) {
	key := strings.Join([]string{id, head.File, head.Pointer, base.File, base.Pointer, change, msg}, "\x00")
	p, ok := d.findings[key]
	if !ok {
		r := d.opt.Catalog.MustLookup(id)
		f := r.Finding(head.File, head.Line, head.Column, head.Pointer, msg)
		f.Fingerprint = ""
		if sev != 0 {
			f.Severity = sev
		}
		if !base.IsZero() {
			f.Base = &finding.Location{File: base.File, Line: base.Line, Column: base.Column, Pointer: base.Pointer}
		}
		f.Change = change
		p = &pending{f: f, ops: map[string]bool{}}
		d.findings[key] = p
	}
	for _, o := range ops {
		if o != "" {
			p.ops[o] = true
		}
	}
}

func (d *differ) result() []finding.Finding {
	out := make([]finding.Finding, 0, len(d.findings))
	for _, p := range d.findings {
		f := p.f
		if len(p.ops) > 0 {
			f.Operations = sortedKeys(p.ops)
		}
		f.Seal()
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b finding.Finding) int {
		return cmp.Or(finding.Compare(a, b), strings.Compare(a.Change, b.Change), strings.Compare(a.Fingerprint, b.Fingerprint))
	})
	return out
}

func loc(n node) schema.Location {
	if n.file == nil {
		return schema.Location{}
	}
	l := schema.Location{File: n.file.Name, Pointer: n.ptr}
	k := n.key
	if k == nil {
		k = n.val
	}
	if k != nil {
		l.Line, l.Column = k.Line, k.Column
	}
	return l
}

// nearest returns the location of the deepest existing node along tokens
// from n (for a removal: where the element would have been).
func nearest(n node, tokens ...string) schema.Location {
	best := n
	cur := n
	for _, t := range tokens {
		cur = cur.get(t)
		if !cur.ok() {
			break
		}
		best = cur
	}
	return loc(best)
}

func (d *differ) run() error {
	bops, err := d.operations(d.base, d.bf)
	if err != nil {
		return err
	}
	hops, err := d.operations(d.head, d.hf)
	if err != nil {
		return err
	}
	hroot := node{file: d.hf, val: d.hf.Root, key: d.hf.Root}
	broot := node{file: d.bf, val: d.bf.Root, key: d.bf.Root}
	// Paths that disappear entirely are reported per path.
	hpaths := map[string]bool{}
	for _, o := range hops {
		hpaths[pathKeyOf(o)] = true
	}
	for _, k := range sortedKeys(bops) {
		b := bops[k]
		h, ok := hops[k]
		if !ok {
			where := nearest(hroot, "paths", b.path)
			if parentKey, name, isCallback := strings.Cut(b.callback, " callback "); isCallback {
				parentOp, parentKept := hops[parentKey]
				if !parentKept {
					continue // reported with its operation
				}
				where = nearest(parentOp.op, "callbacks", name, b.path)
			}
			if b.webhook != "" {
				where = nearest(hroot, "webhooks", b.webhook)
			}
			d.removedOp(b, where, !hpaths[pathKeyOf(b)])
			continue
		}
		if err := d.compareOp(b, h); err != nil {
			return err
		}
	}
	for _, k := range sortedKeys(hops) {
		h := hops[k]
		if _, ok := bops[k]; ok {
			continue
		}
		if h.webhook != "" {
			d.emit(rules.DiffWebhookAdded, 0, loc(h.op), schema.Location{}, fmt.Sprintf("webhook %s %s was added", h.webhook, strings.ToUpper(h.method)), "→ "+h.label, h.label)
			continue
		}
		d.emit(rules.DiffEndpointAdded, 0, loc(h.op), schema.Location{}, fmt.Sprintf("operation %s was added", h.label), "→ "+h.label, h.label)
	}
	if err := d.classifySchemas(); err != nil {
		return err
	}
	d.securitySchemes(broot, hroot)
	d.versionPolicy(broot, hroot)
	return nil
}

func pathKeyOf(o *operation) string {
	if o.callback != "" || o.webhook != "" {
		return o.key
	}
	_, p, _ := strings.Cut(o.key, " ")
	return p
}
