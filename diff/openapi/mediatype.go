package openapi

import (
	"fmt"
	"mime"
	"slices"
	"strings"
)

// mediaType is a media-type name split into its essence (type/subtype,
// lower-case) and its parameters.
type mediaType struct {
	essence string
	params  map[string]string
}

func parseMediaType(s string) (mediaType, bool) {
	essence, params, err := mime.ParseMediaType(s)
	if err != nil || !strings.Contains(essence, "/") {
		return mediaType{}, false
	}
	return mediaType{essence: essence, params: params}, true
}

// covers reports whether a (a range such as */* or application/*)
// matches every value of b, and is not b itself.
func (a mediaType) covers(b mediaType) bool {
	if a.essence == b.essence {
		return false
	}
	at, as, _ := strings.Cut(a.essence, "/")
	bt, bs, _ := strings.Cut(b.essence, "/")
	switch {
	case at == "*" && as == "*":
		return true
	case as == "*":
		return at == bt && bs != "*"
	case strings.HasPrefix(as, "*+"): // application/*+json
		return at == bt && strings.HasSuffix(bs, as[1:]) && !strings.HasPrefix(bs, "*")
	}
	return false
}

// mediaPair is a base media type whose name changed in head.
type mediaPair struct {
	base, head string
}

// pairMediaTypes pairs the response media types that disappeared from
// base with the new ones of head that stand for them: the same essence
// with other parameters first, then a range that covers the old name (or
// is covered by it). It reports the parameter and name changes and
// returns the pairs, whose schemas the caller compares.
func (d *differ) pairMediaTypes(bc, hc map[string]node, status, op string) []mediaPair {
	var removed, added []string
	for _, mt := range sortedKeys(bc) {
		if _, ok := hc[mt]; !ok {
			removed = append(removed, mt)
		}
	}
	for _, mt := range sortedKeys(hc) {
		if _, ok := bc[mt]; !ok {
			added = append(added, mt)
		}
	}
	var pairs []mediaPair
	take := func(match func(b, h mediaType) bool, emit func(bn, hn string, b, h mediaType)) {
		for _, bn := range removed {
			b, ok := parseMediaType(bn)
			if !ok || slices.ContainsFunc(pairs, func(p mediaPair) bool { return p.base == bn }) {
				continue
			}
			for _, hn := range added {
				h, ok := parseMediaType(hn)
				if !ok || slices.ContainsFunc(pairs, func(p mediaPair) bool { return p.head == hn }) || !match(b, h) {
					continue
				}
				pairs = append(pairs, mediaPair{bn, hn})
				emit(bn, hn, b, h)
				break
			}
		}
	}
	take(func(b, h mediaType) bool { return b.essence == h.essence }, func(bn, hn string, b, h mediaType) {
		where, was := loc(hc[hn]), loc(bc[bn])
		for _, k := range sortedKeys(b.params) {
			hv, ok := h.params[k]
			switch {
			case !ok:
				d.emit(ruleMediaParamRemoved, 0, where, was,
					fmt.Sprintf("response %s media type %s lost its parameter %s=%s (now %s); clients that select or parse by it break", status, bn, k, b.params[k], hn), changeText(bn, hn), op)
			case hv != b.params[k]:
				d.emit(ruleMediaParamChanged, 0, where, was,
					fmt.Sprintf("response %s media type %s changed its parameter %s from %s to %s; clients that select or parse by it break", status, bn, k, b.params[k], hv), changeText(bn, hn), op)
			}
		}
		for _, k := range sortedKeys(h.params) {
			if _, ok := b.params[k]; !ok {
				d.emit(ruleMediaParamAdded, 0, where, was,
					fmt.Sprintf("response %s media type %s gained the parameter %s=%s", status, bn, k, h.params[k]), changeText(bn, hn), op)
			}
		}
	})
	take(func(b, h mediaType) bool { return h.covers(b) || b.covers(h) }, func(bn, hn string, b, h mediaType) {
		where, was := loc(hc[hn]), loc(bc[bn])
		if h.covers(b) {
			d.emit(ruleMediaNameGeneralized, 0, where, was,
				fmt.Sprintf("response %s media type %s became the range %s; clients may now get types they cannot parse", status, bn, hn), changeText(bn, hn), op)
			return
		}
		d.emit(ruleMediaNameSpecialized, 0, where, was,
			fmt.Sprintf("response %s media type range %s became %s", status, bn, hn), changeText(bn, hn), op)
	})
	return pairs
}

// Rule IDs (oasdiff's) of media-type name changes.
const (
	ruleMediaParamAdded      = "response-media-type-parameter-added"
	ruleMediaParamRemoved    = "response-media-type-parameter-removed"
	ruleMediaParamChanged    = "response-media-type-parameter-changed"
	ruleMediaNameGeneralized = "response-media-type-name-generalized"
	ruleMediaNameSpecialized = "response-media-type-name-specialized"
)
