package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/internal/confine"
)

// Reader reads a file by slash-separated name: the working tree (Dir) or a
// git revision.
type Reader interface {
	ReadFile(name string) ([]byte, error)
}

// Revisioned is implemented by a Reader of a revision other than the
// working tree (a git base): errors in its files say which revision they
// are in, so that a broken base file is not mistaken for the working copy.
type Revisioned interface {
	Revision() string
}

// RevisionOf is the revision r reads ("" for the working tree).
func RevisionOf(r Reader) string {
	if rv, ok := r.(Revisioned); ok {
		return rv.Revision()
	}
	return ""
}

// Dir reads files below a directory of the working tree; names are
// relative to it ("" or "." is the current directory).
type Dir string

// ReadFile reads name below d.
func (d Dir) ReadFile(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(string(d), filepath.FromSlash(name)))
}

// Contains reports whether name, read below d, stays below d once the
// symlinks of both are resolved: a $ref or an import through a symlinked
// file or directory must not read outside the repository.
func (d Dir) Contains(name string) bool {
	return confine.Inside(string(d), filepath.Join(string(d), filepath.FromSlash(name)))
}

// Container is implemented by a Reader whose names can lead outside its
// root through symlinks (the working tree, Dir).
type Container interface {
	Contains(name string) bool
}

// Inside reports whether name stays inside r's root: it does not climb out
// with "..", and, for the working tree, no symlink on its way leads out.
func Inside(r Reader, name string) bool {
	name = path.Clean(name)
	if name == ".." || strings.HasPrefix(name, "../") || path.IsAbs(name) {
		return false
	}
	if c, ok := r.(Container); ok {
		return c.Contains(name)
	}
	return true
}

// Files is a Reader over files held in memory, by slash-separated name
// (a deleted document's empty tree, test inputs).
type Files map[string]string

// ReadFile returns the named file, or an fs.ErrNotExist path error.
func (m Files) ReadFile(name string) ([]byte, error) {
	if s, ok := m[name]; ok {
		return []byte(s), nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Loader parses each file once and resolves $refs between them. It is safe
// for concurrent use.
type Loader struct {
	src Reader
	// root bounds relative $refs: a name that leaves it (after cleaning)
	// is refused. Names are relative to the Reader, so root is a prefix
	// such as "" (the whole reader) or "../" never.
	root string
	// AllowRemote permits http(s) $refs; they are still not fetched by
	// this package, only reported as unsupported instead of refused.
	AllowRemote bool

	mu    sync.Mutex
	files map[string]*entry
	// inside caches Inside per referenced file name.
	inside map[string]bool
}

type entry struct {
	once sync.Once
	file *File
	err  error
}

// NewLoader reads through src. root is the slash-separated prefix that
// $refs may not leave ("" for the reader's root, e.g. the repository root
// when the reader is the repository).
func NewLoader(src Reader, root string) *Loader {
	root = path.Clean("/" + root)[1:]
	return &Loader{src: src, root: root, files: map[string]*entry{}, inside: map[string]bool{}}
}

// Load reads and parses name (once per Loader).
func (l *Loader) Load(name string) (*File, error) {
	name = path.Clean(name)
	l.mu.Lock()
	e, ok := l.files[name]
	if !ok {
		e = &entry{}
		l.files[name] = e
	}
	l.mu.Unlock()
	e.once.Do(func() {
		data, err := l.src.ReadFile(name)
		if err != nil {
			e.err = &Error{File: name, Msg: "cannot read: " + describe(err), Err: err, Revision: RevisionOf(l.src)}
			return
		}
		e.file, e.err = Parse(name, data)
		var le *Error
		if errors.As(e.err, &le) {
			le.Revision = RevisionOf(l.src)
		}
	})
	return e.file, e.err
}

func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "no such file"
	}
	return err.Error()
}

// Reader is the reader the loader reads through.
func (l *Loader) Reader() Reader { return l.src }

// ReadFile reads a file's bytes through the loader's reader without
// parsing or caching it.
func (l *Loader) ReadFile(name string) ([]byte, error) {
	return l.src.ReadFile(path.Clean(name))
}

// Unchanged reports whether name has the same bytes through base as in
// head and, in head, sees no other file through a $ref — so everything
// derived from it alone (findings, a diff) is the same on both sides. head
// parses the file (once, cached); base only reads it.
func Unchanged(base, head *Loader, name string) bool {
	hf, err := head.Load(name)
	if err != nil {
		return false
	}
	data, err := base.ReadFile(name)
	return err == nil && bytes.Equal(data, hf.Data) && !HasExternalRefs(hf.Root)
}

// HasExternalRefs reports whether any $ref under n names another file.
func HasExternalRefs(n *yaml.Node) bool {
	n = Deref(n)
	if n == nil {
		return false
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "$ref" {
				if v := n.Content[i+1]; v.Kind == yaml.ScalarNode && !strings.HasPrefix(v.Value, "#") {
					return true
				}
			}
		}
	}
	for _, c := range n.Content {
		if HasExternalRefs(c) {
			return true
		}
	}
	return false
}

