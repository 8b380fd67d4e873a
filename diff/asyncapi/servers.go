package asyncapi

import (
	"slices"
	"strings"

	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

func (d *differ) servers() {
	head := map[string]*asyncapi.Server{}
	for _, s := range d.h.Servers {
		head[s.Name] = s
	}
	base := map[string]bool{}
	for _, bs := range d.b.Servers {
		base[bs.Name] = true
		hs, ok := head[bs.Name]
		if !ok {
			d.report(rules.ServerRemoved, d.container("servers"), bs.Loc, bs.Name+" → (removed)",
				"server %q (%s %s) was removed; clients configured for it can no longer connect — keep it until they have moved", bs.Name, bs.Protocol, bs.Host)
			continue
		}
		if !strings.EqualFold(bs.Protocol, hs.Protocol) {
			d.report(rules.ServerProtocolChanged, child(d.hl, hs.Loc, "protocol"), child(d.bl, bs.Loc, "protocol"), bs.Protocol+" → "+hs.Protocol,
				"server %q changed its protocol from %s to %s; clients speak the old protocol — add a new server instead", hs.Name, bs.Protocol, hs.Protocol)
		}
		if ba, ha := bs.Address(), hs.Address(); ba != ha {
			key := "host"
			if d.h.Major == 2 {
				key = "url"
			}
			d.report(rules.ServerAddressChanged, child(d.hl, hs.Loc, key), child(d.bl, bs.Loc, key), ba+" → "+ha,
				"server %q moved from %s to %s; clients configured for the old address lose their connection — add a new server instead", hs.Name, ba, ha)
		}
		d.security(bs.Security, hs.Security, bs.SecurityLoc, hs.SecurityLoc, hs.Loc, "server "+hs.Name)
	}
	for _, hs := range d.h.Servers {
		if !base[hs.Name] {
			d.report(rules.ServerAdded, hs.Loc, asyncapi.Loc{}, "(none) → "+hs.Name, "server %q (%s) was added", hs.Name, hs.Protocol)
		}
	}
}

// child locates key of the object at l, following a $ref; l itself when
// the key is absent.
func child(ld *load.Loader, l asyncapi.Loc, key string) asyncapi.Loc {
	rl, ok := asyncapi.Follow(ld, l)
	if !ok {
		return l
	}
	if c, ok := rl.Child(key); ok {
		return c
	}
	return l
}

// alternatives groups security requirements into the alternatives a
// client may satisfy: in 2.x each list item (a map of schemes, all
// required); in 3.0 each listed scheme.
func alternatives(sec []asyncapi.Security) [][]string {
	groups := map[string]int{}
	var out [][]string
	for _, s := range sec {
		g := s.Loc.Pointer
		if i := strings.LastIndex(g, "/security/"); i >= 0 {
			rest := g[i+len("/security/"):]
			if j := strings.Index(rest, "/"); j >= 0 {
				g = g[:i+len("/security/")+j]
			}
		}
		i, ok := groups[g]
		if !ok {
			i = len(out)
			groups[g] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], s.Scheme)
	}
	return out
}

// security reports a requirement a client of the base could not satisfy
// any more: security where there was none, or a base alternative that no
// head alternative accepts with the same (or fewer) schemes.
func (d *differ) security(base, head []asyncapi.Security, baseLoc, headLoc, owner asyncapi.Loc, what string) {
	ba, ha := alternatives(base), alternatives(head)
	if len(ha) == 0 {
		return
	}
	at := headLoc
	if at.Node == nil {
		at = owner
	}
	if len(ba) == 0 {
		d.report(rules.SecurityRequirementAdded, at, baseLoc, "(none) → "+strings.Join(flat(ha), ", "),
			"%s now requires security (%s) where it required none; existing clients are refused — announce it and add it in a new major version", what, strings.Join(flat(ha), ", "))
		return
	}
	for _, b := range ba {
		ok := false
		for _, h := range ha {
			if subset(h, b) {
				ok = true
				break
			}
		}
		if !ok {
			d.report(rules.SecurityRequirementAdded, at, baseLoc, strings.Join(b, "+")+" → "+strings.Join(flat(ha), ", "),
				"%s no longer accepts clients authenticated with %s (it now requires %s); keep the old requirement as an alternative", what, strings.Join(b, " + "), strings.Join(flat(ha), " or "))
		}
	}
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func flat(alts [][]string) []string {
	out := make([]string, len(alts))
	for i, a := range alts {
		out[i] = strings.Join(a, "+")
	}
	return out
}
