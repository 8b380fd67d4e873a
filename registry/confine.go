package registry

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/contractctl/contractctl/internal/confine"
)

// Confine makes dir the boundary that the registry's subject directories,
// version files, references and writes must stay inside once symlinks are
// resolved (the registry root itself when Confine is not called). The
// command line confines a registry to the repository root.
func (s *Store) Confine(dir string) error {
	if err := CheckInside(dir, s.root); err != nil {
		return err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	s.boundary = confine.Resolve(abs)
	return nil
}

// CheckInside refuses a registry root that resolves outside dir, before
// anything is written there.
func CheckInside(dir, root string) error {
	d, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	r, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	if !confine.Within(confine.Resolve(d), confine.Resolve(r)) {
		return fmt.Errorf("%s: the schema registry is outside the repository %s: refusing to use it (name it with --dir to use it anyway)", name(root), d)
	}
	return nil
}

// inside refuses a path that resolves outside the boundary.
func (s *Store) inside(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if r := confine.Resolve(abs); !confine.Within(s.boundary, r) {
		return fmt.Errorf("%s: resolves to %s, outside %s: refusing to follow a symlink out of the repository", name(path), r, s.boundary)
	}
	return nil
}

// isDebris reports whether a file name is a temporary file left by an
// interrupted atomic write (".3.avsc.tmp-123").
func isDebris(base string) bool {
	return strings.HasPrefix(base, ".") && strings.Contains(base, ".tmp-")
}

// debrisPattern is the .gitignore line that matches isDebris names.
const debrisPattern = ".*.tmp-*"

// cleanDebris removes the temporary files of interrupted writes in dir;
// the caller holds dir's lock, so no write of its own is in flight.
func cleanDebris(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if e.Type().IsRegular() && isDebris(e.Name()) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// debris lists the temporary files of interrupted writes in dir.
func debris(dir string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if e.Type().IsRegular() && isDebris(e.Name()) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}
