package registry

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/atomicfile"
	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/internal/parallel"
	yaml "go.yaml.in/yaml/v3"
)

// Candidate is a schema offered to Add or Compat.
type Candidate struct {
	// File is where the schema was read from; errors and findings name it.
	File string
	Data []byte
	// Format is the schema's format: "" takes the subject's, or for a new
	// subject the one File's extension implies.
	Format Format
	// References are the Protobuf imports the schema declares (Confluent's
	// references). nil takes the subject's; a new subject is created with
	// them; an existing subject's must be the same, since subject.yaml
	// keeps one list for every version.
	References []Reference
}

// AddResult is the outcome of Add.
type AddResult struct {
	Subject string
	Format  Format
	Level   compat.Level
	// Version is the version written, or the existing version that already
	// holds the schema (Existing), or 0 when the schema was refused.
	Version int
	// Path is the version's file.
	Path string
	// Existing is true when the schema equals (after normalisation) a
	// registered version: nothing was written.
	Existing bool
	// Created is true when the subject was created by this call.
	Created bool
	// Findings are the incompatibilities that refused the schema.
	Findings []finding.Finding
	// Messages are the incompatibilities as Confluent's REST API words
	// them.
	Messages []string
	// ID is the schema's global ID (ids.yaml), when it was registered or
	// already held.
	ID int
}

// Added reports whether a new version was written.
func (r *AddResult) Added() bool { return r.Version > 0 && !r.Existing }

// Add registers a schema under subject, as POST /subjects/{subject}/versions:
// it parses and validates the schema (an invalid one is an error naming
// file:line:col); if it equals an existing version after normalisation it
// returns that version without writing; otherwise it checks the schema at
// the subject's level and either returns every incompatibility (nothing
// written) or writes the next version. The decision and the write happen
// under the subject's exclusive lock, so concurrent Adds — from other
// Stores or processes — never write the same version, and the version file
// appears atomically, complete or not at all.
func (s *Store) Add(subject string, c Candidate) (*AddResult, error) {
	sub, format, err := s.prepare(subject, c)
	if err != nil {
		return nil, err
	}
	cand, err := s.parseCandidate(subject, sub, format, c)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(s.root, subject)
	if err := s.inside(dir); err != nil {
		return nil, fmt.Errorf("subject %q: %w", subject, err)
	}
	res := &AddResult{Subject: subject, Format: format}
	if sub == nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("subject %q: cannot create %s: %w", subject, name(dir), err)
		}
	}
	unlock, err := s.lock(dir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	cleanDebris(dir)

	// Under the lock: read the subject afresh, creating it if needed.
	g, err := s.Global()
	if err != nil {
		return nil, err
	}
	sub, err = s.subject(subject, g)
	if errors.Is(err, ErrNoSubject) {
		if err := s.createSubject(dir, format, c.References, ""); err != nil {
			return nil, err
		}
		res.Created = true
		sub, err = s.subject(subject, g)
	}
	if err != nil {
		return nil, err
	}
	if sub.Config.Format != format {
		return nil, fmt.Errorf("subject %q is %s: %s was just given as %s", subject, sub.Config.Format, c.File, format)
	}
	if len(sub.Problems) > 0 {
		return nil, sub.Problems[0]
	}
	if err := sameReferences(sub, c.References); err != nil {
		return nil, &InvalidSchemaError{err}
	}
	res.Level = sub.Level
	hist, err := s.history(sub)
	if err != nil {
		return nil, err
	}
	canon := cand.Canonical()
	fp := Fingerprint(format, cand, sub.Config.References)
	for i := len(hist) - 1; i >= 0; i-- {
		if hist[i].schema.Canonical() == canon {
			res.Version, res.Path, res.Existing = hist[i].v.Number, hist[i].v.Path, true
			return res, s.recordID(res, fp)
		}
	}
	if res.Findings, res.Messages = s.checkLevel(sub, sub.Level, c.File, "the new schema", cand, hist); len(res.Findings) > 0 {
		return res, nil
	}
	next := 1
	if v := sub.Latest(); v != nil {
		next = v.Number + 1
	}
	path := filepath.Join(dir, fmt.Sprintf("%d%s", next, format.Ext()))
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: already exists: refusing to overwrite a registered version", name(path))
	}
	if err := atomicfile.Write(path, c.Data, 0o644); err != nil {
		return nil, err
	}
	res.Version, res.Path = next, path
	return res, s.recordID(res, fp)
}

