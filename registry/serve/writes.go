package serve

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/registry"
)

// schemaRequest is Confluent's RegisterSchemaRequest; the fields
// contractctl does not keep (metadata, ruleSet, id, version) are ignored.
type schemaRequest struct {
	Schema     string          `json:"schema"`
	SchemaType string          `json:"schemaType"`
	References []referenceJSON `json:"references"`
}

// candidate turns a request into a Store candidate named after the
// subject ("orders-value.avsc") in error messages.
func candidate(subject string, req schemaRequest) (registry.Candidate, error) {
	f := registry.Avro
	if req.SchemaType != "" {
		var err error
		if f, err = registry.ParseFormat(req.SchemaType); err != nil {
			return registry.Candidate{}, &apiError{http.StatusUnprocessableEntity, 42201, "Invalid schema: unknown schemaType " + req.SchemaType + " (AVRO, PROTOBUF or JSON)"}
		}
	}
	if strings.TrimSpace(req.Schema) == "" {
		return registry.Candidate{}, &apiError{http.StatusUnprocessableEntity, 42201, "Invalid schema: empty schema"}
	}
	c := registry.Candidate{File: subject + f.Ext(), Data: []byte(req.Schema), Format: f}
	if req.References != nil {
		c.References = []registry.Reference{}
		for _, r := range req.References {
			c.References = append(c.References, registry.Reference{Name: r.Name, Subject: r.Subject, Version: r.Version})
		}
	}
	return c, nil
}

// parsedEntry is a parsed request schema.
type parsedEntry struct {
	canonical string
	err       error
}

// parseCache remembers the normalised form of schemas clients send again
// and again (serializers register or look up on every start).
type parseCache struct {
	mu      sync.Mutex
	entries map[string]parsedEntry
}

const parseCacheSize = 4096

// canonical parses a candidate for subject as the store would and returns
// its normalised form.
func (s *Server) canonical(subject string, c registry.Candidate) (string, error) {
	key := fmt.Sprintf("%s\x00%s\x00%v\x00%s", subject, c.Format, c.References, c.Data)
	s.parsed.mu.Lock()
	e, ok := s.parsed.entries[key]
	s.parsed.mu.Unlock()
	if ok {
		return e.canonical, e.err
	}
	schema, _, err := s.store.Parse(subject, c)
	if err == nil {
		e.canonical = schema.Canonical()
	}
	e.err = err
	if err != nil && !isInvalid(err) {
		return "", err // a store error: not cached
	}
	s.parsed.mu.Lock()
	if len(s.parsed.entries) >= parseCacheSize {
		clear(s.parsed.entries)
	}
	s.parsed.entries[key] = e
	s.parsed.mu.Unlock()
	return e.canonical, e.err
}

func isInvalid(err error) bool {
	var ie *registry.InvalidSchemaError
	return errors.As(err, &ie)
}

// find is the newest version of the subject holding the schema, or nil;
// the caller holds s.mu.
func (s *Server) find(subject, canonical string, c registry.Candidate, deleted bool) *registry.VersionView {
	sv := s.view.Subject(subject)
	if sv == nil {
		return nil
	}
	for i := len(sv.Versions) - 1; i >= 0; i-- {
		vv := sv.Versions[i]
		if (deleted || !vv.Deleted) && vv.Schema.Canonical() == canonical && vv.Format == c.Format {
			return vv
		}
	}
	return nil
}

// readSchema decodes and parses a schema request for the path's subject.
func (s *Server) readSchema(r *request) (string, registry.Candidate, string, error) {
	subject := r.PathValue("subject")
	if err := registry.ValidateSubject(subject); err != nil {
		return "", registry.Candidate{}, "", storeError(err)
	}
	var req schemaRequest
	if err := r.decode(&req); err != nil {
		return "", registry.Candidate{}, "", err
	}
	c, err := candidate(subject, req)
	if err != nil {
		return "", c, "", err
	}
	canon, err := s.canonical(subject, c)
	return subject, c, canon, err
}

