package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/contractctl/contractctl/internal/jsontree"
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

// kinds says what each kind is called and how a file is recognised as
// one: by a top-level key of a YAML or JSON document, or by its extension.
// Adding a contract format starts with a row here.
var kinds = [...]struct {
	name, article string
	keys          []string // top-level keys that name the kind
	ext           string   // or the extension of its files
}{
	Unknown:  {name: "unknown", article: "an"},
	OpenAPI:  {name: "OpenAPI", article: "an", keys: []string{"openapi", "swagger"}},
	AsyncAPI: {name: "AsyncAPI", article: "an", keys: []string{"asyncapi"}},
	Protobuf: {name: "Protobuf", article: "a", ext: ".proto"},
}

func (k Kind) String() string { return kinds[k].name }

// WithArticle is k's name after its indefinite article: "an OpenAPI".
func (k Kind) WithArticle() string { return kinds[k].article + " " + kinds[k].name }

// KindOfKey is the kind a document's top-level key names, or Unknown.
func KindOfKey(key string) Kind {
	for k, d := range kinds {
		if slices.Contains(d.keys, key) {
			return Kind(k)
		}
	}
	return Unknown
}

// KindOfName is the kind a file's extension names (Protobuf), or Unknown
// for files whose kind is in their content.
func KindOfName(name string) Kind {
	ext := path.Ext(name)
	for k, d := range kinds {
		if d.ext != "" && d.ext == ext {
			return Kind(k)
		}
	}
	return Unknown
}

// contractKeys lists the top-level keys that name a kind, "openapi",
// "swagger", "asyncapi".
func contractKeys() []string {
	var out []string
	for _, d := range kinds {
		out = append(out, d.keys...)
	}
	return out
}

// NotAContract is the message for a file named on the command line that
// holds no contract.
var NotAContract = "not a contract: no top-level " + englishList(contractKeys(), "or") + " key"

// englishList joins words as a sentence does: "a, b or c".
func englishList(words []string, and string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
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
	// Revision is the git revision the file was read from, as
	// load.Revisioned names it ("" for the working tree); the message ends
	// with it, so that a broken base is not mistaken for the working copy.
	Revision string
}

func (e *Error) Error() string {
	msg := e.Msg
	if e.Revision != "" {
		msg += " (in the base " + e.Revision + ")"
	}
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, msg)
	}
	return fmt.Sprintf("%s: %s", e.File, msg)
}

func (e *Error) Unwrap() error { return e.Err }

// Errors is a set of positioned input errors reported together (every
// compile error of a Protobuf run); its message has one line per error.
type Errors struct {
	Errs []*Error
}

func (e *Errors) Error() string {
	lines := make([]string, len(e.Errs))
	for i, x := range e.Errs {
		lines[i] = x.Error()
	}
	return strings.Join(lines, "\n")
}

// Renamed returns a copy of e with every file name passed through name.
func (e *Errors) Renamed(name func(string) string) *Errors {
	out := &Errors{Errs: make([]*Error, len(e.Errs))}
	for i, x := range e.Errs {
		c := *x
		c.File = name(x.File)
		out.Errs[i] = &c
	}
	return out
}

var contractKey = regexp.MustCompile(`(?m)^[ \t{]*["']?(` + strings.Join(contractKeys(), "|") + `)["']?[ \t]*:`)

// LooksLikeContract reports whether data mentions a top-level-looking
// openapi, swagger or asyncapi key: a file found by a directory walk that
// does not parse is an error only then, and skipped otherwise (a Helm
// template, a broken config file that is none of our business).
func LooksLikeContract(data []byte) bool { return contractKey.Match(data) }

