package protobuf

import (
	"fmt"

	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/rules"
)

// A Check is one Protobuf rule as a value (see contract.Check): Run is
// called once per module whose selection holds the rule and registers the
// hooks it needs on the Pass, so that every check runs inside the one walk
// of each file. Rules no selection holds, or that the configuration turns
// off, register nothing.
type Check = contract.Check[*Pass]

// checkTable lists every Protobuf lint check. It is constant data.
var checkTable = []contract.CheckFunc[*Pass]{
	{ID: rules.ProtoPackageDefined, Run: runPackageDefined},
	{ID: rules.ProtoPackageDirectoryMatch, Run: runPackageDirectoryMatch},
	{ID: rules.ProtoPackageLowerSnakeCase, Run: runPackageLowerSnakeCase},
	{ID: rules.ProtoPackageVersionSuffix, Run: runPackageVersionSuffix},
	{ID: rules.ProtoSyntaxSpecified, Run: runSyntaxSpecified},
	{ID: rules.ProtoFileLowerSnakeCase, Run: runFileLowerSnakeCase},
	{ID: rules.ProtoImportNoPublic, Run: runImportNoPublic},
	{ID: rules.ProtoImportNoWeak, Run: runImportNoWeak},
	{ID: rules.ProtoImportUsed, Run: runImportUsed},
	{ID: rules.ProtoProtovalidate, Run: runProtovalidate},
	{ID: rules.ProtoMessagePascalCase, Run: runMessagePascalCase},
	{ID: rules.ProtoOneofLowerSnakeCase, Run: runOneofLowerSnakeCase},
	{ID: rules.ProtoFieldLowerSnakeCase, Run: runFieldLowerSnakeCase},
	{ID: rules.ProtoFieldNoDescriptor, Run: runFieldNoDescriptor},
	{ID: rules.ProtoFieldNotRequired, Run: runFieldNotRequired},
	{ID: rules.ProtoEnumPascalCase, Run: runEnumPascalCase},
	{ID: rules.ProtoEnumNoAllowAlias, Run: runEnumNoAllowAlias},
	{ID: rules.ProtoEnumFirstValueZero, Run: runEnumFirstValueZero},
	{ID: rules.ProtoEnumValueUpperSnakeCase, Run: runEnumValueUpperSnakeCase},
	{ID: rules.ProtoEnumValuePrefix, Run: runEnumValuePrefix},
	{ID: rules.ProtoEnumZeroValueSuffix, Run: runEnumZeroValueSuffix},
	{ID: rules.ProtoServicePascalCase, Run: runServicePascalCase},
	{ID: rules.ProtoServiceSuffix, Run: runServiceSuffix},
	{ID: rules.ProtoRpcPascalCase, Run: runRpcPascalCase},
	{ID: rules.ProtoRpcNoClientStreaming, Run: runRpcNoClientStreaming},
	{ID: rules.ProtoRpcNoServerStreaming, Run: runRpcNoServerStreaming},
	{ID: rules.ProtoRpcRequestStandardName, Run: runRpcRequestStandardName},
	{ID: rules.ProtoRpcResponseStandardName, Run: runRpcResponseStandardName},
	{ID: rules.ProtoCommentMessage, Run: runComment(hookMessage)},
	{ID: rules.ProtoCommentField, Run: runComment(hookField)},
	{ID: rules.ProtoCommentOneof, Run: runComment(hookOneof)},
	{ID: rules.ProtoCommentEnum, Run: runComment(hookEnum)},
	{ID: rules.ProtoCommentEnumValue, Run: runComment(hookEnumValue)},
	{ID: rules.ProtoCommentService, Run: runComment(hookService)},
	{ID: rules.ProtoCommentRpc, Run: runComment(hookMethod)},
	{ID: rules.ProtoDirectorySamePackage, Run: runDirectorySamePackage},
	{ID: rules.ProtoPackageSameDirectory, Run: runPackageSameDirectory},
	{ID: rules.ProtoPackageSameCsharpNamespace, Run: runPackageSameOption},
	{ID: rules.ProtoPackageSameGoPackage, Run: runPackageSameOption},
	{ID: rules.ProtoPackageSameJavaMultipleFiles, Run: runPackageSameOption},
	{ID: rules.ProtoPackageSameJavaPackage, Run: runPackageSameOption},
	{ID: rules.ProtoPackageSamePhpNamespace, Run: runPackageSameOption},
	{ID: rules.ProtoPackageSameRubyPackage, Run: runPackageSameOption},
	{ID: rules.ProtoPackageSameSwiftPrefix, Run: runPackageSameOption},
	{ID: rules.ProtoRpcRequestResponseUnique, Run: runRpcRequestResponseUnique},
	{ID: rules.ProtoPackageNoImportCycle, Run: runPackageNoImportCycle},
	{ID: rules.ProtoStablePackageNoImportUnstable, Run: runStablePackageNoImportUnstable},
	{ID: rules.PackageVersioned, Run: runPackageVersioned},
	{ID: rules.DeprecatedNeedsSunset, Run: runDeprecatedNeedsSunset},
	{ID: rules.MoneyIntegerMinorUnits, Run: runMoneyInteger},
	{ID: rules.MoneyMinorUnitsName, Run: runMoneyMinorName},
	{ID: rules.IdempotencyKeyRequired, Run: runIdempotencyKey},
}

