package protobuf

import (
	"path"
	"strings"

	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/contractctl/contractctl/internal/protoset"
)

func packageAt(f File) Element {
	return Element{[]int32{protoset.TagFilePackage}, "/package", f.file}
}

func runPackageDefined(p *Pass) {
	p.OnFile(func(f File) {
		if f.Proto.Package == nil {
			p.Report(f.Element, "Files must have a package defined.")
		}
	})
}

func runPackageDirectoryMatch(p *Pass) {
	p.OnFile(func(f File) {
		pkg := f.Proto.GetPackage()
		if want, dir := strings.ReplaceAll(pkg, ".", "/"), path.Dir(f.Name); f.Proto.Package != nil && want != dir {
			p.Report(packageAt(f), "Files with package %q must be within a directory %q relative to root but were in directory %q.", pkg, want, dirOrDot(dir))
		}
	})
}

func runPackageLowerSnakeCase(p *Pass) {
	p.OnFile(func(f File) {
		pkg := f.Proto.GetPackage()
		for _, c := range strings.Split(pkg, ".") {
			if f.Proto.Package != nil && !isLowerSnake(c) {
				p.Report(packageAt(f), "Package name %q should be lower_snake.case, such as %q.", pkg, lowerSnakePkg(pkg))
				return
			}
		}
	})
}

func runPackageVersionSuffix(p *Pass) {
	p.OnFile(func(f File) {
		pkg := f.Proto.GetPackage()
		if f.Proto.Package != nil && (!strings.Contains(pkg, ".") || !versionSuffix.MatchString(protoset.LastComponent(pkg))) {
			p.Report(packageAt(f), "Package name %q should be suffixed with a correctly formed version, such as %q.", pkg, pkg+".v1")
		}
	})
}

func runSyntaxSpecified(p *Pass) {
	p.OnFile(func(f File) {
		if f.Proto.Syntax == nil && f.Proto.Edition == nil && !f.Locs().Has(protoset.TagFileSyntax) {
			p.Report(f.Element, "Files must have a syntax explicitly specified. If no syntax is specified, the file defaults to \"proto2\".")
		}
	})
}

func runFileLowerSnakeCase(p *Pass) {
	p.OnFile(func(f File) {
		if base := strings.TrimSuffix(path.Base(f.Name), ".proto"); !isLowerSnake(base) {
			p.Report(f.Element, "Filename %q should be lower_snake_case.proto, such as %q.", path.Base(f.Name), lowerSnake(base)+".proto")
		}
	})
}

func runImportNoPublic(p *Pass) {
	p.OnImport(func(im Import) {
		if im.Public {
			p.Report(im.Element, "Import %q must not be public.", im.Name)
		}
	})
}

func runImportNoWeak(p *Pass) {
	p.OnImport(func(im Import) {
		if im.Weak {
			p.Report(im.Element, "Import %q must not be weak.", im.Name)
		}
	})
}

func runImportUsed(p *Pass) {
	p.OnImport(func(im Import) {
		if im.Unused {
			p.Report(im.Element, "Import %q is unused.", im.Name)
		}
	})
}

func dirOrDot(d string) string {
	if d == "" {
		return "."
	}
	return d
}

func lowerSnakePkg(pkg string) string {
	parts := strings.Split(pkg, ".")
	for i, c := range parts {
		parts[i] = lowerSnake(c)
	}
	return strings.Join(parts, ".")
}

func join(scope, name string) string {
	if scope == "" {
		return name
	}
	return scope + "." + name
}

func runMessagePascalCase(p *Pass) {
	p.OnMessage(func(m Message) {
		if name := m.M.GetName(); !isPascal(name) {
			p.Report(nameOf(m.Element, protoset.TagMsgName), "Message name %q should be PascalCase, such as %q.", name, pascal(name))
		}
	})
}

// nameOf is the element's name (or another of its parts) as an element,
// for findings reported there.
func nameOf(e Element, tag ...int32) Element {
	e.Path = protoset.With(e.Path, tag...)
	return e
}

func runOneofLowerSnakeCase(p *Pass) {
	p.OnOneof(func(o Oneof) {
		if name := o.O.GetName(); !isLowerSnake(name) {
			p.Report(nameOf(o.Element, protoset.TagOneofName), "Oneof name %q should be lower_snake_case, such as %q.", name, lowerSnake(name))
		}
	})
}

// reportField reports at a field's name; a group's leading comment
// belongs to its message, so directives there cover the field too.
func reportField(p *Pass, f Field, sp protoset.Span, format string, args ...any) {
	if f.Group != nil && !p.Lint.DisallowCommentIgnores && commentIgnored(f.Locs(), f.Group, p.Rule.ID) {
		return
	}
	p.ReportAt(f.Element, sp, format, args...)
}

