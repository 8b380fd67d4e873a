package protobuf

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/bufbuild/protocompile/linker"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/rules"
)

// fieldSide is one side of a field pair: a message field (map entry
// fields included) or an extension, paired as buf pairs them (by message
// and number; extensions by extendee and number).
type fieldSide struct {
	fd   *descriptorpb.FileDescriptorProto
	msg  *descriptorpb.DescriptorProto // the containing message; nil for an extension
	f    *descriptorpb.FieldDescriptorProto
	full string            // an extension's full name
	feat protoset.Features // resolved for the field
}

func (s fieldSide) inMapEntry() bool { return s.msg != nil && s.msg.GetOptions().GetMapEntry() }

// fieldIn builds the side of field f of message m, whose resolved
// features are mf.
func fieldIn(fd *descriptorpb.FileDescriptorProto, m *descriptorpb.DescriptorProto, f *descriptorpb.FieldDescriptorProto, mf protoset.Features) fieldSide {
	feat := mf
	if f.OneofIndex != nil && !f.GetProto3Optional() && int(f.GetOneofIndex()) < len(m.OneofDecl) {
		feat = feat.With(m.OneofDecl[f.GetOneofIndex()].GetOptions().GetFeatures())
	}
	return fieldSide{fd: fd, msg: m, f: f, feat: feat.With(f.GetOptions().GetFeatures())}
}

// describe names the field as buf does: `Field "3" with name "x" on
// message "M"`, or for an extension `Extension "100" with name "pkg.x" on
// message "pkg.Extended"`.
func (s fieldSide) describe(withName bool) string {
	num := strconv.Itoa(int(s.f.GetNumber()))
	name := ""
	if withName {
		name = fmt.Sprintf(" with name %q", s.name())
	}
	if s.msg == nil {
		return fmt.Sprintf("Extension %q%s on message %q", num, name, strings.TrimPrefix(s.f.GetExtendee(), "."))
	}
	return fmt.Sprintf("Field %q%s on message %q", num, name, s.msg.GetName())
}

// name is a field's name, or an extension's full name.
func (s fieldSide) name() string {
	if s.msg == nil {
		return s.full
	}
	return s.f.GetName()
}

// kind is the field's kind as protoreflect sees it: a message field with
// delimited encoding is a group.
func (s fieldSide) kind() fieldType {
	t := s.f.GetType()
	if t == tMessage && s.feat.MessageEncoding == descriptorpb.FeatureSet_DELIMITED && (s.msg == nil || !isMapField(s.msg, s.f)) {
		return tGroup
	}
	return t
}

func (s fieldSide) cardinality() string {
	f := s.f
	switch {
	case f.GetLabel() == descriptorpb.FieldDescriptorProto_LABEL_REPEATED:
		if s.msg != nil && isMapField(s.msg, f) {
			return cardMap
		}
		return cardRepeated
	case f.GetLabel() == descriptorpb.FieldDescriptorProto_LABEL_REQUIRED ||
		isEditions(s.fd) && s.feat.FieldPresence == descriptorpb.FeatureSet_LEGACY_REQUIRED:
		return cardRequired
	case s.hasPresence():
		return cardOptionalExplicit
	}
	return cardOptionalImplicit
}

func (s fieldSide) hasPresence() bool {
	f := s.f
	if t := f.GetType(); t == tMessage || t == tGroup || f.OneofIndex != nil || f.Extendee != nil {
		return true
	}
	switch {
	case isProto3(s.fd):
		return f.GetProto3Optional()
	case isEditions(s.fd):
		return s.feat.FieldPresence != descriptorpb.FeatureSet_IMPLICIT
	}
	return true
}

// fieldPair compares one field pair. fp is the head field's element path;
// at stands in for paths without a location (a map entry's fields are
// reported at the map field).
type fieldPair struct {
	p        *filePass
	b, h     fieldSide
	fp, at   []int32
	ptr, num string
}

func (p *filePass) compareField(b, h fieldSide, fp, at []int32, ptr string) {
	fc := &fieldPair{p: p, b: b, h: h, fp: fp, at: at, ptr: ptr, num: strconv.Itoa(int(h.f.GetNumber()))}
	fc.name()
	fc.jsonName()
	fc.cardinality()
	fc.types()
	fc.oneof()
	fc.defaults()
	fc.jstype()
	fc.cppStringType()
	fc.utf8()
	fc.javaUtf8()
}

