package registry

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	yaml "go.yaml.in/yaml/v3"
)

// Errors of the delete operations, wrapped with the subject and version;
// the REST API maps them to Confluent's error codes.
var (
	// ErrNoVersion: the version does not exist (or is soft-deleted where
	// only live versions count).
	ErrNoVersion = errors.New("version not found")
	// ErrSoftDeleted: a soft delete of what is already soft-deleted.
	ErrSoftDeleted = errors.New("was soft deleted; set permanent=true to delete permanently")
	// ErrNotSoftDeleted: a permanent delete of what was not soft-deleted
	// first.
	ErrNotSoftDeleted = errors.New("was not deleted first before being permanently deleted")
	// ErrReferenced: another subject's references name the version.
	ErrReferenced = errors.New("one or more references exist to the schema")
	// ErrInvalidSubject: a subject name ValidateSubject refuses.
	ErrInvalidSubject = errors.New("invalid subject name")
	// ErrOtherFormat: a schema of another format than its subject's.
	ErrOtherFormat = errors.New("another schema format than the subject's")
)

// kindError is an error with its own message that is one of the errors
// above for errors.Is.
type kindError struct {
	msg  string
	kind error
}

func (e *kindError) Error() string        { return e.msg }
func (e *kindError) Is(target error) bool { return target == e.kind }

// DeleteVersion deletes version n of subject as Confluent's DELETE
// /subjects/{subject}/versions/{n}: softly (the file stays, listed in
// subject.yaml's deleted list, out of listings and checks) or, for a
// version soft-deleted before, permanently (the file is removed).
func (s *Store) DeleteVersion(subject string, n int, permanent bool) error {
	return s.deleteVersions(subject, permanent, func(sub *Subject) ([]int, error) {
		v, ok := sub.Version(n)
		switch {
		case !ok:
			return nil, fmt.Errorf("subject %q version %d: %w", subject, n, ErrNoVersion)
		case !permanent && v.Deleted:
			return nil, fmt.Errorf("subject %q version %d %w", subject, n, ErrSoftDeleted)
		case permanent && !v.Deleted:
			return nil, fmt.Errorf("subject %q version %d %w", subject, n, ErrNotSoftDeleted)
		}
		return []int{n}, nil
	})
}

// DeleteSubject deletes every version of subject as Confluent's DELETE
// /subjects/{subject}: softly, or permanently once every version was
// soft-deleted (the subject's directory is then removed). It returns the
// versions deleted.
func (s *Store) DeleteSubject(subject string, permanent bool) ([]int, error) {
	var done []int
	err := s.deleteVersions(subject, permanent, func(sub *Subject) ([]int, error) {
		live := sub.Live()
		switch {
		case !permanent && len(live) == 0:
			return nil, fmt.Errorf("subject %q %w", subject, ErrSoftDeleted)
		case permanent && len(live) > 0:
			return nil, fmt.Errorf("subject %q %w", subject, ErrNotSoftDeleted)
		}
		vs := live
		if permanent {
			vs = sub.Versions
		}
		for _, v := range vs {
			done = append(done, v.Number)
		}
		return done, nil
	})
	if err != nil {
		return nil, err
	}
	return done, nil
}

// deleteVersions deletes the versions pick chooses, under the subject's
// lock.
func (s *Store) deleteVersions(subject string, permanent bool, pick func(*Subject) ([]int, error)) error {
	sub, err := s.Subject(subject)
	if err != nil {
		return err
	}
	unlock, err := s.lock(sub.Dir)
	if err != nil {
		return err
	}
	defer unlock()
	cleanDebris(sub.Dir)
	if sub, err = s.Subject(subject); err != nil {
		return err
	}
	ns, err := pick(sub)
	if err != nil {
		return err
	}
	if err := s.unreferenced(sub, ns); err != nil {
		return err
	}
	deleted := slices.Clone(sub.Config.Deleted)
	if !permanent {
		deleted = append(deleted, ns...)
		slices.Sort(deleted)
		return s.writeDeleted(sub, slices.Compact(deleted))
	}
	for _, n := range ns {
		v, _ := sub.Version(n)
		if err := os.Remove(v.Path); err != nil {
			return fmt.Errorf("%s: %w", name(v.Path), err)
		}
	}
	if len(ns) == len(sub.Versions) && len(sub.Problems) == 0 {
		// the whole subject: its directory goes too
		if err := os.Remove(filepath.Join(sub.Dir, subjectFile)); err != nil {
			return fmt.Errorf("%s: %w", name(sub.Dir), err)
		}
		os.Remove(filepath.Join(sub.Dir, lockFile))
		os.Remove(sub.Dir)
		return nil
	}
	deleted = slices.DeleteFunc(deleted, func(n int) bool { return slices.Contains(ns, n) })
	return s.writeDeleted(sub, deleted)
}

// unreferenced refuses to delete versions that another subject's
// references name (a reference without a version names the latest).
func (s *Store) unreferenced(sub *Subject, ns []int) error {
	subs, _, err := s.Subjects()
	if err != nil {
		return err
	}
	latest := 0
	if v := sub.Latest(); v != nil {
		latest = v.Number
	}
	for _, other := range subs {
		for _, r := range other.Config.References {
			if r.Subject != sub.Name {
				continue
			}
			n := r.Version
			if n <= 0 {
				n = latest
			}
			if slices.Contains(ns, n) {
				return fmt.Errorf("%w {subject=%s,version=%d}: subject %q imports it as %q", ErrReferenced, sub.Name, n, other.Name, r.Name)
			}
		}
	}
	return nil
}

// writeDeleted rewrites subject.yaml's deleted list, keeping its other
// keys and comments.
func (s *Store) writeDeleted(sub *Subject, deleted []int) error {
	var value *yaml.Node
	if len(deleted) > 0 {
		value = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
		for _, n := range deleted {
			value.Content = append(value.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(n)})
		}
	}
	p := filepath.Join(sub.Dir, subjectFile)
	return s.rewrite(p, "deleted", value, func(data []byte) error {
		_, err := parseSubjectConfig(name(p), data)
		return err
	})
}
