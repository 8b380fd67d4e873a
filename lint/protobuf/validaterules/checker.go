// Package validaterules checks that protovalidate (buf.validate) rules are
// well-formed, as buf's PROTOVALIDATE lint rule does: rules fit the field
// they are on, CEL expressions compile to a bool or a string, bounds do not
// contradict each other, examples satisfy the rules, and predefined rules
// compile. It reads linked descriptors (protoreflect) and reports each
// problem at a path inside the declaration's options.
package validaterules

import (
	"fmt"
	"strings"
	"sync"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"buf.build/go/protovalidate"
	pvcel "buf.build/go/protovalidate/cel"
	"cel.dev/cel-go/cel"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/dynamicpb"
)

// ValidateProto is the file that declares protovalidate's options.
const ValidateProto = "buf/validate/validate.proto"

// Report receives one problem: the paths it concerns, each relative to the
// declaration's options message (the option's extension number first),
// and what is wrong. Paths that fall on one source span are one finding.
type Report func(paths [][]int32, msg string)

// A Checker holds what is shared by the checks of one lint run: the CEL
// environment (one per file, with the types the file can see), the
// extensions the linted files declare (for predefined rules), and the
// validator examples are run through. It is safe for concurrent use.
type Checker struct {
	base *cel.Env
	ext  *extensions

	mu        sync.Mutex
	envs      map[string]*cel.Env
	validator protovalidate.Validator
}

// New returns a Checker.
func New() (*Checker, error) {
	base, err := cel.NewEnv(cel.Lib(pvcel.NewLibrary()))
	if err != nil {
		return nil, fmt.Errorf("protovalidate CEL environment: %w", err)
	}
	return &Checker{base: base, ext: &extensions{byNum: map[extKey]protoreflect.ExtensionType{}, byName: map[protoreflect.FullName]protoreflect.ExtensionType{}, seen: map[string]bool{}}, envs: map[string]*cel.Env{}}, nil
}

// Uses reports whether fd can carry protovalidate options: it imports
// buf/validate/validate.proto, directly or through public imports.
func Uses(fd protoreflect.FileDescriptor) bool { return imports(fd, false) }

func imports(fd protoreflect.FileDescriptor, publicOnly bool) bool {
	imps := fd.Imports()
	for i := range imps.Len() {
		if im := imps.Get(i); (im.IsPublic || !publicOnly) && (im.Path() == ValidateProto || imports(im.FileDescriptor, true)) {
			return true
		}
	}
	return false
}

// File prepares the checks of fd's declarations (call Release after
// them): its extensions and those of what it imports become known to
// predefined-rule resolution.
func (c *Checker) File(fd protoreflect.FileDescriptor) {
	c.ext.add(fd)
}

// Release drops what was kept for fd's checks (its CEL environment).
func (c *Checker) Release(fd protoreflect.FileDescriptor) {
	c.mu.Lock()
	delete(c.envs, fd.Path())
	c.mu.Unlock()
}

// env returns the CEL environment with the types fd and its imports
// declare (built once per file: registering types is costly).
func (c *Checker) env(fd protoreflect.FileDescriptor) (*cel.Env, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.envs[fd.Path()]; ok {
		return e, nil
	}
	var files []any
	for _, f := range closure(fd) {
		files = append(files, f)
	}
	e, err := c.base.Extend(cel.TypeDescs(files...))
	if err != nil {
		return nil, fmt.Errorf("%s: CEL types: %w", fd.Path(), err)
	}
	c.envs[fd.Path()] = e
	return e, nil
}

// exampleValidator is the validator examples are checked with, made once
// the first file needs it.
func (c *Checker) exampleValidator() (protovalidate.Validator, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.validator == nil {
		v, err := protovalidate.New(protovalidate.WithExtensionTypeResolver(c.ext))
		if err != nil {
			return nil, fmt.Errorf("protovalidate validator: %w", err)
		}
		c.validator = v
	}
	return c.validator, nil
}

// closure is fd and every file it imports, transitively.
func closure(fd protoreflect.FileDescriptor) []protoreflect.FileDescriptor {
	seen := map[string]bool{fd.Path(): true}
	out := []protoreflect.FileDescriptor{fd}
	for i := 0; i < len(out); i++ {
		imps := out[i].Imports()
		for j := range imps.Len() {
			if f := imps.Get(j).FileDescriptor; !seen[f.Path()] {
				seen[f.Path()] = true
				out = append(out, f)
			}
		}
	}
	return out
}

type extKey struct {
	msg protoreflect.FullName
	num protoreflect.FieldNumber
}

// extensions resolves the extensions of the linked files (predefined
// rules extend buf.validate's rule messages).
type extensions struct {
	mu     sync.RWMutex
	byNum  map[extKey]protoreflect.ExtensionType
	byName map[protoreflect.FullName]protoreflect.ExtensionType
	seen   map[string]bool
}

func (x *extensions) add(fd protoreflect.FileDescriptor) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, f := range closure(fd) {
		if x.seen[f.Path()] {
			continue
		}
		x.seen[f.Path()] = true
		eachExtension(f, func(xd protoreflect.ExtensionDescriptor) {
			if !isRulesMessage(xd.ContainingMessage()) {
				return
			}
			xt := dynamicpb.NewExtensionType(xd)
			x.byNum[extKey{xd.ContainingMessage().FullName(), xd.Number()}] = xt
			x.byName[xd.FullName()] = xt
		})
	}
}

func (x *extensions) FindExtensionByName(name protoreflect.FullName) (protoreflect.ExtensionType, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if xt, ok := x.byName[name]; ok {
		return xt, nil
	}
	return protoregistry.GlobalTypes.FindExtensionByName(name)
}

func (x *extensions) FindExtensionByNumber(msg protoreflect.FullName, num protoreflect.FieldNumber) (protoreflect.ExtensionType, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if xt, ok := x.byNum[extKey{msg, num}]; ok {
		return xt, nil
	}
	return protoregistry.GlobalTypes.FindExtensionByNumber(msg, num)
}

// eachExtension calls f for every extension fd declares, at any depth.
func eachExtension(fd protoreflect.FileDescriptor, f func(protoreflect.ExtensionDescriptor)) {
	var inMsgs func(protoreflect.MessageDescriptors)
	inMsgs = func(ms protoreflect.MessageDescriptors) {
		for i := range ms.Len() {
			m := ms.Get(i)
			for j := range m.Extensions().Len() {
				f(m.Extensions().Get(j))
			}
			inMsgs(m.Messages())
		}
	}
	for i := range fd.Extensions().Len() {
		f(fd.Extensions().Get(i))
	}
	inMsgs(fd.Messages())
}

// isRulesMessage reports whether md is one of buf.validate's rule messages
// (buf.validate.StringRules, …), which predefined rules extend.
func isRulesMessage(md protoreflect.MessageDescriptor) bool {
	name := md.FullName()
	return name.Parent() == "buf.validate" && strings.HasSuffix(string(name.Name()), "Rules") &&
		validate.File_buf_validate_validate_proto.Messages().ByName(name.Name()) != nil
}
