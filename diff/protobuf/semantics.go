package protobuf

import (
	"fmt"
	"strings"

	"google.golang.org/protobuf/types/descriptorpb"
)

type fieldType = descriptorpb.FieldDescriptorProto_Type

const (
	tDouble   = descriptorpb.FieldDescriptorProto_TYPE_DOUBLE
	tFloat    = descriptorpb.FieldDescriptorProto_TYPE_FLOAT
	tInt64    = descriptorpb.FieldDescriptorProto_TYPE_INT64
	tUint64   = descriptorpb.FieldDescriptorProto_TYPE_UINT64
	tInt32    = descriptorpb.FieldDescriptorProto_TYPE_INT32
	tFixed64  = descriptorpb.FieldDescriptorProto_TYPE_FIXED64
	tFixed32  = descriptorpb.FieldDescriptorProto_TYPE_FIXED32
	tBool     = descriptorpb.FieldDescriptorProto_TYPE_BOOL
	tString   = descriptorpb.FieldDescriptorProto_TYPE_STRING
	tGroup    = descriptorpb.FieldDescriptorProto_TYPE_GROUP
	tMessage  = descriptorpb.FieldDescriptorProto_TYPE_MESSAGE
	tBytes    = descriptorpb.FieldDescriptorProto_TYPE_BYTES
	tUint32   = descriptorpb.FieldDescriptorProto_TYPE_UINT32
	tEnum     = descriptorpb.FieldDescriptorProto_TYPE_ENUM
	tSfixed32 = descriptorpb.FieldDescriptorProto_TYPE_SFIXED32
	tSfixed64 = descriptorpb.FieldDescriptorProto_TYPE_SFIXED64
	tSint32   = descriptorpb.FieldDescriptorProto_TYPE_SINT32
	tSint64   = descriptorpb.FieldDescriptorProto_TYPE_SINT64
)

// Cardinalities, as buf names them in messages.
const (
	cardOptionalExplicit = "optional with explicit presence"
	cardOptionalImplicit = "optional with implicit presence"
	cardRequired         = "required"
	cardRepeated         = "repeated"
	cardMap              = "map"
)

func isEditions(fd *descriptorpb.FileDescriptorProto) bool { return fd.GetSyntax() == "editions" }
func isProto3(fd *descriptorpb.FileDescriptorProto) bool   { return fd.GetSyntax() == "proto3" }

// cardinality classifies field f of message m in file fd.
func cardinality(fd *descriptorpb.FileDescriptorProto, m *descriptorpb.DescriptorProto, f *descriptorpb.FieldDescriptorProto) string {
	switch {
	case f.GetLabel() == descriptorpb.FieldDescriptorProto_LABEL_REPEATED:
		if isMapField(m, f) {
			return cardMap
		}
		return cardRepeated
	case isRequired(fd, f):
		return cardRequired
	case hasPresence(fd, f):
		return cardOptionalExplicit
	}
	return cardOptionalImplicit
}

func isRequired(fd *descriptorpb.FileDescriptorProto, f *descriptorpb.FieldDescriptorProto) bool {
	if f.GetLabel() == descriptorpb.FieldDescriptorProto_LABEL_REQUIRED {
		return true
	}
	return isEditions(fd) && fieldPresence(fd, f) == descriptorpb.FeatureSet_LEGACY_REQUIRED
}

func hasPresence(fd *descriptorpb.FileDescriptorProto, f *descriptorpb.FieldDescriptorProto) bool {
	if t := f.GetType(); t == tMessage || t == tGroup || f.OneofIndex != nil || f.Extendee != nil {
		return true
	}
	switch {
	case isProto3(fd):
		return f.GetProto3Optional()
	case isEditions(fd):
		return fieldPresence(fd, f) != descriptorpb.FeatureSet_IMPLICIT
	}
	return true // proto2 optional
}

