package openapi

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/rules"
)

// requirement is one alternative of a security requirement list: the
// schemes that must all be satisfied, with their scopes.
type requirement struct {
	at     node
	scopes map[string][]string
}

func (r requirement) key() string {
	names := make([]string, 0, len(r.scopes))
	for n := range r.scopes {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, "+")
}

func requirements(list node) []requirement {
	var out []requirement
	for i := range list.seqLen() {
		alt := list.index(i)
		r := requirement{at: alt, scopes: map[string][]string{}}
		for _, name := range alt.keys() {
			sc := alt.get(name)
			var scopes []string
			for j := range sc.seqLen() {
				scopes = append(scopes, sc.index(j).val.Value)
			}
			r.scopes[name] = scopes
		}
		out = append(out, r)
	}
	return out
}

// effectiveSecurity is the operation's security, else the document's;
// global reports which.
func effectiveSecurity(o *operation) (list node, global bool) {
	if s := o.op.get("security"); s.ok() {
		return s, false
	}
	root := node{file: o.op.file, val: o.op.file.Root, key: o.op.file.Root}
	return root.get("security"), true
}

func (d *differ) compareSecurity(b, h *operation) {
	op := h.label
	bl, bGlobal := effectiveSecurity(b)
	hl, hGlobal := effectiveSecurity(h)
	global := bGlobal && hGlobal
	bReqs, hReqs := requirements(bl), requirements(hl)
	anonymous := func(rs []requirement) bool {
		return len(rs) == 0 || slices.ContainsFunc(rs, func(r requirement) bool { return len(r.scopes) == 0 })
	}
	where := nearest(h.op, "security")
	if global {
		where = loc(hl)
		if !hl.ok() {
			where = loc(node{file: h.op.file, val: h.op.file.Root})
		}
	}
	if anonymous(bReqs) && !anonymous(hReqs) {
		d.emit(rules.DiffAPISecurityAnonymousAccessRemoved, 0, where, loc(bl),
			"anonymous access was removed: every request now needs credentials", "anonymous → "+keys(hReqs), op)
	}
	if !anonymous(bReqs) && anonymous(hReqs) && len(hReqs) > 0 {
		d.emit(rules.DiffAPISecurityAnonymousAccessAdded, 0, where, loc(bl), "anonymous access was added", keys(bReqs)+" → anonymous", op)
	}
	hm := map[string]requirement{}
	for _, r := range hReqs {
		hm[r.key()] = r
	}
	bm := map[string]bool{}
	for _, br := range bReqs {
		k := br.key()
		bm[k] = true
		if k == "" {
			continue
		}
		hr, ok := hm[k]
		if !ok {
			if len(hReqs) == 0 {
				continue // reported as anonymous access added
			}
			id := rules.DiffAPISecurityRemoved
			if global {
				id = rules.DiffAPIGlobalSecurityRemoved
			}
			d.emit(id, 0, where, loc(br.at), fmt.Sprintf("security requirement %s was removed; clients authenticating with it are now rejected", k), k+" →", op)
			continue
		}
		for scheme, scopes := range sortedScopes(br.scopes) {
			for _, s := range hr.scopes[scheme] {
				if !slices.Contains(scopes, s) {
					id := rules.DiffAPISecurityScopeAdded
					if global {
						id = rules.DiffAPIGlobalSecurityScopeAdded
					}
					d.emit(id, 0, loc(hr.at.get(scheme)), loc(br.at.get(scheme)),
						fmt.Sprintf("security scheme %s now also requires scope %s; tokens without it are rejected", scheme, s), "→ "+s, op)
				}
			}
			for _, s := range scopes {
				if !slices.Contains(hr.scopes[scheme], s) {
					id := rules.DiffAPISecurityScopeRemoved
					if global {
						id = rules.DiffAPIGlobalSecurityScopeRemoved
					}
					d.emit(id, 0, loc(hr.at.get(scheme)), loc(br.at.get(scheme)), fmt.Sprintf("security scheme %s no longer requires scope %s", scheme, s), s+" →", op)
				}
			}
		}
	}
	for _, hr := range hReqs {
		if k := hr.key(); k != "" && !bm[k] && len(bReqs) > 0 {
			id := rules.DiffAPISecurityAdded
			if global {
				id = rules.DiffAPIGlobalSecurityAdded
			}
			d.emit(id, 0, loc(hr.at), loc(bl), fmt.Sprintf("security requirement %s was added as an alternative", k), "→ "+k, op)
		}
	}
}

