package protobuf

import (
	"fmt"
	"regexp"
	"strings"

	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/contractctl/contractctl/house"
	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/rules"
)

func runPackageVersioned(p *Pass) {
	p.OnFile(func(f File) {
		pkg := f.Proto.GetPackage()
		// Silent where buf's PACKAGE_VERSION_SUFFIX is selected: one
		// finding is enough.
		if f.Proto.Package != nil && !p.Sel[rules.ProtoPackageVersionSuffix] && !looseVersion.MatchString(protoset.LastComponent(pkg)) {
			p.Report(packageAt(f), "package %q has no version component; name it %s.v1 so that a breaking change can ship as %s.v2 next to it", pkg, pkg, pkg)
		}
	})
}

// runDeprecatedNeedsSunset: every deprecated element has a comment line
// `Sunset: YYYY-MM-DD` (leading or trailing).
func runDeprecatedNeedsSunset(p *Pass) {
	check := func(e Element, deprecated bool, what string) {
		if !deprecated {
			return
		}
		lead, trail := e.Locs().Comments(e.Path...)
		if !sunsetLine.MatchString(lead) && !sunsetLine.MatchString(trail) {
			p.Report(e, "%s is deprecated without a sunset date; add a comment line `Sunset: YYYY-MM-DD`", what)
		}
	}
	p.OnFile(func(f File) {
		check(Element{[]int32{protoset.TagFileOptions, 23}, "/", f.file}, f.Proto.GetOptions().GetDeprecated(), "file "+f.Name)
	})
	p.OnMessage(func(m Message) { check(m.Element, m.M.GetOptions().GetDeprecated(), "message "+m.Full) })
	p.OnField(func(f Field) {
		if f.Parent != nil {
			check(f.Element, f.F.GetOptions().GetDeprecated(), "field "+strings.TrimPrefix(strings.ReplaceAll(f.Ptr, "/", "."), "."))
		}
	})
	p.OnEnum(func(e Enum) { check(e.Element, e.E.GetOptions().GetDeprecated(), "enum "+e.Full) })
	p.OnEnumValue(func(v EnumValue) { check(v.Element, v.V.GetOptions().GetDeprecated(), "enum value "+v.V.GetName()) })
	p.OnService(func(s Service) { check(s.Element, s.S.GetOptions().GetDeprecated(), "service "+s.Full) })
	p.OnMethod(func(m Method) {
		check(m.Element, m.M.GetOptions().GetDeprecated(), "rpc "+strings.TrimPrefix(strings.ReplaceAll(m.Ptr, "/", "."), "."))
	})
}

// moneyField reports whether a message field's name denotes money.
func moneyField(p *Pass, f Field) bool {
	return f.Parent != nil && p.Config.House.Money.IsMoneyName(f.F.GetName())
}

// runMoneyInteger: a money field is an integer count of minor units or
// google.type.Money, never a float, double or string.
func runMoneyInteger(p *Pass) {
	p.OnField(func(f Field) {
		if !moneyField(p, f) {
			return
		}
		switch typ := f.F.GetType(); typ {
		case descriptorpb.FieldDescriptorProto_TYPE_FLOAT, descriptorpb.FieldDescriptorProto_TYPE_DOUBLE,
			descriptorpb.FieldDescriptorProto_TYPE_STRING:
			p.ReportAt(f.Element, f.Locs().First(protoset.With(f.Path, protoset.TagFieldType), f.Path),
				"money field %q is a %s; use an int64 count of minor units (%s) or google.type.Money",
				f.F.GetName(), strings.ToLower(strings.TrimPrefix(typ.String(), "TYPE_")), house.MinorName(f.F.GetName()))
		}
	})
}

// runMoneyMinorName: an integer money field says its unit (…_minor).
func runMoneyMinorName(p *Pass) {
	p.OnField(func(f Field) {
		if !moneyField(p, f) || !isInteger(f.F.GetType()) || house.IsMinorUnitsName(f.F.GetName()) {
			return
		}
		p.Report(nameOf(f.Element, protoset.TagFieldName), "integer money field %q should say its unit: name it %s", f.F.GetName(), house.MinorName(f.F.GetName()))
	})
}

