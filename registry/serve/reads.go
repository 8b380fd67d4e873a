package serve

import (
	"encoding/base64"
	"net/http"
	"slices"

	"github.com/contractctl/contractctl/registry"
	protobufregistry "github.com/contractctl/contractctl/registry/protobuf"
)

// schemaJSON is a schema as Confluent answers it (Schema and
// SchemaString entities): Avro is the default and carries no schemaType.
type schemaJSON struct {
	Subject    string          `json:"subject,omitempty"`
	Version    int             `json:"version,omitempty"`
	ID         int             `json:"id,omitempty"`
	SchemaType string          `json:"schemaType,omitempty"`
	References []referenceJSON `json:"references,omitempty"`
	Schema     string          `json:"schema"`
}

type referenceJSON struct {
	Name    string `json:"name"`
	Subject string `json:"subject"`
	Version int    `json:"version"`
}

type subjectVersionJSON struct {
	Subject string `json:"subject"`
	Version int    `json:"version"`
}

// render answers a version; the caller holds s.mu. ?format=serialized
// gives a Protobuf schema as a base64 FileDescriptorProto, as Confluent's
// serializers ask for it.
func (s *Server) render(r *request, vv *registry.VersionView, withSubject bool) (schemaJSON, error) {
	out := schemaJSON{ID: vv.ID, SchemaType: vv.Format.SchemaTypeField(), Schema: string(vv.Text)}
	if withSubject {
		out.Subject, out.Version = vv.Subject, vv.Number
	}
	for _, ref := range vv.References {
		ref = s.view.ResolveReference(ref)
		out.References = append(out.References, referenceJSON{ref.Name, ref.Subject, ref.Version})
	}
	if r.URL.Query().Get("format") == "serialized" && vv.Format == registry.Protobuf {
		p, ok := vv.Schema.(*protobufregistry.Schema)
		if !ok {
			return out, &apiError{http.StatusInternalServerError, 50001, "not a Protobuf schema"}
		}
		data, err := p.Serialized()
		if err != nil {
			return out, err
		}
		out.Schema = base64.StdEncoding.EncodeToString(data)
	}
	return out, nil
}

// liveSubject is a subject with at least one live version (any version
// with ?deleted=true).
func (s *Server) liveSubject(r *request, subject string) (*registry.SubjectView, error) {
	sv := s.view.Subject(subject)
	if sv == nil || len(sv.Numbers(r.flag("deleted"))) == 0 {
		return nil, errSubjectNotFound(subject)
	}
	return sv, nil
}

// versionOf finds the version the path names.
func (s *Server) versionOf(r *request) (*registry.VersionView, error) {
	subject := r.PathValue("subject")
	n, err := parseVersion(r.PathValue("version"))
	if err != nil {
		return nil, err
	}
	sv, err := s.liveSubject(r, subject)
	if err != nil {
		return nil, err
	}
	vv := sv.Version(n, r.flag("deleted"))
	if vv == nil {
		return nil, errVersionNotFound(r.PathValue("version"))
	}
	return vv, nil
}

func (s *Server) subjects(r *request) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	deleted, deletedOnly := r.flag("deleted"), r.flag("deletedOnly")
	out := []string{}
	for _, name := range s.view.Names() {
		sv := s.view.Subject(name)
		live := len(sv.Numbers(false)) > 0
		all := len(sv.Numbers(true)) > 0
		keep := live || deleted && all
		if deletedOnly {
			keep = all && len(sv.Numbers(true)) > len(sv.Numbers(false))
		}
		if keep && subjectPrefix(r, name) {
			out = append(out, name)
		}
	}
	return out, nil
}

func (s *Server) versions(r *request) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sv, err := s.liveSubject(r, r.PathValue("subject"))
	if err != nil {
		return nil, err
	}
	return sv.Numbers(r.flag("deleted")), nil
}

func (s *Server) version(r *request) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	vv, err := s.versionOf(r)
	if err != nil {
		return nil, err
	}
	return s.render(r, vv, true)
}

func (s *Server) versionSchema(r *request) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	vv, err := s.versionOf(r)
	if err != nil {
		return nil, err
	}
	return rawText(vv.Text), nil
}

