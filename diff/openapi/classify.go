package openapi

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/diff/schema"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/load"
)

// use compares a schema pair of an operation and records which owners it
// reaches, so that each owner's changes are classified once for all the
// operations using it.
func (d *differ) use(b, h node, sc scope, op string) error {
	if !b.ok() || !h.ok() {
		return nil
	}
	reached, err := d.cmp.Reach(schema.Schema{File: b.file, Pointer: b.ptr, Node: b.val},
		schema.Schema{File: h.file, Pointer: h.ptr, Node: h.val}, sc.dir())
	if err != nil {
		return err
	}
	for _, r := range reached {
		if len(d.cmp.Changes(r.Owner)) == 0 {
			continue
		}
		k := useKey{owner: r.Owner, scope: sc, direct: r.Direct}
		m := d.uses[k]
		if m == nil {
			m = map[string]bool{}
			d.uses[k] = m
		}
		m[op] = true
	}
	return nil
}

func (d *differ) classifySchemas() error {
	keys := make([]useKey, 0, len(d.uses))
	for k := range d.uses {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b useKey) int {
		if a.owner != b.owner {
			return a.owner - b.owner
		}
		if a.scope != b.scope {
			return int(a.scope) - int(b.scope)
		}
		if a.direct == b.direct {
			return 0
		}
		if a.direct {
			return -1
		}
		return 1
	})
	for _, k := range keys {
		ops := sortedKeys(d.uses[k])
		for _, ch := range d.cmp.Changes(k.owner) {
			atRoot := k.direct && ch.Property == ""
			id, sev := d.schemaRule(ch, k.scope, atRoot)
			if id == "" {
				continue
			}
			d.emit(id, sev, ch.Head, ch.Base, d.schemaMessage(ch, k.scope, atRoot, id, sev), changeText(ch.Old, ch.New), ops...)
		}
	}
	return nil
}

func changeText(old, new string) string {
	if old == "" && new == "" {
		return ""
	}
	return strings.TrimSpace(old + " → " + new)
}

// prefixes are the ID prefixes of a schema change, most specific first.
func prefixes(sc scope, atRoot bool, k schema.Kind) []string {
	switch sc {
	case scopeRequestBody:
		if atRoot {
			return []string{"request-body"}
		}
		return []string{"request-property"}
	case scopeRequestParam:
		if atRoot {
			return []string{"request-parameter"}
		}
		return []string{"request-parameter-property", "request-property"}
	case scopeResponseBody:
		if atRoot {
			if isEnumKind(k) {
				return []string{"response-mediatype", "response-body"}
			}
			return []string{"response-body"}
		}
		return []string{"response-property"}
	default: // response header
		if atRoot {
			return []string{"response-header"}
		}
		return []string{"response-property"}
	}
}

func isEnumKind(k schema.Kind) bool {
	switch k {
	case schema.EnumValueAdded, schema.EnumValueRemoved, schema.BecameEnum, schema.BecameNotEnum:
		return true
	}
	return false
}

// kindSuffix is the ID suffix of a schema change kind; a format change
// reads as a type change in oasdiff's vocabulary.
func kindSuffix(ch schema.Change) string {
	if ch.Kind == schema.PatternChanged && ch.Effect == schema.Widens {
		return "pattern-generalized"
	}
	if ch.Kind == schema.FormatChanged {
		switch ch.Effect {
		case schema.Widens:
			return string(schema.TypeGeneralized)
		case schema.Narrows:
			return string(schema.TypeSpecialized)
		}
		return string(schema.TypeChanged)
	}
	return string(ch.Kind)
}