// Checks returns every Protobuf check with its catalogue entry.
func Checks(cat *rules.Catalog) []Check { return contract.Checks(cat, checkTable) }

// Pass is what a check sees of one module: its rule, the module's lint
// options and selection, the configuration, Report, and On* methods that
// register hooks the walk of each file calls.
type Pass struct {
	Rule   rules.Rule
	Lint   *protoset.Checks
	Sel    protoset.Selection
	Config *config.Config

	h *hooks
	l *linter
}

// Element is a declaration being visited: its source path, the pointer
// findings carry, and the file it is in.
type Element struct {
	Path []int32
	Ptr  string
	file *pass
}

// Locs indexes the element's file's source info.
func (e Element) Locs() *protoset.Locations { return e.file.locs }

// File is a file being visited: its import-path-relative name and its
// descriptor.
type File struct {
	Element
	Name  string
	Proto *descriptorpb.FileDescriptorProto
}

// Import is one import statement.
type Import struct {
	Element
	Name         string
	Public, Weak bool
	Unused       bool
}

// Message is a message declaration (map entries are not visited).
type Message struct {
	Element
	M    *descriptorpb.DescriptorProto
	Full string
}

// Field is a field of a message, or an extension (Parent nil).
type Field struct {
	Element
	F      *descriptorpb.FieldDescriptorProto
	Parent *descriptorpb.DescriptorProto
	// Group is the element path of the message a proto2 group field
	// declares (nil for other fields).
	Group []int32
}

// Oneof is a oneof a message declares (not a proto3 optional's).
type Oneof struct {
	Element
	O *descriptorpb.OneofDescriptorProto
}

// Enum is an enum declaration.
type Enum struct {
	Element
	E    *descriptorpb.EnumDescriptorProto
	Full string
}

// EnumValue is a value of an enum; Index is its position.
type EnumValue struct {
	Element
	V     *descriptorpb.EnumValueDescriptorProto
	Enum  *descriptorpb.EnumDescriptorProto
	Index int
}

// Service is a service declaration.
type Service struct {
	Element
	S    *descriptorpb.ServiceDescriptorProto
	Full string
}

// Method is an RPC of a service.
type Method struct {
	Element
	M       *descriptorpb.MethodDescriptorProto
	Service *descriptorpb.ServiceDescriptorProto
}

