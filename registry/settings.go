package registry

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/contractctl/contractctl/internal/atomicfile"
	"github.com/contractctl/contractctl/internal/compat"
)

// SetLevel sets the compatibility level of subject, or the global level
// when subject is "", as PUT /config[/{subject}]. The YAML file is
// rewritten atomically with its other keys and comments kept; a subject
// must exist. It returns the file written.
func (s *Store) SetLevel(subject string, level compat.Level) (string, error) {
	if subject == "" {
		unlock, err := lockSubject(s.root, s.lockTimeout())
		if err != nil {
			return "", err
		}
		defer unlock()
		cleanDebris(s.root)
		p := filepath.Join(s.root, registryFile)
		return p, s.rewrite(p, level, func(data []byte) error {
			_, err := parseGlobalConfig(name(p), data)
			return err
		})
	}
	sub, err := s.Subject(subject)
	if err != nil {
		return "", err
	}
	unlock, err := lockSubject(sub.Dir, s.lockTimeout())
	if err != nil {
		return "", err
	}
	defer unlock()
	cleanDebris(sub.Dir)
	p := filepath.Join(sub.Dir, subjectFile)
	return p, s.rewrite(p, level, func(data []byte) error {
		_, err := parseSubjectConfig(name(p), data)
		return err
	})
}

// rewrite sets compatibility in the YAML file p, validates the result
// and replaces the file atomically.
func (s *Store) rewrite(p string, level compat.Level, valid func([]byte) error) error {
	data, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", name(p), err)
	}
	if err := valid(data); err != nil {
		return err // never rewrite a file we cannot read back
	}
	out, err := setKey(data, "compatibility", level.String())
	if err != nil {
		return fmt.Errorf("%s: %w", name(p), err)
	}
	if err := valid(out); err != nil {
		return fmt.Errorf("%s: the rewritten configuration would be invalid: %w", name(p), err)
	}
	return atomicfile.Write(p, out, 0o644)
}
