package protobuf

import (
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// label is a field's label as written in the source, the way Confluent's
// parser sees it: none for proto3 singular fields, oneof members and maps.
type label int

const (
	labelNone label = iota
	labelOptional
	labelRequired
	labelRepeated
)

func writtenLabel(fd protoreflect.FieldDescriptor) label {
	if fd.IsMap() {
		return labelNone
	}
	if od := fd.ContainingOneof(); od != nil && !od.IsSynthetic() {
		return labelNone
	}
	switch fd.Cardinality() {
	case protoreflect.Repeated:
		return labelRepeated
	case protoreflect.Required:
		return labelRequired
	}
	switch fd.ParentFile().Syntax() {
	case protoreflect.Proto2:
		return labelOptional
	case protoreflect.Proto3:
		if fd.HasOptionalKeyword() {
			return labelOptional
		}
	}
	return labelNone
}

// fieldKind is Confluent's coarse kind: scalars (enums included), messages
// and maps.
type fieldKind int

const (
	kindScalar fieldKind = iota
	kindMessage
	kindMap
)

func kindOf(fd protoreflect.FieldDescriptor) fieldKind {
	switch {
	case fd.IsMap():
		return kindMap
	case fd.Kind() == protoreflect.MessageKind || fd.Kind() == protoreflect.GroupKind:
		return kindMessage
	}
	return kindScalar
}

// scalarKind groups wire-compatible scalar types.
type scalarKind int

const (
	scalarGeneralNumber scalarKind = iota
	scalarSignedNumber
	scalarStringOrBytes
	scalarFixed32
	scalarFixed64
	scalarFloat
	scalarDouble
)

func scalarKindOf(fd protoreflect.FieldDescriptor) scalarKind {
	switch fd.Kind() {
	case protoreflect.Sint32Kind, protoreflect.Sint64Kind:
		return scalarSignedNumber
	case protoreflect.StringKind, protoreflect.BytesKind:
		return scalarStringOrBytes
	case protoreflect.Fixed32Kind, protoreflect.Sfixed32Kind:
		return scalarFixed32
	case protoreflect.Fixed64Kind, protoreflect.Sfixed64Kind:
		return scalarFixed64
	case protoreflect.FloatKind:
		return scalarFloat
	case protoreflect.DoubleKind:
		return scalarDouble
	}
	// int32, int64, uint32, uint64, bool and enums.
	return scalarGeneralNumber
}

// compareFields is FieldSchemaDiff.compare for two fields with one tag.
func (d *differ) compareFields(original, update protoreflect.FieldDescriptor) {
	if original.Name() != update.Name() {
		d.add(FieldNameChanged, update)
	}
	d.compareTypes(writtenLabel(original), writtenLabel(update), original, update, update)
}

// compareTypes compares the types (and, for scalars, labels) of two fields
// or map key/value pseudo-fields; at locates the reported differences.
func (d *differ) compareTypes(origLabel, updLabel label, original, update protoreflect.FieldDescriptor, at protoreflect.Descriptor) {
	ok, uk := kindOf(original), kindOf(update)
	if ok != uk {
		d.add(FieldKindChanged, at)
		return
	}
	switch ok {
	case kindScalar:
		os, us := scalarKindOf(original), scalarKindOf(update)
		if os != us {
			d.add(FieldScalarKindChanged, at)
			return
		}
		if origLabel == labelNone || updLabel == labelNone || origLabel == updLabel {
			return
		}
		if os == scalarStringOrBytes {
			d.add(FieldStringOrBytesLabelChanged, at)
		} else {
			d.add(FieldNumericLabelChanged, at)
		}
	case kindMessage:
		d.compareMessageTypes(original.Message(), update.Message(), at)
	case kindMap:
		d.compareTypes(labelNone, labelNone, original.MapKey(), update.MapKey(), at)
		d.compareTypes(labelNone, labelNone, original.MapValue(), update.MapValue(), at)
	}
}

// compareMessageTypes compares message-typed fields by package-local name;
// equal names declared in different files (or different versions of a
// reference) are compared structurally, and an incompatible structural
// difference also makes the field's named type incompatible.
func (d *differ) compareMessageTypes(original, update protoreflect.MessageDescriptor, at protoreflect.Descriptor) {
	origLocal, updLocal := localName(original), localName(update)
	if origLocal != updLocal {
		d.add(FieldNamedTypeChanged, at)
		return
	}
	if d.orig.origin(original) == d.upd.origin(update) {
		return
	}
	sub := d.sub(origLocal)
	sub.compareMessages(original, update)
	d.issues = append(d.issues, sub.issues...)
	if !compatibleAll(sub.issues) {
		d.add(FieldNamedTypeChanged, at)
	}
}

func localName(md protoreflect.MessageDescriptor) string {
	full := string(md.FullName())
	if pkg := string(md.ParentFile().Package()); pkg != "" {
		return strings.TrimPrefix(full, pkg+".")
	}
	return full
}
