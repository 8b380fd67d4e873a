package openapi

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/diff/schema"
	"github.com/contractctl/contractctl/rules"
)

// Webhooks and callbacks are requests the API sends: the receiver (the
// API's client) reads their parameters and credentials, so everything the
// API may send is classified as a response is. Narrowing it (fewer values,
// a parameter that becomes always present, fewer accepted credentials) is
// safe; widening it (a parameter that may now be missing or is gone,
// another serialization, credentials the receiver does not verify) breaks
// receivers written against the old contract.

// compareSentParams compares the parameters of a webhook or callback
// request.
func (d *differ) compareSentParams(b, h *operation) error {
	op := h.label
	hm := map[string]param{}
	for _, p := range h.params {
		hm[p.key()] = p
	}
	bm := map[string]param{}
	for _, bp := range b.params {
		bm[bp.key()] = bp
		hp, ok := hm[bp.key()]
		if !ok {
			id, why := d.removal(bp.n, "webhook-parameter-removed")
			id = strings.TrimSuffix(id, "-without-deprecation")
			msg := fmt.Sprintf("%s parameter %s of the request the API sends was removed %s", bp.in, bp.name, why)
			if !strings.HasSuffix(id, "-with-deprecation") {
				msg += "; receivers that read it break" + advice
			}
			d.emit(id, 0, nearest(h.op, "parameters"), loc(bp.at), msg, bp.in+" "+bp.name+" →", op)
			continue
		}
		if err := d.compareSentParam(bp, hp, op); err != nil {
			return err
		}
	}
	for _, hp := range h.params {
		if _, ok := bm[hp.key()]; ok {
			continue
		}
		req := ""
		if paramRequired(hp) {
			req = " (required)"
		}
		d.emit(rules.DiffWebhookParameterAdded, 0, loc(hp.at), nearest(b.op, "parameters"),
			fmt.Sprintf("the API now sends %s parameter %s%s; receivers may ignore it", hp.in, hp.name, req), "→ "+hp.in+" "+hp.name+req, op)
	}
	return nil
}

func (d *differ) compareSentParam(bp, hp param, op string) error {
	name := bp.in + " parameter " + bp.name
	switch br, hr := paramRequired(bp), paramRequired(hp); {
	case br && !hr:
		d.emit(rules.DiffWebhookParameterBecameOptional, 0, loc(hp.n), loc(bp.n.get("required")),
			name+" of the request the API sends became optional; receivers that rely on it may no longer get it", "required → optional", op)
	case !br && hr:
		d.emit(rules.DiffWebhookParameterBecameRequired, 0, loc(hp.n.get("required")), loc(bp.n),
			name+" of the request the API sends became required: the API now always sends it", "optional → required", op)
	}
	serialization := func(what, from, to string, head, base schema.Location) {
		d.emit(rules.DiffWebhookParameterSerializationChanged, 0, head, base,
			fmt.Sprintf("%s of the request the API sends changed its %s from %s to %s; receivers parse it the old way", name, what, from, to), changeText(from, to), op)
	}
	if bs, hs := style(bp), style(hp); bs != hs {
		serialization("style", bs, hs, nearest(hp.n, "style"), nearest(bp.n, "style"))
	}
	// explode defaults by style: only a change of its own is reported.
	if be, he := explode(bp), explode(hp); be != he && style(bp) == style(hp) {
		serialization("explode setting", fmt.Sprint(be), fmt.Sprint(he), nearest(hp.n, "explode"), nearest(bp.n, "explode"))
	}
	bs, hs := bp.n.get("schema"), hp.n.get("schema")
	bc, hc := bp.n.get("content"), hp.n.get("content")
	switch {
	case bs.ok() && hs.ok():
		return d.use(bs, hs, scopeSentParam, op)
	case bc.ok() && hc.ok():
		bk, hk := bc.keys(), hc.keys()
		for _, mt := range hk {
			if !slices.Contains(bk, mt) {
				serialization("media type", strings.Join(bk, ", "), strings.Join(hk, ", "), loc(hc.get(mt)), loc(bc))
				continue
			}
			if err := d.use(bc.get(mt, "schema"), hc.get(mt, "schema"), scopeSentParam, op); err != nil {
				return err
			}
		}
	case (bs.ok() || bc.ok()) && (hs.ok() || hc.ok()):
		serialization("form", formOf(bs.ok()), formOf(hs.ok()), loc(hp.n), loc(bp.n))
	}
	return nil
}

func formOf(schemaForm bool) string {
	if schemaForm {
		return "schema"
	}
	return "content"
}

// compareSentSecurity compares the security of a webhook or callback: the
// alternatives are the credentials the API may present, which receivers
// verify.
func (d *differ) compareSentSecurity(b, h *operation) {
	op := h.label
	bl, _ := effectiveSecurity(b)
	hl, _ := effectiveSecurity(h)
	bReqs, hReqs := requirements(bl), requirements(hl)
	anonymous := func(rs []requirement) bool {
		return len(rs) == 0 || slices.ContainsFunc(rs, func(r requirement) bool { return len(r.scopes) == 0 })
	}
	where := nearest(h.op, "security")
	if !h.op.get("security").ok() && hl.ok() {
		where = loc(hl)
	}
	if !anonymous(bReqs) && anonymous(hReqs) {
		d.emit(rules.DiffWebhookSecurityAnonymousAdded, 0, where, loc(bl),
			"the API may now send this request without credentials; receivers that verify them reject it", keys(bReqs)+" → anonymous", op)
	}
	if anonymous(bReqs) && !anonymous(hReqs) {
		d.emit(rules.DiffWebhookSecurityAnonymousRemoved, 0, where, loc(bl),
			"the API now always sends credentials with this request", "anonymous → "+keys(hReqs), op)
	}
	bm := map[string]requirement{}
	for _, r := range bReqs {
		bm[r.key()] = r
	}
	hm := map[string]bool{}
	for _, hr := range hReqs {
		k := hr.key()
		hm[k] = true
		if k == "" {
			continue
		}
		br, ok := bm[k]
		if !ok {
			if len(bReqs) > 0 {
				d.emit(rules.DiffWebhookSecurityAdded, 0, loc(hr.at), loc(bl),
					fmt.Sprintf("the API may now authenticate this request with %s; receivers that only verify the old credentials reject it", k), "→ "+k, op)
			}
			continue
		}
		for scheme, scopes := range sortedScopes(br.scopes) {
			for _, s := range scopes {
				if !slices.Contains(hr.scopes[scheme], s) {
					d.emit(rules.DiffWebhookSecurityScopeRemoved, 0, loc(hr.at.get(scheme)), loc(br.at.get(scheme)),
						fmt.Sprintf("the credentials for %s no longer carry scope %s; receivers that check it reject the request", scheme, s), s+" →", op)
				}
			}
			for _, s := range hr.scopes[scheme] {
				if !slices.Contains(scopes, s) {
					d.emit(rules.DiffWebhookSecurityScopeAdded, 0, loc(hr.at.get(scheme)), loc(br.at.get(scheme)),
						fmt.Sprintf("the credentials for %s also carry scope %s", scheme, s), "→ "+s, op)
				}
			}
		}
	}
	for _, br := range bReqs {
		if k := br.key(); k != "" && !hm[k] && len(hReqs) > 0 {
			d.emit(rules.DiffWebhookSecurityRemoved, 0, where, loc(br.at),
				fmt.Sprintf("the API no longer authenticates this request with %s", k), k+" →", op)
		}
	}
}
