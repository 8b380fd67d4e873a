package openapi

import (
	"fmt"
	"strings"

	"github.com/contractctl/contractctl/diff/schema"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

func (d *differ) compareOp(b, h *operation) error {
	if !d.stability(b, h) {
		return nil
	}
	d.deprecation(b, h)
	reqScope, respScope, hdrScope := scopeRequestBody, scopeResponseBody, scopeResponseHeader
	if h.reversed {
		// The API sends this request and the client answers it.
		reqScope, respScope, hdrScope = scopeResponseBody, scopeRequestBody, scopeRequestParam
	}
	if !h.reversed {
		if err := d.compareParams(b, h); err != nil {
			return err
		}
	} else if err := d.compareSentParams(b, h); err != nil {
		return err
	}
	if err := d.compareRequestBody(b, h, reqScope); err != nil {
		return err
	}
	if err := d.compareResponses(b, h, respScope, hdrScope); err != nil {
		return err
	}
	if h.reversed {
		d.compareSentSecurity(b, h)
	} else {
		d.compareSecurity(b, h)
	}
	return nil
}

func paramRequired(p param) bool { return p.in == "path" || p.n.flag("required") }

func defaultStyle(in string) string {
	switch in {
	case "query", "cookie":
		return "form"
	}
	return "simple"
}

func style(p param) string {
	if s := p.n.str("style"); s != "" {
		return s
	}
	return defaultStyle(p.in)
}

func explode(p param) bool {
	if v := p.n.str("explode"); v != "" {
		return v == "true"
	}
	return style(p) == "form"
}

func (d *differ) compareParams(b, h *operation) error {
	op := h.label
	hm := map[string]param{}
	for _, p := range h.params {
		hm[p.key()] = p
	}
	bm := map[string]param{}
	for _, bp := range b.params {
		bm[bp.key()] = bp
		if bp.in == "body" {
			continue // a 2.0 body, compared as a request body
		}
		hp, ok := hm[bp.key()]
		if !ok {
			id, why := d.removal(bp.n, "request-parameter-removed")
			id = strings.TrimSuffix(id, "-without-deprecation")
			msg := fmt.Sprintf("%s parameter %s was removed %s", bp.in, bp.name, why)
			if !strings.HasSuffix(id, "-with-deprecation") {
				msg += advice
			}
			d.emit(id, 0, nearest(h.op, "parameters"), loc(bp.at), msg, bp.in+" "+bp.name+" →", op)
			continue
		}
		if err := d.compareParam(bp, hp, op); err != nil {
			return err
		}
	}
	for _, hp := range h.params {
		if _, ok := bm[hp.key()]; ok || hp.in == "body" {
			continue
		}
		switch {
		case hp.in == "path":
			d.emit(rules.DiffNewRequestPathParameter, 0, loc(hp.at), nearest(b.op, "parameters"),
				fmt.Sprintf("path parameter %s was added; existing request URLs no longer match", hp.name), "→ path "+hp.name, op)
		case paramRequired(hp):
			d.emit(rules.DiffNewRequiredRequestParameter, 0, loc(hp.at), nearest(b.op, "parameters"),
				fmt.Sprintf("required %s parameter %s was added; requests without it are now rejected — make it optional with a default", hp.in, hp.name), "→ "+hp.in+" "+hp.name+" (required)", op)
		default:
			d.emit(rules.DiffNewOptionalRequestParameter, 0, loc(hp.at), nearest(b.op, "parameters"),
				fmt.Sprintf("optional %s parameter %s was added", hp.in, hp.name), "→ "+hp.in+" "+hp.name, op)
		}
	}
	return nil
}

func (d *differ) compareParam(bp, hp param, op string) error {
	name := bp.in + " parameter " + bp.name
	br, hr := paramRequired(bp), paramRequired(hp)
	switch {
	case !br && hr:
		d.emit(rules.DiffRequestParameterBecameRequired, 0, loc(hp.n.get("required")), loc(bp.n),
			name+" became required; requests without it are now rejected", "optional → required", op)
	case br && !hr:
		d.emit(rules.DiffRequestParameterBecameOptional, 0, loc(hp.n), loc(bp.n.get("required")),
			name+" became optional", "required → optional", op)
	}
	if bs, hs := style(bp), style(hp); bs != hs {
		d.emit(rules.DiffRequestParameterStyleChanged, 0, nearest(hp.n, "style"), nearest(bp.n, "style"),
			fmt.Sprintf("%s changed its serialization style from %s to %s; clients serialize it the old way", name, bs, hs), changeText(bs, hs), op)
	}
	if be, he := explode(bp), explode(hp); be != he {
		d.emit(rules.DiffRequestParameterExplodeChanged, 0, nearest(hp.n, "explode"), nearest(bp.n, "explode"),
			fmt.Sprintf("%s changed explode from %t to %t; clients serialize arrays and objects the old way", name, be, he), changeText(fmt.Sprint(be), fmt.Sprint(he)), op)
	}
	if bp.n.flag("allowReserved") && !hp.n.flag("allowReserved") {
		d.emit(rules.DiffRequestParameterAllowReservedRemoved, 0, loc(hp.n), loc(bp.n.get("allowReserved")),
			name+" no longer allows reserved characters unencoded; requests sending them are now rejected", "allowReserved true → false", op)
	}
	bd, hd := bp.n.flag("deprecated"), hp.n.flag("deprecated")
	switch {
	case !bd && hd:
		d.emit(rules.DiffRequestParameterDeprecated, 0, loc(hp.n.get("deprecated")), schema.Location{}, name+" was deprecated", "deprecated", op)
	case bd && !hd:
		d.emit(rules.DiffRequestParameterReactivated, 0, loc(hp.n), loc(bp.n.get("deprecated")), name+" is no longer deprecated", "deprecated → active", op)
	}
	if bsun, hsun := bp.n.str("x-sunset"), hp.n.str("x-sunset"); bd && hd && bsun != "" {
		_, bt := sunsetState(bsun, d.opt.Today)
		_, ht := sunsetState(hsun, d.opt.Today)
		switch {
		case hsun == "":
			d.emit(rules.DiffRequestParameterSunsetDeleted, 0, loc(hp.n), loc(bp.n.get("x-sunset")),
				fmt.Sprintf("%s is still deprecated but its x-sunset %s was deleted; keep the announced date", name, bsun), bsun+" →", op)
		case !bt.IsZero() && !ht.IsZero() && ht.Before(bt):
			d.emit(rules.DiffRequestParameterSunsetDateChangedEarlier, 0, loc(hp.n.get("x-sunset")), loc(bp.n.get("x-sunset")),
				fmt.Sprintf("%s moved its sunset earlier, from %s to %s; clients planned for the announced date", name, bsun, hsun), changeText(bsun, hsun), op)
		}
	}
	bs, hs := bp.n.get("schema"), hp.n.get("schema")
	bc, hc := bp.n.get("content"), hp.n.get("content")
	switch {
	case bs.ok() && hs.ok():
		return d.use(bs, hs, scopeRequestParam, op)
	case bc.ok() && hc.ok():
		for _, mt := range bc.keys() {
			hm := hc.get(mt)
			if !hm.ok() {
				d.emit(rules.DiffRequestParameterContentMediaTypeChanged, 0, loc(hc), loc(bc.get(mt)),
					fmt.Sprintf("%s is no longer serialized as %s", name, mt), changeText(strings.Join(bc.keys(), ", "), strings.Join(hc.keys(), ", ")), op)
				continue
			}
			if err := d.use(bc.get(mt, "schema"), hm.get("schema"), scopeRequestParam, op); err != nil {
				return err
			}
		}
	case (bs.ok() || bc.ok()) && (hs.ok() || hc.ok()):
		d.emit(rules.DiffRequestParameterContentMediaTypeChanged, 0, loc(hp.n), loc(bp.n),
			fmt.Sprintf("%s switched between schema and content serialization", name), "", op)
	case inlineSchema(bp) && inlineSchema(hp):
		// Swagger 2.0: a non-body parameter (formData included) is its
		// own schema (type, format, enum, bounds, items).
		return d.use(bp.n, hp.n, scopeRequestParam, op)
	}
	return nil
}

// inlineSchema reports a Swagger 2.0 non-body parameter, whose schema
// keywords sit on the parameter itself.
func inlineSchema(p param) bool {
	return p.in != "body" && p.n.get("type").ok()
}

// requestBodyOf returns an operation's request body and its media types:
// 3.x content, or a 2.0 body parameter (one schema for every type).
func (d *differ) requestBodyOf(o *operation, l *load.Loader) (body node, content map[string]node, err error) {
	rb := o.op.get("requestBody")
	if rb.ok() {
		if rb, err = d.follow(l, rb); err != nil {
			return node{}, nil, err
		}
		c := rb.get("content")
		content = map[string]node{}
		for _, mt := range c.keys() {
			content[mt] = c.get(mt)
		}
		return rb, content, nil
	}
	for _, p := range o.params {
		if p.in == "body" {
			return p.n, map[string]node{"": p.n}, nil
		}
	}
	return node{}, nil, nil
}

func (d *differ) compareRequestBody(b, h *operation, sc scope) error {
	op := h.label
	bb, bc, err := d.requestBodyOf(b, d.base)
	if err != nil {
		return err
	}
	hb, hc, err := d.requestBodyOf(h, d.head)
	if err != nil {
		return err
	}
	switch {
	case !bb.ok() && !hb.ok():
		return nil
	case !bb.ok():
		if hb.flag("required") {
			d.emit(rules.DiffRequestBodyAddedRequired, 0, loc(hb), nearest(b.op), "a required request body was added; requests without one are now rejected", "→ required body", op)
		} else {
			d.emit(rules.DiffRequestBodyAddedOptional, 0, loc(hb), nearest(b.op), "an optional request body was added", "→ optional body", op)
		}
		return nil
	case !hb.ok():
		d.emit(rules.DiffRequestBodyRemoved, 0, nearest(h.op), loc(bb), "the request body was removed; requests sending one may now be rejected", "body →", op)
		return nil
	}
	br, hr := bb.flag("required"), hb.flag("required")
	switch {
	case !br && hr:
		d.emit(rules.DiffRequestBodyBecameRequired, 0, nearest(hb, "required"), loc(bb), "the request body became required; requests without one are now rejected", "optional → required", op)
	case br && !hr:
		d.emit(rules.DiffRequestBodyBecameOptional, 0, loc(hb), nearest(bb, "required"), "the request body became optional", "required → optional", op)
	}
	for _, mt := range sortedKeys(bc) {
		bm := bc[mt]
		hm, ok := hc[mt]
		if !ok {
			d.emit(rules.DiffRequestBodyMediaTypeRemoved, 0, nearest(hb, "content"), loc(bm),
				fmt.Sprintf("request media type %s was removed; clients sending it are now rejected", mt), mt+" →", op)
			continue
		}
		if err := d.compareMedia(bm, hm, sc, op, true); err != nil {
			return err
		}
	}
	for _, mt := range sortedKeys(hc) {
		if _, ok := bc[mt]; !ok {
			d.emit(rules.DiffRequestBodyMediaTypeAdded, 0, loc(hc[mt]), nearest(bb, "content"), fmt.Sprintf("request media type %s was added", mt), "→ "+mt, op)
		}
	}
	return nil
}

func (d *differ) compareMedia(bm, hm node, sc scope, op string, request bool) error {
	bs, hs := bm.get("schema"), hm.get("schema")
	switch {
	case bs.ok() && hs.ok():
		return d.use(bs, hs, sc, op)
	case bs.ok():
		id := rules.DiffResponseBodyMediaTypeSchemaRemoved
		if request {
			id = rules.DiffRequestBodyMediaTypeSchemaRemoved
		}
		d.emit(id, 0, loc(hm), loc(bs), "the body schema was removed", "schema →", op)
	case hs.ok():
		id := rules.DiffResponseBodyMediaTypeSchemaAdded
		if request {
			id = rules.DiffRequestBodyMediaTypeSchemaAdded
		}
		d.emit(id, 0, loc(hs), loc(bm), "a body schema was added where any body was accepted", "→ schema", op)
	}
	return nil
}

func success(status string) bool {
	return strings.HasPrefix(status, "2") || strings.HasPrefix(status, "3")
}

func (d *differ) compareResponses(b, h *operation, sc, hdr scope) error {
	op := h.label
	brs, hrs := b.op.get("responses"), h.op.get("responses")
	for _, status := range brs.keys() {
		br, err := d.follow(d.base, brs.get(status))
		if err != nil {
			return err
		}
		if !hrs.get(status).ok() {
			id := rules.DiffResponseNonSuccessStatusRemoved
			if success(status) {
				id = rules.DiffResponseSuccessStatusRemoved
			}
			d.emit(id, 0, nearest(h.op, "responses"), loc(brs.get(status)),
				fmt.Sprintf("response status %s was removed", status), status+" →", op)
			continue
		}
		hr, err := d.follow(d.head, hrs.get(status))
		if err != nil {
			return err
		}
		if err := d.compareResponse(br, hr, status, sc, hdr, op); err != nil {
			return err
		}
	}
	for _, status := range hrs.keys() {
		if brs.get(status).ok() {
			continue
		}
		id := rules.DiffResponseNonSuccessStatusAdded
		if success(status) {
			id = rules.DiffResponseSuccessStatusAdded
		}
		d.emit(id, 0, loc(hrs.get(status)), nearest(b.op, "responses"), fmt.Sprintf("response status %s was added", status), "→ "+status, op)
	}
	return nil
}

func responseContent(r node) map[string]node {
	out := map[string]node{}
	if c := r.get("content"); c.ok() {
		for _, mt := range c.keys() {
			out[mt] = c.get(mt)
		}
		return out
	}
	if r.get("schema").ok() { // 2.0
		out[""] = r
	}
	return out
}

func (d *differ) compareResponse(br, hr node, status string, sc, hdr scope, op string) error {
	bc, hc := responseContent(br), responseContent(hr)
	var pairs []mediaPair
	if sc.dir() == schema.Response {
		// Media types renamed in place (parameters, ranges) are compared
		// with their new name; webhook responses keep exact names.
		pairs = d.pairMediaTypes(bc, hc, status, op)
	}
	paired := map[string]bool{}
	for _, p := range pairs {
		paired[p.base], paired[p.head] = true, true
		if err := d.compareMedia(bc[p.base], hc[p.head], sc, op, false); err != nil {
			return err
		}
	}
	for _, mt := range sortedKeys(bc) {
		hm, ok := hc[mt]
		if paired[mt] && !ok {
			continue
		}
		if !ok {
			d.emit(rules.DiffResponseMediaTypeRemoved, 0, nearest(hr, "content"), loc(bc[mt]),
				fmt.Sprintf("response %s media type %s was removed; clients asking for it get nothing they accept", status, mt), mt+" →", op)
			continue
		}
		if err := d.compareMedia(bc[mt], hm, sc, op, sc.dir() == schema.Request); err != nil {
			return err
		}
	}
	for _, mt := range sortedKeys(hc) {
		if _, ok := bc[mt]; !ok && !paired[mt] {
			d.emit(rules.DiffResponseMediaTypeAdded, 0, loc(hc[mt]), nearest(br, "content"), fmt.Sprintf("response %s media type %s was added", status, mt), "→ "+mt, op)
		}
	}
	return d.compareHeaders(br, hr, status, hdr, op)
}

func (d *differ) compareHeaders(br, hr node, status string, sc scope, op string) error {
	bh, hh := br.get("headers"), hr.get("headers")
	hnames := map[string]string{}
	for _, n := range hh.keys() {
		hnames[strings.ToLower(n)] = n
	}
	bnames := map[string]bool{}
	for _, name := range bh.keys() {
		bnames[strings.ToLower(name)] = true
		b, err := d.follow(d.base, bh.get(name))
		if err != nil {
			return err
		}
		hn, ok := hnames[strings.ToLower(name)]
		if !ok {
			id := rules.DiffOptionalResponseHeaderRemoved
			if b.flag("required") {
				id = rules.DiffRequiredResponseHeaderRemoved
			}
			d.emit(id, 0, nearest(hr, "headers"), loc(bh.get(name)), fmt.Sprintf("response %s header %s was removed", status, name), name+" →", op)
			continue
		}
		h, err := d.follow(d.head, hh.get(hn))
		if err != nil {
			return err
		}
		if b.flag("required") && !h.flag("required") {
			d.emit(rules.DiffResponseHeaderBecameOptional, 0, loc(h), loc(b.get("required")),
				fmt.Sprintf("response %s header %s became optional; clients reading it may not get it", status, name), "required → optional", op)
		}
		if err := d.use(b.get("schema"), h.get("schema"), sc, op); err != nil {
			return err
		}
	}
	for _, name := range hh.keys() {
		if !bnames[strings.ToLower(name)] {
			d.emit(rules.DiffResponseHeaderAdded, 0, loc(hh.get(name)), nearest(br, "headers"), fmt.Sprintf("response %s header %s was added", status, name), "→ "+name, op)
		}
	}
	return nil
}
