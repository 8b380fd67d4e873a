package protobuf

import (
	"fmt"
	"math"
	"slices"
	"strconv"
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
	ff := protoset.FileFeatures(fd)
	for i, m := range fd.MessageType {
		p.message(m, []int32{protoset.TagFileMessage, int32(i)}, pkg, ff, nil)
	}
	for i, e := range fd.EnumType {
		p.enum(e, []int32{protoset.TagFileEnum, int32(i)}, pkg, ff)
	}
	for i, x := range fd.Extension {
		p.extension(x, []int32{protoset.TagFileExtension, int32(i)}, pkg, ff)
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
			if _, ok := head.msgs[full]; !ok { // a map's *Entry message too, as buf reports it
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
// message compares a head message (its resolved features mf's parent's
// are parent) with the base message of the same name, then its nested
// elements. at stands in for a map entry's missing location: the map
// field.
func (p *filePass) message(m *descriptorpb.DescriptorProto, mp []int32, scope string, parent protoset.Features, at []int32) {
	full := join(scope, m.GetName())
	mf := parent.With(m.GetOptions().GetFeatures())
	if b, ok := p.c.base.msgs[full]; ok {
		p.compareMessage(b, m, mp, full, mf, at)
	}
	for i, n := range m.NestedType {
		np := with(mp, protoset.TagMsgNested, int32(i))
		var entryAt []int32
		if n.GetOptions().GetMapEntry() {
			for j, f := range m.Field {
				if f.GetTypeName() == "."+join(full, n.GetName()) {
					// buf places the entry's fields at the map<K, V> type.
					entryAt = with(mp, protoset.TagMsgField, int32(j), protoset.TagFieldTypeName)
					if !p.locs.Has(entryAt...) {
						entryAt = entryAt[:len(entryAt)-1]
					}
				}
			}
		}
		p.message(n, np, full, mf, entryAt)
	}
	for i, e := range m.EnumType {
		p.enum(e, with(mp, protoset.TagMsgEnum, int32(i)), full, mf)
	}
	for i, x := range m.Extension {
		p.extension(x, with(mp, protoset.TagMsgExtension, int32(i)), full, mf)
	}
}

// extension compares a head extension with the base extension of the same
// extendee and number.
func (p *filePass) extension(x *descriptorpb.FieldDescriptorProto, xp []int32, scope string, parent protoset.Features) {
	b, ok := p.c.base.extByKey[extKey{x.GetExtendee(), x.GetNumber()}]
	if !ok {
		return
	}
	full := join(scope, x.GetName())
	h := fieldSide{fd: p.fd, f: x, full: full, feat: parent.With(x.GetOptions().GetFeatures())}
	p.compareField(b, h, xp, nil, "/"+full)
}

func (p *filePass) compareMessage(b msgRef, m *descriptorpb.DescriptorProto, mp []int32, full string, mf protoset.Features, at []int32) {
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
		p.compareField(fieldIn(b.fd, bm, bf, b.feat), fieldIn(p.fd, m, m.Field[i], mf),
			with(mp, protoset.TagMsgField, int32(i)), at, ptr+"/"+m.Field[i].GetName())
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
	req := func(fd *descriptorpb.FileDescriptorProto, msg *descriptorpb.DescriptorProto, feat protoset.Features) map[int32]bool {
		out := map[int32]bool{}
		for _, f := range msg.Field {
			if fieldIn(fd, msg, f, feat).cardinality() == cardRequired {
				out[f.GetNumber()] = true
			}
		}
		return out
	}
	bReq, hReq := req(b.fd, bm, b.feat), req(p.fd, m, mf)
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
		if gaps := uncovered(int64(r.GetStart()), int64(r.GetEnd()), extRanges(m)); len(gaps) > 0 {
			p.report(rules.ProtoExtensionMessageNoDelete, mp, ptr, rangeLost("extension", span{int64(r.GetStart()), int64(r.GetEnd())}, gaps, maxFieldNumber, "message", m.GetName()))
		}
	}
	for _, r := range bm.ReservedRange {
		if gaps := uncovered(int64(r.GetStart()), int64(r.GetEnd()), resRanges(m)); len(gaps) > 0 {
			p.report(rules.ProtoReservedMessageNoDelete, mp, ptr, rangeLost("reserved", span{int64(r.GetStart()), int64(r.GetEnd())}, gaps, maxFieldNumber, "message", m.GetName()))
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
	if bj, hj := b.feat.JSONFormat, mf.JSONFormat; bj == descriptorpb.FeatureSet_ALLOW && hj != bj {
		p.reportAt(rules.ProtoMessageSameJsonFormat, mp, p.locs.First(with(mp, protoset.TagMsgOptions, 12, 6), mp, at), ptr,
			fmt.Sprintf("Message %q JSON format support changed from %v to %v.", m.GetName(), bj, hj), nil)
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

func (p *filePass) enum(e *descriptorpb.EnumDescriptorProto, ep []int32, scope string, parent protoset.Features) {
	full := join(scope, e.GetName())
	ef := parent.With(e.GetOptions().GetFeatures())
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
			var unreserved []string
			for _, n := range names {
				if !slices.Contains(e.ReservedName, n) {
					unreserved = append(unreserved, strconv.Quote(n))
				}
			}
			if len(unreserved) > 0 {
				what := "the name"
				if len(unreserved) > 1 {
					what = "the names"
				}
				p.report(rules.ProtoEnumValueNoDeleteUnlessNameReserved, ep, ptr+"/"+names[0],
					fmt.Sprintf("Previously present enum value %q on enum %q was deleted without reserving %s %s.", fmt.Sprint(num), e.GetName(), what, strings.Join(unreserved, ", ")))
			}
			continue
		}
		// Every head name of the number must have been a base name of it.
		var headNames []string
		for _, i := range idx {
			headNames = append(headNames, e.Value[i].GetName())
		}
		if slices.ContainsFunc(names, func(n string) bool { return !slices.Contains(headNames, n) }) {
			bn, hn := slices.Sorted(slices.Values(names)), slices.Sorted(slices.Values(headNames))
			suffix := ""
			if len(bn) > 1 && len(hn) > 1 {
				suffix = "s"
			}
			for _, i := range idx {
				vp := with(ep, protoset.TagEnumValue, int32(i))
				p.report(rules.ProtoEnumValueSameName, with(vp, protoset.TagValueNumber), ptr+"/"+e.Value[i].GetName(),
					fmt.Sprintf("Enum value %q on enum %q changed name%s from %s to %s.", fmt.Sprint(num), e.GetName(), suffix, quoteAll(bn), quoteAll(hn)))
			}
		}
	}
	for _, r := range b.enum.ReservedRange {
		if gaps := uncovered(int64(r.GetStart()), int64(r.GetEnd())+1, enumRanges(e)); len(gaps) > 0 {
			p.report(rules.ProtoReservedEnumNoDelete, ep, ptr, rangeLost("reserved", span{int64(r.GetStart()), int64(r.GetEnd()) + 1}, gaps, math.MaxInt32, "enum", e.GetName()))
		}
	}
	for _, n := range b.enum.ReservedName {
		if !slices.Contains(e.ReservedName, n) {
			p.report(rules.ProtoReservedEnumNoDelete, ep, ptr,
				fmt.Sprintf("Previously present reserved name %q on enum %q was deleted.", n, e.GetName()))
		}
	}
	if bo, ho := b.feat.EnumType, ef.EnumType; bo != ho {
		p.reportAt(rules.ProtoEnumSameType, ep, p.locs.First(with(ep, protoset.TagEnumOptions, 7, 2), ep), ptr,
			fmt.Sprintf("Enum %q changed from %s to %s.", e.GetName(), strings.ToLower(bo.String()), strings.ToLower(ho.String())), nil)
	}
	if bj, hj := b.feat.JSONFormat, ef.JSONFormat; bj == descriptorpb.FeatureSet_ALLOW && hj != bj {
		p.reportAt(rules.ProtoEnumSameJsonFormat, ep, p.locs.First(with(ep, protoset.TagEnumOptions, 7, 6), ep), ptr,
			fmt.Sprintf("Enum %q JSON format support changed from %v to %v.", e.GetName(), bj, hj), nil)
	}
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
// file declares any more (PACKAGE category). A deleted element is reported
// in the head file of the same name, at the closest enclosing message that
// is left (for messages: in any file of the package; for enums and
// extensions: in that file), else without a position.
func (c *checker) packageDeletions(headTargets map[string]string) {
	hp := c.headPkgs
	gone := map[string]bool{}
	for _, name := range c.base.fileNames {
		bfd := c.base.files[name]
		pkg := bfd.GetPackage()
		mod := c.setup.ModuleOf(c.base.paths[name])
		if mod.Breaking.IgnoreUnstablePackages && protoset.IsUnstablePackage(pkg) {
			continue
		}
		if !hp.pkgs[pkg] {
			if gone[pkg] {
				continue
			}
			gone[pkg] = true
			c.fileLevel(mod, rules.ProtoPackageNoDelete, c.base.paths[name], "/"+pkg, protoset.Span{}, fmt.Sprintf("Previously present package %q was deleted.", pkg))
			continue
		}
		headPath, inHead := headTargets[name]
		// deleted reports an element of the base package that the head
		// package no longer has, named relative to the package as buf does.
		deleted := func(rule, kind, full string, present map[string]bool) {
			if present[full] {
				return
			}
			nested := strings.TrimPrefix(full, pkg+".")
			file, sp := c.base.paths[name], protoset.Span{}
			if inHead && headPath != "" {
				file, sp = headPath, protoset.Span{Line: 1, Column: 1, EndLine: 1, EndColumn: 1}
				parts := strings.Split(nested, ".")
				for i := len(parts) - 1; i > 0; i-- {
					enclosing := strings.Join(parts[:i], ".")
					if kind == "message" {
						if at, ok := c.headDecls.inPkg[join(pkg, enclosing)]; ok {
							file, sp = at.path, at.span
							break
						}
					} else if at, ok := c.headDecls.inFile[name][enclosing]; ok {
						sp = at
						break
					}
				}
			}
			c.fileLevel(mod, rule, file, "/"+full, sp,
				fmt.Sprintf("Previously present %s %q was deleted from package %q.", kind, nested, pkg))
		}
		var walk func(scope string, ms []*descriptorpb.DescriptorProto)
		walk = func(scope string, ms []*descriptorpb.DescriptorProto) {
			for _, m := range ms {
				full := join(scope, m.GetName())
				deleted(rules.ProtoPackageMessageNoDelete, "message", full, hp.msgs)
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
