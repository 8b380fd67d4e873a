package registry

import (
	"bytes"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// Revision is the registry as committed at a base revision.
type Revision struct {
	// Name is the revision as the user named it ("HEAD~1"), for messages.
	Name string
	// Files lists every file of the revision, slash-separated and
	// relative to Reader's root (gitrev.Repo.ListFiles).
	Files []string
	// Reader reads the revision's files by those names.
	Reader load.Reader
	// Dir is the registry root's name in the revision ("schemas").
	Dir string
}

// CheckOptions select what Check verifies.
type CheckOptions struct {
	// Base, when set, makes registered versions immutable: every version
	// file present at the base must be byte-identical now, and only the
	// versions added since are checked for compatibility (unless All).
	Base *Revision
	// All checks every version even with a Base.
	All bool
}

// Check verifies the registry as CI would: every version satisfies its
// subject's level against the versions before it (the history it was
// registered into), every version parses, the layout is followed (ids.yaml
// included: a merge conflict left in it is reported) and, with a base
// revision, no registered version was edited or deleted. The
// findings are sorted.
func (s *Store) Check(opt CheckOptions) ([]finding.Finding, error) {
	subs, probs, err := s.Subjects()
	if err != nil {
		return nil, err
	}
	var fs []finding.Finding
	for _, p := range probs {
		fs = append(fs, s.layoutFinding(p))
	}
	fs = append(fs, s.debrisFindings(debris(s.root))...)
	if _, err := s.readIDs(); err != nil {
		fs = append(fs, s.layoutFinding(Problem{Path: filepath.Join(s.root, idsFile), Msg: err.Error(), Err: err}))
	}
	var registered map[string]map[int]bool // subject → version numbers present at the base
	if opt.Base != nil {
		var bfs []finding.Finding
		registered, bfs, err = s.checkBase(opt.Base)
		if err != nil {
			return nil, err
		}
		fs = append(fs, bfs...)
	}
	results := make([][]finding.Finding, len(subs))
	each(len(subs), func(i int) {
		var old map[int]bool
		if opt.Base != nil && !opt.All {
			old = registered[subs[i].Name]
			if old == nil {
				old = map[int]bool{}
			}
		}
		results[i] = s.checkSubject(subs[i], old)
	})
	for _, r := range results {
		fs = append(fs, r...)
	}
	return finding.Sort(fs), nil
}

// checkSubject reports the layout problems and invalid versions of sub and
// checks each version not in skip against the valid versions before it.
func (s *Store) checkSubject(sub *Subject, skip map[int]bool) []finding.Finding {
	var fs []finding.Finding
	for _, p := range sub.Problems {
		fs = append(fs, s.layoutFinding(p))
	}
	fs = append(fs, s.debrisFindings(sub.Debris)...)
	if skip != nil {
		todo := false
		for _, v := range sub.Versions {
			todo = todo || !skip[v.Number]
		}
		if !todo {
			return fs // nothing new: no need to parse the history
		}
	}
	hist := make([]entry, 0, len(sub.Versions))
	for _, v := range sub.Live() {
		schema, err := s.parseFile(sub, v.Path)
		if err != nil {
			fs = append(fs, s.invalidFindings(err)...)
			continue
		}
		if !skip[v.Number] {
			found, _ := s.checkLevel(sub, sub.Level, name(v.Path), fmt.Sprintf("version %d", v.Number), schema, hist)
			fs = append(fs, found...)
		}
		hist = append(hist, entry{v: v, schema: schema})
	}
	return fs
}

// checkBase compares the version files of the base revision with the
// working tree and returns which versions were registered at the base.
func (s *Store) checkBase(b *Revision) (map[string]map[int]bool, []finding.Finding, error) {
	prefix := strings.Trim(path.Clean("/"+filepath.ToSlash(b.Dir)), "/")
	if prefix != "" {
		prefix += "/"
	}
	type baseVersion struct {
		file, subject string // the file at the base, its subject
		n             int
		cur           string // the file in the working tree
	}
	var vs []baseVersion
	registered := map[string]map[int]bool{}
	for _, f := range b.Files {
		rel, ok := strings.CutPrefix(f, prefix)
		if !ok {
			continue
		}
		subject, file, ok := strings.Cut(rel, "/")
		if !ok || strings.Contains(file, "/") || ValidateSubject(subject) != nil {
			continue
		}
		n, _, ok := versionNumber(file)
		if !ok {
			continue
		}
		if registered[subject] == nil {
			registered[subject] = map[int]bool{}
		}
		registered[subject][n] = true
		vs = append(vs, baseVersion{file: f, subject: subject, n: n, cur: filepath.Join(s.root, subject, file)})
	}
	found := make([]*finding.Finding, len(vs))
	errs := make([]error, len(vs))
	each(len(vs), func(i int) {
		v := vs[i]
		now, err := os.ReadFile(v.cur)
		if errors.Is(err, iofs.ErrNotExist) {
			f := s.deletedFinding(b, v.subject, v.n, v.cur)
			found[i] = &f
			return
		}
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w", name(v.cur), err)
			return
		}
		then, err := b.Reader.ReadFile(v.file)
		if err != nil {
			errs[i] = fmt.Errorf("%s at %s: %w", v.file, b.Name, err)
			return
		}
		if !bytes.Equal(then, now) {
			f := s.modifiedFinding(b, v.subject, v.n, v.cur, then, now)
			found[i] = &f
		}
	})
	var fs []finding.Finding
	for i := range vs {
		if errs[i] != nil {
			return nil, nil, errs[i]
		}
		if found[i] != nil {
			fs = append(fs, *found[i])
		}
	}
	return registered, fs, nil
}

func (s *Store) deletedFinding(b *Revision, subject string, n int, cur string) finding.Finding {
	rule := s.catalog.MustLookup(rules.RegistryVersionDeleted)
	f := rule.Finding(name(cur), 0, 0, "", fmt.Sprintf(
		"version %d of subject %q was deleted since %s: registered versions are immutable; restore the file", n, subject, b.Name))
	f.Base = &finding.Location{File: name(cur), Line: 1, Column: 1}
	return f
}

func (s *Store) modifiedFinding(b *Revision, subject string, n int, cur string, then, now []byte) finding.Finding {
	rule := s.catalog.MustLookup(rules.RegistryVersionModified)
	line, col := firstDifference(then, now)
	f := rule.Finding(name(cur), line, col, "", fmt.Sprintf(
		"version %d of subject %q was modified since %s (first difference at line %d): registered versions are immutable; restore it and register the change as a new version with `contractctl registry add`",
		n, subject, b.Name, line))
	f.Base = &finding.Location{File: name(cur), Line: line, Column: col}
	return f
}

// firstDifference is the 1-based line and column of the first byte where
// a and b differ (just past the shorter one when one is a prefix).
func firstDifference(a, b []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		if a[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}