// hooks are the callbacks the checks of one module registered.
type hooks struct {
	file      []func(File)
	imports   []func(Import)
	message   []func(Message)
	field     []func(Field)
	oneof     []func(Oneof)
	enum      []func(Enum)
	enumValue []func(EnumValue)
	service   []func(Service)
	method    []func(Method)
}

// OnFile registers f for every file of the module.
func (p *Pass) OnFile(f func(File)) { p.h.file = append(p.h.file, f) }

// OnImport registers f for every import.
func (p *Pass) OnImport(f func(Import)) { p.h.imports = append(p.h.imports, f) }

// OnMessage registers f for every message.
func (p *Pass) OnMessage(f func(Message)) { p.h.message = append(p.h.message, f) }

// OnField registers f for every field and extension.
func (p *Pass) OnField(f func(Field)) { p.h.field = append(p.h.field, f) }

// OnOneof registers f for every oneof.
func (p *Pass) OnOneof(f func(Oneof)) { p.h.oneof = append(p.h.oneof, f) }

// OnEnum registers f for every enum.
func (p *Pass) OnEnum(f func(Enum)) { p.h.enum = append(p.h.enum, f) }

// OnEnumValue registers f for every enum value.
func (p *Pass) OnEnumValue(f func(EnumValue)) { p.h.enumValue = append(p.h.enumValue, f) }

// OnService registers f for every service.
func (p *Pass) OnService(f func(Service)) { p.h.service = append(p.h.service, f) }

// OnMethod registers f for every RPC.
func (p *Pass) OnMethod(f func(Method)) { p.h.method = append(p.h.method, f) }

// OnFinish registers f to run once after every file is visited, for the
// rules that span files; it runs once per rule, whichever modules select
// it (the cross-file facts carry each file's module).
func (p *Pass) OnFinish(f func()) {
	if !p.l.finishing[p.Rule.ID] {
		p.l.finishing[p.Rule.ID] = true
		p.l.finish = append(p.l.finish, f)
	}
}

// Report records a finding of the pass's rule at the element's span (no
// position for a file-level element).
func (p *Pass) Report(at Element, format string, args ...any) {
	at.file.report(p.Rule.ID, at.Path, at.Ptr, fmt.Sprintf(format, args...))
}

// ReportAt records a finding at sp; comment directives are looked up from
// the element.
func (p *Pass) ReportAt(at Element, sp protoset.Span, format string, args ...any) {
	at.file.reportSpan(p.Rule.ID, sp, at.Path, at.Ptr, fmt.Sprintf(format, args...))
}

// hooksFor runs the checks of every rule mod's selections hold and the
// configuration leaves on.
func (l *linter) hooksFor(mod *protoset.Module, opt contract.Options) *hooks {
	h := &hooks{}
	for _, c := range Checks(l.cat) {
		if !l.sels[mod][c.Rule.ID] || opt.Off(c.Rule.ID) {
			continue
		}
		c.Run(&Pass{Rule: c.Rule, Lint: &mod.Lint, Sel: l.sels[mod], Config: l.cfg, h: h, l: l})
	}
	return h
}

