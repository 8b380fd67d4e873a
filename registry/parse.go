package registry

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/contractctl/contractctl/internal/avro"
	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/registry/jsonschema"
	protobufregistry "github.com/contractctl/contractctl/registry/protobuf"
)

// parsed is one parse of a version file.
type parsed struct {
	data   []byte
	schema compat.Schema
	err    error
}

// checker is the subject's format's compatibility checker.
func (s *Store) checker(sub *Subject) compat.Checker {
	switch sub.Config.Format {
	case Protobuf:
		return protobufregistry.Checker{}
	case JSONSchema:
		return jsonschema.Checker{Policy: sub.Config.Policy()}
	}
	return s.avro
}

// InvalidSchemaError is a schema offered to Add or Compat that does not
// parse, or whose references cannot be resolved (Confluent's 42201).
type InvalidSchemaError struct{ Err error }

func (e *InvalidSchemaError) Error() string { return e.Err.Error() }
func (e *InvalidSchemaError) Unwrap() error { return e.Err }

// parseCandidate parses a schema offered to Add or Compat with the
// imports it may use; any failure is an *InvalidSchemaError.
func (s *Store) parseCandidate(subject string, sub *Subject, format Format, c Candidate) (compat.Schema, error) {
	deps, err := s.candidateDeps(subject, sub, format, c)
	if err != nil {
		return nil, &InvalidSchemaError{err}
	}
	cand, err := parseSchema(format, c.File, c.Data, deps)
	if err != nil {
		return nil, &InvalidSchemaError{err}
	}
	return cand, nil
}

// parseSchema parses data in format f; file names it in errors, which are
// *load.Error values (file:line:col: msg), one per compiler error joined
// with errors.Join for Protobuf.
func parseSchema(f Format, file string, data []byte, deps map[string][]byte) (compat.Schema, error) {
	var (
		s   compat.Schema
		err error
	)
	switch f {
	case Avro:
		var a *avro.Schema
		if a, err = avro.Parse(file, data); err == nil {
			s = a
		}
	case JSONSchema:
		var j *jsonschema.Schema
		if j, err = jsonschema.Parse(file, data); err == nil {
			s = j
		}
	case Protobuf:
		var p *protobufregistry.Schema
		if p, err = protobufregistry.Parse(file, data, deps); err == nil {
			s = p
		}
	default:
		return nil, &load.Error{File: file, Msg: fmt.Sprintf("unknown schema format %q", f)}
	}
	if err != nil {
		return nil, positionErrors(file, err)
	}
	return s, nil
}

// positionErrors turns a parser's error into *load.Error values.
func positionErrors(file string, err error) error {
	var pe *protobufregistry.ParseError
	if errors.As(err, &pe) && len(pe.Errs) > 0 {
		errs := make([]error, len(pe.Errs))
		for i, e := range pe.Errs {
			errs[i] = positioned(file, e)
		}
		if len(errs) == 1 {
			return errs[0]
		}
		return errors.Join(errs...)
	}
	return positioned(file, err)
}

// positioned finds "file:line:col: " in a parser's message and returns
// the error as a *load.Error.
func positioned(file string, err error) *load.Error {
	msg := err.Error()
	e := &load.Error{File: file, Msg: msg, Err: err}
	i := strings.Index(msg, file+":")
	if i < 0 {
		e.Msg = strings.TrimSpace(strings.TrimPrefix(msg, file+":"))
		return e
	}
	rest := msg[i+len(file)+1:]
	line, rest, ok := leadingInt(rest)
	if !ok {
		e.Msg = strings.TrimSpace(rest)
		return e
	}
	e.Line = line
	if col, r, ok := leadingInt(rest); ok {
		e.Column, rest = col, r
	}
	e.Msg = strings.TrimSpace(rest)
	return e
}

// leadingInt reads "123:" at the start of s.
func leadingInt(s string) (int, string, bool) {
	j := 0
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == 0 || j >= len(s) || s[j] != ':' {
		return 0, s, false
	}
	n, err := strconv.Atoi(s[:j])
	if err != nil {
		return 0, s, false
	}
	return n, s[j+1:], true
}

// parseFile parses a version file of sub, once per Store.
func (s *Store) parseFile(sub *Subject, path string) (compat.Schema, error) {
	p, err := s.readVersion(sub, path)
	if err != nil {
		return nil, err
	}
	return p.schema, p.err
}

// readVersion reads and parses a version file of sub; version files are
// immutable, so one that has not changed is not read again.
func (s *Store) readVersion(sub *Subject, path string) (*parsed, error) {
	return s.versions.get(path, func(data []byte) (*parsed, error) {
		var deps map[string][]byte
		if sub.Config.Format == Protobuf {
			var err error
			if deps, err = s.cachedDeps(sub); err != nil {
				return nil, err
			}
		}
		schema, err := parseSchema(sub.Config.Format, name(path), data, deps)
		return &parsed{data: data, schema: schema, err: err}, nil
	})
}

// cachedDeps is deps, once per subject and Store.
func (s *Store) cachedDeps(sub *Subject) (map[string][]byte, error) {
	s.mu.Lock()
	d, ok := s.depCache[sub.Name]
	s.mu.Unlock()
	if ok {
		return d.deps, d.err
	}
	deps, err := s.deps(sub)
	s.mu.Lock()
	s.depCache[sub.Name] = depsEntry{deps, err}
	s.mu.Unlock()
	return deps, err
}

type depsEntry struct {
	deps map[string][]byte
	err  error
}

// deps collects the texts of sub's Protobuf references, transitively,
// keyed by import path.
func (s *Store) deps(sub *Subject) (map[string][]byte, error) {
	if len(sub.Config.References) == 0 {
		return nil, nil
	}
	g, err := s.Global()
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	from := map[string]string{} // import path → subject@version, to detect conflicts
	visiting := map[string]bool{sub.Name: true}
	var walk func(sub *Subject) error
	walk = func(sub *Subject) error {
		for _, r := range sub.Config.References {
			ref, err := s.subject(r.Subject, g)
			if err != nil {
				return fmt.Errorf("%s: reference %q: %w", name(filepath.Join(sub.Dir, subjectFile)), r.Name, err)
			}
			if ref.Config.Format != Protobuf {
				return fmt.Errorf("%s: reference %q: subject %q is %s, not protobuf", name(filepath.Join(sub.Dir, subjectFile)), r.Name, r.Subject, ref.Config.Format)
			}
			var v *Version
			if r.Version <= 0 {
				v = ref.Latest()
			} else {
				v, _ = ref.Version(r.Version)
			}
			if v == nil {
				return fmt.Errorf("%s: reference %q: subject %q has no version %s", name(filepath.Join(sub.Dir, subjectFile)), r.Name, r.Subject, refVersion(r.Version))
			}
			key := fmt.Sprintf("%s@%d", r.Subject, v.Number)
			if prev, ok := from[r.Name]; ok {
				if prev != key {
					return fmt.Errorf("%s: reference %q resolves to both %s and %s", name(filepath.Join(sub.Dir, subjectFile)), r.Name, prev, key)
				}
				continue
			}
			data, err := os.ReadFile(v.Path)
			if err != nil {
				return fmt.Errorf("%s: %w", name(v.Path), err)
			}
			out[r.Name], from[r.Name] = data, key
			if visiting[ref.Name] {
				continue // a cycle: its imports are already being collected
			}
			visiting[ref.Name] = true
			if err := walk(ref); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(sub); err != nil {
		return nil, err
	}
	return out, nil
}

func refVersion(v int) string {
	if v <= 0 {
		return "(latest): it has none"
	}
	return strconv.Itoa(v)
}
