package load

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Kind is what a file holds.
type Kind int

// Kinds of file.
const (
	Unknown Kind = iota
	OpenAPI
	AsyncAPI
	Protobuf
)

func (k Kind) String() string {
	switch k {
	case OpenAPI:
		return "OpenAPI"
	case AsyncAPI:
		return "AsyncAPI"
	case Protobuf:
		return "Protobuf"
	}
	return "unknown"
}

// File is one parsed YAML or JSON file.
type File struct {
	// Name is the slash-separated path as the Reader knows it.
	Name string
	Kind Kind
	// Version is the value of the openapi/swagger/asyncapi key.
	Version string
	// Root is the top-level node (a mapping for contracts); nil for an empty file.
	Root *yaml.Node
	// Data is the file's content.
	Data []byte
}

// Error is an input error at a position of a file; it prints as
// file:line:col: message.
type Error struct {
	File         string
	Line, Column int
	Msg          string
	Err          error
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// Parse parses YAML or JSON data into a File and detects its kind. name is
// used in errors and kept on the File.
func Parse(name string, data []byte) (*File, error) {
	f := &File{Name: name, Data: data}
	if path.Ext(name) == ".proto" {
		f.Kind = Protobuf
		return f, nil
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) == 0 {
		return f, nil
	}
	var root *yaml.Node
	if trimmed[0] == '{' || trimmed[0] == '[' {
		n, err := parseJSON(data)
		if err != nil {
			var se *syntaxError
			if errors.As(err, &se) {
				return nil, &Error{File: name, Line: se.line, Column: se.col, Msg: "invalid JSON: " + se.msg, Err: err}
			}
			return nil, &Error{File: name, Msg: "invalid JSON: " + err.Error(), Err: err}
		}
		root = n
	} else {
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return nil, yamlError(name, err)
		}
		if len(doc.Content) > 0 {
			root = doc.Content[0]
		}
	}
	f.Root = root
	if root != nil && root.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(root.Content); i += 2 {
			switch root.Content[i].Value {
			case "openapi", "swagger":
				f.Kind, f.Version = OpenAPI, root.Content[i+1].Value
			case "asyncapi":
				f.Kind, f.Version = AsyncAPI, root.Content[i+1].Value
			}
		}
	}
	return f, nil
}

func yamlError(name string, err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = "yaml: " + te.Errors[0]
	}
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
		msg = m[2]
	}
	msg = strings.ReplaceAll(msg, "\n", " ")
	return &Error{File: name, Line: line, Msg: "invalid YAML: " + msg, Err: err}
}
