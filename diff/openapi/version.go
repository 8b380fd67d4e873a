package openapi

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

var semverRe = regexp.MustCompile(`^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$`)

// semver parses major.minor.patch (minor and patch optional).
func semver(s string) ([3]int, bool) {
	m := semverRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return [3]int{}, false
	}
	var v [3]int
	for i := range 3 {
		if m[i+1] != "" {
			v[i], _ = strconv.Atoi(m[i+1])
		}
	}
	return v, true
}

func compareSemver(a, b [3]int) int {
	for i := range 3 {
		if a[i] != b[i] {
			return a[i] - b[i]
		}
	}
	return 0
}

// versionPolicy applies the house version-bump policy to the findings
// so far: a breaking change needs a new major version (info.version's
// major, or the broken operations moved to a new /vN path while the old
// ones stay — then they are not broken); any change needs a new
// version; a version may not go down.
func (d *differ) versionPolicy(broot, hroot node) {
	// Changes silenced by x-contractctl-ignore in the head document do not
	// call for a new version: the dispatcher drops them afterwards.
	// One Ignores for all of them: it indexes the head document once.
	ig := load.NewIgnores(d.head)
	live := 0
	breaking := false
	for _, p := range d.findings {
		if ig.Ignored(p.f.File, p.f.Pointer, p.f.Rule) {
			continue
		}
		live++
		if p.f.Severity == finding.Error {
			breaking = true
		}
	}
	if live == 0 {
		return
	}
	bv, hv := broot.get("info", "version"), hroot.get("info", "version")
	bs, hs := bv.str(""), hv.str("")
	if bv.ok() {
		bs = bv.val.Value
	}
	if hv.ok() {
		hs = hv.val.Value
	}
	where := loc(hv)
	if !hv.ok() {
		where = nearest(hroot, "info")
	}
	if bs == hs {
		// One finding: the error when the change breaks, else the warning.
		if breaking {
			d.emit(rules.DiffAPIMajorVersionNotBumped, 0, where, loc(bv),
				fmt.Sprintf("breaking changes need a new major version, but info.version is still %s", hs), "")
		} else {
			d.emit(rules.DiffAPIVersionNotBumped, 0, where, loc(bv),
				fmt.Sprintf("the contract changed but info.version is still %s; bump it", hs), "")
		}
		return
	}
	b, bok := semver(bs)
	h, hok := semver(hs)
	if !bok || !hok {
		return
	}
	if compareSemver(h, b) < 0 {
		d.emit(rules.DiffAPIVersionDecreased, 0, where, loc(bv),
			fmt.Sprintf("info.version went down from %s to %s", bs, hs), changeText(bs, hs))
		return
	}
	if breaking && h[0] <= b[0] {
		d.emit(rules.DiffAPIMajorVersionNotBumped, 0, where, loc(bv),
			fmt.Sprintf("breaking changes need a new major version: info.version went from %s to %s without a major bump, and the broken operations stay under the same path version", bs, hs), changeText(bs, hs))
	}
}