// Target is what a $ref resolves to.
type Target struct {
	File    *File
	Pointer string
	// Key is the node naming the target (its mapping key), Node its value.
	Key, Node *yaml.Node
}

// RefError is a $ref that cannot be resolved, at the $ref's position.
type RefError = Error

// Resolve resolves ref as written at node at in file from. Local refs
// ("#/components/schemas/X"), relative file refs ("common.yaml#/X",
// "schemas/money.yaml") resolve; a file ref that leaves the loader's root
// and a remote ref are refused. The error names from's file and the
// position of at.
func (l *Loader) Resolve(from *File, at *yaml.Node, ref string) (Target, error) {
	fail := func(msg string, err error) (Target, error) {
		e := &Error{File: from.Name, Msg: msg, Err: err}
		if at != nil {
			e.Line, e.Column = at.Line, at.Column
		}
		return Target{}, e
	}
	filePart, frag, _ := strings.Cut(ref, "#")
	target := from
	if filePart != "" {
		if strings.HasPrefix(filePart, "http://") || strings.HasPrefix(filePart, "https://") {
			if l.AllowRemote {
				return fail(fmt.Sprintf("remote $ref %q: fetching remote references is not supported", ref), nil)
			}
			return fail(fmt.Sprintf("remote $ref %q is not fetched (pass --allow-remote-refs to allow it)", ref), nil)
		}
		if strings.Contains(filePart, "://") || path.IsAbs(filePart) || filepath.IsAbs(filePart) {
			return fail(fmt.Sprintf("$ref %q: only relative file references are allowed", ref), nil)
		}
		name := path.Clean(path.Join(path.Dir(from.Name), filePart))
		if !l.contains(name) {
			return fail(fmt.Sprintf("$ref %q leaves the repository root; refused", ref), nil)
		}
		if !l.resolvesInside(name) {
			return fail(fmt.Sprintf("$ref %q leads out of the repository through a symlink; refused", ref), nil)
		}
		f, err := l.Load(name)
		if err != nil {
			var le *Error
			if errors.As(err, &le) && le.Line > 0 {
				return Target{}, err // a parse error of the referenced file, positioned there
			}
			return fail(fmt.Sprintf("$ref %q: cannot read %s: %s", ref, name, describeLoad(err)), err)
		}
		target = f
	}
	if frag != "" && !strings.HasPrefix(frag, "/") {
		return fail(fmt.Sprintf("$ref %q: only JSON pointer fragments are supported", ref), nil)
	}
	key, node := Lookup(target.Root, frag)
	if node == nil {
		return fail(fmt.Sprintf("$ref %q does not resolve", ref), nil)
	}
	return Target{File: target, Pointer: frag, Key: key, Node: node}, nil
}

func describeLoad(err error) string {
	var le *Error
	if errors.As(err, &le) {
		return strings.TrimPrefix(le.Msg, "cannot read: ")
	}
	return err.Error()
}

// resolvesInside reports (once per name) whether name stays inside the
// reader's root with symlinks resolved.
func (l *Loader) resolvesInside(name string) bool {
	l.mu.Lock()
	ok, seen := l.inside[name]
	l.mu.Unlock()
	if !seen {
		ok = Inside(l.src, name)
		l.mu.Lock()
		l.inside[name] = ok
		l.mu.Unlock()
	}
	return ok
}

// contains reports whether name is below the loader's root, lexically.
func (l *Loader) contains(name string) bool {
	if name == ".." || strings.HasPrefix(name, "../") {
		return false
	}
	if l.root == "" || l.root == "." {
		return true
	}
	return name == l.root || strings.HasPrefix(name, l.root+"/")
}

// Ref returns the $ref string of a node that is a reference object, or "".
func Ref(n *yaml.Node) string {
	v := Value(n, "$ref")
	if v == nil || v.Kind != yaml.ScalarNode {
		return ""
	}
	return v.Value
}

// Follow resolves n while it is a reference object, up to a bound, and
// returns the final target; for a non-reference n it returns n itself in
// file f. Cycles of pure references are an error.
func (l *Loader) Follow(f *File, pointer string, n *yaml.Node) (Target, error) {
	t := Target{File: f, Pointer: pointer, Node: n}
	for range 64 {
		ref := Ref(t.Node)
		if ref == "" {
			return t, nil
		}
		at, _ := Get(t.Node, "$ref")
		next, err := l.Resolve(t.File, at, ref)
		if err != nil {
			return Target{}, err
		}
		t = next
	}
	return Target{}, &Error{File: f.Name, Line: n.Line, Column: n.Column, Msg: "$ref chain too long or circular"}
}