// span is the first of paths (relative to the field) that has a location,
// else the field's, else the stand-in's.
func (fc *fieldPair) span(rel ...[]int32) protoset.Span {
	paths := make([][]int32, 0, len(rel)+2)
	for _, r := range rel {
		paths = append(paths, with(fc.fp, r...))
	}
	return fc.p.locs.First(append(paths, fc.fp, fc.at)...)
}

func (fc *fieldPair) report(rule string, sp protoset.Span, format string, args ...any) {
	fc.p.reportAt(rule, fc.fp, sp, fc.ptr, fmt.Sprintf(format, args...), nil)
}

func (fc *fieldPair) name() {
	if b, h := fc.b.name(), fc.h.name(); b != h {
		fc.report(rules.ProtoFieldSameName, fc.span([]int32{protoset.TagFieldName}), "%s changed name from %q to %q.", fc.h.describe(false), b, h)
	}
}

func (fc *fieldPair) jsonName() {
	if fc.b.msg == nil {
		return // extensions have no JSON name of their own
	}
	if b, h := fc.b.f.GetJsonName(), fc.h.f.GetJsonName(); b != h {
		fc.report(rules.ProtoFieldSameJsonName, fc.span([]int32{protoset.TagFieldJSONName}),
			"%s changed option \"json_name\" from %q to %q.", fc.h.describe(true), b, h)
	}
}

func (fc *fieldPair) cardinality() {
	if fc.b.inMapEntry() && fc.h.inMapEntry() {
		return // buf skips generated map entries
	}
	bc, hc := fc.b.cardinality(), fc.h.cardinality()
	if bc == hc {
		return
	}
	sp := fc.span()
	msg := "%s changed cardinality from %q to %q."
	fc.report(rules.ProtoFieldSameCardinality, sp, msg, fc.h.describe(true), bc, hc)
	if wireCardGroup(bc) != wireCardGroup(hc) {
		fc.report(rules.ProtoFieldWireCompatibleCardinality, sp, msg, fc.h.describe(true), bc, hc)
	}
	if wireJSONCardGroup(bc) != wireJSONCardGroup(hc) {
		fc.report(rules.ProtoFieldWireJsonCompatibleCardinality, sp, msg, fc.h.describe(true), bc, hc)
	}
}

// types runs FIELD_SAME_TYPE and the wire (and wire+JSON) compatibility
// rules.
func (fc *fieldPair) types() {
	b, h := fc.b, fc.h
	bk, hk := b.kind(), h.kind()
	typeNameChanged := b.f.GetTypeName() != h.f.GetTypeName()
	if bk != hk {
		fc.changedKind(rules.ProtoFieldSameType, "")
	} else if namedKind(hk) && typeNameChanged {
		fc.changedTypeName(rules.ProtoFieldSameType)
	}
	if g1, g2 := wireGroup(bk), wireGroup(hk); g1 != g2 {
		switch {
		case bk == tString && hk == tBytes: // string may become bytes
		case bk == tBytes && hk == tString:
			fc.changedKind(rules.ProtoFieldWireCompatibleType, " Note that while string and bytes are compatible if the data is valid UTF-8, there is no way to enforce that a bytes field is UTF-8, so these fields may be incompatible.")
		default:
			fc.changedKind(rules.ProtoFieldWireCompatibleType, "")
		}
	} else if namedKind(hk) && typeNameChanged && (hk != tEnum || !fc.enumCompatible()) {
		fc.changedTypeName(rules.ProtoFieldWireCompatibleType)
	}
	if wireJSONGroup(bk) != wireJSONGroup(hk) {
		fc.changedKind(rules.ProtoFieldWireJsonCompatibleType, "")
	} else if namedKind(hk) && typeNameChanged && (hk != tEnum || !fc.enumCompatible()) {
		fc.changedTypeName(rules.ProtoFieldWireJsonCompatibleType)
	}
}

// enumCompatible reports whether a field's enum changed to one with the
// same short name that keeps every value of the old one.
func (fc *fieldPair) enumCompatible() bool {
	bn, hn := strings.TrimPrefix(fc.b.f.GetTypeName(), "."), strings.TrimPrefix(fc.h.f.GetTypeName(), ".")
	if protoset.LastComponent(bn) != protoset.LastComponent(hn) {
		return false
	}
	be, he := fc.p.c.baseEnum(bn), fc.p.headEnum(hn)
	if be == nil || he == nil {
		return false
	}
	for _, bv := range be {
		if !slices.Contains(he, bv) {
			return false
		}
	}
	return true
}