// lookup answers POST /subjects/{subject}: the version holding the schema.
func (s *Server) lookup(r *request) (any, error) {
	subject, c, canon, err := s.readSchema(r)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, err := s.liveSubject(r, subject); err != nil {
		return nil, err
	}
	vv := s.find(subject, canon, c, r.flag("deleted"))
	if vv == nil {
		return nil, errSchemaNotFound("")
	}
	return s.render(r, vv, true)
}

// register answers POST /subjects/{subject}/versions: the ID of the
// version that already holds the schema, else (writable) a new version
// written through Store.Add.
func (s *Server) register(r *request) (any, error) {
	subject, c, canon, err := s.readSchema(r)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	vv := s.find(subject, canon, c, false)
	var out any
	if vv != nil {
		out = registered(vv.ID, subject, vv.Number)
	}
	s.mu.RUnlock()
	if out != nil {
		return out, nil
	}
	if !s.writable {
		return nil, errNotPermitted("registering a new schema under subject '" + subject + "'")
	}
	defer s.lockSubject(subject)()
	res, err := s.store.Add(subject, c)
	if err != nil {
		return nil, err
	}
	if len(res.Findings) > 0 {
		return nil, &apiError{http.StatusConflict, 409, fmt.Sprintf("Schema being registered is incompatible with an earlier schema for subject \"%s\", details: [%s]", subject, strings.Join(res.Messages, ", "))}
	}
	if err := s.refresh(subject); err != nil {
		return nil, err
	}
	return registered(res.ID, subject, res.Version), nil
}

func registered(id int, subject string, version int) any {
	return struct {
		ID      int    `json:"id"`
		Subject string `json:"subject"`
		Version int    `json:"version"`
	}{id, subject, version}
}

