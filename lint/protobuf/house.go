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

// house runs contractctl's own rules on the file.
func (p *pass) house() {
	fd := p.f.Proto
	if fd.Package != nil && !p.sel[rules.ProtoPackageVersionSuffix] && !looseVersion.MatchString(protoset.LastComponent(fd.GetPackage())) {
		p.report(rules.PackageVersioned, []int32{protoset.TagFilePackage}, "/package",
			fmt.Sprintf("package %q has no version component; name it %s.v1 so that a breaking change can ship as %s.v2 next to it",
				fd.GetPackage(), fd.GetPackage(), fd.GetPackage()))
	}
	if fd.GetOptions().GetDeprecated() {
		p.sunset([]int32{protoset.TagFileOptions, 23}, "/", "file "+p.f.Name)
	}
	for i, m := range fd.MessageType {
		p.houseMessage(m, []int32{protoset.TagFileMessage, int32(i)}, fd.GetPackage())
	}
	for i, e := range fd.EnumType {
		p.houseEnum(e, []int32{protoset.TagFileEnum, int32(i)}, fd.GetPackage())
	}
	for i, s := range fd.Service {
		sp := []int32{protoset.TagFileService, int32(i)}
		full := join(fd.GetPackage(), s.GetName())
		if s.GetOptions().GetDeprecated() {
			p.sunset(sp, "/"+full, "service "+full)
		}
		for j, m := range s.Method {
			if m.GetOptions().GetDeprecated() {
				p.sunset(protoset.With(sp, protoset.TagServiceMethod, int32(j)), "/"+full+"/"+m.GetName(), "rpc "+full+"."+m.GetName())
			}
		}
	}
}

func (p *pass) houseMessage(m *descriptorpb.DescriptorProto, mp []int32, scope string) {
	full := join(scope, m.GetName())
	if m.GetOptions().GetMapEntry() {
		return
	}
	if m.GetOptions().GetDeprecated() {
		p.sunset(mp, "/"+full, "message "+full)
	}
	for i, f := range m.Field {
		fp := protoset.With(mp, protoset.TagMsgField, int32(i))
		ptr := "/" + full + "/" + f.GetName()
		if f.GetOptions().GetDeprecated() {
			p.sunset(fp, ptr, "field "+full+"."+f.GetName())
		}
		p.money(f, fp, ptr)
	}
	for i, n := range m.NestedType {
		p.houseMessage(n, protoset.With(mp, protoset.TagMsgNested, int32(i)), full)
	}
	for i, e := range m.EnumType {
		p.houseEnum(e, protoset.With(mp, protoset.TagMsgEnum, int32(i)), full)
	}
}

func (p *pass) houseEnum(e *descriptorpb.EnumDescriptorProto, ep []int32, scope string) {
	full := join(scope, e.GetName())
	if e.GetOptions().GetDeprecated() {
		p.sunset(ep, "/"+full, "enum "+full)
	}
	for i, v := range e.Value {
		if v.GetOptions().GetDeprecated() {
			p.sunset(protoset.With(ep, protoset.TagEnumValue, int32(i)), "/"+full+"/"+v.GetName(), "enum value "+v.GetName())
		}
	}
}

// money checks a field whose name denotes money: an integer count of minor
// units (google.type.Money is accepted too), named …_minor.
func (p *pass) money(f *descriptorpb.FieldDescriptorProto, fp []int32, ptr string) {
	if !p.l.cfg.House.Money.IsMoneyName(f.GetName()) {
		return
	}
	typ := f.GetType()
	switch typ {
	case descriptorpb.FieldDescriptorProto_TYPE_FLOAT, descriptorpb.FieldDescriptorProto_TYPE_DOUBLE,
		descriptorpb.FieldDescriptorProto_TYPE_STRING:
		p.reportSpan(rules.MoneyIntegerMinorUnits, p.locs.First(protoset.With(fp, protoset.TagFieldType), fp), fp, ptr,
			fmt.Sprintf("money field %q is a %s; use an int64 count of minor units (%s) or google.type.Money",
				f.GetName(), strings.ToLower(strings.TrimPrefix(typ.String(), "TYPE_")), house.MinorName(f.GetName())))
	case descriptorpb.FieldDescriptorProto_TYPE_INT64, descriptorpb.FieldDescriptorProto_TYPE_SINT64,
		descriptorpb.FieldDescriptorProto_TYPE_UINT64, descriptorpb.FieldDescriptorProto_TYPE_INT32,
		descriptorpb.FieldDescriptorProto_TYPE_SINT32, descriptorpb.FieldDescriptorProto_TYPE_UINT32,
		descriptorpb.FieldDescriptorProto_TYPE_FIXED64, descriptorpb.FieldDescriptorProto_TYPE_SFIXED64,
		descriptorpb.FieldDescriptorProto_TYPE_FIXED32, descriptorpb.FieldDescriptorProto_TYPE_SFIXED32:
		if !house.IsMinorUnitsName(f.GetName()) {
			p.report(rules.MoneyMinorUnitsName, protoset.With(fp, protoset.TagFieldName), ptr,
				fmt.Sprintf("integer money field %q should say its unit: name it %s", f.GetName(), house.MinorName(f.GetName())))
		}
	}
}

var sunsetLine = regexp.MustCompile(`(?m)^\s*Sunset:\s*\d{4}-\d{2}-\d{2}\s*$`)

// sunset reports a deprecated element without a `Sunset: YYYY-MM-DD`
// comment line (leading or trailing).
func (p *pass) sunset(ep []int32, ptr, what string) {
	if !p.sel[rules.DeprecatedNeedsSunset] {
		return
	}
	lead, trail := p.locs.Comments(ep...)
	if sunsetLine.MatchString(lead) || sunsetLine.MatchString(trail) {
		return
	}
	p.report(rules.DeprecatedNeedsSunset, ep, ptr,
		fmt.Sprintf("%s is deprecated without a sunset date; add a comment line `Sunset: YYYY-MM-DD`", what))
}

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

// idempotency reports unsafe RPCs whose request has no string
// idempotency_key (or the configured property, operation_id by default).
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
