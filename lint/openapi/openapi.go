// Package openapi checks Swagger 2.0, OpenAPI 3.0 and 3.1 documents
// against the house rules. Each rule is a Check value (see check.go); all
// checks run inside one walk over the document that the loader parsed
// once, following each $ref once and visiting each schema once, so that a
// problem in a shared component is reported once, where it is written —
// in the referenced file when it lives in another one.
package openapi

import (
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// Lint checks one OpenAPI document and the parts of other files its $refs
// reach; each problem is reported once, where it is written. A referenced
// file that does not parse is returned as an input error. When the
// configuration switches off every check and contract-invalid, the
// document is not walked.
func Lint(opt contract.Options, d contract.Doc) ([]finding.Finding, error) {
	if contract.AllOff(opt, checkTable) {
		return nil, nil // nothing it finds would be kept
	}
	f, l, cfg, cat := d.File, d.Loader, opt.Cfg(), opt.Catalog
	w := &walker{
		loader:    l,
		out:       &sink{seen: map[string]bool{}},
		refs:      map[refKey]refTarget{},
		seen:      map[*yaml.Node]bool{},
		params:    map[*yaml.Node]*Parameter{},
		responses: map[respKey]bool{},
		use:       newUsage(),
	}
	doc := newDocument(f)
	w.doc = doc
	for _, c := range Checks(cat) {
		p := &Pass{Doc: doc, Loader: l, Config: cfg, Rule: c.Rule, w: w}
		if c.Rule.ID == rules.OASValid {
			w.valid = p
		}
		if opt.Off(c.Rule.ID) && c.Rule.ID != rules.OASValid {
			continue // switched off: not worth running
		}
		c.Run(p)
	}
	if doc.Root == nil || doc.Root.Kind != yaml.MappingNode {
		return nil, &load.Error{File: f.Name, Msg: "an OpenAPI document must be a mapping at the top level"}
	}
	w.run()
	if w.inputErr != nil {
		return nil, w.inputErr
	}
	for i := range w.out.fs {
		f := &w.out.fs[i]
		if owner := w.out.owners[i]; owner != nil && shared(doc, f.File, f.Pointer) {
			f.Operations = w.use.usedBy(owner)
		}
	}
	return finding.Sort(w.out.fs), nil
}

// newDocument computes the facts several checks share.
func newDocument(f *load.File) *Document {
	d := &Document{File: f, Root: load.Deref(f.Root), SecuritySchemes: map[string]bool{}}
	d.Version = versionOf(d.Root)
	if d.Version == Swagger2 {
		base := ""
		if v := load.Value(d.Root, "basePath"); v != nil {
			base = v.Value
		}
		host := ""
		if v := load.Value(d.Root, "host"); v != nil {
			host = v.Value
		}
		if host != "" || base != "" {
			d.Servers = append(d.Servers, "//"+host+base)
		}
		pairs(load.Value(d.Root, "securityDefinitions"), func(k, _ *yaml.Node) { d.SecuritySchemes[k.Value] = true })
	} else {
		if s := load.Value(d.Root, "servers"); isSeq(s) {
			for _, srv := range s.Content {
				if u := load.Value(srv, "url"); u != nil {
					d.Servers = append(d.Servers, expandServerURL(u.Value, load.Value(srv, "variables")))
				}
			}
		}
		pairs(load.Value(load.Value(d.Root, "components"), "securitySchemes"), func(k, _ *yaml.Node) { d.SecuritySchemes[k.Value] = true })
	}
	d.Security = load.Value(d.Root, "security")
	return d
}

// versionOf reads the dialect from the openapi or swagger key; 0 when it
// is neither a 2.0, 3.0, 3.1 nor 3.2 document (oas-valid reports it).
func versionOf(root *yaml.Node) Version {
	if v := load.Value(root, "swagger"); v != nil {
		if v.Value == "2.0" {
			return Swagger2
		}
		return 0
	}
	v := load.Value(root, "openapi")
	if v == nil {
		return 0
	}
	switch {
	case strings.HasPrefix(v.Value, "3.0."):
		return OAS30
	case strings.HasPrefix(v.Value, "3.1."), strings.HasPrefix(v.Value, "3.2."):
		return OAS31
	}
	return 0
}