// lockSubject takes the server's write lock of a subject and returns
// its release.
func (s *Server) lockSubject(subject string) func() {
	m, _ := s.subjectLocks.LoadOrStore(subject, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

// refresh re-reads a subject after a write into the view; the caller
// holds the subject's lock.
func (s *Server) refresh(subject string) error {
	sv, err := s.store.ReadSubject(subject)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.view.Replace(subject, sv)
	s.mu.Unlock()
	return nil
}

// compatibility answers POST /compatibility/subjects/{subject}/versions[/{version}]
// at the subject's level: against that version, the latest, or (without
// a version) every version registration would compare with.
func (s *Server) compatibility(r *request) (any, error) {
	opt := registry.CompatOptions{Version: -1}
	if v := r.PathValue("version"); v != "" {
		n, err := parseVersion(v)
		if err != nil {
			return nil, err
		}
		opt.Version = n
	}
	verbose := r.flag("verbose")
	subject, c, _, err := s.readSchema(r)
	if isInvalid(err) && verbose {
		return compatJSON{Is: false, Messages: []string{oneLine(err.Error())}}, nil
	}
	if err != nil {
		return nil, err
	}
	res, err := s.store.Compat(subject, c, opt)
	if isInvalid(err) && verbose {
		return compatJSON{Is: false, Messages: []string{oneLine(err.Error())}}, nil
	}
	if errors.Is(err, registry.ErrNoVersion) {
		return nil, errVersionNotFound(r.PathValue("version"))
	}
	if errors.Is(err, registry.ErrNoSubject) {
		return nil, errSubjectNotFound(subject)
	}
	if err != nil {
		return nil, err
	}
	out := compatJSON{Is: res.Compatible()}
	if verbose {
		out.Messages = append([]string{}, res.Messages...)
	}
	return out, nil
}

type compatJSON struct {
	Is       bool     `json:"is_compatible"`
	Messages []string `json:"messages,omitempty"`
}

// deleteSubject answers DELETE /subjects/{subject}[?permanent=true] with
// the versions deleted.
func (s *Server) deleteSubject(r *request) (any, error) {
	subject := r.PathValue("subject")
	if !s.writable {
		return nil, errNotPermitted("deleting subject '" + subject + "'")
	}
	defer s.lockSubject(subject)()
	permanent := r.flag("permanent")
	vs, err := s.store.DeleteSubject(subject, permanent)
	switch {
	case errors.Is(err, registry.ErrNoSubject):
		return nil, errSubjectNotFound(subject)
	case errors.Is(err, registry.ErrSoftDeleted):
		return nil, &apiError{http.StatusNotFound, 40404, "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently"}
	case errors.Is(err, registry.ErrNotSoftDeleted):
		return nil, &apiError{http.StatusNotFound, 40405, "Subject '" + subject + "' was not deleted first before being permanently deleted"}
	case err != nil:
		return nil, err
	}
	return vs, s.refresh(subject)
}

// deleteVersion answers DELETE /subjects/{subject}/versions/{version}
// with the version deleted.
func (s *Server) deleteVersion(r *request) (any, error) {
	subject := r.PathValue("subject")
	if !s.writable {
		return nil, errNotPermitted("deleting a version of subject '" + subject + "'")
	}
	n, err := parseVersion(r.PathValue("version"))
	if err != nil {
		return nil, err
	}
	defer s.lockSubject(subject)()
	permanent := r.flag("permanent")
	s.mu.RLock()
	sv := s.view.Subject(subject)
	var vv *registry.VersionView
	if sv != nil {
		// a numbered version counts even soft-deleted (a second soft
		// delete is 40406); latest is the latest live one
		vv = sv.Version(n, permanent || n > 0)
	}
	s.mu.RUnlock()
	if sv == nil {
		return nil, errSubjectNotFound(subject)
	}
	if vv == nil {
		return nil, errVersionNotFound(r.PathValue("version"))
	}
	err = s.store.DeleteVersion(subject, vv.Number, permanent)
	what := "Subject '" + subject + "' Version " + strconv.Itoa(vv.Number)
	switch {
	case errors.Is(err, registry.ErrNoVersion):
		return nil, errVersionNotFound(r.PathValue("version"))
	case errors.Is(err, registry.ErrSoftDeleted):
		return nil, &apiError{http.StatusNotFound, 40406, what + " was soft deleted.Set permanent=true to delete permanently"}
	case errors.Is(err, registry.ErrNotSoftDeleted):
		return nil, &apiError{http.StatusNotFound, 40407, what + " was not deleted first before being permanently deleted"}
	case err != nil:
		return nil, err
	}
	return vv.Number, s.refresh(subject)
}

// putConfig answers PUT /config[/{subject}] {"compatibility": LEVEL}.
func (s *Server) putConfig(r *request) (any, error) {
	var req struct {
		Compatibility string `json:"compatibility"`
	}
	if err := r.decode(&req); err != nil {
		return nil, err
	}
	lvl, err := compat.ParseLevel(req.Compatibility)
	if err != nil {
		return nil, errInvalidLevel()
	}
	subject := r.PathValue("subject")
	if !s.writable {
		return nil, errNotPermitted("changing the compatibility level")
	}
	defer s.lockSubject(subject)()
	if _, err := s.store.SetLevel(subject, lvl); errors.Is(err, registry.ErrNoSubject) {
		return nil, errSubjectNotFound(subject)
	} else if err != nil {
		return nil, err
	}
	if subject != "" {
		if err := s.refresh(subject); err != nil {
			return nil, err
		}
	}
	return map[string]string{"compatibility": lvl.String()}, nil
}

// deleteConfig answers DELETE /config[/{subject}] with the level removed,
// under both keys clients read it from: Confluent's Config entity has
// compatibilityLevel, franz-go reads compatibility.
func (s *Server) deleteConfig(r *request) (any, error) {
	subject := r.PathValue("subject")
	cfg, err := s.getConfig(r)
	if err != nil {
		return nil, err
	}
	old := cfg.(map[string]string)
	old["compatibility"] = old["compatibilityLevel"]
	if !s.writable {
		return nil, errNotPermitted("deleting the compatibility level")
	}
	defer s.lockSubject(subject)()
	if _, err := s.store.ClearLevel(subject); err != nil {
		return nil, err
	}
	if subject != "" {
		if err := s.refresh(subject); err != nil {
			return nil, err
		}
	}
	return old, nil
}