func (fc *fieldPair) changedKind(rule, extra string) {
	at := fc.span([]int32{protoset.TagFieldType})
	if namedKind(fc.h.kind()) {
		at = fc.span([]int32{protoset.TagFieldTypeName})
	}
	fc.report(rule, at, "%s changed type from %q to %q.%s", fc.h.describe(true), kindText(fc.b), kindText(fc.h), extra)
}

func (fc *fieldPair) changedTypeName(rule string) {
	fc.report(rule, fc.span([]int32{protoset.TagFieldTypeName}), "%s changed type from %q to %q.", fc.h.describe(true),
		strings.TrimPrefix(fc.b.f.GetTypeName(), "."), strings.TrimPrefix(fc.h.f.GetTypeName(), "."))
}

// kindText names a field's kind as buf does.
func kindText(s fieldSide) string {
	k := s.kind()
	if k == tGroup && protoset.Edition(s.fd) != descriptorpb.Edition_EDITION_PROTO2 {
		return "message (delimited encoding)"
	}
	return strings.ToLower(strings.TrimPrefix(k.String(), "TYPE_"))
}

func (fc *fieldPair) oneof() {
	if fc.b.msg == nil {
		return
	}
	bo, ho := oneofName(fc.b.msg, fc.b.f), oneofName(fc.h.msg, fc.h.f)
	if bo == ho {
		return
	}
	var msg string
	switch {
	case bo == "":
		msg = fmt.Sprintf("%s moved into oneof %q.", fc.h.describe(true), ho)
	case ho == "":
		msg = fmt.Sprintf("%s moved out of oneof %q.", fc.h.describe(true), bo)
	default:
		msg = fmt.Sprintf("%s moved from oneof %q to oneof %q.", fc.h.describe(true), bo, ho)
	}
	fc.report(rules.ProtoFieldSameOneof, fc.span(), "%s", msg)
}

func (fc *fieldPair) jstype() {
	if !is64bit(fc.b.f.GetType()) || !is64bit(fc.h.f.GetType()) {
		return
	}
	if b, h := fc.b.f.GetOptions().GetJstype(), fc.h.f.GetOptions().GetJstype(); b != h {
		fc.report(rules.ProtoFieldSameJstype, fc.span([]int32{protoset.TagFieldOptions, 6}),
			"%s changed option \"jstype\" from %q to %q.", fc.h.describe(true), b, h)
	}
}

func is64bit(t fieldType) bool {
	return t == tInt64 || t == tSint64 || t == tUint64 || t == tFixed64 || t == tSfixed64
}

// cppStringType is buf's reading of a string or bytes field's C++ string
// type: the legacy ctype option where editions before 2024 allow it, else
// the (pb.cpp).string_type feature; STRING_PIECE is STRING plus a flag.
func cppStringType(s fieldSide) (int32, bool) {
	if o := s.f.GetOptions(); o != nil && o.Ctype != nil && protoset.Edition(s.fd) < descriptorpb.Edition_EDITION_2024 {
		switch s.f.GetOptions().GetCtype() {
		case descriptorpb.FieldOptions_CORD:
			return protoset.CppStringCord, false
		case descriptorpb.FieldOptions_STRING_PIECE:
			return protoset.CppStringString, true
		case descriptorpb.FieldOptions_STRING:
			return protoset.CppStringString, false
		}
	}
	return s.feat.CppStringType, false
}

func cppStringText(t int32, piece bool) string {
	switch {
	case piece:
		return "STRING_PIECE"
	case t == protoset.CppStringView:
		return "VIEW"
	case t == protoset.CppStringCord:
		return "CORD"
	}
	return "STRING"
}

func (fc *fieldPair) cppStringType() {
	if fc.b.inMapEntry() && fc.h.inMapEntry() {
		return
	}
	if !isStringish(fc.b.f) || !isStringish(fc.h.f) {
		return
	}
	bt, bp := cppStringType(fc.b)
	ht, hp := cppStringType(fc.h)
	if (bt == ht && bp == hp) || (bp && ht == protoset.CppStringString) {
		return // string_piece → string is safe
	}
	fc.report(rules.ProtoFieldSameCppStringType, fc.span([]int32{protoset.TagFieldOptions, 1}, []int32{protoset.TagFieldOptions, 21, 1000, 2}),
		"%s changed C++ string type from %q to %q.", fc.h.describe(true), cppStringText(bt, bp), cppStringText(ht, hp))
}