// referencedBy lists the IDs of the schemas whose references name the
// version.
func (s *Server) referencedBy(r *request) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	vv, err := s.versionOf(r)
	if err != nil {
		return nil, err
	}
	out := []int{}
	for _, name := range s.view.Names() {
		for _, other := range s.view.Subject(name).Versions {
			if other.Deleted {
				continue
			}
			for _, ref := range other.References {
				ref = s.view.ResolveReference(ref)
				if ref.Subject == vv.Subject && ref.Version == vv.Number && !slices.Contains(out, other.ID) {
					out = append(out, other.ID)
				}
			}
		}
	}
	slices.Sort(out)
	return out, nil
}

// schemas lists every version of every subject (?latestOnly=true: the
// latest of each).
func (s *Server) schemas(r *request) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	deleted, latest := r.flag("deleted"), r.flag("latestOnly")
	out := []schemaJSON{}
	for _, name := range s.view.Names() {
		if !subjectPrefix(r, name) {
			continue
		}
		sv := s.view.Subject(name)
		for i, vv := range sv.Versions {
			if vv.Deleted && !deleted || latest && i != len(sv.Versions)-1 {
				continue
			}
			js, err := s.render(r, vv, true)
			if err != nil {
				return nil, err
			}
			out = append(out, js)
		}
	}
	return out, nil
}

// byID finds the versions holding an ID, live ones only unless
// ?deleted=true (an ID whose versions are all soft-deleted still
// resolves, as consumers need it).
func (s *Server) byID(r *request) ([]*registry.VersionView, error) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	all := s.view.ByID(id)
	if len(all) == 0 {
		return nil, errSchemaNotFound(r.PathValue("id"))
	}
	return all, nil
}

func live(vs []*registry.VersionView, deleted bool) []*registry.VersionView {
	var out []*registry.VersionView
	for _, v := range vs {
		if deleted || !v.Deleted {
			out = append(out, v)
		}
	}
	return out
}

// preferred is the version that answers /schemas/ids/{id}: the one of
// ?subject= when it holds the ID, else the first live one.
func preferred(r *request, vs []*registry.VersionView) *registry.VersionView {
	subject := r.URL.Query().Get("subject")
	for _, v := range vs {
		if v.Subject == subject {
			return v
		}
	}
	if l := live(vs, false); len(l) > 0 {
		return l[0]
	}
	return vs[0]
}

func (s *Server) schemaByID(r *request) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	vs, err := s.byID(r)
	if err != nil {
		return nil, err
	}
	js, err := s.render(r, preferred(r, vs), false)
	js.ID = 0
	return js, err
}

func (s *Server) schemaTextByID(r *request) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	vs, err := s.byID(r)
	if err != nil {
		return nil, err
	}
	return rawText(preferred(r, vs).Text), nil
}

func (s *Server) subjectsByID(r *request) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	vs, err := s.byID(r)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, v := range live(vs, r.flag("deleted")) {
		if !slices.Contains(out, v.Subject) {
			out = append(out, v.Subject)
		}
	}
	return out, nil
}

func (s *Server) versionsByID(r *request) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	vs, err := s.byID(r)
	if err != nil {
		return nil, err
	}
	out := []subjectVersionJSON{}
	for _, v := range live(vs, r.flag("deleted")) {
		out = append(out, subjectVersionJSON{v.Subject, v.Number})
	}
	return out, nil
}

// getConfig answers GET /config[/{subject}]: a subject without its own
// level is 40408 unless ?defaultToGlobal=true.
func (s *Server) getConfig(r *request) (any, error) {
	subject := r.PathValue("subject")
	g, err := s.store.Global()
	if err != nil {
		return nil, err
	}
	if subject == "" {
		return map[string]string{"compatibilityLevel": g.Level().String()}, nil
	}
	sub, err := s.store.Subject(subject)
	if err == nil {
		if lvl, own := sub.Config.OwnLevel(); own {
			return map[string]string{"compatibilityLevel": lvl.String()}, nil
		}
	}
	if r.flag("defaultToGlobal") {
		return map[string]string{"compatibilityLevel": g.Level().String()}, nil
	}
	return nil, &apiError{http.StatusNotFound, 40408, "Subject '" + subject + "' does not have subject-level compatibility configured"}
}

// mode is READWRITE for a writable server, else READONLY.
func (s *Server) mode(*request) (any, error) {
	if s.writable {
		return map[string]string{"mode": "READWRITE"}, nil
	}
	return map[string]string{"mode": "READONLY"}, nil
}

func (s *Server) putMode(*request) (any, error) {
	return nil, &apiError{http.StatusUnprocessableEntity, 42205, "Operation not permitted: the mode of `contractctl registry serve` is set by --writable"}
}