func fieldNameSpan(f Field) protoset.Span {
	return f.Locs().First(protoset.With(f.Path, protoset.TagFieldName), f.Path)
}

func runFieldLowerSnakeCase(p *Pass) {
	p.OnField(func(f Field) {
		if name := f.F.GetName(); !isLowerSnake(name) {
			reportField(p, f, fieldNameSpan(f), "Field name %q should be lower_snake_case, such as %q.", name, lowerSnake(name))
		}
	})
}

func runFieldNoDescriptor(p *Pass) {
	p.OnField(func(f Field) {
		if name := f.F.GetName(); strings.ToLower(strings.Trim(name, "_")) == "descriptor" {
			reportField(p, f, fieldNameSpan(f), "Field name %q cannot be any capitalization of \"descriptor\" with any number of prefix or suffix underscores.", name)
		}
	})
}

func runFieldNotRequired(p *Pass) {
	p.OnField(func(f Field) {
		if f.F.GetLabel() == descriptorpb.FieldDescriptorProto_LABEL_REQUIRED ||
			f.F.GetOptions().GetFeatures().GetFieldPresence() == descriptorpb.FeatureSet_LEGACY_REQUIRED {
			reportField(p, f, fieldNameSpan(f), "Field named %s should not be required.", f.F.GetName())
		}
	})
}

// groupPath is the element path of the message a proto2 group field of
// parent declares (nil for other fields).
func groupPath(parent *descriptorpb.DescriptorProto, f *descriptorpb.FieldDescriptorProto, fp []int32) []int32 {
	if f.GetType() != descriptorpb.FieldDescriptorProto_TYPE_GROUP || len(fp) < 2 {
		return nil
	}
	for i, n := range parent.GetNestedType() {
		if strings.HasSuffix(f.GetTypeName(), "."+n.GetName()) {
			return protoset.With(fp[:len(fp)-2], protoset.TagMsgNested, int32(i))
		}
	}
	return nil
}

func runEnumPascalCase(p *Pass) {
	p.OnEnum(func(e Enum) {
		if name := e.E.GetName(); !isPascal(name) {
			p.Report(nameOf(e.Element, protoset.TagEnumName), "Enum name %q should be PascalCase, such as %q.", name, pascal(name))
		}
	})
}

func runEnumNoAllowAlias(p *Pass) {
	p.OnEnum(func(e Enum) {
		if !e.E.GetOptions().GetAllowAlias() {
			return
		}
		at := e.Element
		if op := protoset.With(e.Path, protoset.TagEnumOptions, 2); e.Locs().Has(op...) {
			at.Path = op // a directive on the option covers it
		}
		p.Report(at, "Enum option \"allow_alias\" on enum %q must be false.", e.E.GetName())
	})
}

func runEnumFirstValueZero(p *Pass) {
	p.OnEnumValue(func(v EnumValue) {
		if v.Index == 0 && v.V.GetNumber() != 0 {
			p.ReportAt(v.Element, v.Locs().First(protoset.With(v.Path, protoset.TagValueNumber), v.Path),
				"First enum value %q should have a numeric value of 0", v.V.GetName())
		}
	})
}

func runEnumValueUpperSnakeCase(p *Pass) {
	p.OnEnumValue(func(v EnumValue) {
		if name := v.V.GetName(); !isUpperSnake(name) {
			p.Report(nameOf(v.Element, protoset.TagValueName), "Enum value name %q should be UPPER_SNAKE_CASE, such as %q.", name, upperSnake(name))
		}
	})
}

func runEnumValuePrefix(p *Pass) {
	p.OnEnumValue(func(v EnumValue) {
		if prefix := upperSnake(v.Enum.GetName()) + "_"; !strings.HasPrefix(v.V.GetName(), prefix) {
			p.Report(nameOf(v.Element, protoset.TagValueName), "Enum value name %q should be prefixed with %q.", v.V.GetName(), prefix)
		}
	})
}

func runEnumZeroValueSuffix(p *Pass) {
	suffix := p.Lint.EnumZeroValueSuffix
	if suffix == "" {
		suffix = "_UNSPECIFIED"
	}
	p.OnEnumValue(func(v EnumValue) {
		if v.V.GetNumber() == 0 && !strings.HasSuffix(v.V.GetName(), suffix) {
			p.Report(nameOf(v.Element, protoset.TagValueName), "Enum zero value name %q should be suffixed with %q.", v.V.GetName(), suffix)
		}
	})
}

func runServicePascalCase(p *Pass) {
	p.OnService(func(s Service) {
		if name := s.S.GetName(); !isPascal(name) {
			p.Report(nameOf(s.Element, protoset.TagServiceName), "Service name %q should be PascalCase, such as %q.", name, pascal(name))
		}
	})
}

