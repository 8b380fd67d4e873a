package protobuf

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/bufbuild/protocompile"
	"github.com/bufbuild/protocompile/reporter"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/contractctl/contractctl/internal/compat"
)

// Schema is one compiled Protobuf schema version. It implements
// compat.Schema.
type Schema struct {
	file      string
	fd        protoreflect.FileDescriptor
	depIDs    map[string]string
	canonical string
}

var _ compat.Schema = (*Schema)(nil)

// ParseError lists every error the compiler reported, each formatted as
// "file:line:col: message".
type ParseError struct {
	Errs []error
}

func (e *ParseError) Error() string {
	lines := make([]string, len(e.Errs))
	for i, err := range e.Errs {
		lines[i] = err.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the individual compiler errors.
func (e *ParseError) Unwrap() []error { return e.Errs }

// Parse compiles the schema text data, named file, in memory. deps maps each
// import path to its text (schema references: other subjects' versions);
// google/protobuf/*.proto imports not in deps come from the compiler's
// standard imports. Compile errors are returned as a *ParseError.
func Parse(file string, data []byte, deps map[string][]byte) (*Schema, error) {
	if file == "" {
		return nil, errors.New("protobuf: parse: empty file name")
	}
	var collected []error
	rep := reporter.NewReporter(
		func(err reporter.ErrorWithPos) error {
			collected = append(collected, err)
			return nil
		},
		nil,
	)
	resolve := protocompile.ResolverFunc(func(path string) (protocompile.SearchResult, error) {
		if path == file {
			return protocompile.SearchResult{Source: bytes.NewReader(data)}, nil
		}
		if text, ok := deps[path]; ok {
			return protocompile.SearchResult{Source: bytes.NewReader(text)}, nil
		}
		return protocompile.SearchResult{}, fs.ErrNotExist
	})
	compiler := protocompile.Compiler{
		Resolver:       protocompile.WithStandardImports(resolve),
		Reporter:       rep,
		SourceInfoMode: protocompile.SourceInfoStandard,
		MaxParallelism: 1,
	}
	files, err := compiler.Compile(context.Background(), file)
	if len(collected) > 0 {
		return nil, &ParseError{Errs: collected}
	}
	if err != nil {
		var posErr reporter.ErrorWithPos
		if errors.As(err, &posErr) {
			return nil, &ParseError{Errs: []error{posErr}}
		}
		return nil, fmt.Errorf("protobuf: compile %s: %w", file, err)
	}
	if len(files) != 1 {
		return nil, fmt.Errorf("protobuf: compile %s: got %d files, want 1", file, len(files))
	}
	s := &Schema{file: file, fd: files[0], depIDs: make(map[string]string, len(deps))}
	for path, text := range deps {
		sum := sha256.Sum256(text)
		s.depIDs[path] = path + "@" + hex.EncodeToString(sum[:])
	}
	s.canonical = canonicalText(s.fd)
	return s, nil
}

// Canonical is a normalised text form of the schema: comments, formatting,
// name qualification and option syntax do not change it.
func (s *Schema) Canonical() string {
	if s == nil {
		return ""
	}
	return s.canonical
}

func (s *Schema) valid() bool { return s != nil && s.fd != nil }

// File is the schema's own file name, as given to Parse.
func (s *Schema) File() string {
	if s == nil {
		return ""
	}
	return s.file
}

// Descriptor is the compiled file.
func (s *Schema) Descriptor() protoreflect.FileDescriptor {
	if s == nil {
		return nil
	}
	return s.fd
}

// Name is Confluent's record name for the schema: "<package>.<first
// message>", falling back to the first enum; "" when the file declares
// neither.
func (s *Schema) Name() string {
	if !s.valid() {
		return ""
	}
	var first string
	switch {
	case s.fd.Messages().Len() > 0:
		first = string(s.fd.Messages().Get(0).Name())
	case s.fd.Enums().Len() > 0:
		first = string(s.fd.Enums().Get(0).Name())
	default:
		return ""
	}
	if pkg := s.fd.Package(); pkg != "" {
		return string(pkg) + "." + first
	}
	return first
}

// origin identifies the file that declares d, for deciding whether two
// referenced messages are "the same subject version" (Confluent skips
// comparing those): the schema's own file, or a dependency named by import
// path and content digest.
func (s *Schema) origin(d protoreflect.Descriptor) string {
	path := d.ParentFile().Path()
	if path == s.file {
		return "\x00self"
	}
	if id, ok := s.depIDs[path]; ok {
		return id
	}
	return path + "@builtin"
}

// position is the 1-based line and column of d in the schema's own file, or
// 0, 0 when d is nil, lives in another file or has no source info.
func (s *Schema) position(d protoreflect.Descriptor) (int, int) {
	if d == nil || d.ParentFile() == nil || d.ParentFile().Path() != s.file {
		return 0, 0
	}
	loc := s.fd.SourceLocations().ByDescriptor(d)
	if loc.Path == nil {
		return 0, 0
	}
	return loc.StartLine + 1, loc.StartColumn + 1
}

// packagePosition locates the package statement, or 0, 0.
func (s *Schema) packagePosition() (int, int) {
	loc := s.fd.SourceLocations().ByPath(protoreflect.SourcePath{2})
	if loc.Path == nil {
		return 0, 0
	}
	return loc.StartLine + 1, loc.StartColumn + 1
}

// Serialized is the schema as a binary FileDescriptorProto, the form
// Confluent's serializers ask for with ?format=serialized.
func (s *Schema) Serialized() ([]byte, error) {
	if !s.valid() {
		return nil, errors.New("protobuf: no compiled schema")
	}
	return proto.Marshal(protodesc.ToFileDescriptorProto(s.fd))
}
