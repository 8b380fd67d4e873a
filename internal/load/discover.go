package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/internal/bufconfig"
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
// directories, node_modules and vendor unless a buf workspace names them,
// see walk) and globs (`**` allowed) into candidate files, sorted and
// without duplicates.
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

// A walk skips hidden directories, node_modules and vendor, except a
// directory that a buf.work.yaml's `directories` or a buf.yaml v2's
// `modules` paths name, when that file is in the walked directory or below
// it (buf checks every module its workspace names). Of a skipped directory
// on the way to a named one, only that way is walked. The walk sees the buf
// files among the entries it reads anyway: a tree without them costs
// nothing more.
func walk(dir string, visit func(string)) error {
	// A symlinked directory named by the user is walked (as "dir/", which
	// follows it); symlinked directories met during the walk are not.
	root := dir
	st, err := os.Lstat(dir)
	if err == nil && st.Mode()&fs.ModeSymlink != 0 {
		root = dir + string(filepath.Separator)
		st, err = os.Stat(root)
	}
	switch {
	case err != nil:
		return &Error{File: filepath.ToSlash(dir), Msg: "cannot read: " + describe(err), Err: err}
	case !st.IsDir():
		if IsContractExt(dir) {
			visit(dir)
		}
		return nil
	}
	return walkDir(root, nil, false, visit)
}

// walkDir walks dir, under the directories named by buf files above it,
// only on the way to one of them when via is set.
func walkDir(dir string, named []string, via bool, visit func(string)) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return &Error{File: filepath.ToSlash(dir), Msg: "cannot read: " + describe(err), Err: err}
	}
	for _, e := range entries {
		if !e.IsDir() && slices.Contains(workspaceFiles, e.Name()) {
			more, err := namedBy(filepath.Join(dir, e.Name()))
			if err != nil {
				return err
			}
			named = append(slices.Clip(named), more...)
		}
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			if !via && IsContractExt(p) {
				visit(p)
			}
			continue
		}
		if in, onWay := enter(named, p, via); in {
			if err := walkDir(p, named, onWay, visit); err != nil {
				return err
			}
		}
	}
	return nil
}

// Reaches reports whether Discover's walk of directory root reaches the
// file rel (slash-separated, below root) when it exists; diff asks it of
// files deleted since the base.
func Reaches(root, rel string) (bool, error) {
	var named []string
	via := false
	dir := root
	segs := strings.Split(rel, "/")
	for _, seg := range segs[:len(segs)-1] {
		for _, name := range workspaceFiles {
			more, err := namedBy(filepath.Join(dir, name))
			if err != nil {
				return false, err
			}
			named = append(named, more...)
		}
		p := filepath.Join(dir, seg)
		in, onWay := enter(named, p, via)
		if !in {
			return false, nil
		}
		dir, via = p, onWay
	}
	return !via, nil
}

// workspaceFiles are the buf files that name a workspace's modules.
var workspaceFiles = []string{"buf.work.yaml", "buf.yaml"}

// enter decides whether a walk enters directory p, met in a directory
// walked only on the way to a named one when via is set, and whether it
// walks p only on the way to one.
func enter(named []string, p string, via bool) (in, onWay bool) {
	if !via && !skippedName(filepath.Base(p)) {
		return true, false
	}
	for _, n := range named {
		if n == p {
			return true, false
		}
		onWay = onWay || strings.HasPrefix(n, p+string(filepath.Separator))
	}
	return onWay, onWay
}

// namedBy returns the directories buf file p names, joined to its
// directory (none when it does not exist).
func namedBy(p string) ([]string, error) {
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &Error{File: filepath.ToSlash(p), Msg: "cannot read: " + describe(err), Err: err}
	}
	name := filepath.Base(p)
	dirs, err := bufconfig.Named(name, data)
	if err != nil {
		return nil, &Error{File: filepath.ToSlash(p), Msg: "invalid " + name + ": " + err.Error(), Err: err}
	}
	named := make([]string, 0, len(dirs))
	for _, d := range dirs {
		named = append(named, filepath.Join(filepath.Dir(p), filepath.FromSlash(d)))
	}
	return named, nil
}

func skippedName(name string) bool {
	return name != "." && name != ".." && strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor"
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
