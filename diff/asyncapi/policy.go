package asyncapi

import (
	"strconv"
	"strings"
	"time"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/rules"
)

// removal returns the rule for removing an element with lifecycle lc:
// breaking (id) unless it was deprecated with an x-sunset date that has
// passed, and a phrase saying why.
func (d *differ) removal(id string, lc asyncapi.Lifecycle) (string, string) {
	return removalRule(id, lc.Deprecated, lc.Sunset, d.today)
}

func removalRule(id string, deprecated bool, sunset string, today time.Time) (string, string) {
	if !deprecated {
		return id, "without deprecation; deprecate it with x-sunset first and remove it after that date"
	}
	t, ok := parseSunset(sunset)
	switch {
	case !ok:
		return id, "while deprecated without a valid x-sunset date; announce a sunset date and remove it after that"
	case t.After(today):
		return id, "before its sunset date " + sunset + "; keep it until then"
	}
	return rules.AsyncAPIRemovedAfterSunset, "after its sunset date " + sunset + ", as announced"
}

func parseSunset(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// versionBump requires a new major info.version (minor for 0.x) when the
// comparison found a breaking change.
func (d *differ) versionBump() {
	breaking := false
	for _, f := range d.findings {
		if f.Severity >= finding.Error {
			breaking = true
			break
		}
	}
	if !breaking {
		return
	}
	bv, hv := d.b.Info.Version, d.h.Info.Version
	bm, bok := semver(bv)
	hm, hok := semver(hv)
	if !bok || !hok {
		return
	}
	bumped := hm[0] > bm[0] || (bm[0] == 0 && hm[0] == 0 && hm[1] > bm[1])
	if bumped {
		return
	}
	at := d.h.Info.VersionLoc
	if at.Node == nil {
		at = d.h.Info.Loc
	}
	want := strconv.Itoa(bm[0]+1) + ".0.0"
	if bm[0] == 0 {
		want = "0." + strconv.Itoa(bm[1]+1) + ".0"
	}
	went := "went from " + bv + " to " + hv
	if bv == hv {
		went = "is still " + hv
	}
	d.report(rules.AsyncAPIVersionBumpRequired, at, d.b.Info.VersionLoc, bv+" → "+hv,
		"the contract has breaking changes but info.version %s; release it as %s (or undo the breaking changes)", went, want)
}

// semver reads major and minor of a version such as 1.2.3 or v2.
func semver(v string) ([2]int, bool) {
	v = strings.TrimPrefix(strings.TrimSpace(v), "v")
	parts := strings.SplitN(v, ".", 3)
	var out [2]int
	for i := 0; i < 2 && i < len(parts); i++ {
		n, err := strconv.Atoi(strings.SplitN(parts[i], "-", 2)[0])
		if err != nil {
			return out, false
		}
		out[i] = n
	}
	return out, true
}
