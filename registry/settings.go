package registry

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/internal/atomicfile"
	"github.com/contractctl/contractctl/internal/compat"
)

// SetLevel sets the compatibility level of subject, or the global level
// when subject is "", as PUT /config[/{subject}]. The YAML file is
// rewritten atomically with its other keys and comments kept; a subject
// must exist. It returns the file written.
func (s *Store) SetLevel(subject string, level compat.Level) (string, error) {
	return s.setCompatibility(subject, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: level.String()})
}

// ClearLevel removes the compatibility level of subject, which then
// inherits the global one, or the global level (back to the default) when
// subject is "", as DELETE /config[/{subject}]. It returns the file
// written.
func (s *Store) ClearLevel(subject string) (string, error) {
	return s.setCompatibility(subject, nil)
}

func (s *Store) setCompatibility(subject string, value *yaml.Node) (string, error) {
	dir, file, valid := s.root, registryFile, func(p string, data []byte) error {
		_, err := parseGlobalConfig(name(p), data)
		return err
	}
	if subject != "" {
		sub, err := s.Subject(subject)
		if err != nil {
			return "", err
		}
		dir, file, valid = sub.Dir, subjectFile, func(p string, data []byte) error {
			_, err := parseSubjectConfig(name(p), data)
			return err
		}
	}
	unlock, err := s.lock(dir)
	if err != nil {
		return "", err
	}
	defer unlock()
	cleanDebris(dir)
	p := filepath.Join(dir, file)
	return p, s.rewrite(p, "compatibility", value, func(data []byte) error { return valid(p, data) })
}

// rewrite sets key in the YAML file p (removes it for a nil value),
// validates the result and replaces the file atomically.
func (s *Store) rewrite(p, key string, value *yaml.Node, valid func([]byte) error) error {
	if err := s.inside(p); err != nil {
		return err
	}
	data, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", name(p), err)
	}
	if err := valid(data); err != nil {
		return err // never rewrite a file we cannot read back
	}
	out, err := setNode(data, key, value)
	if err != nil {
		return fmt.Errorf("%s: %w", name(p), err)
	}
	if err := valid(out); err != nil {
		return fmt.Errorf("%s: the rewritten configuration would be invalid: %w", name(p), err)
	}
	return atomicfile.Write(p, out, 0o644)
}
