package protobuf

import (
	"fmt"
	"strconv"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

// canonicalText renders a compiled file as normalised, deterministic
// proto-like text: declaration order is kept (message indexes are part of
// Confluent's wire format), while comments, whitespace, name qualification
// (every type reference is fully qualified) and the way options are written
// (aggregate or dotted, field order inside aggregates) are normalised away.
func canonicalText(fd protoreflect.FileDescriptor) string {
	p := &printer{}
	switch fd.Syntax() {
	case protoreflect.Editions:
		p.line("edition = %q;", editionName(fd))
	default:
		p.line("syntax = %q;", fd.Syntax().String())
	}
	if fd.Package() != "" {
		p.line("package %s;", fd.Package())
	}
	imports := fd.Imports()
	for i := 0; i < imports.Len(); i++ {
		imp := imports.Get(i)
		mod := ""
		switch {
		case imp.IsPublic:
			mod = "public "
		case imp.IsWeak: //nolint:staticcheck // protobuf-go deprecated weak imports, but schemas still declare them and the canonical form keeps them
			mod = "weak "
		}
		p.line("import %s%q;", mod, imp.Path())
	}
	p.options(fd.Options())
	p.scope(fd)
	services := fd.Services()
	for i := 0; i < services.Len(); i++ {
		p.service(services.Get(i))
	}
	return p.b.String()
}

// editionName is the edition as written ("2023"), read from the compiled
// file when it exposes it.
func editionName(fd protoreflect.FileDescriptor) string {
	type editioned interface{ Edition() int32 }
	if e, ok := fd.(editioned); ok {
		return strings.TrimPrefix(descriptorpb.Edition(e.Edition()).String(), "EDITION_")
	}
	return "unknown"
}

type printer struct {
	b      strings.Builder
	indent int
}

func (p *printer) line(format string, args ...any) {
	p.b.WriteString(strings.Repeat("  ", p.indent))
	fmt.Fprintf(&p.b, format, args...)
	p.b.WriteByte('\n')
}

func (p *printer) open(format string, args ...any) {
	p.line(format+" {", args...)
	p.indent++
}

func (p *printer) close() {
	p.indent--
	p.line("}")
}

// scope prints the messages, enums and extensions declared in a file or
// message.
func (p *printer) scope(s scope) {
	msgs := s.Messages()
	for i := 0; i < msgs.Len(); i++ {
		if md := msgs.Get(i); !md.IsMapEntry() {
			p.message(md)
		}
	}
	enums := s.Enums()
	for i := 0; i < enums.Len(); i++ {
		p.enum(enums.Get(i))
	}
	exts := s.Extensions()
	for i := 0; i < exts.Len(); i++ {
		ext := exts.Get(i)
		p.open("extend .%s", ext.ContainingMessage().FullName())
		p.field(ext)
		p.close()
	}
}

func (p *printer) message(md protoreflect.MessageDescriptor) {
	p.open("message %s", md.Name())
	p.options(md.Options())
	fields := md.Fields()
	for i := 0; i < fields.Len(); i++ {
		p.field(fields.Get(i))
	}
	ranges := md.ExtensionRanges()
	for i := 0; i < ranges.Len(); i++ {
		r := ranges.Get(i)
		p.line("extensions %d to %d;", r[0], r[1]-1)
		p.options(md.ExtensionRangeOptions(i))
	}
	p.reserved(md.ReservedRanges(), md.ReservedNames())
	p.scope(md)
	p.close()
}

func (p *printer) reserved(ranges interface {
	Len() int
	Get(int) [2]protoreflect.FieldNumber
}, names protoreflect.Names) {
	for i := 0; i < ranges.Len(); i++ {
		r := ranges.Get(i)
		p.line("reserved %d to %d;", r[0], r[1]-1)
	}
	for i := 0; i < names.Len(); i++ {
		p.line("reserved %q;", names.Get(i))
	}
}

func (p *printer) field(fd protoreflect.FieldDescriptor) {
	var parts []string
	if od := fd.ContainingOneof(); od != nil && !od.IsSynthetic() {
		parts = append(parts, "oneof "+string(od.Name())+":")
	}
	switch writtenLabel(fd) {
	case labelOptional:
		parts = append(parts, "optional")
	case labelRequired:
		parts = append(parts, "required")
	case labelRepeated:
		parts = append(parts, "repeated")
	}
	parts = append(parts, typeName(fd), string(fd.Name()), "=", strconv.Itoa(int(fd.Number())))
	var attrs []string
	if !fd.IsExtension() && fd.HasJSONName() && fd.JSONName() != defaultJSONName(string(fd.Name())) {
		attrs = append(attrs, "json_name = "+strconv.Quote(fd.JSONName()))
	}
	if fd.HasDefault() {
		attrs = append(attrs, "default = "+defaultValue(fd))
	}
	if opts := optionText(fd.Options()); opts != "" {
		attrs = append(attrs, opts)
	}
	if len(attrs) > 0 {
		parts = append(parts, "["+strings.Join(attrs, ", ")+"]")
	}
	p.line("%s;", strings.Join(parts, " "))
}

func typeName(fd protoreflect.FieldDescriptor) string {
	switch {
	case fd.IsMap():
		return "map<" + typeName(fd.MapKey()) + ", " + typeName(fd.MapValue()) + ">"
	case fd.Kind() == protoreflect.MessageKind:
		return "." + string(fd.Message().FullName())
	case fd.Kind() == protoreflect.GroupKind:
		return "group ." + string(fd.Message().FullName())
	case fd.Kind() == protoreflect.EnumKind:
		return "." + string(fd.Enum().FullName())
	}
	return fd.Kind().String()
}

func defaultValue(fd protoreflect.FieldDescriptor) string {
	v := fd.Default()
	switch fd.Kind() {
	case protoreflect.EnumKind:
		if ev := fd.DefaultEnumValue(); ev != nil {
			return string(ev.Name())
		}
	case protoreflect.StringKind:
		return strconv.Quote(v.String())
	case protoreflect.BytesKind:
		return strconv.Quote(string(v.Bytes()))
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		return formatFloat(v.Float())
	}
	return v.String()
}

func (p *printer) enum(ed protoreflect.EnumDescriptor) {
	p.open("enum %s", ed.Name())
	p.options(ed.Options())
	values := ed.Values()
	for i := 0; i < values.Len(); i++ {
		v := values.Get(i)
		if opts := optionText(v.Options()); opts != "" {
			p.line("%s = %d [%s];", v.Name(), v.Number(), opts)
		} else {
			p.line("%s = %d;", v.Name(), v.Number())
		}
	}
	ranges := ed.ReservedRanges()
	for i := 0; i < ranges.Len(); i++ {
		r := ranges.Get(i)
		p.line("reserved %d to %d;", r[0], r[1])
	}
	names := ed.ReservedNames()
	for i := 0; i < names.Len(); i++ {
		p.line("reserved %q;", names.Get(i))
	}
	p.close()
}

func (p *printer) service(sd protoreflect.ServiceDescriptor) {
	p.open("service %s", sd.Name())
	p.options(sd.Options())
	methods := sd.Methods()
	for i := 0; i < methods.Len(); i++ {
		m := methods.Get(i)
		in, out := "", ""
		if m.IsStreamingClient() {
			in = "stream "
		}
		if m.IsStreamingServer() {
			out = "stream "
		}
		sig := fmt.Sprintf("rpc %s(%s.%s) returns (%s.%s)", m.Name(), in, m.Input().FullName(), out, m.Output().FullName())
		if opts := optionText(m.Options()); opts != "" {
			p.line("%s [%s];", sig, opts)
		} else {
			p.line("%s;", sig)
		}
	}
	p.close()
}

// defaultJSONName is protoc's default json_name: underscores dropped, the
// letter after each underscore upper-cased.
func defaultJSONName(name string) string {
	var b strings.Builder
	upper := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '_' {
			upper = true
			continue
		}
		if upper && 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		upper = false
		b.WriteByte(c)
	}
	return b.String()
}