// createSubject writes the subject.yaml of a new subject (dir exists and
// is locked): its format and references, then its level when given, the
// shape `registry add` and `registry config` leave.
func (s *Store) createSubject(dir string, format Format, refs []Reference, level string) error {
	data, err := yaml.Marshal(SubjectConfig{Format: format, References: refs})
	if err != nil {
		return err
	}
	if level != "" {
		if data, err = setNode(data, "compatibility", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: level}); err != nil {
			return err
		}
	}
	p := filepath.Join(dir, subjectFile)
	if _, err := parseSubjectConfig(name(p), data); err != nil {
		return err
	}
	return atomicfile.Write(p, data, 0o644)
}

// recordID gives the version in res its global ID, recording a new one
// in ids.yaml when the schema has none yet.
func (s *Store) recordID(res *AddResult, fp string) error {
	ids, err := s.assignIDs([]idRequest{{fp: fp, first: fmt.Sprintf("%s/%d", res.Subject, res.Version)}})
	if err != nil {
		return err
	}
	res.ID = ids[0]
	return nil
}

// candidateDeps are the texts of the Protobuf imports a candidate may use:
// its own references for a new subject, else the subject's.
func (s *Store) candidateDeps(subject string, sub *Subject, format Format, c Candidate) (map[string][]byte, error) {
	if len(c.References) > 0 && format != Protobuf {
		return nil, fmt.Errorf("%s: references are supported for protobuf subjects only, this one is %s", c.File, format)
	}
	if format != Protobuf {
		return nil, nil
	}
	if sub == nil {
		sub = &Subject{Name: subject, Dir: filepath.Join(s.root, subject), Config: SubjectConfig{Format: format, References: c.References}}
	} else if err := sameReferences(sub, c.References); err != nil {
		return nil, err
	}
	return s.deps(sub)
}

// sameReferences refuses references that differ from the subject's.
func sameReferences(sub *Subject, refs []Reference) error {
	if refs == nil || slices.Equal(refs, sub.Config.References) {
		return nil
	}
	return fmt.Errorf("subject %q: the schema's references %s differ from the subject's %s (%s): contractctl keeps one reference list per subject", sub.Name, refList(refs), refList(sub.Config.References), name(filepath.Join(sub.Dir, subjectFile)))
}

