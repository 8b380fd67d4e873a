package validaterules

import (
	"fmt"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"buf.build/go/protovalidate"
	pvcel "buf.build/go/protovalidate/cel"
	"cel.dev/cel-go/cel"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// thisTypes is what `this` is in a predefined rule on each rule message.
var thisTypes = map[protoreflect.Name]*cel.Type{
	"AnyRules": cel.AnyType, "BoolRules": cel.BoolType, "BytesRules": cel.BytesType, "StringRules": cel.StringType,
	"Int32Rules": cel.IntType, "Int64Rules": cel.IntType, "SInt32Rules": cel.IntType, "SInt64Rules": cel.IntType,
	"SFixed32Rules": cel.IntType, "SFixed64Rules": cel.IntType, "EnumRules": cel.IntType,
	"UInt32Rules": cel.UintType, "UInt64Rules": cel.UintType, "Fixed32Rules": cel.UintType, "Fixed64Rules": cel.UintType,
	"FloatRules": cel.DoubleType, "DoubleRules": cel.DoubleType,
	"MapRules":      cel.MapType(cel.DynType, cel.DynType),
	"RepeatedRules": cel.ListType(cel.DynType),
	"DurationRules": cel.DurationType, "TimestampRules": cel.TimestampType,
	"FieldMaskRules": cel.ObjectType("google.protobuf.FieldMask"),
}

// Predefined checks the CEL rules of an extension of one of buf.validate's
// rule messages (a predefined rule): `rule` is the extension's value,
// `this` the value validated, `rules` the rule message.
func (c *Checker) Predefined(xd protoreflect.FieldDescriptor, report Report) error {
	if !xd.IsExtension() || !isRulesMessage(xd.ContainingMessage()) {
		return nil
	}
	rules, err := protovalidate.ResolvePredefinedRules(xd)
	if err != nil {
		return fmt.Errorf("%s: %w", xd.FullName(), err)
	}
	this, ok := thisTypes[xd.ContainingMessage().Name()]
	if rules == nil || !ok {
		return nil
	}
	env, err := c.env(xd.ParentFile())
	if err != nil {
		return err
	}
	env, err = env.Extend(
		cel.Variable("rule", pvcel.ProtoFieldToType(xd, false, false)),
		cel.Variable("this", this),
		cel.Variable("rules", cel.ObjectType(string(xd.ContainingMessage().FullName()))),
	)
	if err != nil {
		return fmt.Errorf("%s: %w", xd.FullName(), err)
	}
	ext := int32(validate.E_Predefined.TypeDescriptor().Number())
	checkCEL(env, rulesOf(rules.GetCel()), "(buf.validate.predefined).cel of extension "+string(xd.Name()), func(i int, format string, args ...any) {
		report([][]int32{{ext, predefinedCel, int32(i)}}, fmt.Sprintf(format, args...))
	})
	return nil
}