// MayHoldContract reads r in bounded memory and reports whether it may
// hold a contract: whether a kind's key (openapi, swagger, asyncapi) is
// followed, after an optional quote and blanks, by a colon anywhere in it.
// Every top-level key Parse names a kind by has that shape (unless spelt
// with JSON escapes), so false means Parse would find no contract; true is
// for Parse to decide. It tells a report about to be overwritten from a
// contract without parsing the report.
func MayHoldContract(r io.Reader) (bool, error) {
	const carry = 16 // longer than a key and its quote
	buf := make([]byte, 64<<10)
	n := 0 // bytes in buf
	keys := contractKeys()
	for {
		m, err := io.ReadFull(r, buf[n:])
		n += m
		last := err != nil
		for _, key := range keys {
			for rest := buf[:n]; ; {
				i := bytes.Index(rest, []byte(key))
				if i < 0 {
					break
				}
				rest = rest[i+len(key):]
				j := 0
				if j < len(rest) && (rest[j] == '"' || rest[j] == '\'') {
					j++
				}
				for j < len(rest) && strings.IndexByte(" \t\r\n", rest[j]) >= 0 {
					j++
				}
				if j < len(rest) && rest[j] == ':' || j == len(rest) && !last {
					return true, nil // a key, or one the next chunk may finish
				}
			}
		}
		if last {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return false, nil
			}
			return false, err
		}
		n = copy(buf, buf[n-carry:n])
	}
}

// NotAContract reports whether a file that failed to load is one a
// directory walk (or --skip-non-contracts) should pass over: readable,
// with nothing that looks like a contract's top-level key.
func (l *Loader) NotAContract(name string) bool {
	data, err := l.ReadFile(name)
	return err == nil && !LooksLikeContract(data)
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// Parse parses YAML or JSON data into a File and detects its kind. name is
// used in errors and kept on the File.
func Parse(name string, data []byte) (*File, error) {
	f := &File{Name: name, Data: data}
	if k := KindOfName(name); k != Unknown {
		f.Kind = k // compiled as a set, not parsed here
		return f, nil
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) == 0 {
		return f, nil
	}
	var root *yaml.Node
	// JSON goes through the fast JSON parser. A .yaml file that merely
	// starts with { or [ is YAML flow style ({openapi: 3.0.0, ...}), which
	// strict JSON refuses: it falls back to YAML, and its errors are YAML's.
	// A .json file is JSON whatever it starts with (binary junk named .json
	// is invalid JSON, not invalid YAML).
	yamlName := !strings.EqualFold(path.Ext(name), ".json")
	isJSON := trimmed[0] == '{' || trimmed[0] == '[' || !yamlName
	if isJSON {
		if at, bad := jsontree.InvalidUTF8(data); bad && !yamlName {
			return nil, &Error{File: name, Line: at.Line, Column: at.Column, Msg: "invalid JSON: the file is not UTF-8"}
		}
		// A byte order mark is legal before YAML and common before JSON
		// written on Windows; it takes no column.
		n, err := parseJSON(bytes.TrimPrefix(data, []byte("\ufeff")))
		switch {
		case err == nil:
			root = n
		case yamlName:
			isJSON = false
		default:
			var se *jsontree.SyntaxError
			if errors.As(err, &se) {
				return nil, &Error{File: name, Line: se.Pos.Line, Column: se.Pos.Column, Msg: "invalid JSON: " + se.Msg, Err: err}
			}
			return nil, &Error{File: name, Msg: "invalid JSON: " + err.Error(), Err: err}
		}
	}
	if !isJSON {
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return nil, yamlError(name, data, err)
		}
		if len(doc.Content) > 0 {
			root = doc.Content[0]
		}
		if err := checkAliases(name, root); err != nil {
			return nil, err
		}
	}
	f.Root = root
	if root != nil && root.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if k := KindOfKey(root.Content[i].Value); k != Unknown {
				f.Kind, f.Version = k, root.Content[i+1].Value
			}
		}
	}
	return f, nil
}

func yamlError(name string, data []byte, err error) error {
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
	col := 0
	if line == 0 && !utf8.Valid(data) {
		// yaml.v3 reports encoding errors without a position: point at the
		// first byte that is not UTF-8.
		at, _ := jsontree.InvalidUTF8(data)
		line, col = at.Line, at.Column
		msg = "the file is not UTF-8 (" + msg + ")"
	}
	return &Error{File: name, Line: line, Column: col, Msg: "invalid YAML: " + msg, Err: err}
}
