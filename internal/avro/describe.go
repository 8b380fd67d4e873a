package avro

import (
	"fmt"

	"github.com/contractctl/contractctl/internal/compat"
)

// Describe renders an Issue from Checker.Check as Confluent Schema Registry
// phrases it in a compatibility response:
// {errorType:'<TYPE>', description:'<text>', additionalInfo:'<Java message>'}.
// readerRole and writerRole are the words Confluent substitutes for the two
// schemas: "new", "old" for a BACKWARD check, "old", "new" for FORWARD.
// Issues that are not Java incompatibilities (UNEXPECTED_EXCEPTION,
// DIFFERENT_SCHEMA_TYPE) are rendered as their bare message, as Confluent does.
func Describe(is compat.Issue, readerRole, writerRole string) string {
	var desc string
	switch is.Type {
	case FixedSizeMismatch:
		desc = fmt.Sprintf("The size of FIXED type field at path '%s' in the %s schema does not match with the %s schema", is.Path, readerRole, writerRole)
	case TypeMismatch:
		desc = fmt.Sprintf("The type (path '%s') of a field in the %s schema does not match with the %s schema", is.Path, readerRole, writerRole)
	case NameMismatch:
		desc = fmt.Sprintf("The name of the schema has changed (path '%s')", is.Path)
	case MissingEnumSymbols:
		desc = fmt.Sprintf("The %s schema is missing enum symbols '%s' at path '%s' in the %s schema", readerRole, is.Message, is.Path, writerRole)
	case MissingUnionBranch:
		desc = fmt.Sprintf("The %s schema is missing a type inside a union field at path '%s' in the %s schema", readerRole, is.Path, writerRole)
	case ReaderFieldMissingDefaultValue:
		desc = fmt.Sprintf("The field '%s' at path '%s' in the %s schema has no default value and is missing in the %s schema", is.Message, is.Path, readerRole, writerRole)
	default:
		return is.Message
	}
	return fmt.Sprintf("{errorType:'%s', description:'%s', additionalInfo:'%s'}", is.Type, desc, is.Message)
}