func fieldPresence(fd *descriptorpb.FileDescriptorProto, f *descriptorpb.FieldDescriptorProto) descriptorpb.FeatureSet_FieldPresence {
	if p := f.GetOptions().GetFeatures().GetFieldPresence(); p != descriptorpb.FeatureSet_FIELD_PRESENCE_UNKNOWN {
		return p
	}
	if p := fd.GetOptions().GetFeatures().GetFieldPresence(); p != descriptorpb.FeatureSet_FIELD_PRESENCE_UNKNOWN {
		return p
	}
	return descriptorpb.FeatureSet_EXPLICIT
}

func isMapField(m *descriptorpb.DescriptorProto, f *descriptorpb.FieldDescriptorProto) bool {
	if f.GetType() != tMessage {
		return false
	}
	name := f.GetTypeName()
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	for _, n := range m.NestedType {
		if n.GetName() == name && n.GetOptions().GetMapEntry() {
			return true
		}
	}
	return false
}

// oneofName names the real oneof holding f ("" for none; the synthetic
// oneof of a proto3 optional field does not count).
func oneofName(m *descriptorpb.DescriptorProto, f *descriptorpb.FieldDescriptorProto) string {
	if f.OneofIndex == nil || f.GetProto3Optional() {
		return ""
	}
	i := int(f.GetOneofIndex())
	if i < 0 || i >= len(m.OneofDecl) {
		return ""
	}
	return m.OneofDecl[i].GetName()
}

// jsonFormat is the effective json_format feature: proto3 allows JSON,
// proto2 is best-effort, editions read the feature (default ALLOW).
func jsonFormat(fd *descriptorpb.FileDescriptorProto, own *descriptorpb.FeatureSet) string {
	switch {
	case isProto3(fd):
		return "ALLOW"
	case isEditions(fd):
		if v := own.GetJsonFormat(); v != descriptorpb.FeatureSet_JSON_FORMAT_UNKNOWN {
			return v.String()
		}
		if v := fd.GetOptions().GetFeatures().GetJsonFormat(); v != descriptorpb.FeatureSet_JSON_FORMAT_UNKNOWN {
			return v.String()
		}
		return "ALLOW"
	}
	return "LEGACY_BEST_EFFORT"
}

// enumOpen reports whether an enum is open (proto3, editions default).
func enumOpen(fd *descriptorpb.FileDescriptorProto, e *descriptorpb.EnumDescriptorProto) bool {
	switch {
	case isProto3(fd):
		return true
	case isEditions(fd):
		if v := e.GetOptions().GetFeatures().GetEnumType(); v != descriptorpb.FeatureSet_ENUM_TYPE_UNKNOWN {
			return v == descriptorpb.FeatureSet_OPEN
		}
		if v := fd.GetOptions().GetFeatures().GetEnumType(); v != descriptorpb.FeatureSet_ENUM_TYPE_UNKNOWN {
			return v == descriptorpb.FeatureSet_OPEN
		}
		return true
	}
	return false
}

// utf8Validation is a string field's effective UTF-8 validation.
func utf8Validation(fd *descriptorpb.FileDescriptorProto, f *descriptorpb.FieldDescriptorProto) string {
	switch {
	case isProto3(fd):
		return "VERIFY"
	case isEditions(fd):
		if v := f.GetOptions().GetFeatures().GetUtf8Validation(); v != descriptorpb.FeatureSet_UTF8_VALIDATION_UNKNOWN {
			return v.String()
		}
		if v := fd.GetOptions().GetFeatures().GetUtf8Validation(); v != descriptorpb.FeatureSet_UTF8_VALIDATION_UNKNOWN {
			return v.String()
		}
		return "VERIFY"
	}
	return "NONE"
}

func wireCardGroup(c string) int {
	switch c {
	case cardOptionalExplicit, cardOptionalImplicit:
		return 1
	case cardRequired:
		return 2
	}
	return 3 // repeated and map
}

