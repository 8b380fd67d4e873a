// Package confine decides whether a path stays inside a directory once
// symlinks are resolved. Every containment check of the project — $refs,
// Protobuf imports, registry files and writes, report targets — goes
// through it, so that a symlink (to a file or a directory) cannot lead a
// read or a write out of the repository.
package confine

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
)

// Resolve evaluates the symlinks of the longest existing prefix of the
// absolute path p and appends the rest, so that a path that does not
// exist yet resolves to where it would be created.
func Resolve(p string) string {
	p = filepath.Clean(p)
	var rest []string
	for {
		r, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(append([]string{r}, rest...)...)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return filepath.Join(append([]string{p}, rest...)...)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(append([]string{p}, rest...)...)
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// Within reports whether the clean absolute path p is dir or below it.
func Within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Inside reports whether p (absolute, or relative to the working
// directory) stays inside dir once the symlinks of both are resolved.
func Inside(dir, p string) bool {
	d, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	a, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	return Within(Resolve(d), Resolve(a))
}