// candidates lists the rule IDs that may classify a change, preferred
// first; the first one in the catalogue wins.
func candidates(ch schema.Change, sc scope, atRoot bool) []string {
	req := sc.dir() == schema.Request
	side := "response"
	if req {
		side = "request"
	}
	reqOpt := "optional"
	if ch.Required {
		reqOpt = "required"
	}
	switch ch.Kind {
	case schema.PropertyAdded:
		if req {
			if !ch.Required {
				return []string{"new-optional-request-property"}
			}
			if ch.HasDefault {
				return []string{"new-required-request-property-with-default"}
			}
			return []string{"new-required-request-property"}
		}
		if ch.WriteOnly {
			return []string{"response-" + reqOpt + "-write-only-property-added"}
		}
		return []string{"response-" + reqOpt + "-property-added"}
	case schema.PropertyRemoved:
		if req {
			return []string{lifecycleID("request-property-removed", ch.Deprecated, ch.Sunset != "")}
		}
		if ch.WriteOnly {
			return []string{"response-" + reqOpt + "-write-only-property-removed"}
		}
		if !ch.Required {
			return []string{"response-optional-property-removed"}
		}
		return []string{lifecycleID("response-required-property-removed", ch.Deprecated, ch.Sunset != "")}
	case schema.BecameRequired, schema.BecameOptional:
		if req && ch.Kind == schema.BecameRequired && ch.HasDefault {
			return []string{"request-property-became-required-with-default"}
		}
		return []string{side + "-property-" + string(ch.Kind)}
	case schema.BecameReadOnly, schema.BecameNotRO, schema.BecameWriteOnly, schema.BecameNotWO:
		return []string{side + "-" + reqOpt + "-property-" + string(ch.Kind)}
	case schema.PropertyDeprec:
		if ch.Sunset != "" {
			return []string{side + "-property-deprecated-with-sunset"}
		}
		return []string{side + "-property-deprecated"}
	case schema.PropertyReactiv:
		return []string{side + "-property-reactivated"}
	}
	suffix := kindSuffix(ch)
	var out []string
	ps := prefixes(sc, atRoot, ch.Kind)
	for _, p := range ps {
		out = append(out, p+"-"+suffix)
	}
	switch schema.Kind(suffix) {
	case schema.TypeGeneralized, schema.TypeSpecialized, schema.ListOfTypesWider, schema.ListOfTypesNarr:
		for _, p := range ps {
			out = append(out, p+"-type-changed")
		}
	case schema.Bound("multiple-of", schema.ActionSpecialized):
		for _, p := range ps {
			out = append(out, p+"-multiple-of-changed")
		}
	}
	return out
}

// lifecycleID picks the removal ID by the base element's lifecycle: the
// "-with-deprecation" variant once its sunset has passed (the caller has
// checked), "-before-sunset" while deprecated without a passed sunset.
func lifecycleID(id string, deprecated, sunsetPassed bool) string {
	switch {
	case deprecated && sunsetPassed:
		return id + "-with-deprecation"
	case deprecated:
		return id + "-before-sunset"
	}
	return id
}

// schemaRule classifies a schema change; sev is non-zero when a guard
// lowers the rule's default (read-only in requests, write-only in
// responses, a sunset that has passed).
func (d *differ) schemaRule(ch schema.Change, sc scope, atRoot bool) (string, finding.Severity) {
	if ch.Kind == schema.PropertyRemoved && ch.Deprecated {
		// The candidates encode lifecycle with "sunset passed"; x-sunset
		// in the future is "before sunset".
		ch.Sunset = d.sunsetPassedMark(ch.Sunset)
	}
	cands := candidates(ch, sc, atRoot)
	id := cands[0]
	for _, c := range cands {
		if _, ok := d.opt.Catalog.Lookup(c); ok {
			id = c
			break
		}
	}
	var sev finding.Severity
	r := d.opt.Catalog.MustLookup(id)
	req := sc.dir() == schema.Request
	if r.Severity > finding.Info && (req && ch.ReadOnly || !req && ch.WriteOnly) {
		sev = finding.Info
	}
	return id, sev
}

// sunsetPassedMark returns a non-empty string when sunset has passed.
func (d *differ) sunsetPassedMark(sunset string) string {
	if st, _ := sunsetState(sunset, d.opt.Today); st == sunsetPassed {
		return sunset
	}
	return ""
}

func (d *differ) schemaMessage(ch schema.Change, sc scope, atRoot bool, id string, sev finding.Severity) string {
	var subject string
	where := [...]string{scopeRequestBody: "request body", scopeRequestParam: "parameter", scopeResponseBody: "response body", scopeResponseHeader: "response header", scopeSentParam: "webhook parameter"}[sc]
	owner := ownerName(ch.Owner)
	switch {
	case atRoot:
		subject = where + " schema"
		if owner != "" {
			subject += " " + owner
		}
	case ch.Property != "":
		subject = fmt.Sprintf("%s property %s", strings.SplitN(where, " ", 2)[0], ch.Property)
		if owner != "" {
			subject += " of " + owner
		}
	default:
		subject = "schema " + owner
		if owner == "" {
			subject = where + " schema"
		}
	}
	what := describe(ch)
	msg := subject + ": " + what
	if r, ok := d.opt.Catalog.Lookup(id); ok {
		if sev == 0 {
			sev = r.Severity
		}
	}
	switch {
	case sev == finding.Error && sc.dir() == schema.Response && (ch.Kind == schema.PropertyRemoved || ch.Kind == schema.BecameOptional):
		msg += "; clients that rely on it break — restore it, or deprecate it with an x-sunset date first"
	case sev == finding.Error && sc.dir() == schema.Request && ch.Kind == schema.PropertyAdded:
		msg += "; requests without it are now rejected — make it optional or give it a default"
	case sev == finding.Error && sc.dir() == schema.Request:
		msg += "; requests valid before may now be rejected"
	case sev == finding.Error:
		msg += "; clients may now receive values they do not expect"
	case sev == finding.Warn:
		msg += "; check that clients are not affected"
	}
	return msg
}

