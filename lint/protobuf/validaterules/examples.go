package validaterules

import (
	"fmt"

	"errors"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"buf.build/go/protovalidate"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"
)

// examples checks that each example value of a field satisfies the
// field's rules: it sets the example on an otherwise empty instance of the
// message, validates only that field, and reports the violations that
// concern the example itself.
func (c *Checker) examples(a at, examplesPath []int32, rules *validate.FieldRules, typed protoreflect.Message, parent protoreflect.MessageDescriptor, mapField, fd protoreflect.FieldDescriptor, examples protoreflect.List) error {
	// Predefined rules from the linted files come through as unknown
	// fields; read them as the extensions they are.
	if raw := typed.GetUnknown(); len(raw) > 0 {
		typed.SetUnknown(nil)
		if err := (proto.UnmarshalOptions{Merge: true, Resolver: c.ext}).Unmarshal(raw, typed.Interface()); err != nil {
			return fmt.Errorf("%s: predefined rules: %w", a.field.FullName(), err)
		}
	}
	hasRules := len(rules.GetCel()) > 0
	typed.Range(func(f protoreflect.FieldDescriptor, _ protoreflect.Value) bool {
		hasRules = hasRules || f.Name() != "example"
		return !hasRules
	})
	if !hasRules { // nothing to check the examples against
		return nil
	}
	v, err := c.exampleValidator()
	if err != nil {
		return err
	}
	target := fd
	if mapField != nil {
		target = mapField
	}
	for i := range examples.Len() {
		ex := examples.Get(i)
		msg := dynamicpb.NewMessage(parent)
		switch {
		case fd.IsList():
			l := msg.NewField(fd).List()
			l.Append(ex)
			msg.Set(fd, protoreflect.ValueOfList(l))
		case mapField != nil:
			m := msg.NewField(mapField).Map()
			if fd == mapField.MapKey() {
				m.Set(ex.MapKey(), zero(mapField.MapValue()))
			} else {
				m.Set(zero(mapField.MapKey()).MapKey(), ex)
			}
			msg.Set(mapField, protoreflect.ValueOfMap(m))
		case fd.Enum() != nil:
			n, ok := ex.Interface().(int32)
			if !ok {
				return fmt.Errorf("%s: enum example %v is not an int32", fd.FullName(), ex.Interface())
			}
			msg.Set(fd, protoreflect.ValueOfEnum(protoreflect.EnumNumber(n)))
		case fd.Message() != nil && isWrapper(fd.Message()):
			w := msg.NewField(fd).Message()
			w.Set(w.Descriptor().Fields().ByName("value"), ex)
			msg.Set(fd, protoreflect.ValueOfMessage(w))
		default:
			msg.Set(fd, ex)
		}
		err := v.Validate(msg, protovalidate.WithFilter(protovalidate.FilterFunc(func(_ protoreflect.Message, d protoreflect.Descriptor) bool {
			return d == target
		})))
		if err == nil {
			continue
		}
		if _, bad := errors.AsType[*protovalidate.CompilationError](err); bad {
			break // the rules themselves are wrong, which the CEL checks report
		}
		var verr *protovalidate.ValidationError
		if !errors.As(err, &verr) {
			return fmt.Errorf("%s: validating example %v: %w", fd.FullName(), ex.Interface(), err)
		}
		for _, viol := range verr.Violations {
			if concerns(viol.Proto, fd, mapField) {
				a.add(append(append([]int32{}, examplesPath...), int32(i)), "field %s: example %v does not satisfy rule %q: %s", a.field.Name(), ex.Interface(), viol.Proto.GetRuleId(), viol.Proto.GetMessage())
			}
		}
	}
	return nil
}

// zero is the zero value of a map entry's key or value field.
func zero(fd protoreflect.FieldDescriptor) protoreflect.Value {
	return dynamicpb.NewMessage(fd.ContainingMessage()).NewField(fd)
}

// concerns reports whether a violation is about the example itself: the
// field (an element of it, for a list; the key or the value, for a map)
// rather than something nested in it.
func concerns(v *validate.Violation, fd, mapField protoreflect.FieldDescriptor) bool {
	els := v.GetField().GetElements()
	if len(els) != 1 {
		return false
	}
	el := els[0]
	_, indexed := el.GetSubscript().(*validate.FieldPathElement_Index)
	switch {
	case mapField != nil:
		return el.GetFieldNumber() == int32(mapField.Number()) && el.GetSubscript() != nil && !indexed && v.GetForKey() == (fd == mapField.MapKey())
	case fd.IsList():
		return el.GetFieldNumber() == int32(fd.Number()) && indexed
	}
	return el.GetFieldNumber() == int32(fd.Number()) && el.GetSubscript() == nil
}