func runServiceSuffix(p *Pass) {
	suffix := p.Lint.ServiceSuffix
	if suffix == "" {
		suffix = "Service"
	}
	p.OnService(func(s Service) {
		if !strings.HasSuffix(s.S.GetName(), suffix) {
			p.Report(nameOf(s.Element, protoset.TagServiceName), "Service name %q should be suffixed with %q.", s.S.GetName(), suffix)
		}
	})
}

func runRpcPascalCase(p *Pass) {
	p.OnMethod(func(m Method) {
		if name := m.M.GetName(); !isPascal(name) {
			p.Report(nameOf(m.Element, protoset.TagMethodName), "RPC name %q should be PascalCase, such as %q.", name, pascal(name))
		}
	})
}

func runRpcNoClientStreaming(p *Pass) {
	p.OnMethod(func(m Method) {
		if m.M.GetClientStreaming() {
			p.Report(m.Element, "RPC %q is client streaming.", m.M.GetName())
		}
	})
}

func runRpcNoServerStreaming(p *Pass) {
	p.OnMethod(func(m Method) {
		if m.M.GetServerStreaming() {
			p.Report(m.Element, "RPC %q is server streaming.", m.M.GetName())
		}
	})
}

func runRpcRequestStandardName(p *Pass) {
	p.OnMethod(func(m Method) {
		in := strings.TrimPrefix(m.M.GetInputType(), ".")
		rpc, svc, name := pascal(m.M.GetName()), pascal(m.Service.GetName()), protoset.LastComponent(in)
		if !(in == emptyType && p.Lint.RPCAllowEmptyRequests) && name != rpc+"Request" && name != svc+rpc+"Request" {
			p.Report(nameOf(m.Element, protoset.TagMethodInput), "RPC request type %q should be named %q or %q.", name, rpc+"Request", svc+rpc+"Request")
		}
	})
}

func runRpcResponseStandardName(p *Pass) {
	p.OnMethod(func(m Method) {
		out := strings.TrimPrefix(m.M.GetOutputType(), ".")
		rpc, svc, name := pascal(m.M.GetName()), pascal(m.Service.GetName()), protoset.LastComponent(out)
		if !(out == emptyType && p.Lint.RPCAllowEmptyResponses) && name != rpc+"Response" && name != svc+rpc+"Response" {
			p.Report(nameOf(m.Element, protoset.TagMethodOutput), "RPC response type %q should be named %q or %q.", name, rpc+"Response", svc+rpc+"Response")
		}
	})
}

const emptyType = "google.protobuf.Empty"

// hookKind names the declarations a COMMENT_* rule documents.
type hookKind int

const (
	hookMessage hookKind = iota
	hookField
	hookOneof
	hookEnum
	hookEnumValue
	hookService
	hookMethod
)

// runComment builds the check of a COMMENT_* rule: the declaration has a
// leading comment other than ignore directives (a group is documented as
// its message, so its field is not asked for one).
func runComment(kind hookKind) func(*Pass) {
	return func(p *Pass) {
		check := func(e Element, what, name string) {
			if !hasRealComment(e.Locs().Leading(e.Path...)) {
				p.Report(e, "%s %q should have a non-empty comment for documentation.", what, name)
			}
		}
		switch kind {
		case hookMessage:
			p.OnMessage(func(m Message) { check(m.Element, "Message", m.M.GetName()) })
		case hookField:
			p.OnField(func(f Field) {
				if f.Group == nil {
					check(f.Element, "Field", f.F.GetName())
				}
			})
		case hookOneof:
			p.OnOneof(func(o Oneof) { check(o.Element, "Oneof", o.O.GetName()) })
		case hookEnum:
			p.OnEnum(func(e Enum) { check(e.Element, "Enum", e.E.GetName()) })
		case hookEnumValue:
			p.OnEnumValue(func(v EnumValue) { check(v.Element, "Enum value", v.V.GetName()) })
		case hookService:
			p.OnService(func(s Service) { check(s.Element, "Service", s.S.GetName()) })
		case hookMethod:
			p.OnMethod(func(m Method) { check(m.Element, "RPC", m.M.GetName()) })
		}
	}
}

func hasRealComment(c string) bool {
	for line := range strings.SplitSeq(c, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "buf:lint:ignore") {
			continue
		}
		return true
	}
	return false
}

// pascal converts s to PascalCase for messages.
func pascal(s string) string {
	var b strings.Builder
	up := true
	for _, r := range strings.TrimFunc(s, isDelim) {
		if isDelim(r) {
			up = true
			continue
		}
		if up {
			b.WriteString(strings.ToUpper(string(r)))
		} else {
			b.WriteRune(r)
		}
		up = false
	}
	return b.String()
}
