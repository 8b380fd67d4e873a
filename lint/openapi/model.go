package openapi

import (
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/internal/load"
)

// Version is the dialect of a document.
type Version int

// Versions the checks distinguish. OAS31 also covers 3.2, whose changes do
// not touch the house rules.
const (
	Swagger2 Version = iota + 1
	OAS30
	OAS31
)

func (v Version) String() string {
	switch v {
	case Swagger2:
		return "Swagger 2.0"
	case OAS30:
		return "OpenAPI 3.0"
	case OAS31:
		return "OpenAPI 3.1"
	}
	return "unknown version"
}

// Context is where an operation or response is declared.
type Context int

// Contexts.
const (
	InPaths      Context = iota // under paths: operations the API serves
	InWebhook                   // under webhooks (3.1): requests the API sends
	InCallback                  // under a callbacks object: requests the API sends
	InComponents                // a reusable component, outside any operation
)

// Document is the root of one OpenAPI description, with the facts several
// checks need computed once before the walk.
type Document struct {
	File    *load.File
	Root    *yaml.Node
	Version Version
	// Servers are the root server URLs with variables replaced by their
	// defaults; for Swagger 2.0, scheme://host/basePath per scheme (or
	// just basePath when there are no schemes).
	Servers []string
	// Security is the global security requirement list, nil when absent.
	Security *yaml.Node
	// SecuritySchemes names every scheme under components.securitySchemes
	// (securityDefinitions in 2.0).
	SecuritySchemes map[string]bool
}

// PathItem is one entry of paths, webhooks or a callback.
type PathItem struct {
	Loc
	Path    string // the template, webhook name or callback expression
	Node    *yaml.Node
	Context Context
}

// Operation is one HTTP method of a path item.
type Operation struct {
	Loc     // at the method key
	Node    *yaml.Node
	Method  string // upper case
	Path    string
	Context Context
	// PathKey is the path template's key node (nil for webhooks).
	PathItem *PathItem
	// Parameters are the effective parameters: the path item's, overridden
	// by the operation's of the same name and location, all resolved.
	Parameters []*Parameter
	// Body is the JSON schema of the request body (3.x requestBody with a
	// JSON media type, or a 2.0 body parameter); nil when there is none.
	Body *Schema
	// BodyLoc is where the request body is named (requestBody key or the
	// body parameter); its File is nil when there is no body.
	BodyLoc Loc
}

// Name is how messages name the operation: "POST /v1/payments".
func (o *Operation) Name() string {
	switch o.Context {
	case InWebhook:
		return "webhook " + o.Path + " " + o.Method
	case InCallback:
		return "callback " + o.Method + " " + o.Path
	}
	return o.Method + " " + o.Path
}

// Header finds an effective header parameter by name, case-insensitively.
func (o *Operation) Header(name string) *Parameter {
	for _, p := range o.Parameters {
		if p.In == "header" && strings.EqualFold(p.Name, name) {
			return p
		}
	}
	return nil
}

// Parameter is a resolved parameter object, located where it is written.
type Parameter struct {
	Loc
	Node     *yaml.Node
	Name, In string
	Required bool
}

// Response is a resolved response object used under a status code (Status
// is "" for a component visited on its own).
type Response struct {
	Loc
	Node    *yaml.Node
	Status  string
	Context Context
	// headers holds the declared header names, lower-cased.
	headers map[string]bool
}

// HasHeader reports whether the response declares any of names
// (case-insensitively).
func (r *Response) HasHeader(names ...string) bool {
	for _, n := range names {
		if r.headers[strings.ToLower(n)] {
			return true
		}
	}
	return false
}

// Schema is a schema object, located where it is written.
type Schema struct {
	Loc
	Node *yaml.Node
}

// Server is one server URL (or, in Swagger 2.0, one scheme).
type Server struct {
	Loc
	URL string
}

// SecurityScheme is a named security scheme definition.
type SecurityScheme struct {
	Loc
	Name string
	Node *yaml.Node
}

// Example is one scalar value inside an example, examples, default or
// example-object value; Loc.Key is the scalar itself, Name the key it is
// written under inside the value ("" at the top).
type Example struct {
	Loc
	Name  string
	Value string
}