// walk visits the file's declarations, calling the module's hooks.
func (p *pass) walk(h *hooks) {
	fd := p.f.Proto
	pkg := fd.GetPackage()
	for _, fn := range h.file {
		fn(File{Element{file: p, Ptr: "/"}, p.f.Name, fd})
	}
	if len(h.imports) > 0 {
		public, weak := map[int32]bool{}, map[int32]bool{}
		for _, i := range fd.PublicDependency {
			public[i] = true
		}
		for _, i := range fd.WeakDependency {
			weak[i] = true
		}
		for i, dep := range fd.Dependency {
			im := Import{Element: Element{[]int32{protoset.TagFileDependency, int32(i)}, "/imports/" + dep, p},
				Name: dep, Public: public[int32(i)], Weak: weak[int32(i)]}
			for _, u := range p.f.UnusedImports {
				im.Unused = im.Unused || u == dep
			}
			for _, fn := range h.imports {
				fn(im)
			}
		}
	}
	for i, m := range fd.MessageType {
		p.walkMessage(h, m, []int32{protoset.TagFileMessage, int32(i)}, pkg)
	}
	for i, e := range fd.EnumType {
		p.walkEnum(h, e, []int32{protoset.TagFileEnum, int32(i)}, pkg)
	}
	for i, s := range fd.Service {
		sp := []int32{protoset.TagFileService, int32(i)}
		full := join(pkg, s.GetName())
		for _, fn := range h.service {
			fn(Service{Element{sp, "/" + full, p}, s, full})
		}
		for j, m := range s.Method {
			mp := protoset.With(sp, protoset.TagServiceMethod, int32(j))
			for _, fn := range h.method {
				fn(Method{Element{mp, "/" + full + "/" + m.GetName(), p}, m, s})
			}
		}
	}
	for i, x := range fd.Extension {
		p.visitField(h, x, []int32{protoset.TagFileExtension, int32(i)}, "/"+join(pkg, x.GetName()), nil)
	}
}

func (p *pass) walkMessage(h *hooks, m *descriptorpb.DescriptorProto, mp []int32, scope string) {
	if m.GetOptions().GetMapEntry() {
		return // generated for a map field
	}
	full := join(scope, m.GetName())
	ptr := "/" + full
	for _, fn := range h.message {
		fn(Message{Element{mp, ptr, p}, m, full})
	}
	for i, f := range m.Field {
		p.visitField(h, f, protoset.With(mp, protoset.TagMsgField, int32(i)), ptr+"/"+f.GetName(), m)
	}
	for i, o := range m.OneofDecl {
		if isSyntheticOneof(m, int32(i)) {
			continue
		}
		for _, fn := range h.oneof {
			fn(Oneof{Element{protoset.With(mp, protoset.TagMsgOneof, int32(i)), ptr + "/" + o.GetName(), p}, o})
		}
	}
	for i, n := range m.NestedType {
		p.walkMessage(h, n, protoset.With(mp, protoset.TagMsgNested, int32(i)), full)
	}
	for i, e := range m.EnumType {
		p.walkEnum(h, e, protoset.With(mp, protoset.TagMsgEnum, int32(i)), full)
	}
	for i, x := range m.Extension {
		p.visitField(h, x, protoset.With(mp, protoset.TagMsgExtension, int32(i)), "/"+join(full, x.GetName()), nil)
	}
}

func (p *pass) visitField(h *hooks, f *descriptorpb.FieldDescriptorProto, fp []int32, ptr string, parent *descriptorpb.DescriptorProto) {
	if len(h.field) == 0 {
		return
	}
	fe := Field{Element: Element{fp, ptr, p}, F: f, Parent: parent}
	if parent != nil {
		fe.Group = groupPath(parent, f, fp)
	}
	for _, fn := range h.field {
		fn(fe)
	}
}

func (p *pass) walkEnum(h *hooks, e *descriptorpb.EnumDescriptorProto, ep []int32, scope string) {
	full := join(scope, e.GetName())
	ptr := "/" + full
	for _, fn := range h.enum {
		fn(Enum{Element{ep, ptr, p}, e, full})
	}
	for i, v := range e.Value {
		for _, fn := range h.enumValue {
			fn(EnumValue{Element{protoset.With(ep, protoset.TagEnumValue, int32(i)), ptr + "/" + v.GetName(), p}, v, e, i})
		}
	}
}

// isSyntheticOneof reports whether oneof i of m only wraps a proto3
// optional field.
func isSyntheticOneof(m *descriptorpb.DescriptorProto, i int32) bool {
	for _, f := range m.Field {
		if f.OneofIndex != nil && f.GetOneofIndex() == i {
			return f.GetProto3Optional()
		}
	}
	return false
}