func wireJSONCardGroup(c string) int {
	switch c {
	case cardOptionalExplicit, cardOptionalImplicit:
		return 1
	case cardRequired:
		return 2
	case cardRepeated:
		return 3
	}
	return 4
}

// wireGroup puts kinds that share a wire encoding together.
func wireGroup(t fieldType) int {
	switch t {
	case tInt32, tInt64, tUint32, tUint64, tBool:
		return 1
	case tSint32, tSint64:
		return 2
	case tFixed32, tSfixed32:
		return 5
	case tFixed64, tSfixed64:
		return 6
	}
	return 100 + int(t) // every other kind alone
}

func wireJSONGroup(t fieldType) int {
	switch t {
	case tInt32, tUint32:
		return 1
	case tInt64, tUint64:
		return 2
	case tFixed32, tSfixed32:
		return 3
	case tFixed64, tSfixed64:
		return 4
	}
	return 100 + int(t)
}

func namedKind(t fieldType) bool { return t == tMessage || t == tEnum || t == tGroup }

func wireCompatible(b, h *descriptorpb.FieldDescriptorProto) bool {
	bt, ht := b.GetType(), h.GetType()
	if namedKind(bt) || namedKind(ht) {
		return bt == ht && b.GetTypeName() == h.GetTypeName()
	}
	if bt == tString && ht == tBytes {
		return true
	}
	return wireGroup(bt) == wireGroup(ht)
}

func wireJSONCompatible(b, h *descriptorpb.FieldDescriptorProto) bool {
	bt, ht := b.GetType(), h.GetType()
	if namedKind(bt) || namedKind(ht) {
		return bt == ht && b.GetTypeName() == h.GetTypeName()
	}
	return wireJSONGroup(bt) == wireJSONGroup(ht)
}

// span is a half-open number range [start, end).
type span struct{ start, end int32 }

func extRanges(m *descriptorpb.DescriptorProto) []span {
	out := make([]span, 0, len(m.ExtensionRange))
	for _, r := range m.ExtensionRange {
		out = append(out, span{r.GetStart(), r.GetEnd()})
	}
	return out
}

func resRanges(m *descriptorpb.DescriptorProto) []span {
	out := make([]span, 0, len(m.ReservedRange))
	for _, r := range m.ReservedRange {
		out = append(out, span{r.GetStart(), r.GetEnd()})
	}
	return out
}

// enumRanges converts an enum's inclusive reserved ranges to half-open.
func enumRanges(e *descriptorpb.EnumDescriptorProto) []span {
	out := make([]span, 0, len(e.ReservedRange))
	for _, r := range e.ReservedRange {
		out = append(out, span{r.GetStart(), r.GetEnd() + 1})
	}
	return out
}

func inRanges(n int32, rs []span) bool {
	for _, r := range rs {
		if n >= r.start && n < r.end {
			return true
		}
	}
	return false
}

func inEnumRanges(n int32, rs []*descriptorpb.EnumDescriptorProto_EnumReservedRange) bool {
	for _, r := range rs {
		if n >= r.GetStart() && n <= r.GetEnd() {
			return true
		}
	}
	return false
}

// uncovered returns the parts of [start, end) that no range in rs covers.
func uncovered(start, end int32, rs []span) []span {
	gaps := []span{{start, end}}
	for _, r := range rs {
		var next []span
		for _, g := range gaps {
			if r.end <= g.start || r.start >= g.end {
				next = append(next, g)
				continue
			}
			if r.start > g.start {
				next = append(next, span{g.start, r.start})
			}
			if r.end < g.end {
				next = append(next, span{r.end, g.end})
			}
		}
		gaps = next
	}
	return gaps
}

func rangeText(s span) string {
	if s.end-s.start == 1 {
		return fmt.Sprintf("[%d]", s.start)
	}
	return fmt.Sprintf("[%d,%d]", s.start, s.end-1)
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
