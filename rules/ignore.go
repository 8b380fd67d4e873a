package rules

import (
	"fmt"
	"path"
	"strings"
	"time"
)

// MatchGlob matches a slash-separated path against a glob in which `**`
// matches any number of path segments and the other segments follow
// path.Match. A malformed pattern is an error.
func MatchGlob(pattern, name string) (bool, error) {
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegments(pat, name []string) (bool, error) {
	for len(pat) > 0 {
		if pat[0] == "**" {
			if len(pat) == 1 {
				return true, nil
			}
			for i := 0; i <= len(name); i++ {
				if ok, err := matchSegments(pat[1:], name[i:]); ok || err != nil {
					return ok, err
				}
			}
			return false, nil
		}
		if len(name) == 0 {
			// Validate the rest of the pattern even when the name ran out.
			_, err := path.Match(pat[0], "")
			return false, err
		}
		ok, err := path.Match(pat[0], name[0])
		if err != nil {
			return false, fmt.Errorf("bad glob %q: %w", strings.Join(pat, "/"), err)
		}
		if !ok {
			return false, nil
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0, nil
}

// matches reports whether ig waives f (ignoring its date).
func (ig *Ignore) matches(f Finding) bool {
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
		if ok, _ := MatchGlob(g, f.File); ok {
			return true
		}
	}
	return false
}

// Apply turns producers' findings into what the user asked for: severity
// overrides, rules switched off, waived findings dropped, and an
// ignore-expired finding for every ignore whose date has passed (its
// findings return). today is a date (time of day is ignored).
func (c *Config) Apply(fs []Finding, cat *Catalog, today time.Time) []Finding {
	out := fs[:0:0]
	for _, f := range fs {
		if sev, ok := c.Rules[f.Rule]; ok {
			f.Severity = sev
		}
		if f.Severity == Off || c.waived(f, today) {
			continue
		}
		f.Seal()
		out = append(out, f)
	}
	if r, ok := cat.Lookup(IgnoreExpired); ok {
		sev := r.Severity
		if s, ok := c.Rules[IgnoreExpired]; ok {
			sev = s
		}
		for i, ig := range c.Ignore {
			if sev == Off || ig.until.IsZero() || !ig.expired(today) {
				continue
			}
			f := r.Finding(filepathToSlash(c.Path), ig.line, ig.col, fmt.Sprintf("/ignore/%d", i),
				fmt.Sprintf("the ignore of %s expired on %s; fix the findings it waived or renew it with a reason", ig.Rule, ig.Until))
			f.Severity = sev
			out = append(out, f)
		}
	}
	return Sort(out)
}

func (ig *Ignore) expired(today time.Time) bool {
	y, m, d := today.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(ig.until)
}

func (c *Config) waived(f Finding, today time.Time) bool {
	for i := range c.Ignore {
		ig := &c.Ignore[i]
		if ig.matches(f) && (ig.until.IsZero() || !ig.expired(today)) {
			return true
		}
	}
	return false
}

func filepathToSlash(p string) string { return strings.ReplaceAll(p, "\\", "/") }
