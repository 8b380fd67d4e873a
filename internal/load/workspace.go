package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Workspace maps between the names a Loader uses (slash-separated,
// relative to the repository root) and the paths a user types and reads
// (relative to the working directory).
type Workspace struct {
	Root string // absolute repository root (the directory holding .git), or the working directory
	Cwd  string // absolute working directory
}

// NewWorkspace finds the repository root above the working directory.
func NewWorkspace() (Workspace, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return Workspace{}, fmt.Errorf("working directory: %w", err)
	}
	root := cwd
	for dir := cwd; ; {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			root = dir
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return Workspace{Root: root, Cwd: cwd}, nil
}

// Name converts a path as the user wrote it into a root-relative name.
func (w Workspace) Name(p string) string {
	if !filepath.IsAbs(p) {
		p = filepath.Join(w.Cwd, p)
	}
	rel, err := filepath.Rel(w.Root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// Display converts a root-relative name into a path relative to the
// working directory, slash-separated, for reports.
func (w Workspace) Display(name string) string {
	if name == "" {
		return ""
	}
	abs := filepath.FromSlash(name)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(w.Root, abs)
	}
	rel, err := filepath.Rel(w.Cwd, abs)
	if err != nil {
		return name
	}
	return filepath.ToSlash(rel)
}

// Reader reads the working tree with root-relative names.
func (w Workspace) Reader() Reader { return Dir(w.Root) }

// Rel reports whether name stays inside the root.
func (w Workspace) Rel(name string) bool { return name != ".." && !strings.HasPrefix(name, "../") }