func isStringish(f *descriptorpb.FieldDescriptorProto) bool {
	t := f.GetType()
	return t == tString || t == tBytes
}

func (fc *fieldPair) utf8() {
	if fc.b.kind() != tString || fc.h.kind() != tString {
		return
	}
	if b, h := fc.b.feat.Utf8Validation, fc.h.feat.Utf8Validation; b != h {
		fc.report(rules.ProtoFieldSameUtf8Validation, fc.span([]int32{protoset.TagFieldOptions, 21, 4}),
			"%s changed UTF8 validation from %v to %v.", fc.h.describe(true), b, h)
	}
}

// javaUtf8 is buf's reading of Java's UTF-8 check of a string field: the
// file's java_string_check_utf8 outside editions (or where set), else the
// (pb.java).utf8_validation feature; otherwise the field's validation.
func javaUtf8(s fieldSide) descriptorpb.FeatureSet_Utf8Validation {
	opts := s.fd.GetOptions()
	if !isEditions(s.fd) || opts.GetJavaStringCheckUtf8() || opts != nil && opts.JavaStringCheckUtf8 != nil {
		if opts.GetJavaStringCheckUtf8() {
			return descriptorpb.FeatureSet_VERIFY
		}
		return s.feat.Utf8Validation
	}
	if s.feat.JavaUtf8Validation == protoset.JavaUtf8Verify {
		return descriptorpb.FeatureSet_VERIFY
	}
	return s.feat.Utf8Validation
}

func (fc *fieldPair) javaUtf8() {
	if fc.b.kind() != tString || fc.h.kind() != tString {
		return
	}
	if b, h := javaUtf8(fc.b), javaUtf8(fc.h); b != h {
		sp := fc.p.locs.First(append([][]int32{{protoset.TagFileOptions, 27}, with(fc.fp, protoset.TagFieldOptions, 21, 1001, 2)}, fc.fp, fc.at)...)
		fc.report(rules.ProtoFieldSameJavaUtf8Validation, sp, "%s changed Java string UTF8 validation from %q to %q.", fc.h.describe(true), b, h)
	}
}

// defaults runs FIELD_SAME_DEFAULT on fields that can have a default
// (singular scalars and enums), comparing values across compatible kinds
// as buf does.
func (fc *fieldPair) defaults() {
	if !canHaveDefault(fc.b) || !canHaveDefault(fc.h) {
		return
	}
	bv, bp := defaultOf(fc.b, fc.p.c.baseEnum)
	hv, hp := defaultOf(fc.h, fc.p.headEnum)
	if isZeroDefault(bv) && isZeroDefault(hv) {
		return
	}
	if !defaultsEqual(bv, hv) {
		fc.report(rules.ProtoFieldSameDefault, fc.span([]int32{protoset.TagFieldDefault}),
			"%s changed default value from %s to %s.", fc.h.describe(true), bp, hp)
	}
}

func canHaveDefault(s fieldSide) bool {
	k := s.kind()
	return s.f.GetLabel() != descriptorpb.FieldDescriptorProto_LABEL_REPEATED && k != tMessage && k != tGroup
}

// defaultOf is a field's default as a comparable value (string for string
// and bytes, int32 for enums, the Go number or bool otherwise) and as buf
// prints it.
func defaultOf(s fieldSide, enum func(string) []enumValue) (any, string) {
	d := s.f.GetDefaultValue()
	switch s.f.GetType() {
	case tString:
		return d, strconv.Quote(d)
	case tBytes:
		b := unescapeBytes(d)
		parts := make([]string, len(b))
		for i, c := range []byte(b) {
			parts[i] = fmt.Sprintf("0x%X", c)
		}
		return b, "[" + strings.Join(parts, ",") + "]"
	case tEnum:
		name := strings.TrimPrefix(s.f.GetTypeName(), ".")
		vals := enum(name)
		short := protoset.LastComponent(name)
		if len(vals) == 0 {
			return d, short + "." + d
		}
		v := vals[0]
		for _, ev := range vals {
			if s.f.DefaultValue != nil && ev.name == d {
				v = ev
				break
			}
		}
		return v.number, short + "." + v.name
	case tBool:
		v := d == "true"
		return v, strconv.FormatBool(v)
	case tFloat:
		v := float32(parseFloat(d))
		return v, strconv.FormatFloat(float64(v), 'g', -1, 32)
	case tDouble:
		v := parseFloat(d)
		return v, strconv.FormatFloat(v, 'g', -1, 64)
	case tUint32, tFixed32:
		v, _ := strconv.ParseUint(d, 0, 32)
		return uint32(v), strconv.FormatUint(v, 10)
	case tUint64, tFixed64:
		v, _ := strconv.ParseUint(d, 0, 64)
		return v, strconv.FormatUint(v, 10)
	case tInt32, tSint32, tSfixed32:
		v, _ := strconv.ParseInt(d, 0, 32)
		return int32(v), strconv.FormatInt(v, 10)
	}
	v, _ := strconv.ParseInt(d, 0, 64)
	return v, strconv.FormatInt(v, 10)
}