// ownerName names a referenced component ("schema Charge") or "" for an
// inline schema.
func ownerName(l schema.Location) string {
	toks := load.Split(l.Pointer)
	if len(toks) >= 3 && toks[0] == "components" {
		return toks[2]
	}
	if len(toks) >= 2 && toks[0] == "definitions" {
		return toks[1]
	}
	if len(toks) == 0 || toks[0] == "paths" || toks[0] == "webhooks" {
		return ""
	}
	return toks[len(toks)-1]
}

func describe(ch schema.Change) string {
	switch ch.Kind {
	case schema.PropertyAdded:
		if ch.Required {
			return fmt.Sprintf("required property %s was added", lastSegment(ch.Property))
		}
		return fmt.Sprintf("optional property %s was added", lastSegment(ch.Property))
	case schema.PropertyRemoved:
		s := "optional"
		if ch.Required {
			s = "required"
		}
		msg := fmt.Sprintf("%s property %s was removed", s, lastSegment(ch.Property))
		if ch.Deprecated && ch.Sunset != "" {
			msg += " (deprecated, sunset " + ch.Sunset + ")"
		} else if ch.Deprecated {
			msg += " (deprecated without a passed x-sunset date)"
		}
		return msg
	case schema.EnumValueAdded, schema.ExtEnumValueAdded:
		return fmt.Sprintf("enum value %q was added", ch.New)
	case schema.EnumValueRemoved, schema.ExtEnumValueRemove:
		return fmt.Sprintf("enum value %q was removed", ch.Old)
	case schema.BecameEnum:
		return "became an enum " + ch.New
	case schema.BecameNotEnum:
		return "is no longer an enum (was " + ch.Old + ")"
	case schema.OneOfAdded, schema.AnyOfAdded:
		return branches(ch.Kind, ch.New, "added")
	case schema.OneOfRemoved, schema.AnyOfRemoved:
		return branches(ch.Kind, ch.Old, "removed")
	case schema.OneOfSet, schema.AnyOfSet:
		return fmt.Sprintf("%s was added with the branches %s; values must now match them", compositionWord(ch.Kind), ch.New)
	case schema.OneOfUnset, schema.AnyOfUnset:
		return fmt.Sprintf("%s with the branches %s was removed", compositionWord(ch.Kind), ch.Old)
	}
	if kw, action, ok := schema.IsBound(ch.Kind); ok {
		kw = keywordNames[kw]
		switch action {
		case schema.ActionSet:
			return fmt.Sprintf("%s was set to %s", kw, ch.New)
		case schema.ActionUnset:
			return fmt.Sprintf("%s %s was removed", kw, ch.Old)
		}
		return fmt.Sprintf("%s %s from %s to %s", kw, action, ch.Old, ch.New)
	}
	text := strings.ReplaceAll(string(ch.Kind), "-", " ")
	if ch.Old != "" || ch.New != "" {
		return fmt.Sprintf("%s (%s)", text, changeText(orNone(ch.Old), orNone(ch.New)))
	}
	return text
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func compositionWord(k schema.Kind) string {
	if strings.HasPrefix(string(k), "one-of") {
		return "oneOf"
	}
	return "anyOf"
}

// branches describes branches added to or removed from a composition; list
// is comma-separated (see schema.OneOfAdded).
func branches(k schema.Kind, list, what string) string {
	if strings.Contains(list, ", ") {
		return fmt.Sprintf("%s branches %s were %s", compositionWord(k), list, what)
	}
	return fmt.Sprintf("%s branch %s was %s", compositionWord(k), list, what)
}

func lastSegment(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// keywordNames maps bound kinds back to the JSON Schema keyword.
var keywordNames = map[string]string{
	"max": "maximum", "min": "minimum", "exclusive-max": "exclusiveMaximum", "exclusive-min": "exclusiveMinimum",
	"max-length": "maxLength", "min-length": "minLength", "max-items": "maxItems", "min-items": "minItems",
	"max-properties": "maxProperties", "min-properties": "minProperties", "max-contains": "maxContains",
	"min-contains": "minContains", "multiple-of": "multipleOf",
}
