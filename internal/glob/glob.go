// Package glob matches slash-separated paths against globs with `**`, the
// one pattern language of config (contracts, ignores), buf.yaml ignores and
// file discovery.
package glob

import (
	"fmt"
	"path"
	"strings"
)

// Match matches a slash-separated path against a glob in which `**`
// matches any number of path segments and the other segments follow
// path.Match. A malformed pattern is an error.
func Match(pattern, name string) (bool, error) {
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