func refList(refs []Reference) string {
	if len(refs) == 0 {
		return "[]"
	}
	s := make([]string, len(refs))
	for i, r := range refs {
		s[i] = fmt.Sprintf("%s=%s@%d", r.Name, r.Subject, r.Version)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// prepare validates the subject name and finds the candidate's format: the
// existing subject's (nil for a new subject), else Candidate.Format, else
// the file extension's.
func (s *Store) prepare(subject string, c Candidate) (*Subject, Format, error) {
	if err := ValidateSubject(subject); err != nil {
		return nil, "", err
	}
	sub, err := s.Subject(subject)
	if err == nil {
		if c.Format != "" && c.Format != sub.Config.Format {
			return nil, "", &kindError{fmt.Sprintf("subject %q is %s, not %s", subject, sub.Config.Format, c.Format), ErrOtherFormat}
		}
		return sub, sub.Config.Format, nil
	}
	if !errors.Is(err, ErrNoSubject) {
		return nil, "", err
	}
	if c.Format != "" {
		return nil, c.Format, nil
	}
	if f, ok := FormatOf(c.File); ok {
		return nil, f, nil
	}
	return nil, "", fmt.Errorf("%s: cannot tell the schema format of a new subject from the file name: give --schema-type avro|protobuf|jsonschema", c.File)
}

// history parses the versions of sub that are not soft-deleted, oldest
// first, in parallel; a version that does not parse is an error.
func (s *Store) history(sub *Subject) ([]entry, error) {
	live := sub.Live()
	n := len(live)
	out := make([]entry, n)
	errs := make([]error, n)
	each(n, func(i int) {
		v := live[i]
		schema, err := s.parseFile(sub, v.Path)
		if err != nil {
			errs[i] = fmt.Errorf("subject %q version %d is not a valid schema: %w", sub.Name, v.Number, err)
		}
		out[i] = entry{v: v, schema: schema}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// each calls f(0..n-1) through internal/parallel (at most GOMAXPROCS at
// a time); f writes its result into its own slot.
func each(n int, f func(i int)) {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	parallel.Concat(idx, func(i int) ([]struct{}, error) { f(i); return nil, nil })
}

// CompatOptions select what Compat compares with.
type CompatOptions struct {
	// Level overrides the subject's level when non-nil.
	Level *compat.Level
	// Version is the version to compare with: 0 for the latest (POST
	// /compatibility/subjects/{s}/versions/latest), -1 for every version
	// as registration would (POST /compatibility/subjects/{s}/versions),
	// N for version N.
	Version int
}

// CompatResult is the outcome of Compat.
type CompatResult struct {
	Subject string
	Level   compat.Level
	// Compared are the versions the candidate was compared with.
	Compared []int
	Findings []finding.Finding
	// Messages are the incompatibilities as Confluent's REST API words
	// them.
	Messages []string
}

// Compatible reports whether the candidate would be accepted.
func (r *CompatResult) Compatible() bool { return len(r.Findings) == 0 }

// Compat checks a schema against a subject without writing anything, as
// POST /compatibility/subjects/{subject}/versions/latest?verbose=true: the
// check uses the subject's level (or opt.Level) but compares with the
// latest version only, unless opt.Version says otherwise. A subject with no
// versions accepts any valid schema.
func (s *Store) Compat(subject string, c Candidate, opt CompatOptions) (*CompatResult, error) {
	sub, format, err := s.prepare(subject, c)
	if err != nil {
		return nil, err
	}
	res := &CompatResult{Subject: subject, Level: DefaultLevel}
	cand, err := s.parseCandidate(subject, sub, format, c)
	if err != nil {
		return nil, err
	}
	if sub == nil {
		if g, err := s.Global(); err != nil {
			return nil, err
		} else if g.Compatibility != "" {
			res.Level = g.Level()
		}
		if opt.Level != nil {
			res.Level = *opt.Level
		}
		if opt.Version > 0 {
			return nil, fmt.Errorf("subject %q: %w in %s", subject, ErrNoSubject, name(s.root))
		}
		return res, nil
	}
	if len(sub.Problems) > 0 {
		return nil, sub.Problems[0]
	}
	res.Level = sub.Level
	if opt.Level != nil {
		res.Level = *opt.Level
	}
	hist, err := s.history(sub)
	if err != nil {
		return nil, err
	}
	switch {
	case opt.Version == 0 && len(hist) > 0:
		hist = hist[len(hist)-1:]
	case opt.Version > 0:
		i := -1
		for j, e := range hist {
			if e.v.Number == opt.Version {
				i = j
			}
		}
		if i < 0 {
			return nil, &kindError{fmt.Sprintf("subject %q has no version %d (versions: %s)", subject, opt.Version, versionList(sub.Versions)), ErrNoVersion}
		}
		hist = hist[i : i+1]
	}
	for _, e := range hist {
		res.Compared = append(res.Compared, e.v.Number)
	}
	res.Findings, res.Messages = s.checkLevel(sub, res.Level, c.File, "the new schema", cand, hist)
	return res, nil
}