func keys(rs []requirement) string {
	var ks []string
	for _, r := range rs {
		ks = append(ks, r.key())
	}
	return strings.Join(ks, " | ")
}

// sortedScopes iterates a scope map in key order.
func sortedScopes(m map[string][]string) func(func(string, []string) bool) {
	return func(yield func(string, []string) bool) {
		for _, k := range sortedKeys(m) {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}

// securitySchemes compares components.securitySchemes (securityDefinitions
// in 2.0).
func (d *differ) securitySchemes(broot, hroot node) {
	bs, hs := broot.get("components", "securitySchemes"), hroot.get("components", "securitySchemes")
	if !bs.ok() && !hs.ok() {
		bs, hs = broot.get("securityDefinitions"), hroot.get("securityDefinitions")
	}
	for _, name := range bs.keys() {
		b := bs.get(name)
		h := hs.get(name)
		if !h.ok() {
			d.emit(rules.DiffAPISecurityComponentRemoved, 0, nearest(hroot, "components", "securitySchemes"), loc(b), fmt.Sprintf("security scheme %s was removed", name), name+" →")
			continue
		}
		field := func(key, id, what string) {
			if bv, hv := b.str(key), h.str(key); bv != hv {
				d.emit(id, 0, nearest(h, key), nearest(b, key), fmt.Sprintf("security scheme %s changed its %s from %q to %q", name, what, bv, hv), changeText(bv, hv))
			}
		}
		if b.str("type") != h.str("type") {
			field("type", rules.DiffAPISecurityComponentTypeChanged, "type")
			continue
		}
		field("in", rules.DiffAPISecurityComponentAPIKeyInChanged, "API key location")
		field("name", rules.DiffAPISecurityComponentAPIKeyNameChanged, "API key name")
		field("scheme", rules.DiffAPISecurityComponentHTTPSchemeChanged, "HTTP scheme")
		field("bearerFormat", rules.DiffAPISecurityComponentBearerFormatChanged, "bearer format")
		field("openIdConnectUrl", rules.DiffAPISecurityComponentOpenIDConnectURLChanged, "OpenID Connect URL")
		bf, hf := b.get("flows"), h.get("flows")
		for _, flow := range bf.keys() {
			bfl, hfl := bf.get(flow), hf.get(flow)
			if !hfl.ok() {
				continue
			}
			for _, u := range [...]struct{ key, id string }{
				{"authorizationUrl", rules.DiffAPISecurityComponentOauthURLChanged},
				{"tokenUrl", rules.DiffAPISecurityComponentOauthTokenURLChanged},
				{"refreshUrl", rules.DiffAPISecurityComponentOauthRefreshURLChanged},
			} {
				if bv, hv := bfl.str(u.key), hfl.str(u.key); bv != hv {
					d.emit(u.id, 0, nearest(hfl, u.key), nearest(bfl, u.key), fmt.Sprintf("security scheme %s flow %s changed %s from %q to %q", name, flow, u.key, bv, hv), changeText(bv, hv))
				}
			}
			bsc, hsc := bfl.get("scopes"), hfl.get("scopes")
			for _, s := range bsc.keys() {
				if !hsc.get(s).ok() {
					d.emit(rules.DiffAPISecurityComponentOauthScopeRemoved, 0, nearest(hfl, "scopes"), loc(bsc.get(s)), fmt.Sprintf("security scheme %s flow %s no longer offers scope %s", name, flow, s), s+" →")
				}
			}
			for _, s := range hsc.keys() {
				if !bsc.get(s).ok() {
					d.emit(rules.DiffAPISecurityComponentOauthScopeAdded, 0, loc(hsc.get(s)), nearest(bfl, "scopes"), fmt.Sprintf("security scheme %s flow %s offers scope %s", name, flow, s), "→ "+s)
				}
			}
		}
	}
	for _, name := range hs.keys() {
		if !bs.get(name).ok() {
			d.emit(rules.DiffAPISecurityComponentAdded, 0, loc(hs.get(name)), loc(bs), fmt.Sprintf("security scheme %s was added", name), "→ "+name)
		}
	}
}
