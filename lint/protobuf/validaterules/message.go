package validaterules

import (
	"fmt"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"buf.build/go/protovalidate"
	"cel.dev/cel-go/cel"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Message checks md's (buf.validate.message) rules: its oneof entries and
// its CEL rules.
func (c *Checker) Message(md protoreflect.MessageDescriptor, report Report) error {
	rules, err := protovalidate.ResolveMessageRules(md)
	if err != nil {
		return fmt.Errorf("%s: %w", md.FullName(), err)
	}
	if rules == nil {
		return nil
	}
	ext := int32(validate.E_Message.TypeDescriptor().Number())
	at := func(path ...int32) func(format string, args ...any) {
		return func(format string, args ...any) {
			report([][]int32{append([]int32{ext}, path...)}, fmt.Sprintf(format, args...))
		}
	}
	checkMessageOneofs(md, rules, ext, at, report)
	if len(rules.GetCel()) == 0 && len(rules.GetCelExpression()) == 0 {
		return nil
	}
	env, err := c.env(md.ParentFile())
	if err != nil {
		return err
	}
	if env, err = env.Extend(cel.Variable("this", cel.ObjectType(string(md.FullName())))); err != nil {
		return fmt.Errorf("%s: %w", md.FullName(), err)
	}
	checkCEL(env, rulesOf(rules.GetCel()), "(buf.validate.message).cel", func(i int, format string, args ...any) {
		at(msgCel, int32(i))(format, args...)
	})
	checkCEL(env, expressionsOf(rules.GetCelExpression()), "(buf.validate.message).cel_expression", func(i int, format string, args ...any) {
		at(msgCelExpression, int32(i))(format, args...)
	})
	return nil
}

// checkMessageOneofs checks the (buf.validate.message).oneof entries: each
// names at least one field, fields of the message, each once, and no field
// is in two entries.
func checkMessageOneofs(md protoreflect.MessageDescriptor, rules *validate.MessageRules, ext int32, at func(...int32) func(string, ...any), report Report) {
	entriesOf := map[string][]int32{}
	var order []string
	for i, o := range rules.GetOneof() {
		if len(o.GetFields()) == 0 {
			at(msgOneof, int32(i))("(buf.validate.message).oneof entry %d of %s names no fields", i+1, md.Name())
			continue
		}
		seen := map[string]bool{}
		for j, name := range o.GetFields() {
			switch {
			case seen[name]:
				at(msgOneof, int32(i), oneofFields, int32(j))("(buf.validate.message).oneof entry %d of %s names field %q twice", i+1, md.Name(), name)
				continue
			case md.Fields().ByName(protoreflect.Name(name)) == nil:
				seen[name] = true
				at(msgOneof, int32(i), oneofFields, int32(j))("(buf.validate.message).oneof entry %d names %q, which is not a field of %s", i+1, name, md.Name())
				continue
			}
			seen[name] = true
			if entriesOf[name] == nil {
				order = append(order, name)
			}
			entriesOf[name] = append(entriesOf[name], int32(i))
		}
	}
	for _, name := range order {
		if idx := entriesOf[name]; len(idx) > 1 {
			paths := make([][]int32, len(idx))
			for k, i := range idx {
				paths[k] = []int32{ext, msgOneof, i}
			}
			report(paths, fmt.Sprintf("field %q of %s is in %d (buf.validate.message).oneof entries; a field may be in one only", name, md.Name(), len(idx)))
		}
	}
}
