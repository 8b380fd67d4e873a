// Package serve serves a file-backed registry over Confluent Schema
// Registry's REST API, so that Kafka clients' serializers, tests and
// tools can use the schemas kept in the repository.
//
// The server reads the registry whole when it starts and answers reads
// from memory. Read-only by default: registering a new schema, changing
// the configuration and deleting are refused with Confluent's 42205
// "operation not permitted" (registering a schema the subject already
// holds answers with its ID, as a lookup would, so that serializers that
// register on first use work). Writable, it writes through to the files
// with Store's locked, atomic, compatibility-checked operations.
package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/contractctl/contractctl/registry"
)

// ContentType is Confluent Schema Registry's media type.
const ContentType = "application/vnd.schemaregistry.v1+json"

// maxBody bounds a request body (Confluent's default schema size limit is
// far below it).
const maxBody = 16 << 20

// Options configure a Server.
type Options struct {
	Store *registry.Store
	// Writable lets requests register schemas, change levels and delete.
	Writable bool
	// Log receives one line per request (nil: none).
	Log io.Writer
}

// Server is an http.Handler serving Confluent's REST API over a Store.
type Server struct {
	store    *registry.Store
	writable bool
	log      io.Writer
	logMu    sync.Mutex
	mux      *http.ServeMux

	mu   sync.RWMutex // guards view
	view *registry.View
	// subjectLocks serialise the writes to one subject (each a locked
	// Store operation, then a re-read of the subject into the view), so
	// that the view never goes back to an older state of a subject;
	// writes to different subjects run in parallel.
	subjectLocks sync.Map // subject → *sync.Mutex

	parsed parseCache
}

// New reads the registry and returns its server, with the versions it
// could not read (they are not served). A writable server records the IDs
// of versions that have none in ids.yaml first.
func New(opt Options) (*Server, []registry.Problem, error) {
	view, probs, err := opt.Store.View(opt.Writable)
	if err != nil {
		return nil, nil, err
	}
	s := &Server{store: opt.Store, writable: opt.Writable, log: opt.Log, view: view, mux: http.NewServeMux()}
	s.parsed.entries = map[string]parsedEntry{}
	s.routes()
	return s, probs, nil
}

func (s *Server) routes() {
	for _, r := range []struct {
		pattern string
		h       func(*request) (any, error)
	}{
		{"GET /{$}", func(*request) (any, error) { return struct{}{}, nil }},
		{"GET /health", s.health},
		{"GET /subjects", s.subjects},
		{"GET /subjects/{subject}/versions", s.versions},
		{"POST /subjects/{subject}/versions", s.register},
		{"GET /subjects/{subject}/versions/{version}", s.version},
		{"GET /subjects/{subject}/versions/{version}/schema", s.versionSchema},
		{"GET /subjects/{subject}/versions/{version}/referencedby", s.referencedBy},
		{"POST /subjects/{subject}", s.lookup},
		{"DELETE /subjects/{subject}", s.deleteSubject},
		{"DELETE /subjects/{subject}/versions/{version}", s.deleteVersion},
		{"GET /schemas", s.schemas},
		{"GET /schemas/types", func(*request) (any, error) { return []string{"JSON", "PROTOBUF", "AVRO"}, nil }},
		{"GET /schemas/ids/{id}", s.schemaByID},
		{"GET /schemas/ids/{id}/schema", s.schemaTextByID},
		{"GET /schemas/ids/{id}/subjects", s.subjectsByID},
		{"GET /schemas/ids/{id}/versions", s.versionsByID},
		{"POST /compatibility/subjects/{subject}/versions/{version}", s.compatibility},
		{"POST /compatibility/subjects/{subject}/versions", s.compatibility},
		{"GET /config", s.getConfig},
		{"PUT /config", s.putConfig},
		{"DELETE /config", s.deleteConfig},
		{"GET /config/{subject}", s.getConfig},
		{"PUT /config/{subject}", s.putConfig},
		{"DELETE /config/{subject}", s.deleteConfig},
		{"GET /mode", s.mode},
		{"GET /mode/{subject}", s.mode},
		{"PUT /mode", s.putMode},
		{"PUT /mode/{subject}", s.putMode},
	} {
		h := r.h
		s.mux.HandleFunc(r.pattern, func(w http.ResponseWriter, hr *http.Request) {
			s.respond(w, hr, h)
		})
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, hr *http.Request) {
		s.respond(w, hr, func(*request) (any, error) {
			return nil, &apiError{http.StatusNotFound, http.StatusNotFound, "HTTP 404 Not Found"}
		})
	})
}

// ServeHTTP answers one request and logs it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	s.mux.ServeHTTP(rec, r)
	if s.log != nil {
		s.logMu.Lock()
		fmt.Fprintf(s.log, "%s %s %s %d %dB %s\n", start.UTC().Format(time.RFC3339Nano), r.Method, r.URL.RequestURI(), rec.status, rec.bytes, time.Since(start).Round(time.Microsecond))
		s.logMu.Unlock()
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status, bytes int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// request is what a handler reads.
type request struct {
	*http.Request
}

// flag reads a boolean query parameter.
func (r *request) flag(name string) bool {
	v, _ := strconv.ParseBool(r.URL.Query().Get(name))
	return v
}

// decode reads the JSON body into v.
func (r *request) decode(v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	if err := dec.Decode(v); err != nil {
		return &apiError{http.StatusBadRequest, http.StatusBadRequest, "Unrecognized request body: " + err.Error()}
	}
	return nil
}

// rawText is a response sent as it is (the /schema endpoints).
type rawText []byte

func (s *Server) respond(w http.ResponseWriter, hr *http.Request, h func(*request) (any, error)) {
	out, err := h(&request{hr})
	w.Header().Set("Content-Type", ContentType)
	if err != nil {
		var ae *apiError
		if !errors.As(err, &ae) {
			ae = storeError(err)
		}
		body, _ := json.Marshal(map[string]any{"error_code": ae.code, "message": ae.msg})
		w.WriteHeader(ae.status)
		w.Write(append(body, '\n'))
		return
	}
	if raw, ok := out.(rawText); ok {
		w.Write(raw)
		return
	}
	body, err := json.Marshal(out)
	if err != nil {
		ae := storeError(err)
		w.WriteHeader(ae.status)
		fmt.Fprintf(w, `{"error_code":%d,"message":%q}`+"\n", ae.code, ae.msg)
		return
	}
	w.Write(body)
}

// health reports that the server is up and how much it serves.
func (s *Server) health(*request) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return map[string]any{"status": "UP", "subjects": len(s.view.Names()), "writable": s.writable}, nil
}

// parseVersion reads a version path segment: 1..2^31-1, "latest" or -1
// (0 is returned for the latest).
func parseVersion(v string) (int, error) {
	if v == "latest" || v == "-1" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil || n < 1 {
		return 0, &apiError{http.StatusUnprocessableEntity, 42202, fmt.Sprintf("The specified version '%s' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"", v)}
	}
	return int(n), nil
}

func parseID(v string) (int, error) {
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil || n < 1 {
		return 0, errSchemaNotFound(v)
	}
	return int(n), nil
}

// subjectPrefix filters names by ?subjectPrefix=.
func subjectPrefix(r *request, name string) bool {
	p := r.URL.Query().Get("subjectPrefix")
	return p == "" || strings.HasPrefix(name, p)
}
