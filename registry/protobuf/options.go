package protobuf

import (
	"encoding/hex"
	"math"
	"sort"
	"strconv"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// options prints one "option" line per set option.
func (p *printer) options(opts proto.Message) {
	for _, o := range optionList(opts) {
		p.line("option %s;", o)
	}
}

func optionText(opts proto.Message) string {
	return strings.Join(optionList(opts), ", ")
}

// optionList renders the set fields of an options message as
// "name = value", sorted by field number (extensions as "(full.name)").
func optionList(opts proto.Message) []string {
	if opts == nil {
		return nil
	}
	m := opts.ProtoReflect()
	if !m.IsValid() {
		return nil
	}
	var out []string
	for _, f := range sortedFields(m) {
		name := string(f.fd.Name())
		if f.fd.IsExtension() {
			name = "(" + string(f.fd.FullName()) + ")"
		}
		out = append(out, name+" = "+valueText(f.fd, f.v))
	}
	if unknown := m.GetUnknown(); len(unknown) > 0 {
		out = append(out, "unknown = "+strconv.Quote(hex.EncodeToString(unknown)))
	}
	return out
}

type setField struct {
	fd protoreflect.FieldDescriptor
	v  protoreflect.Value
}

func sortedFields(m protoreflect.Message) []setField {
	var fields []setField
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		fields = append(fields, setField{fd, v})
		return true
	})
	sort.Slice(fields, func(i, j int) bool { return fields[i].fd.Number() < fields[j].fd.Number() })
	return fields
}

func valueText(fd protoreflect.FieldDescriptor, v protoreflect.Value) string {
	switch {
	case fd.IsList():
		list := v.List()
		items := make([]string, list.Len())
		for i := range items {
			items[i] = singularText(fd, list.Get(i))
		}
		return "[" + strings.Join(items, ", ") + "]"
	case fd.IsMap():
		var entries []string
		v.Map().Range(func(k protoreflect.MapKey, mv protoreflect.Value) bool {
			entries = append(entries, "{key: "+singularText(fd.MapKey(), k.Value())+", value: "+singularText(fd.MapValue(), mv)+"}")
			return true
		})
		sort.Strings(entries)
		return "[" + strings.Join(entries, ", ") + "]"
	}
	return singularText(fd, v)
}

func singularText(fd protoreflect.FieldDescriptor, v protoreflect.Value) string {
	switch fd.Kind() {
	case protoreflect.MessageKind, protoreflect.GroupKind:
		return "{" + strings.Join(messageText(v.Message()), ", ") + "}"
	case protoreflect.EnumKind:
		if ev := fd.Enum().Values().ByNumber(v.Enum()); ev != nil {
			return string(ev.Name())
		}
		return strconv.Itoa(int(v.Enum()))
	case protoreflect.StringKind:
		return strconv.Quote(v.String())
	case protoreflect.BytesKind:
		return strconv.Quote(string(v.Bytes()))
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		return formatFloat(v.Float())
	}
	return v.String()
}

func messageText(m protoreflect.Message) []string {
	var out []string
	for _, f := range sortedFields(m) {
		name := string(f.fd.Name())
		if f.fd.IsExtension() {
			name = "[" + string(f.fd.FullName()) + "]"
		}
		out = append(out, name+": "+valueText(f.fd, f.v))
	}
	if unknown := m.GetUnknown(); len(unknown) > 0 {
		out = append(out, "unknown: "+strconv.Quote(hex.EncodeToString(unknown)))
	}
	return out
}

func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
