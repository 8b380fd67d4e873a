package protobuf

import (
	"fmt"
	"slices"
	"strings"

	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/rules"
)

func with(p []int32, more ...int32) []int32 { return protoset.With(p, more...) }

// compareFile runs every rule anchored in one head file.
func (p *filePass) compareFile() {
	fd := p.fd
	name := fd.GetName()
	pkg := fd.GetPackage()
	if bfd := p.c.base.files[name]; bfd != nil {
		p.compareFileLevel(bfd)
		// A file that changed package reports FILE_SAME_PACKAGE alone, as
		// buf does: its elements now have other names.
		if bfd.GetPackage() == fd.GetPackage() {
			p.fileDeletions(bfd)
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
}

func syntaxName(fd *descriptorpb.FileDescriptorProto) string {
	switch fd.GetSyntax() {
	case "", "proto2":
		return "proto2"
	case "editions":
		return "edition " + strings.TrimPrefix(fd.GetEdition().String(), "EDITION_")
	}
	return fd.GetSyntax()
}

// fileOption is a file option FILE_SAME_* compares.
type fileOption struct {
	rule, name string
	tag        int32
	get        func(*descriptorpb.FileOptions) string
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func boolOpt(p *bool, def bool) string {
	if p == nil {
		return fmt.Sprint(def)
	}
	return fmt.Sprint(*p)
}

var fileOptions = []fileOption{
	{rules.ProtoFileSameCcEnableArenas, "cc_enable_arenas", 31, func(o *descriptorpb.FileOptions) string { return boolOpt(o.CcEnableArenas, true) }},
	{rules.ProtoFileSameCcGenericServices, "cc_generic_services", 16, func(o *descriptorpb.FileOptions) string { return boolOpt(o.CcGenericServices, false) }},
	{rules.ProtoFileSameCsharpNamespace, "csharp_namespace", 37, func(o *descriptorpb.FileOptions) string { return str(o.CsharpNamespace) }},
	{rules.ProtoFileSameGoPackage, "go_package", 11, func(o *descriptorpb.FileOptions) string { return str(o.GoPackage) }},
	{rules.ProtoFileSameJavaGenericServices, "java_generic_services", 17, func(o *descriptorpb.FileOptions) string { return boolOpt(o.JavaGenericServices, false) }},
	{rules.ProtoFileSameJavaMultipleFiles, "java_multiple_files", 10, func(o *descriptorpb.FileOptions) string { return boolOpt(o.JavaMultipleFiles, false) }},
	{rules.ProtoFileSameJavaOuterClassname, "java_outer_classname", 8, func(o *descriptorpb.FileOptions) string { return str(o.JavaOuterClassname) }},
	{rules.ProtoFileSameJavaPackage, "java_package", 1, func(o *descriptorpb.FileOptions) string { return str(o.JavaPackage) }},
	{rules.ProtoFileSameObjcClassPrefix, "objc_class_prefix", 36, func(o *descriptorpb.FileOptions) string { return str(o.ObjcClassPrefix) }},
	{rules.ProtoFileSameOptimizeFor, "optimize_for", 9, func(o *descriptorpb.FileOptions) string { return o.GetOptimizeFor().String() }},
	{rules.ProtoFileSamePhpClassPrefix, "php_class_prefix", 40, func(o *descriptorpb.FileOptions) string { return str(o.PhpClassPrefix) }},
	{rules.ProtoFileSamePhpMetadataNamespace, "php_metadata_namespace", 44, func(o *descriptorpb.FileOptions) string { return str(o.PhpMetadataNamespace) }},
	{rules.ProtoFileSamePhpNamespace, "php_namespace", 41, func(o *descriptorpb.FileOptions) string { return str(o.PhpNamespace) }},
	{rules.ProtoFileSamePyGenericServices, "py_generic_services", 18, func(o *descriptorpb.FileOptions) string { return boolOpt(o.PyGenericServices, false) }},
	{rules.ProtoFileSameRubyPackage, "ruby_package", 45, func(o *descriptorpb.FileOptions) string { return str(o.RubyPackage) }},
	{rules.ProtoFileSameSwiftPrefix, "swift_prefix", 39, func(o *descriptorpb.FileOptions) string { return str(o.SwiftPrefix) }},
}

func (p *filePass) compareFileLevel(bfd *descriptorpb.FileDescriptorProto) {
	fd := p.fd
	if bfd.GetPackage() != fd.GetPackage() {
		p.report(rules.ProtoFileSamePackage, []int32{protoset.TagFilePackage}, "/package",
			fmt.Sprintf("File package changed from %q to %q.", bfd.GetPackage(), fd.GetPackage()))
	}
	if b, h := syntaxName(bfd), syntaxName(fd); b != h {
		at := []int32{protoset.TagFileSyntax}
		if fd.GetSyntax() == "editions" {
			at = []int32{protoset.TagFileEdition}
		}
		p.report(rules.ProtoFileSameSyntax, at, "/syntax", fmt.Sprintf("File syntax changed from %q to %q.", b, h))
	}
	bo, ho := bfd.GetOptions(), fd.GetOptions()
	if bo == nil {
		bo = &descriptorpb.FileOptions{}
	}
	if ho == nil {
		ho = &descriptorpb.FileOptions{}
	}
	for _, o := range fileOptions {
		if b, h := o.get(bo), o.get(ho); b != h {
			p.report(o.rule, []int32{protoset.TagFileOptions, o.tag}, "/options/"+o.name,
				fmt.Sprintf("File option %q changed from %q to %q.", o.name, b, h))
		}
	}
}

// fileDeletions reports elements of the base file missing from the head
// file, anchored on the closest enclosing element that still exists.
func (p *filePass) fileDeletions(bfd *descriptorpb.FileDescriptorProto) {
	head := newIndex(map[string]*descriptorpb.FileDescriptorProto{p.fd.GetName(): p.fd}, map[string]string{p.fd.GetName(): p.path})
	paths := declPaths(p.fd)
	pkg := bfd.GetPackage()
	anchor := func(full string) []int32 {
		for parent := parentName(full); parent != "" && parent != pkg; parent = parentName(parent) {
			if at, ok := paths[parent]; ok {
				return at
			}
		}
		return nil
	}
	var walk func(scope string, ms []*descriptorpb.DescriptorProto)
	walk = func(scope string, ms []*descriptorpb.DescriptorProto) {
		for _, m := range ms {
			full := join(scope, m.GetName())
			if _, ok := head.msgs[full]; !ok && !m.GetOptions().GetMapEntry() {
				at := anchor(full)
				p.reportAt(rules.ProtoMessageNoDelete, at, spanOf(p.locs, at), "/"+full,
					fmt.Sprintf("Previously present message %q was deleted from file.", full), baseLoc(p, full))
			}
			for _, e := range m.EnumType {
				ef := join(full, e.GetName())
				if _, ok := head.enums[ef]; !ok {
					at := anchor(ef)
					p.reportAt(rules.ProtoEnumNoDelete, at, spanOf(p.locs, at), "/"+ef,
						fmt.Sprintf("Previously present enum %q was deleted from file.", ef), baseLoc(p, ef))
				}
			}
			for _, x := range m.Extension {
				xf := join(full, x.GetName())
				if _, ok := head.exts[xf]; !ok {
					at := anchor(xf)
					p.reportAt(rules.ProtoExtensionNoDelete, at, spanOf(p.locs, at), "/"+xf,
						fmt.Sprintf("Previously present extension %q was deleted from file.", xf), baseLoc(p, xf))
				}
			}
			walk(full, m.NestedType)
		}
	}
	walk(pkg, bfd.MessageType)
	for _, e := range bfd.EnumType {
		if ef := join(pkg, e.GetName()); head.enums[ef].enum == nil {
			p.reportAt(rules.ProtoEnumNoDelete, nil, protoset.Span{}, "/"+ef,
				fmt.Sprintf("Previously present enum %q was deleted from file.", ef), baseLoc(p, ef))
		}
	}
	for _, s := range bfd.Service {
		if sf := join(pkg, s.GetName()); head.services[sf] == nil {
			p.reportAt(rules.ProtoServiceNoDelete, nil, protoset.Span{}, "/"+sf,
				fmt.Sprintf("Previously present service %q was deleted from file.", sf), baseLoc(p, sf))
		}
	}
	for _, x := range bfd.Extension {
		if xf := join(pkg, x.GetName()); head.exts[xf] == "" {
			p.reportAt(rules.ProtoExtensionNoDelete, nil, protoset.Span{}, "/"+xf,
				fmt.Sprintf("Previously present extension %q was deleted from file.", xf), baseLoc(p, xf))
		}
	}
}

func baseLoc(p *filePass, pointer string) *finding.Location {
	return &finding.Location{File: p.c.base.paths[p.fd.GetName()], Pointer: "/" + strings.TrimPrefix(pointer, "/")}
}

// spanOf is the span of the element at path; nil has none.
func spanOf(l *protoset.Locations, path []int32) protoset.Span {
	if len(path) == 0 {
		return protoset.Span{}
	}
	return l.Span(path...)
}

func parentName(full string) string {
	if i := strings.LastIndexByte(full, '.'); i >= 0 {
		return full[:i]
	}
	return ""
}

// declPaths maps the full name of every message in fd to its element path.
func declPaths(fd *descriptorpb.FileDescriptorProto) map[string][]int32 {
	out := map[string][]int32{}
	var walk func(scope string, ms []*descriptorpb.DescriptorProto, at []int32, tag int32)
	walk = func(scope string, ms []*descriptorpb.DescriptorProto, at []int32, tag int32) {
		for i, m := range ms {
			full := join(scope, m.GetName())
			mp := with(at, tag, int32(i))
			out[full] = mp
			walk(full, m.NestedType, mp, protoset.TagMsgNested)
		}
	}
	walk(fd.GetPackage(), fd.MessageType, nil, protoset.TagFileMessage)
	return out
}

// message compares a head message with the base message of the same name,
// then its nested types.
func (p *filePass) message(m *descriptorpb.DescriptorProto, mp []int32, scope string) {
	full := join(scope, m.GetName())
	if b, ok := p.c.base.msgs[full]; ok {
		p.compareMessage(b, m, mp, full)
	}
	for i, n := range m.NestedType {
		p.message(n, with(mp, protoset.TagMsgNested, int32(i)), full)
	}
	for i, e := range m.EnumType {
		p.enum(e, with(mp, protoset.TagMsgEnum, int32(i)), full)
	}
}

func (p *filePass) compareMessage(b msgRef, m *descriptorpb.DescriptorProto, mp []int32, full string) {
	ptr := "/" + full
	bm := b.msg
	headFields := map[int32]int{}
	for i, f := range m.Field {
		headFields[f.GetNumber()] = i
	}
	for _, bf := range bm.Field {
		i, ok := headFields[bf.GetNumber()]
		if !ok {
			p.deletedField(bm, m, mp, bf, full)
			continue
		}
		p.compareField(b, bf, m, m.Field[i], with(mp, protoset.TagMsgField, int32(i)), full)
	}
	// Oneofs by name.
	headOneofs := map[string]bool{}
	for _, o := range m.OneofDecl {
		headOneofs[o.GetName()] = true
	}
	for i, o := range bm.OneofDecl {
		if !headOneofs[o.GetName()] && !isSyntheticOneof(bm, int32(i)) {
			p.report(rules.ProtoOneofNoDelete, mp, ptr,
				fmt.Sprintf("Previously present oneof %q on message %q was deleted.", o.GetName(), m.GetName()))
		}
	}
	// Required fields.
	req := func(msg *descriptorpb.DescriptorProto, fd *descriptorpb.FileDescriptorProto) map[int32]bool {
		out := map[int32]bool{}
		for _, f := range msg.Field {
			if isRequired(fd, f) {
				out[f.GetNumber()] = true
			}
		}
		return out
	}
	bReq, hReq := req(bm, b.fd), req(m, p.fd)
	for _, bf := range bm.Field {
		if bReq[bf.GetNumber()] && !hReq[bf.GetNumber()] {
			p.report(rules.ProtoMessageSameRequiredFields, mp, ptr,
				fmt.Sprintf("Previously present required field %q on message %q was deleted or made optional.", fmt.Sprint(bf.GetNumber()), m.GetName()))
		}
	}
	for i, f := range m.Field {
		if hReq[f.GetNumber()] && !bReq[f.GetNumber()] {
			p.report(rules.ProtoMessageSameRequiredFields, with(mp, protoset.TagMsgField, int32(i)), ptr+"/"+f.GetName(),
				fmt.Sprintf("Required field %q on message %q was added.", fmt.Sprint(f.GetNumber()), m.GetName()))
		}
	}
	// Extension ranges and reserved ranges / names.
	for _, r := range bm.ExtensionRange {
		for _, gap := range uncovered(r.GetStart(), r.GetEnd(), extRanges(m)) {
			p.report(rules.ProtoExtensionMessageNoDelete, mp, ptr,
				fmt.Sprintf("Previously present extension range %s on message %q was deleted.", rangeText(gap), m.GetName()))
		}
	}
	for _, r := range bm.ReservedRange {
		for _, gap := range uncovered(r.GetStart(), r.GetEnd(), resRanges(m)) {
			p.report(rules.ProtoReservedMessageNoDelete, mp, ptr,
				fmt.Sprintf("Previously present reserved range %s on message %q was deleted.", rangeText(gap), m.GetName()))
		}
	}
	for _, n := range bm.ReservedName {
		if !slices.Contains(m.ReservedName, n) {
			p.report(rules.ProtoReservedMessageNoDelete, mp, ptr,
				fmt.Sprintf("Previously present reserved name %q on message %q was deleted.", n, m.GetName()))
		}
	}
	if !bm.GetOptions().GetNoStandardDescriptorAccessor() && m.GetOptions().GetNoStandardDescriptorAccessor() {
		p.reportAt(rules.ProtoMessageNoRemoveStandardDescriptorAccessor, mp, p.locs.First(with(mp, protoset.TagMsgOptions, 2), mp), ptr,
			fmt.Sprintf("Message option \"no_standard_descriptor_accessor\" on message %q changed from %q to %q.", m.GetName(), "false", "true"), nil)
	}
	if b, h := jsonFormat(b.fd, bm.GetOptions().GetFeatures()), jsonFormat(p.fd, m.GetOptions().GetFeatures()); b != h && !m.GetOptions().GetMapEntry() {
		p.report(rules.ProtoMessageSameJsonFormat, mp, ptr,
			fmt.Sprintf("Message %q JSON format support changed from %q to %q.", m.GetName(), b, h))
	}
}

func (p *filePass) deletedField(bm, m *descriptorpb.DescriptorProto, mp []int32, bf *descriptorpb.FieldDescriptorProto, full string) {
	ptr := "/" + full + "/" + bf.GetName()
	base := &finding.Location{File: p.c.base.paths[p.c.base.msgs[full].file], Pointer: ptr}
	sp := p.locs.Span(mp...)
	msg := fmt.Sprintf("Previously present field %q with name %q on message %q was deleted.", fmt.Sprint(bf.GetNumber()), bf.GetName(), m.GetName())
	p.reportAt(rules.ProtoFieldNoDelete, mp, sp, ptr, msg, base)
	if !inRanges(bf.GetNumber(), resRanges(m)) {
		p.reportAt(rules.ProtoFieldNoDeleteUnlessNumberReserved, mp, sp, ptr,
			fmt.Sprintf("Previously present field %q with name %q on message %q was deleted without reserving the number %q.", fmt.Sprint(bf.GetNumber()), bf.GetName(), m.GetName(), fmt.Sprint(bf.GetNumber())), base)
	}
	if !slices.Contains(m.ReservedName, bf.GetName()) {
		p.reportAt(rules.ProtoFieldNoDeleteUnlessNameReserved, mp, sp, ptr,
			fmt.Sprintf("Previously present field %q with name %q on message %q was deleted without reserving the name %q.", fmt.Sprint(bf.GetNumber()), bf.GetName(), m.GetName(), bf.GetName()), base)
	}
}

func (p *filePass) compareField(b msgRef, bf *descriptorpb.FieldDescriptorProto, m *descriptorpb.DescriptorProto, f *descriptorpb.FieldDescriptorProto, fp []int32, full string) {
	ptr := "/" + full + "/" + f.GetName()
	num := fmt.Sprint(f.GetNumber())
	if bf.GetName() != f.GetName() {
		p.report(rules.ProtoFieldSameName, with(fp, protoset.TagFieldName), ptr,
			fmt.Sprintf("Field %q on message %q changed name from %q to %q.", num, m.GetName(), bf.GetName(), f.GetName()))
	}
	if bf.GetJsonName() != f.GetJsonName() {
		p.reportAt(rules.ProtoFieldSameJsonName, fp, p.locs.First(with(fp, protoset.TagFieldJSONName), with(fp, protoset.TagFieldName)), ptr,
			fmt.Sprintf("Field %q with name %q on message %q changed option \"json_name\" from %q to %q.", num, f.GetName(), m.GetName(), bf.GetJsonName(), f.GetJsonName()), nil)
	}
	bc, hc := cardinality(b.fd, b.msg, bf), cardinality(p.fd, m, f)
	if bc != hc {
		msg := fmt.Sprintf("Field %q with name %q on message %q changed cardinality from %q to %q.", num, f.GetName(), m.GetName(), bc, hc)
		p.report(rules.ProtoFieldSameCardinality, fp, ptr, msg)
		if wireCardGroup(bc) != wireCardGroup(hc) {
			p.report(rules.ProtoFieldWireCompatibleCardinality, fp, ptr, msg)
		}
		if wireJSONCardGroup(bc) != wireJSONCardGroup(hc) {
			p.report(rules.ProtoFieldWireJsonCompatibleCardinality, fp, ptr, msg)
		}
	}
	p.compareFieldType(bf, f, fp, ptr, m.GetName())
	bo, ho := oneofName(b.msg, bf), oneofName(m, f)
	if bo != ho {
		var msg string
		switch {
		case bo == "":
			msg = fmt.Sprintf("Field %q on message %q moved into oneof %q.", num, m.GetName(), ho)
		case ho == "":
			msg = fmt.Sprintf("Field %q on message %q moved out of oneof %q.", num, m.GetName(), bo)
		default:
			msg = fmt.Sprintf("Field %q on message %q moved from oneof %q to oneof %q.", num, m.GetName(), bo, ho)
		}
		p.report(rules.ProtoFieldSameOneof, fp, ptr, msg)
	}
	if bf.DefaultValue != nil || f.DefaultValue != nil {
		if bf.GetDefaultValue() != f.GetDefaultValue() {
			p.reportAt(rules.ProtoFieldSameDefault, fp, p.locs.First(with(fp, protoset.TagFieldDefault), fp), ptr,
				fmt.Sprintf("Field %q with name %q on message %q changed default value from %q to %q.", num, f.GetName(), m.GetName(), bf.GetDefaultValue(), f.GetDefaultValue()), nil)
		}
	}
	if bj, hj := bf.GetOptions().GetJstype(), f.GetOptions().GetJstype(); bj != hj {
		p.reportAt(rules.ProtoFieldSameJstype, fp, p.locs.First(with(fp, protoset.TagFieldOptions, 6), fp), ptr,
			fmt.Sprintf("Field %q with name %q on message %q changed option \"jstype\" from %q to %q.", num, f.GetName(), m.GetName(), bj, hj), nil)
	}
	if isStringish(f) && isStringish(bf) {
		if bc, hc := bf.GetOptions().GetCtype(), f.GetOptions().GetCtype(); bc != hc {
			p.reportAt(rules.ProtoFieldSameCppStringType, fp, p.locs.First(with(fp, protoset.TagFieldOptions, 1), fp), ptr,
				fmt.Sprintf("Field %q with name %q on message %q changed C++ string type from %q to %q.", num, f.GetName(), m.GetName(), bc, hc), nil)
		}
	}
	if bf.GetType() == descriptorpb.FieldDescriptorProto_TYPE_STRING && f.GetType() == descriptorpb.FieldDescriptorProto_TYPE_STRING {
		if bu, hu := utf8Validation(b.fd, bf), utf8Validation(p.fd, f); bu != hu {
			p.report(rules.ProtoFieldSameUtf8Validation, fp, ptr,
				fmt.Sprintf("Field %q with name %q on message %q changed UTF-8 validation from %q to %q.", num, f.GetName(), m.GetName(), bu, hu))
		}
		if bu, hu := b.fd.GetOptions().GetJavaStringCheckUtf8(), p.fd.GetOptions().GetJavaStringCheckUtf8(); bu != hu {
			p.report(rules.ProtoFieldSameJavaUtf8Validation, fp, ptr,
				fmt.Sprintf("Field %q with name %q on message %q changed Java UTF-8 validation from %v to %v.", num, f.GetName(), m.GetName(), bu, hu))
		}
	}
}

func isStringish(f *descriptorpb.FieldDescriptorProto) bool {
	t := f.GetType()
	return t == descriptorpb.FieldDescriptorProto_TYPE_STRING || t == descriptorpb.FieldDescriptorProto_TYPE_BYTES
}

func (p *filePass) compareFieldType(bf, f *descriptorpb.FieldDescriptorProto, fp []int32, ptr, msgName string) {
	bt, ht := bf.GetType(), f.GetType()
	sameKind := bt == ht
	named := ht == descriptorpb.FieldDescriptorProto_TYPE_MESSAGE || ht == descriptorpb.FieldDescriptorProto_TYPE_ENUM || ht == descriptorpb.FieldDescriptorProto_TYPE_GROUP
	sameName := !named || bf.GetTypeName() == f.GetTypeName()
	if sameKind && sameName {
		return
	}
	at := p.locs.First(with(fp, protoset.TagFieldTypeName), with(fp, protoset.TagFieldType), fp)
	msg := fmt.Sprintf("Field %q with name %q on message %q changed type from %q to %q.", fmt.Sprint(f.GetNumber()), f.GetName(), msgName, typeText(bf), typeText(f))
	p.reportAt(rules.ProtoFieldSameType, fp, at, ptr, msg, nil)
	if !wireCompatible(bf, f) {
		p.reportAt(rules.ProtoFieldWireCompatibleType, fp, at, ptr, msg, nil)
	}
	if !wireJSONCompatible(bf, f) {
		p.reportAt(rules.ProtoFieldWireJsonCompatibleType, fp, at, ptr, msg, nil)
	}
}

func typeText(f *descriptorpb.FieldDescriptorProto) string {
	switch f.GetType() {
	case descriptorpb.FieldDescriptorProto_TYPE_MESSAGE, descriptorpb.FieldDescriptorProto_TYPE_ENUM, descriptorpb.FieldDescriptorProto_TYPE_GROUP:
		return strings.TrimPrefix(f.GetTypeName(), ".")
	}
	return strings.ToLower(strings.TrimPrefix(f.GetType().String(), "TYPE_"))
}

func (p *filePass) enum(e *descriptorpb.EnumDescriptorProto, ep []int32, scope string) {
	full := join(scope, e.GetName())
	b, ok := p.c.base.enums[full]
	if !ok {
		return
	}
	ptr := "/" + full
	headByNum := map[int32][]int{}
	for i, v := range e.Value {
		headByNum[v.GetNumber()] = append(headByNum[v.GetNumber()], i)
	}
	baseByNum := map[int32][]string{}
	var order []int32
	for _, v := range b.enum.Value {
		if _, seen := baseByNum[v.GetNumber()]; !seen {
			order = append(order, v.GetNumber())
		}
		baseByNum[v.GetNumber()] = append(baseByNum[v.GetNumber()], v.GetName())
	}
	for _, num := range order {
		names := baseByNum[num]
		idx, ok := headByNum[num]
		if !ok {
			msg := fmt.Sprintf("Previously present enum value %q on enum %q was deleted.", fmt.Sprint(num), e.GetName())
			p.report(rules.ProtoEnumValueNoDelete, ep, ptr+"/"+names[0], msg)
			if !inEnumRanges(num, e.ReservedRange) {
				p.report(rules.ProtoEnumValueNoDeleteUnlessNumberReserved, ep, ptr+"/"+names[0],
					fmt.Sprintf("Previously present enum value %q on enum %q was deleted without reserving the number %q.", fmt.Sprint(num), e.GetName(), fmt.Sprint(num)))
			}
			for _, n := range names {
				if !slices.Contains(e.ReservedName, n) {
					p.report(rules.ProtoEnumValueNoDeleteUnlessNameReserved, ep, ptr+"/"+n,
						fmt.Sprintf("Previously present enum value %q on enum %q was deleted without reserving the name %q.", fmt.Sprint(num), e.GetName(), n))
				}
			}
			continue
		}
		var headNames []string
		for _, i := range idx {
			headNames = append(headNames, e.Value[i].GetName())
		}
		for _, n := range names {
			if !slices.Contains(headNames, n) {
				vp := with(ep, protoset.TagEnumValue, int32(idx[0]))
				p.report(rules.ProtoEnumValueSameName, with(vp, protoset.TagValueName), ptr+"/"+headNames[0],
					fmt.Sprintf("Enum value %q on enum %q changed name from %q to %q.", fmt.Sprint(num), e.GetName(), strings.Join(names, ", "), strings.Join(headNames, ", ")))
				break
			}
		}
	}
	for _, r := range b.enum.ReservedRange {
		for _, gap := range uncovered(r.GetStart(), r.GetEnd()+1, enumRanges(e)) {
			p.report(rules.ProtoReservedEnumNoDelete, ep, ptr,
				fmt.Sprintf("Previously present reserved range %s on enum %q was deleted.", rangeText(gap), e.GetName()))
		}
	}
	for _, n := range b.enum.ReservedName {
		if !slices.Contains(e.ReservedName, n) {
			p.report(rules.ProtoReservedEnumNoDelete, ep, ptr,
				fmt.Sprintf("Previously present reserved name %q on enum %q was deleted.", n, e.GetName()))
		}
	}
	if bo, ho := enumOpen(b.fd, b.enum), enumOpen(p.fd, e); bo != ho {
		p.report(rules.ProtoEnumSameType, ep, ptr, fmt.Sprintf("Enum %q changed from %s to %s.", e.GetName(), openText(bo), openText(ho)))
	}
	if bj, hj := jsonFormat(b.fd, b.enum.GetOptions().GetFeatures()), jsonFormat(p.fd, e.GetOptions().GetFeatures()); bj != hj {
		p.report(rules.ProtoEnumSameJsonFormat, ep, ptr, fmt.Sprintf("Enum %q JSON format support changed from %q to %q.", e.GetName(), bj, hj))
	}
}

func openText(open bool) string {
	if open {
		return "open"
	}
	return "closed"
}

func (p *filePass) service(s *descriptorpb.ServiceDescriptorProto, sp []int32, pkg string) {
	full := join(pkg, s.GetName())
	bs := p.c.base.services[full]
	if bs == nil {
		return
	}
	ptr := "/" + full
	head := map[string]int{}
	for i, m := range s.Method {
		head[m.GetName()] = i
	}
	for _, bm := range bs.Method {
		i, ok := head[bm.GetName()]
		if !ok {
			p.reportAt(rules.ProtoRpcNoDelete, sp, p.locs.Span(sp...), ptr+"/"+bm.GetName(),
				fmt.Sprintf("Previously present RPC %q on service %q was deleted.", bm.GetName(), s.GetName()),
				&finding.Location{File: p.c.base.paths[p.c.base.serviceIn[full]], Pointer: ptr + "/" + bm.GetName()})
			continue
		}
		m := s.Method[i]
		mp := with(sp, protoset.TagServiceMethod, int32(i))
		mptr := ptr + "/" + m.GetName()
		if bm.GetClientStreaming() != m.GetClientStreaming() {
			p.report(rules.ProtoRpcSameClientStreaming, mp, mptr,
				fmt.Sprintf("RPC %q on service %q changed client streaming from %v to %v.", m.GetName(), s.GetName(), bm.GetClientStreaming(), m.GetClientStreaming()))
		}
		if bm.GetServerStreaming() != m.GetServerStreaming() {
			p.report(rules.ProtoRpcSameServerStreaming, mp, mptr,
				fmt.Sprintf("RPC %q on service %q changed server streaming from %v to %v.", m.GetName(), s.GetName(), bm.GetServerStreaming(), m.GetServerStreaming()))
		}
		if bm.GetInputType() != m.GetInputType() {
			p.report(rules.ProtoRpcSameRequestType, with(mp, protoset.TagMethodInput), mptr,
				fmt.Sprintf("RPC %q on service %q changed request type from %q to %q.", m.GetName(), s.GetName(), strings.TrimPrefix(bm.GetInputType(), "."), strings.TrimPrefix(m.GetInputType(), ".")))
		}
		if bm.GetOutputType() != m.GetOutputType() {
			p.report(rules.ProtoRpcSameResponseType, with(mp, protoset.TagMethodOutput), mptr,
				fmt.Sprintf("RPC %q on service %q changed response type from %q to %q.", m.GetName(), s.GetName(), strings.TrimPrefix(bm.GetOutputType(), "."), strings.TrimPrefix(m.GetOutputType(), ".")))
		}
		if bl, hl := bm.GetOptions().GetIdempotencyLevel(), m.GetOptions().GetIdempotencyLevel(); bl != hl {
			p.reportAt(rules.ProtoRpcSameIdempotencyLevel, mp, p.locs.First(with(mp, protoset.TagMethodOptions, 34), mp), mptr,
				fmt.Sprintf("RPC %q on service %q changed option \"idempotency_level\" from %q to %q.", m.GetName(), s.GetName(), bl, hl), nil)
		}
	}
}

// packageDeletions reports packages and package members that no head
// file declares any more (PACKAGE category).
func (c *checker) packageDeletions() {
	hp := c.headPkgs
	gone := map[string]bool{}
	for _, name := range c.base.fileNames {
		bfd := c.base.files[name]
		pkg := bfd.GetPackage()
		mod := c.setup.ModuleOf(c.base.paths[name])
		file := c.base.paths[name]
		if mod.Breaking.IgnoreUnstablePackages && protoset.IsUnstablePackage(pkg) {
			continue
		}
		if !hp.pkgs[pkg] {
			if gone[pkg] {
				continue
			}
			gone[pkg] = true
			c.fileLevel(mod, rules.ProtoPackageNoDelete, file, "/"+pkg, fmt.Sprintf("Previously present package %q was deleted.", pkg))
			continue
		}
		// deleted reports an element of the base package that the head
		// package no longer has, named relative to the package as buf does.
		deleted := func(rule, kind, full string, present map[string]bool) {
			if !present[full] {
				c.fileLevel(mod, rule, file, "/"+full,
					fmt.Sprintf("Previously present %s %q was deleted from package %q.", kind, strings.TrimPrefix(full, pkg+"."), pkg))
			}
		}
		var walk func(scope string, ms []*descriptorpb.DescriptorProto)
		walk = func(scope string, ms []*descriptorpb.DescriptorProto) {
			for _, m := range ms {
				full := join(scope, m.GetName())
				if !m.GetOptions().GetMapEntry() {
					deleted(rules.ProtoPackageMessageNoDelete, "message", full, hp.msgs)
				}
				for _, e := range m.EnumType {
					deleted(rules.ProtoPackageEnumNoDelete, "enum", join(full, e.GetName()), hp.enums)
				}
				for _, x := range m.Extension {
					deleted(rules.ProtoPackageExtensionNoDelete, "extension", join(full, x.GetName()), hp.exts)
				}
				walk(full, m.NestedType)
			}
		}
		walk(pkg, bfd.MessageType)
		for _, e := range bfd.EnumType {
			deleted(rules.ProtoPackageEnumNoDelete, "enum", join(pkg, e.GetName()), hp.enums)
		}
		for _, sv := range bfd.Service {
			deleted(rules.ProtoPackageServiceNoDelete, "service", join(pkg, sv.GetName()), hp.services)
		}
		for _, x := range bfd.Extension {
			deleted(rules.ProtoPackageExtensionNoDelete, "extension", join(pkg, x.GetName()), hp.exts)
		}
	}
}
