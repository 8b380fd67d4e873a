package load

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/internal/glob"
)

// Candidate is a file that may hold a contract.
type Candidate struct {
	// Path is slash-separated, as given or found (relative to the working
	// directory when the argument was relative).
	Path string
	// Explicit is true when the user named the file itself: a file that
	// then turns out not to be a contract is an error, not skipped.
	Explicit bool
}

// IsContractExt reports whether a file name has an extension that may hold
// a contract (.yaml, .yml, .json, .proto).
func IsContractExt(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json", ".proto":
		return true
	}
	return false
}

// Discover expands files, directories (walked recursively, skipping hidden
// directories, node_modules and vendor) and globs (`**` allowed) into
// candidate files, sorted and without duplicates.
func Discover(args []string) ([]Candidate, error) {
	seen := map[string]int{}
	var out []Candidate
	add := func(p string, explicit bool) {
		p = filepath.ToSlash(filepath.Clean(p))
		if i, ok := seen[p]; ok {
			out[i].Explicit = out[i].Explicit || explicit
			return
		}
		seen[p] = len(out)
		out = append(out, Candidate{Path: p, Explicit: explicit})
	}
	for _, arg := range args {
		if strings.ContainsAny(arg, "*?[") {
			matches, err := expandGlob(arg)
			if err != nil {
				return nil, err
			}
			for _, m := range matches {
				add(m, false)
			}
			continue
		}
		st, err := os.Stat(arg)
		if err != nil {
			return nil, &Error{File: filepath.ToSlash(arg), Msg: "cannot read: " + describe(err), Err: err}
		}
		if !st.IsDir() {
			add(arg, true)
			continue
		}
		err = walk(arg, func(p string) { add(p, false) })
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b Candidate) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

func skipDir(name string) bool {
	return name != "." && name != ".." && strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor"
}

func walk(dir string, visit func(string)) error {
	// A symlinked directory named by the user is walked (as "dir/", which
	// follows it); symlinked directories met during the walk are not.
	root := dir
	if st, err := os.Lstat(dir); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		root = dir + string(filepath.Separator)
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return &Error{File: filepath.ToSlash(p), Msg: "cannot read: " + describe(err), Err: err}
		}
		if d.IsDir() {
			if p != root && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if IsContractExt(p) {
			visit(p)
		}
		return nil
	})
}

// expandGlob expands a pattern with `**` by walking its longest literal prefix.
func expandGlob(pattern string) ([]string, error) {
	pattern = filepath.ToSlash(pattern)
	if _, err := glob.Match(pattern, ""); err != nil {
		return nil, fmt.Errorf("%s: %w", pattern, err)
	}
	segs := strings.Split(pattern, "/")
	i := 0
	for i < len(segs) && !strings.ContainsAny(segs[i], "*?[") {
		i++
	}
	base := strings.Join(segs[:i], "/")
	if base == "" {
		base = "."
	}
	if _, err := os.Stat(base); err != nil {
		return nil, nil // the caller reports a glob that matched no contract
	}
	var out []string
	err := walk(base, func(p string) {
		rel := filepath.ToSlash(p)
		if ok, _ := glob.Match(pattern, strings.TrimPrefix(rel, "./")); ok {
			out = append(out, rel)
		}
	})
	return out, err
}
