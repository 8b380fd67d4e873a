package serve

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/contractctl/contractctl/registry"
)

// apiError is one of Confluent's error answers: an HTTP status and a body
// {"error_code": code, "message": msg}.
type apiError struct {
	status, code int
	msg          string
}

func (e *apiError) Error() string { return e.msg }

func errSubjectNotFound(subject string) error {
	return &apiError{http.StatusNotFound, 40401, fmt.Sprintf("Subject '%s' not found.", subject)}
}

func errVersionNotFound(version string) error {
	return &apiError{http.StatusNotFound, 40402, fmt.Sprintf("Version %s not found.", version)}
}

func errSchemaNotFound(id string) error {
	if id == "" {
		return &apiError{http.StatusNotFound, 40403, "Schema not found"}
	}
	return &apiError{http.StatusNotFound, 40403, fmt.Sprintf("Schema %s not found", id)}
}

func errNotPermitted(what string) error {
	return &apiError{http.StatusUnprocessableEntity, 42205, "Operation not permitted: " + what + ": the registry is served read-only (start `contractctl registry serve` with --writable to write through to the files)"}
}

func errInvalidSchema(err error) error {
	return &apiError{http.StatusUnprocessableEntity, 42201, "Invalid schema: " + oneLine(err.Error())}
}

func errInvalidLevel() error {
	return &apiError{http.StatusUnprocessableEntity, 42203, "Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive"}
}

// storeError maps the errors of Store operations to Confluent's.
func storeError(err error) *apiError {
	var ie *registry.InvalidSchemaError
	switch {
	case errors.As(err, &ie):
		return errInvalidSchema(ie.Err).(*apiError)
	case errors.Is(err, registry.ErrOtherFormat):
		return &apiError{http.StatusConflict, 409, "Schema being registered is incompatible with an earlier schema; Incompatible because of different schema type: " + err.Error()}
	case errors.Is(err, registry.ErrReferenced):
		return &apiError{http.StatusUnprocessableEntity, 42206, oneLine(err.Error())}
	case errors.Is(err, registry.ErrNoSubject):
		return &apiError{http.StatusNotFound, 40401, oneLine(err.Error())}
	case errors.Is(err, registry.ErrNoVersion):
		return &apiError{http.StatusNotFound, 40402, oneLine(err.Error())}
	case errors.Is(err, registry.ErrInvalidSubject):
		return &apiError{http.StatusUnprocessableEntity, 42208, "The specified subject is not valid: " + err.Error()}
	}
	return &apiError{http.StatusInternalServerError, 50001, "Error in the backend data store: " + oneLine(err.Error())}
}

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
