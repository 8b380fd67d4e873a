package openapi

import (
	"fmt"
	"strings"
	"time"

	"github.com/contractctl/contractctl/diff/schema"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/rules"
)

type sunset int

const (
	sunsetNone sunset = iota
	sunsetFuture
	sunsetPassed
	sunsetInvalid
)

// sunsetState reads an x-sunset value (a full date, or an RFC 3339
// date-time) against today.
func sunsetState(v string, today time.Time) (sunset, time.Time) {
	v = strings.TrimSpace(v)
	if v == "" {
		return sunsetNone, time.Time{}
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		t, err = time.Parse(time.RFC3339, v)
		if err != nil {
			return sunsetInvalid, time.Time{}
		}
	}
	if !t.After(today) {
		return sunsetPassed, t
	}
	return sunsetFuture, t
}

// removal classifies the removal of a deprecatable element (operation,
// path, parameter): base is the rule ID without a lifecycle suffix.
// Removal is info only after a passed x-sunset of a deprecated element.
func (d *differ) removal(n node, base string) (id, why string) {
	if !n.flag("deprecated") {
		return base + "-without-deprecation", "without deprecation"
	}
	st, _ := sunsetState(n.str("x-sunset"), d.opt.Today)
	switch st {
	case sunsetPassed:
		return base + "-with-deprecation", "after its sunset date " + n.str("x-sunset")
	case sunsetFuture:
		return base + "-before-sunset", "before its sunset date " + n.str("x-sunset")
	case sunsetInvalid:
		return base + "-before-sunset", fmt.Sprintf("while deprecated with an unreadable x-sunset %q", n.str("x-sunset"))
	}
	return base + "-before-sunset", "while deprecated without an x-sunset date"
}

const advice = "; restore it, or deprecate it with an x-sunset date and remove it after that date"

// removedOp reports an operation missing from head; where is the head
// location the operation would be at.
func (d *differ) removedOp(o *operation, where schema.Location, wholePath bool) {
	if lvl := o.op.str("x-stability-level"); lvl == "draft" || lvl == "alpha" {
		return
	}
	base := loc(o.op)
	if o.webhook != "" {
		id, why := d.removal(o.op, "api-removed")
		sev := finding.Severity(0)
		if strings.HasSuffix(id, "-with-deprecation") {
			sev = finding.Info
		}
		d.emit(rules.DiffWebhookRemoved, sev, where, base, fmt.Sprintf("webhook %s %s was removed %s%s", o.webhook, strings.ToUpper(o.method), why, advice), o.label+" →", o.label)
		return
	}
	prefix := "api-removed"
	if wholePath && o.callback == "" {
		prefix = "api-path-removed"
	}
	id, why := d.removal(o.op, prefix)
	msg := fmt.Sprintf("operation %s was removed %s", o.label, why)
	if !strings.HasSuffix(id, "-with-deprecation") {
		msg += advice
	}
	d.emit(id, 0, where, base, msg, o.label+" →", o.label)
}

var stabilityRank = map[string]int{"draft": 1, "alpha": 2, "beta": 3, "stable": 4}

// stability compares x-stability-level; it returns false when the base
// operation is draft or alpha, whose other changes are free.
func (d *differ) stability(b, h *operation) bool {
	bl, hl := b.op.str("x-stability-level"), h.op.str("x-stability-level")
	if hl != "" && stabilityRank[hl] == 0 {
		d.emit(rules.DiffAPIInvalidStabilityLevel, 0, loc(h.op.get("x-stability-level")), schema.Location{},
			fmt.Sprintf("operation %s has x-stability-level %q; use draft, alpha, beta or stable", h.label, hl), "", h.label)
	}
	br, hr := rankOf(bl), rankOf(hl)
	switch {
	case hr < br && hl != "" && stabilityRank[hl] != 0:
		d.emit(rules.DiffAPIStabilityDecreased, 0, loc(h.op.get("x-stability-level")), loc(b.op.get("x-stability-level")),
			fmt.Sprintf("operation %s went down from %s to %s stability; a stability level may not decrease", h.label, orStable(bl), hl), changeText(orStable(bl), hl), h.label)
	case hr > br:
		d.emit(rules.DiffAPIStabilityIncreased, 0, loc(h.op.get("x-stability-level")), loc(b.op.get("x-stability-level")),
			fmt.Sprintf("operation %s went up from %s to %s stability", h.label, orStable(bl), orStable(hl)), changeText(orStable(bl), orStable(hl)), h.label)
	}
	return bl != "draft" && bl != "alpha"
}

func rankOf(l string) int {
	if l == "" {
		return stabilityRank["stable"]
	}
	return stabilityRank[l]
}

func orStable(l string) string {
	if l == "" {
		return "stable"
	}
	return l
}

// deprecation reports an operation becoming deprecated or reactivated and
// edits of its sunset date.
func (d *differ) deprecation(b, h *operation) {
	bd, hd := b.op.flag("deprecated"), h.op.flag("deprecated")
	bs, hs := b.op.str("x-sunset"), h.op.str("x-sunset")
	switch {
	case !bd && hd && hs != "":
		d.emit(rules.DiffEndpointDeprecatedWithSunset, 0, loc(h.op.get("deprecated")), schema.Location{},
			fmt.Sprintf("operation %s was deprecated with sunset %s", h.label, hs), "deprecated, sunset "+hs, h.label)
	case !bd && hd:
		d.emit(rules.DiffEndpointDeprecated, 0, loc(h.op.get("deprecated")), schema.Location{},
			fmt.Sprintf("operation %s was deprecated", h.label), "deprecated", h.label)
	case bd && !hd:
		d.emit(rules.DiffEndpointReactivated, 0, loc(h.op), loc(b.op.get("deprecated")),
			fmt.Sprintf("operation %s is no longer deprecated", h.label), "deprecated → active", h.label)
	}
	if !bd || !hd || bs == "" {
		return
	}
	if hs == "" {
		d.emit(rules.DiffSunsetDeleted, 0, loc(h.op), loc(b.op.get("x-sunset")),
			fmt.Sprintf("operation %s is still deprecated but its x-sunset %s was deleted; keep the announced date", h.label, bs), bs+" →", h.label)
		return
	}
	_, bt := sunsetState(bs, d.opt.Today)
	_, ht := sunsetState(hs, d.opt.Today)
	if !bt.IsZero() && !ht.IsZero() && ht.Before(bt) {
		d.emit(rules.DiffAPISunsetDateChangedEarlier, 0, loc(h.op.get("x-sunset")), loc(b.op.get("x-sunset")),
			fmt.Sprintf("operation %s moved its sunset earlier, from %s to %s; clients planned for the announced date", h.label, bs, hs), changeText(bs, hs), h.label)
	}
}
