package registry

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/contractctl/contractctl/internal/atomicfile"
)

// ImportVersion is a version pulled from another registry.
type ImportVersion struct {
	// Number is the version number to write.
	Number int
	Data   []byte
	// ID is the other registry's ID for the schema, kept when this
	// registry has none for it yet and the ID is free.
	ID int
}

// ImportSubject says how to create a subject that does not exist yet.
type ImportSubject struct {
	Format     Format
	References []Reference
	// Compatibility is the subject's own level ("" inherits the global).
	Compatibility string
}

// Import writes versions pulled from another registry under subject,
// creating the subject when it does not exist. It never rewrites a file:
// an existing subject's subject.yaml stays as it is, and a version whose
// file exists is an error before anything is written. Each version must
// parse (with the subject's references); compatibility is not checked,
// since the other registry accepted the versions. Their IDs are recorded.
func (s *Store) Import(subject string, create ImportSubject, versions []ImportVersion) error {
	if err := ValidateSubject(subject); err != nil {
		return err
	}
	dir := filepath.Join(s.root, subject)
	if err := s.inside(dir); err != nil {
		return fmt.Errorf("subject %q: %w", subject, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("subject %q: cannot create %s: %w", subject, name(dir), err)
	}
	unlock, err := s.lock(dir)
	if err != nil {
		return err
	}
	defer unlock()
	cleanDebris(dir)
	g, err := s.Global()
	if err != nil {
		return err
	}
	sub, err := s.subject(subject, g)
	if errors.Is(err, ErrNoSubject) {
		if err := s.createSubject(dir, create.Format, create.References, create.Compatibility); err != nil {
			return err
		}
		sub, err = s.subject(subject, g)
	}
	if err != nil {
		return err
	}
	if sub.Config.Format != create.Format {
		return &kindError{fmt.Sprintf("subject %q is %s, the pulled versions are %s", subject, sub.Config.Format, create.Format), ErrOtherFormat}
	}
	deps, err := s.candidateDeps(subject, sub, sub.Config.Format, Candidate{})
	if err != nil {
		return err
	}
	want := make([]idRequest, len(versions))
	for i, v := range versions {
		path := filepath.Join(dir, fmt.Sprintf("%d%s", v.Number, sub.Config.Format.Ext()))
		if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: already exists: refusing to overwrite a registered version", name(path))
		}
		schema, err := parseSchema(sub.Config.Format, name(path), v.Data, deps)
		if err != nil {
			return &InvalidSchemaError{err}
		}
		want[i] = idRequest{fp: Fingerprint(sub.Config.Format, schema, sub.Config.References), first: fmt.Sprintf("%s/%d", subject, v.Number), want: v.ID}
	}
	for _, v := range versions {
		path := filepath.Join(dir, fmt.Sprintf("%d%s", v.Number, sub.Config.Format.Ext()))
		if err := atomicfile.Write(path, v.Data, 0o644); err != nil {
			return err
		}
	}
	_, err = s.assignIDs(want)
	return err
}
