package main

import (
	"fmt"
	"path"
	"strings"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/lint/ruleset"
	"github.com/contractctl/contractctl/rules"
)

// loadRulesets is the config.Extend hook: it loads the Spectral rulesets
// the configuration names (or, for "auto", a .spectral.yaml|yml|json in
// the repository root), keeps them for lint and returns the catalogue
// extended with their rules.
func (g *globals) loadRulesets(c *config.Config) (*rules.Catalog, error) {
	if len(c.Rulesets) == 0 || g.rulesets != nil { // none, or read already
		return g.catalog, nil
	}
	ws, err := load.NewWorkspace()
	if err != nil {
		return nil, err
	}
	var srcs []ruleset.Source
	for _, name := range c.Rulesets {
		var p string
		switch {
		case name == "auto":
			if p = ruleset.Auto(ws.Root); p == "" {
				continue
			}
		case strings.Contains(name, "://"):
			if !g.allowRemoteRefs {
				return nil, fmt.Errorf("%s: remote ruleset %q is refused (pass --allow-remote-refs to allow it)", c.Path, name)
			}
			return nil, fmt.Errorf("%s: remote ruleset %q: fetching remote rulesets is not supported; download it and name the local copy", c.Path, name)
		default:
			p = joinDir(c.Dir, name)
		}
		name := ws.Name(p)
		srcs = append(srcs, ruleset.Source{Path: ws.Display(name), Base: path.Dir(name)})
	}
	set, err := ruleset.LoadSet(srcs, g.catalog)
	if err != nil {
		return nil, err
	}
	cat, err := rules.NewCatalog(g.catalog.Rules(), set.Rules())
	if err != nil {
		return nil, err
	}
	g.rulesets, g.catalog = set, cat
	return cat, nil
}