func isInteger(t descriptorpb.FieldDescriptorProto_Type) bool {
	switch t {
	case descriptorpb.FieldDescriptorProto_TYPE_INT64, descriptorpb.FieldDescriptorProto_TYPE_SINT64,
		descriptorpb.FieldDescriptorProto_TYPE_UINT64, descriptorpb.FieldDescriptorProto_TYPE_INT32,
		descriptorpb.FieldDescriptorProto_TYPE_SINT32, descriptorpb.FieldDescriptorProto_TYPE_UINT32,
		descriptorpb.FieldDescriptorProto_TYPE_FIXED64, descriptorpb.FieldDescriptorProto_TYPE_SFIXED64,
		descriptorpb.FieldDescriptorProto_TYPE_FIXED32, descriptorpb.FieldDescriptorProto_TYPE_SFIXED32:
		return true
	}
	return false
}

var sunsetLine = regexp.MustCompile(`(?m)^\s*Sunset:\s*\d{4}-\d{2}-\d{2}\s*$`)

// readPrefixes name RPCs that only read.
var readPrefixes = []string{"Get", "List", "Search", "BatchGet", "Watch"}

func isReadMethod(m *descriptorpb.MethodDescriptorProto) bool {
	for _, pre := range readPrefixes {
		if strings.HasPrefix(m.GetName(), pre) {
			return true
		}
	}
	return m.GetOptions().GetIdempotencyLevel() == descriptorpb.MethodOptions_NO_SIDE_EFFECTS
}

// runIdempotencyKey: an RPC that changes state takes a string
// idempotency_key (or the configured property, operation_id by default)
// in its request.
func runIdempotencyKey(p *Pass) {
	p.OnFinish(func() { p.l.idempotency(p.l.protos) })
}

func (l *linter) idempotency(protos map[string]*descriptorpb.FileDescriptorProto) {
	var msgs map[string]*descriptorpb.DescriptorProto
	keys := []string{"idempotency_key", l.cfg.House.IdempotencyProperty, "operation_id"}
	for _, fi := range l.cross.files {
		if !fi.sel[rules.IdempotencyKeyRequired] {
			continue
		}
		for _, m := range fi.methods {
			if m.readOnly {
				continue
			}
			if msgs == nil {
				msgs = indexMessages(protos)
			}
			req := msgs[m.input]
			if req == nil || hasStringField(req, keys) {
				continue
			}
			l.emit(fi, rules.IdempotencyKeyRequired, m.at, "/"+m.full,
				fmt.Sprintf("rpc %s changes state but its request %s has no string idempotency_key (or %s) field; retries may apply it twice",
					protoset.LastComponent(m.full), m.input, l.cfg.House.IdempotencyProperty))
		}
	}
}

func hasStringField(m *descriptorpb.DescriptorProto, names []string) bool {
	for _, f := range m.Field {
		if f.GetType() != descriptorpb.FieldDescriptorProto_TYPE_STRING {
			continue
		}
		for _, n := range names {
			if n != "" && f.GetName() == n {
				return true
			}
		}
	}
	return false
}

// indexMessages maps every message's full name to its descriptor.
func indexMessages(protos map[string]*descriptorpb.FileDescriptorProto) map[string]*descriptorpb.DescriptorProto {
	out := map[string]*descriptorpb.DescriptorProto{}
	var walk func(scope string, ms []*descriptorpb.DescriptorProto)
	walk = func(scope string, ms []*descriptorpb.DescriptorProto) {
		for _, m := range ms {
			full := join(scope, m.GetName())
			out[full] = m
			walk(full, m.NestedType)
		}
	}
	for _, fd := range protos {
		walk(fd.GetPackage(), fd.MessageType)
	}
	return out
}
