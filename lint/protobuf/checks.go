package protobuf

import (
	"fmt"
	"path"
	"strings"

	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/rules"
)

// checkFile runs the per-file buf rules.
func (p *pass) checkFile() {
	fd := p.f.Proto
	pkg := fd.GetPackage()
	pkgPtr := "/package"
	if fd.Package == nil {
		p.report(rules.ProtoPackageDefined, nil, "/", "Files must have a package defined.")
	} else {
		if dir := path.Dir(p.f.Name); strings.ReplaceAll(pkg, ".", "/") != dir {
			want := strings.ReplaceAll(pkg, ".", "/")
			p.report(rules.ProtoPackageDirectoryMatch, []int32{protoset.TagFilePackage}, pkgPtr,
				fmt.Sprintf("Files with package %q must be within a directory %q relative to root but were in directory %q.", pkg, want, dirOrDot(dir)))
		}
		for _, c := range strings.Split(pkg, ".") {
			if !isLowerSnake(c) {
				p.report(rules.ProtoPackageLowerSnakeCase, []int32{protoset.TagFilePackage}, pkgPtr,
					fmt.Sprintf("Package name %q should be lower_snake.case, such as %q.", pkg, lowerSnakePkg(pkg)))
				break
			}
		}
		if !strings.Contains(pkg, ".") || !versionSuffix.MatchString(protoset.LastComponent(pkg)) {
			p.report(rules.ProtoPackageVersionSuffix, []int32{protoset.TagFilePackage}, pkgPtr,
				fmt.Sprintf("Package name %q should be suffixed with a correctly formed version, such as %q.", pkg, pkg+".v1"))
		}
	}
	if fd.Syntax == nil && fd.Edition == nil && !p.locs.Has(protoset.TagFileSyntax) {
		p.report(rules.ProtoSyntaxSpecified, nil, "/", "Files must have a syntax explicitly specified. If no syntax is specified, the file defaults to \"proto2\".")
	}
	base := strings.TrimSuffix(path.Base(p.f.Name), ".proto")
	if !isLowerSnake(base) {
		p.report(rules.ProtoFileLowerSnakeCase, nil, "/",
			fmt.Sprintf("Filename %q should be lower_snake_case.proto, such as %q.", path.Base(p.f.Name), lowerSnake(base)+".proto"))
	}
	public := map[int32]bool{}
	for _, i := range fd.PublicDependency {
		public[i] = true
	}
	weak := map[int32]bool{}
	for _, i := range fd.WeakDependency {
		weak[i] = true
	}
	for i, dep := range fd.Dependency {
		ip := []int32{protoset.TagFileDependency, int32(i)}
		ptr := "/imports/" + dep
		if public[int32(i)] {
			p.report(rules.ProtoImportNoPublic, ip, ptr, fmt.Sprintf("Import %q must not be public.", dep))
		}
		if weak[int32(i)] {
			p.report(rules.ProtoImportNoWeak, ip, ptr, fmt.Sprintf("Import %q must not be weak.", dep))
		}
		for _, u := range p.f.UnusedImports {
			if u == dep {
				p.report(rules.ProtoImportUsed, ip, ptr, fmt.Sprintf("Import %q is unused.", dep))
			}
		}
	}
	for i, m := range fd.MessageType {
		p.message(m, []int32{protoset.TagFileMessage, int32(i)}, pkg)
	}
	for i, e := range fd.EnumType {
		p.enum(e, []int32{protoset.TagFileEnum, int32(i)}, pkg)
	}
	for i, s := range fd.Service {
		p.service(s, []int32{protoset.TagFileService, int32(i)}, pkg)
	}
	for i, x := range fd.Extension {
		p.field(x, []int32{protoset.TagFileExtension, int32(i)}, pkg, nil)
	}
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

func (p *pass) message(m *descriptorpb.DescriptorProto, mp []int32, scope string) {
	full := join(scope, m.GetName())
	ptr := "/" + full
	if !m.GetOptions().GetMapEntry() {
		if !isPascal(m.GetName()) {
			p.report(rules.ProtoMessagePascalCase, protoset.With(mp, protoset.TagMsgName), ptr,
				fmt.Sprintf("Message name %q should be PascalCase, such as %q.", m.GetName(), pascal(m.GetName())))
		}
		p.comment(rules.ProtoCommentMessage, mp, ptr, "Message", m.GetName())
	}
	for i, f := range m.Field {
		p.field(f, protoset.With(mp, protoset.TagMsgField, int32(i)), full, m)
	}
	for i, o := range m.OneofDecl {
		op := protoset.With(mp, protoset.TagMsgOneof, int32(i))
		if isSyntheticOneof(m, int32(i)) {
			continue
		}
		optr := ptr + "/" + o.GetName()
		if !isLowerSnake(o.GetName()) {
			p.report(rules.ProtoOneofLowerSnakeCase, protoset.With(op, protoset.TagOneofName), optr,
				fmt.Sprintf("Oneof name %q should be lower_snake_case, such as %q.", o.GetName(), lowerSnake(o.GetName())))
		}
		p.comment(rules.ProtoCommentOneof, op, optr, "Oneof", o.GetName())
	}
	for i, n := range m.NestedType {
		p.message(n, protoset.With(mp, protoset.TagMsgNested, int32(i)), full)
	}
	for i, e := range m.EnumType {
		p.enum(e, protoset.With(mp, protoset.TagMsgEnum, int32(i)), full)
	}
	for i, x := range m.Extension {
		p.field(x, protoset.With(mp, protoset.TagMsgExtension, int32(i)), full, nil)
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

func (p *pass) field(f *descriptorpb.FieldDescriptorProto, fp []int32, scope string, parent *descriptorpb.DescriptorProto) {
	ptr := "/" + scope + "/" + f.GetName()
	if f.Extendee != nil {
		ptr = "/" + join(scope, f.GetName())
	}
	if parent != nil && parent.GetOptions().GetMapEntry() {
		return
	}
	// A group's leading comment belongs to its message: directives there
	// cover the field too, and the group is documented as a message.
	group := p.groupPath(f, fp)
	report := func(rule string, sp protoset.Span, msg string) {
		if group != nil && !p.mod.Lint.DisallowCommentIgnores && commentIgnored(p.locs, group, rule) {
			return
		}
		p.reportSpan(rule, sp, fp, ptr, msg)
	}
	namePath := protoset.With(fp, protoset.TagFieldName)
	if !isLowerSnake(f.GetName()) {
		report(rules.ProtoFieldLowerSnakeCase, p.locs.Span(namePath...),
			fmt.Sprintf("Field name %q should be lower_snake_case, such as %q.", f.GetName(), lowerSnake(f.GetName())))
	}
	if strings.ToLower(strings.Trim(f.GetName(), "_")) == "descriptor" {
		report(rules.ProtoFieldNoDescriptor, p.locs.Span(namePath...),
			fmt.Sprintf("Field name %q cannot be any capitalization of \"descriptor\" with any number of prefix or suffix underscores.", f.GetName()))
	}
	if f.GetLabel() == descriptorpb.FieldDescriptorProto_LABEL_REQUIRED ||
		f.GetOptions().GetFeatures().GetFieldPresence() == descriptorpb.FeatureSet_LEGACY_REQUIRED {
		report(rules.ProtoFieldNotRequired, p.locs.First(namePath, fp),
			fmt.Sprintf("Field named %s should not be required.", f.GetName()))
	}
	if group == nil {
		p.comment(rules.ProtoCommentField, fp, ptr, "Field", f.GetName())
	}
}

func (p *pass) enum(e *descriptorpb.EnumDescriptorProto, ep []int32, scope string) {
	full := join(scope, e.GetName())
	ptr := "/" + full
	if !isPascal(e.GetName()) {
		p.report(rules.ProtoEnumPascalCase, protoset.With(ep, protoset.TagEnumName), ptr,
			fmt.Sprintf("Enum name %q should be PascalCase, such as %q.", e.GetName(), pascal(e.GetName())))
	}
	if e.GetOptions().GetAllowAlias() {
		op := protoset.With(ep, protoset.TagEnumOptions, 2)
		if !p.locs.Has(op...) {
			op = ep
		}
		p.reportSpan(rules.ProtoEnumNoAllowAlias, p.locs.Span(op...), op, ptr,
			fmt.Sprintf("Enum option \"allow_alias\" on enum %q must be false.", e.GetName()))
	}
	p.comment(rules.ProtoCommentEnum, ep, ptr, "Enum", e.GetName())
	prefix := upperSnake(e.GetName()) + "_"
	suffix := p.mod.Lint.EnumZeroValueSuffix
	if suffix == "" {
		suffix = "_UNSPECIFIED"
	}
	for i, v := range e.Value {
		vp := protoset.With(ep, protoset.TagEnumValue, int32(i))
		vptr := ptr + "/" + v.GetName()
		if i == 0 && v.GetNumber() != 0 {
			p.reportSpan(rules.ProtoEnumFirstValueZero, p.locs.First(protoset.With(vp, protoset.TagValueNumber), vp), vp, vptr,
				fmt.Sprintf("First enum value %q should have a numeric value of 0", v.GetName()))
		}
		if !isUpperSnake(v.GetName()) {
			p.report(rules.ProtoEnumValueUpperSnakeCase, protoset.With(vp, protoset.TagValueName), vptr,
				fmt.Sprintf("Enum value name %q should be UPPER_SNAKE_CASE, such as %q.", v.GetName(), upperSnake(v.GetName())))
		}
		if !strings.HasPrefix(v.GetName(), prefix) {
			p.report(rules.ProtoEnumValuePrefix, protoset.With(vp, protoset.TagValueName), vptr,
				fmt.Sprintf("Enum value name %q should be prefixed with %q.", v.GetName(), prefix))
		}
		if v.GetNumber() == 0 && !strings.HasSuffix(v.GetName(), suffix) {
			p.report(rules.ProtoEnumZeroValueSuffix, protoset.With(vp, protoset.TagValueName), vptr,
				fmt.Sprintf("Enum zero value name %q should be suffixed with %q.", v.GetName(), suffix))
		}
		p.comment(rules.ProtoCommentEnumValue, vp, vptr, "Enum value", v.GetName())
	}
}

func (p *pass) service(s *descriptorpb.ServiceDescriptorProto, sp []int32, pkg string) {
	full := join(pkg, s.GetName())
	ptr := "/" + full
	if !isPascal(s.GetName()) {
		p.report(rules.ProtoServicePascalCase, protoset.With(sp, protoset.TagServiceName), ptr,
			fmt.Sprintf("Service name %q should be PascalCase, such as %q.", s.GetName(), pascal(s.GetName())))
	}
	suffix := p.mod.Lint.ServiceSuffix
	if suffix == "" {
		suffix = "Service"
	}
	if !strings.HasSuffix(s.GetName(), suffix) {
		p.report(rules.ProtoServiceSuffix, protoset.With(sp, protoset.TagServiceName), ptr,
			fmt.Sprintf("Service name %q should be suffixed with %q.", s.GetName(), suffix))
	}
	p.comment(rules.ProtoCommentService, sp, ptr, "Service", s.GetName())
	for i, m := range s.Method {
		mp := protoset.With(sp, protoset.TagServiceMethod, int32(i))
		mptr := ptr + "/" + m.GetName()
		if !isPascal(m.GetName()) {
			p.report(rules.ProtoRpcPascalCase, protoset.With(mp, protoset.TagMethodName), mptr,
				fmt.Sprintf("RPC name %q should be PascalCase, such as %q.", m.GetName(), pascal(m.GetName())))
		}
		if m.GetClientStreaming() {
			p.report(rules.ProtoRpcNoClientStreaming, mp, mptr, fmt.Sprintf("RPC %q is client streaming.", m.GetName()))
		}
		if m.GetServerStreaming() {
			p.report(rules.ProtoRpcNoServerStreaming, mp, mptr, fmt.Sprintf("RPC %q is server streaming.", m.GetName()))
		}
		p.comment(rules.ProtoCommentRpc, mp, mptr, "RPC", m.GetName())
		in, out := strings.TrimPrefix(m.GetInputType(), "."), strings.TrimPrefix(m.GetOutputType(), ".")
		inName, outName := protoset.LastComponent(in), protoset.LastComponent(out)
		rpcName, svcName := pascal(m.GetName()), pascal(s.GetName())
		if !(in == emptyType && p.mod.Lint.RPCAllowEmptyRequests) &&
			inName != rpcName+"Request" && inName != svcName+rpcName+"Request" {
			p.report(rules.ProtoRpcRequestStandardName, protoset.With(mp, protoset.TagMethodInput), mptr,
				fmt.Sprintf("RPC request type %q should be named %q or %q.", inName, rpcName+"Request", svcName+rpcName+"Request"))
		}
		if !(out == emptyType && p.mod.Lint.RPCAllowEmptyResponses) &&
			outName != rpcName+"Response" && outName != svcName+rpcName+"Response" {
			p.report(rules.ProtoRpcResponseStandardName, protoset.With(mp, protoset.TagMethodOutput), mptr,
				fmt.Sprintf("RPC response type %q should be named %q or %q.", outName, rpcName+"Response", svcName+rpcName+"Response"))
		}
	}
}

const emptyType = "google.protobuf.Empty"

// comment reports a COMMENT_* rule when the element has no leading comment
// other than ignore directives.
func (p *pass) comment(rule string, ep []int32, ptr, kind, name string) {
	if !p.sel[rule] {
		return
	}
	if hasRealComment(p.locs.Leading(ep...)) {
		return
	}
	p.report(rule, ep, ptr, fmt.Sprintf("%s %q should have a non-empty comment for documentation.", kind, name))
}

// groupPath is the element path of the message a proto2 group field
// declares (nil for other fields).
func (p *pass) groupPath(f *descriptorpb.FieldDescriptorProto, fp []int32) []int32 {
	if f.GetType() != descriptorpb.FieldDescriptorProto_TYPE_GROUP || len(fp) < 2 || fp[len(fp)-2] != protoset.TagMsgField {
		return nil
	}
	parent := p.messageAt(fp[:len(fp)-2])
	for i, n := range parent.GetNestedType() {
		if "."+n.GetName() == f.GetTypeName()[strings.LastIndexByte(f.GetTypeName(), '.'):] {
			return protoset.With(fp[:len(fp)-2], protoset.TagMsgNested, int32(i))
		}
	}
	return nil
}

// messageAt is the message at element path mp.
func (p *pass) messageAt(mp []int32) *descriptorpb.DescriptorProto {
	var m *descriptorpb.DescriptorProto
	ms := p.f.Proto.GetMessageType()
	for i := 0; i+1 < len(mp); i += 2 {
		if int(mp[i+1]) >= len(ms) {
			return nil
		}
		m = ms[mp[i+1]]
		ms = m.GetNestedType()
	}
	return m
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