func parseFloat(s string) float64 {
	switch s {
	case "inf":
		return math.Inf(1)
	case "-inf":
		return math.Inf(-1)
	case "nan":
		return math.NaN()
	}
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

func isZeroDefault(v any) bool {
	switch v := v.(type) {
	case string:
		return v == ""
	case bool:
		return !v
	case float32:
		return v == 0 && !math.Signbit(float64(v))
	case float64:
		return v == 0 && !math.Signbit(v)
	case int32:
		return v == 0
	case int64:
		return v == 0
	case uint32:
		return v == 0
	case uint64:
		return v == 0
	}
	return false
}

// defaultsEqual compares defaults leniently across kinds: strings with
// strings (and bytes), numbers, bools and enums by numeric value, float
// and double at float precision.
func defaultsEqual(b, h any) bool {
	_, bs := b.(string)
	_, hs := h.(string)
	if bs || hs {
		return b == h
	}
	switch bf := b.(type) {
	case float32:
		if hf, ok := h.(float64); ok {
			return math.IsNaN(float64(bf)) && math.IsNaN(hf) || bf == float32(hf)
		}
	case float64:
		if hf, ok := h.(float32); ok {
			return math.IsNaN(bf) && math.IsNaN(float64(hf)) || float32(bf) == hf
		}
	}
	bv, bnan := bigFloat(b)
	hv, hnan := bigFloat(h)
	if bnan || hnan {
		return bnan == hnan
	}
	return bv.Cmp(hv) == 0
}

func bigFloat(v any) (*big.Float, bool) {
	var f big.Float
	switch v := v.(type) {
	case bool:
		if v {
			f.SetInt64(1)
		}
	case int32:
		f.SetInt64(int64(v))
	case int64:
		f.SetInt64(v)
	case uint32:
		f.SetUint64(uint64(v))
	case uint64:
		f.SetUint64(v)
	case float32:
		if math.IsNaN(float64(v)) {
			return nil, true
		}
		f.SetFloat64(float64(v))
	case float64:
		if math.IsNaN(v) {
			return nil, true
		}
		f.SetFloat64(v)
	}
	return &f, false
}

// unescapeBytes decodes the C escapes descriptor protos use for a bytes
// field's default value.
func unescapeBytes(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch c = s[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case 'x':
			j := i + 1
			for j < len(s) && j < i+3 && isHex(s[j]) {
				j++
			}
			v, _ := strconv.ParseUint(s[i+1:j], 16, 8)
			b.WriteByte(byte(v))
			i = j - 1
		default:
			if c >= '0' && c <= '7' {
				j := i
				for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
					j++
				}
				v, _ := strconv.ParseUint(s[i:j], 8, 8)
				b.WriteByte(byte(v))
				i = j - 1
				continue
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// enumValue is one value of an enum, in declaration order.
type enumValue struct {
	name   string
	number int32
}

// baseEnum lists the values of a base enum (any compiled file).
func (c *checker) baseEnum(name string) []enumValue {
	e := c.baseEnums[name]
	out := make([]enumValue, 0, len(e.GetValue()))
	for _, v := range e.GetValue() {
		out = append(out, enumValue{v.GetName(), v.GetNumber()})
	}
	return out
}

// headEnum lists the values of an enum visible from the head file.
func (p *filePass) headEnum(name string) []enumValue {
	if p.linked == nil {
		return nil
	}
	d, err := linker.ResolverFromFile(p.linked).FindDescriptorByName(protoreflect.FullName(name))
	e, ok := d.(protoreflect.EnumDescriptor)
	if err != nil || !ok {
		return nil
	}
	out := make([]enumValue, 0, e.Values().Len())
	for i := range e.Values().Len() {
		v := e.Values().Get(i)
		out = append(out, enumValue{string(v.Name()), int32(v.Number())})
	}
	return out
}
