package protobuf

// Difference types, named exactly as Confluent's protobuf provider names
// them (Difference.Type).
const (
	PackageChanged                 = "PACKAGE_CHANGED"
	MessageAdded                   = "MESSAGE_ADDED"
	MessageRemoved                 = "MESSAGE_REMOVED"
	MessageMoved                   = "MESSAGE_MOVED"
	EnumAdded                      = "ENUM_ADDED"
	EnumRemoved                    = "ENUM_REMOVED"
	EnumConstAdded                 = "ENUM_CONST_ADDED"
	EnumConstChanged               = "ENUM_CONST_CHANGED"
	EnumConstRemoved               = "ENUM_CONST_REMOVED"
	FieldAdded                     = "FIELD_ADDED"
	FieldRemoved                   = "FIELD_REMOVED"
	FieldNameChanged               = "FIELD_NAME_CHANGED"
	FieldKindChanged               = "FIELD_KIND_CHANGED"
	FieldScalarKindChanged         = "FIELD_SCALAR_KIND_CHANGED"
	FieldNamedTypeChanged          = "FIELD_NAMED_TYPE_CHANGED"
	FieldNumericLabelChanged       = "FIELD_NUMERIC_LABEL_CHANGED"
	FieldStringOrBytesLabelChanged = "FIELD_STRING_OR_BYTES_LABEL_CHANGED"
	RequiredFieldAdded             = "REQUIRED_FIELD_ADDED"
	RequiredFieldRemoved           = "REQUIRED_FIELD_REMOVED"
	OneofAdded                     = "ONEOF_ADDED"
	OneofRemoved                   = "ONEOF_REMOVED"
	OneofFieldAdded                = "ONEOF_FIELD_ADDED"
	OneofFieldRemoved              = "ONEOF_FIELD_REMOVED"
	OneofFieldMovedToTopLevel      = "ONEOF_FIELD_MOVED_TO_TOP_LEVEL"
	MultipleFieldsMovedToOneof     = "MULTIPLE_FIELDS_MOVED_TO_ONEOF"
	FieldMovedToExistingOneof      = "FIELD_MOVED_TO_EXISTING_ONEOF"
)

// differenceInfo is what we know about one difference type: whether
// Confluent counts it as compatible (SchemaDiff.COMPATIBLE_CHANGES) and our
// explanation for humans.
type differenceInfo struct {
	compatible bool
	message    string
}

// differenceOrder lists all 26 types in Confluent's declaration order.
var differenceOrder = [...]string{
	PackageChanged, MessageAdded, MessageRemoved, MessageMoved,
	EnumAdded, EnumRemoved, EnumConstAdded, EnumConstChanged, EnumConstRemoved,
	FieldAdded, FieldRemoved, FieldNameChanged, FieldKindChanged,
	FieldScalarKindChanged, FieldNamedTypeChanged,
	FieldNumericLabelChanged, FieldStringOrBytesLabelChanged,
	RequiredFieldAdded, RequiredFieldRemoved,
	OneofAdded, OneofRemoved, OneofFieldAdded, OneofFieldRemoved,
	OneofFieldMovedToTopLevel, MultipleFieldsMovedToOneof, FieldMovedToExistingOneof,
}

// DifferenceTypes returns the 26 difference types in Confluent's order.
func DifferenceTypes() []string {
	out := make([]string, len(differenceOrder))
	copy(out, differenceOrder[:])
	return out
}

// IsCompatible reports whether Confluent treats a difference type as
// compatible; unknown types are incompatible.
func IsCompatible(diffType string) bool {
	return describe(diffType).compatible
}

func describe(diffType string) differenceInfo {
	switch diffType {
	case PackageChanged:
		return differenceInfo{false, "the package name changed"}
	case MessageAdded:
		return differenceInfo{true, "a message was added"}
	case MessageRemoved:
		return differenceInfo{false, "a message was removed"}
	case MessageMoved:
		return differenceInfo{true, "a message changed its position (message index)"}
	case EnumAdded:
		return differenceInfo{true, "an enum was added"}
	case EnumRemoved:
		return differenceInfo{true, "an enum was removed"}
	case EnumConstAdded:
		return differenceInfo{true, "an enum value was added"}
	case EnumConstChanged:
		return differenceInfo{true, "an enum value was renamed"}
	case EnumConstRemoved:
		return differenceInfo{true, "an enum value was removed"}
	case FieldAdded:
		return differenceInfo{true, "a field was added"}
	case FieldRemoved:
		return differenceInfo{true, "a field was removed"}
	case FieldNameChanged:
		return differenceInfo{true, "a field was renamed"}
	case FieldKindChanged:
		return differenceInfo{false, "a field changed between scalar, message and map"}
	case FieldScalarKindChanged:
		return differenceInfo{false, "a field's scalar type changed to a wire-incompatible one"}
	case FieldNamedTypeChanged:
		return differenceInfo{false, "a field's message type changed or changed incompatibly"}
	case FieldNumericLabelChanged:
		return differenceInfo{false, "a numeric field's label changed (packed encoding differs)"}
	case FieldStringOrBytesLabelChanged:
		return differenceInfo{true, "a string or bytes field's label changed"}
	case RequiredFieldAdded:
		return differenceInfo{false, "a required field was added"}
	case RequiredFieldRemoved:
		return differenceInfo{false, "a required field was removed"}
	case OneofAdded:
		return differenceInfo{true, "a oneof was added"}
	case OneofRemoved:
		return differenceInfo{true, "a oneof was removed"}
	case OneofFieldAdded:
		return differenceInfo{true, "a field was added to a oneof"}
	case OneofFieldRemoved:
		return differenceInfo{false, "a field was removed from a oneof"}
	case OneofFieldMovedToTopLevel:
		return differenceInfo{true, "a oneof member became a top-level field"}
	case MultipleFieldsMovedToOneof:
		return differenceInfo{false, "several independent fields were moved into one oneof"}
	case FieldMovedToExistingOneof:
		return differenceInfo{false, "a field was moved into a oneof with pre-existing members"}
	}
	return differenceInfo{false, "unknown difference"}
}
