package protobuf

import (
	"fmt"
	"strconv"
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

// span is a half-open number range [start, end).
type span struct{ start, end int64 }

func extRanges(m *descriptorpb.DescriptorProto) []span {
	out := make([]span, 0, len(m.ExtensionRange))
	for _, r := range m.ExtensionRange {
		out = append(out, span{int64(r.GetStart()), int64(r.GetEnd())})
	}
	return out
}

func resRanges(m *descriptorpb.DescriptorProto) []span {
	out := make([]span, 0, len(m.ReservedRange))
	for _, r := range m.ReservedRange {
		out = append(out, span{int64(r.GetStart()), int64(r.GetEnd())})
	}
	return out
}

// enumRanges converts an enum's inclusive reserved ranges to half-open.
func enumRanges(e *descriptorpb.EnumDescriptorProto) []span {
	out := make([]span, 0, len(e.ReservedRange))
	for _, r := range e.ReservedRange {
		out = append(out, span{int64(r.GetStart()), int64(r.GetEnd()) + 1})
	}
	return out
}

func inRanges(n int32, rs []span) bool {
	m := int64(n)
	for _, r := range rs {
		if m >= r.start && m < r.end {
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
func uncovered(start, end int64, rs []span) []span {
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

// maxFieldNumber is the largest field number ("max" in a range).
const maxFieldNumber = 536870911

// rangeText writes a half-open range as buf does: [4,5], [301], [1000,max].
func rangeText(s span, max int64) string {
	end := strconv.FormatInt(s.end-1, 10)
	if s.end-1 == max {
		end = "max"
	}
	if s.end-s.start == 1 {
		return "[" + end + "]"
	}
	return "[" + strconv.FormatInt(s.start, 10) + "," + end + "]"
}

// rangeLost describes a base range whose numbers gaps are no longer in
// any head range.
func rangeLost(kind string, r span, gaps []span, max int64, parentKind, parent string) string {
	parts := make([]string, len(gaps))
	for i, g := range gaps {
		parts[i] = rangeText(g, max)
	}
	return fmt.Sprintf("Previously present %s range %q on %s %q is missing values: %s were removed.",
		kind, rangeText(r, max), parentKind, parent, strings.Join(parts, ", "))
}

func quoteAll(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return strings.Join(out, ", ")
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
