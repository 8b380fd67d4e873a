package validaterules

import (
	"fmt"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Field numbers of buf.validate's messages that findings point into,
// read from the descriptors so that they cannot drift.
var (
	fieldRulesDesc = (&validate.FieldRules{}).ProtoReflect().Descriptor()
	typeOneof      = fieldRulesDesc.Oneofs().ByName("type")

	msgCel           = num(&validate.MessageRules{}, "cel")
	msgCelExpression = num(&validate.MessageRules{}, "cel_expression")
	msgOneof         = num(&validate.MessageRules{}, "oneof")
	oneofFields      = num(&validate.MessageOneofRule{}, "fields")
	predefinedCel    = num(&validate.PredefinedRules{}, "cel")

	fieldCel           = num(&validate.FieldRules{}, "cel")
	fieldCelExpression = num(&validate.FieldRules{}, "cel_expression")
	fieldRequired      = num(&validate.FieldRules{}, "required")
	fieldIgnore        = num(&validate.FieldRules{}, "ignore")
	fieldRepeated      = num(&validate.FieldRules{}, "repeated")
	fieldMap           = num(&validate.FieldRules{}, "map")

	repeatedMinItems = num(&validate.RepeatedRules{}, "min_items")
	repeatedMaxItems = num(&validate.RepeatedRules{}, "max_items")
	repeatedUnique   = num(&validate.RepeatedRules{}, "unique")
	repeatedItems    = num(&validate.RepeatedRules{}, "items")
	mapMinPairs      = num(&validate.MapRules{}, "min_pairs")
	mapMaxPairs      = num(&validate.MapRules{}, "max_pairs")
	mapKeys          = num(&validate.MapRules{}, "keys")
	mapValues        = num(&validate.MapRules{}, "values")
)

func num(m proto.Message, name string) int32 {
	fd := m.ProtoReflect().Descriptor().Fields().ByName(protoreflect.Name(name))
	if fd == nil {
		panic(fmt.Sprintf("buf.validate: %s has no field %s", m.ProtoReflect().Descriptor().FullName(), name))
	}
	return int32(fd.Number())
}

// ruleName spells a path into FieldRules as written in an option, such as
// (buf.validate.field).string.max_len.
func ruleName(path []int32) string {
	name := "(buf.validate.field)"
	md := fieldRulesDesc
	for _, n := range path {
		if md == nil {
			break
		}
		fd := md.Fields().ByNumber(protoreflect.FieldNumber(n))
		if fd == nil {
			break
		}
		name += "." + string(fd.Name())
		md = fd.Message()
	}
	return name
}
