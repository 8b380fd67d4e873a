package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/glob"
	"github.com/contractctl/contractctl/rules"
)

// matches reports whether ig waives f (ignoring its date).
func (ig *Ignore) matches(f finding.Finding) bool {
	if ig.Rule != f.Rule {
		return false
	}
	if ig.Pointer != "" && f.Pointer != ig.Pointer && !strings.HasPrefix(f.Pointer, strings.TrimSuffix(ig.Pointer, "/")+"/") {
		return false
	}
	if len(ig.Files) == 0 {
		return true
	}
	for _, g := range ig.Files {
		if ok, _ := glob.Match(g, f.File); ok {
			return true
		}
	}
	return false
}

// Apply turns producers' findings into what the user asked for: severity
// overrides, rules switched off, waived findings dropped, and an
// ignore-expired finding for every ignore whose date has passed (its
// findings return). today is a date (time of day is ignored). It reuses
// fs's backing array.
func (c *Config) Apply(fs []finding.Finding, cat *rules.Catalog, today time.Time) []finding.Finding {
	out := fs[:0] // in place: a large run holds one copy of its findings
	for _, f := range fs {
		if sev, ok := c.Rules[f.Rule]; ok {
			f.Severity = sev
		}
		if f.Severity == finding.Off || c.waived(f, today) {
			continue
		}
		f.Seal()
		out = append(out, f)
	}
	if r, ok := cat.Lookup(rules.IgnoreExpired); ok {
		sev := r.Severity
		if s, ok := c.Rules[rules.IgnoreExpired]; ok {
			sev = s
		}
		for i, ig := range c.Ignore {
			if sev == finding.Off || ig.until.IsZero() || !ig.expired(today) {
				continue
			}
			f := r.Finding(filepathToSlash(c.Path), ig.line, ig.col, fmt.Sprintf("/ignore/%d", i),
				fmt.Sprintf("the ignore of %s expired on %s; fix the findings it waived or renew it with a reason", ig.Rule, ig.Until))
			f.Severity = sev
			out = append(out, f)
		}
	}
	return finding.Sort(out)
}

func (ig *Ignore) expired(today time.Time) bool {
	y, m, d := today.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(ig.until)
}

func (c *Config) waived(f finding.Finding, today time.Time) bool {
	for i := range c.Ignore {
		ig := &c.Ignore[i]
		if ig.matches(f) && (ig.until.IsZero() || !ig.expired(today)) {
			return true
		}
	}
	return false
}

func filepathToSlash(p string) string { return strings.ReplaceAll(p, "\\", "/") }
