package validaterules

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"buf.build/go/protovalidate"
	pvcel "buf.build/go/protovalidate/cel"
	"cel.dev/cel-go/cel"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// scalarRules and messageRules say which field types each rule kind of
// FieldRules' type oneof fits.
var (
	scalarRules = map[string]protoreflect.Kind{
		"float": protoreflect.FloatKind, "double": protoreflect.DoubleKind,
		"int32": protoreflect.Int32Kind, "int64": protoreflect.Int64Kind,
		"uint32": protoreflect.Uint32Kind, "uint64": protoreflect.Uint64Kind,
		"sint32": protoreflect.Sint32Kind, "sint64": protoreflect.Sint64Kind,
		"fixed32": protoreflect.Fixed32Kind, "fixed64": protoreflect.Fixed64Kind,
		"sfixed32": protoreflect.Sfixed32Kind, "sfixed64": protoreflect.Sfixed64Kind,
		"bool": protoreflect.BoolKind, "string": protoreflect.StringKind,
		"bytes": protoreflect.BytesKind, "enum": protoreflect.EnumKind,
	}
	messageRules = map[string]protoreflect.FullName{
		"float": "google.protobuf.FloatValue", "double": "google.protobuf.DoubleValue",
		"int32": "google.protobuf.Int32Value", "int64": "google.protobuf.Int64Value",
		"uint32": "google.protobuf.UInt32Value", "uint64": "google.protobuf.UInt64Value",
		"bool": "google.protobuf.BoolValue", "string": "google.protobuf.StringValue",
		"bytes": "google.protobuf.BytesValue", "any": "google.protobuf.Any",
		"duration": "google.protobuf.Duration", "timestamp": "google.protobuf.Timestamp",
		"field_mask": "google.protobuf.FieldMask",
	}
)

// isWrapper reports whether md is a wrapper of a scalar
// (google.protobuf.StringValue, …).
func isWrapper(md protoreflect.MessageDescriptor) bool {
	name := md.FullName()
	return strings.HasSuffix(string(name), "Value") && messageRules[strings.ToLower(strings.TrimSuffix(string(name.Name()), "Value"))] == name
}

// at is where the rules being checked sit: the field, and the path from
// FieldRules to them (empty for the field's own rules; repeated.items,
// map.keys or map.values for its elements').
type at struct {
	c      *Checker
	field  protoreflect.FieldDescriptor // the declared field
	base   []int32
	report Report
}

func (a at) path(p ...int32) []int32 {
	out := make([]int32, 0, 1+len(a.base)+len(p))
	out = append(out, int32(validate.E_Field.TypeDescriptor().Number()))
	out = append(out, a.base...)
	return append(out, p...)
}

// name spells the rule at p below the base path.
func (a at) name(p ...int32) string {
	return ruleName(append(append([]int32{}, a.base...), p...))
}

func (a at) add(p []int32, format string, args ...any) {
	a.report([][]int32{a.path(p...)}, fmt.Sprintf(format, args...))
}

func (a at) addAll(ps [][]int32, format string, args ...any) {
	full := make([][]int32, len(ps))
	for i, p := range ps {
		full[i] = a.path(p...)
	}
	a.report(full, fmt.Sprintf(format, args...))
}

func (a at) below(p ...int32) at {
	a.base = append(append([]int32{}, a.base...), p...)
	return a
}

// Field checks fd's (buf.validate.field) rules.
func (c *Checker) Field(fd protoreflect.FieldDescriptor, report Report) error {
	rules, err := protovalidate.ResolveFieldRules(fd)
	if err != nil {
		return fmt.Errorf("%s: %w", fd.FullName(), err)
	}
	return c.fieldRules(at{c: c, field: fd, report: report}, rules, fd.ContainingMessage(), nil, fd, fd.Cardinality() == protoreflect.Repeated)
}

// fieldRules checks rules for fd, which is the declared field or, for
// map.keys and map.values, its entry's key or value (mapField is then the
// map); wholeList is set where the rules must be list rules.
func (c *Checker) fieldRules(a at, rules *validate.FieldRules, parent protoreflect.MessageDescriptor, mapField, fd protoreflect.FieldDescriptor, wholeList bool) error {
	if rules == nil {
		return nil
	}
	name := a.field.Name()
	if fd.IsExtension() {
		if rules.GetRequired() {
			a.add([]int32{fieldRequired}, "extension %s cannot be %s", name, a.name(fieldRequired))
		}
		if rules.GetIgnore() == validate.Ignore_IGNORE_IF_ZERO_VALUE {
			a.add([]int32{fieldIgnore}, "extension %s cannot have %s = IGNORE_IF_ZERO_VALUE", name, a.name(fieldIgnore))
		}
	}
	if o := fd.ContainingOneof(); o != nil && !o.IsSynthetic() && rules.GetRequired() {
		a.add([]int32{fieldRequired}, "field %s is in oneof %s, so it cannot be %s (set (buf.validate.oneof).required on the oneof instead)", name, o.Name(), a.name(fieldRequired))
	}
	checkFlags(a, fd, rules)
	if err := c.fieldCEL(a, rules, fd, !wholeList); err != nil {
		return err
	}
	rm := rules.ProtoReflect()
	kind := rm.WhichOneof(typeOneof)
	if kind == nil {
		return nil
	}
	kindNum := int32(kind.Number())
	switch kindNum {
	case fieldMap:
		return c.mapRules(a, rules.GetMap(), fd, parent)
	case fieldRepeated:
		return c.repeatedRules(a, rules.GetRepeated(), fd, parent)
	}
	if !typeFits(a, fd, kind, wholeList) {
		return nil
	}
	typed := rm.Get(kind).Message()
	if ex := typed.Descriptor().Fields().ByName("example"); ex != nil && typed.Has(ex) {
		if err := c.examples(a, []int32{kindNum, int32(ex.Number())}, rules, typed, parent, mapField, fd, typed.Get(ex).List()); err != nil {
			return err
		}
	}
	switch kind.Name() {
	case "float":
		checkBounds(a, kindNum, typed, plainValue[float32], eq[float32])
		checkNaN[float32](a, kindNum, typed)
	case "double":
		checkBounds(a, kindNum, typed, plainValue[float64], eq[float64])
		checkNaN[float64](a, kindNum, typed)
	case "int32", "sint32", "sfixed32":
		checkBounds(a, kindNum, typed, plainValue[int32], eq[int32])
	case "int64", "sint64", "sfixed64":
		checkBounds(a, kindNum, typed, plainValue[int64], eq[int64])
	case "uint32", "fixed32":
		checkBounds(a, kindNum, typed, plainValue[uint32], eq[uint32])
	case "uint64", "fixed64":
		checkBounds(a, kindNum, typed, plainValue[uint64], eq[uint64])
	case "string":
		checkString(a, kindNum, rules.GetString())
	case "bytes":
		checkBytes(a, kindNum, rules.GetBytes())
	case "enum", "any":
		checkConst(a, kindNum, typed)
	case "duration":
		checkBounds(a, kindNum, typed, durationValue, eqDuration)
	case "timestamp":
		checkTimestamp(a, kindNum, rules.GetTimestamp(), typed)
	case "field_mask":
		checkFieldMask(a, kindNum, rules.GetFieldMask())
	}
	return nil
}

// checkFlags checks required and ignore against each other and the field.
func checkFlags(a at, fd protoreflect.FieldDescriptor, rules *validate.FieldRules) {
	name := a.field.Name()
	set := 0
	rules.ProtoReflect().Range(func(protoreflect.FieldDescriptor, protoreflect.Value) bool { set++; return true })
	ignore := rules.GetIgnore()
	if ignore == validate.Ignore_IGNORE_ALWAYS && set > 1 {
		a.add([]int32{fieldIgnore}, "field %s has %s = IGNORE_ALWAYS, so its other rules never apply: remove them", name, a.name(fieldIgnore))
	}
	if rules.GetRequired() && ignore == validate.Ignore_IGNORE_IF_ZERO_VALUE {
		a.addAll([][]int32{{fieldRequired}, {fieldIgnore}}, "field %s is %s but also has %s = IGNORE_IF_ZERO_VALUE: a required field is never empty", name, a.name(fieldRequired), a.name(fieldIgnore))
	}
	if ignore == validate.Ignore_IGNORE_IF_ZERO_VALUE && fd.HasPresence() && !fd.IsExtension() {
		a.add([]int32{fieldIgnore}, "field %s tracks presence, so %s = IGNORE_IF_ZERO_VALUE is the default: remove it", name, a.name(fieldIgnore))
	}
}

// fieldCEL checks the field's cel and cel_expression rules, with `this`
// typed as the field (or, for items, one element).
func (c *Checker) fieldCEL(a at, rules *validate.FieldRules, fd protoreflect.FieldDescriptor, forItems bool) error {
	if len(rules.GetCel()) == 0 && len(rules.GetCelExpression()) == 0 {
		return nil
	}
	env, err := c.env(fd.ParentFile())
	if err != nil {
		return err
	}
	if env, err = env.Extend(cel.Variable("this", pvcel.ProtoFieldToType(fd, false, forItems))); err != nil {
		return fmt.Errorf("%s: %w", fd.FullName(), err)
	}
	checkCEL(env, rulesOf(rules.GetCel()), a.name(fieldCel)+" of field "+string(a.field.Name()), func(i int, format string, args ...any) {
		a.add([]int32{fieldCel, int32(i)}, format, args...)
	})
	checkCEL(env, expressionsOf(rules.GetCelExpression()), a.name(fieldCelExpression)+" of field "+string(a.field.Name()), func(i int, format string, args ...any) {
		a.add([]int32{fieldCelExpression, int32(i)}, format, args...)
	})
	return nil
}

// typeFits reports whether the rule kind fits fd, reporting when not.
func typeFits(a at, fd protoreflect.FieldDescriptor, kind protoreflect.FieldDescriptor, wholeList bool) bool {
	rule := string(kind.Name())
	if wholeList {
		a.add([]int32{int32(kind.Number())}, "field %s is repeated (%s), so its rules must be %s (with items for each element), not %s", a.field.Name(), typeName(fd), a.name(fieldRepeated), a.name(int32(kind.Number())))
		return false
	}
	if k, ok := scalarRules[rule]; ok && k == fd.Kind() {
		return true
	}
	if n, ok := messageRules[rule]; ok && fd.Message() != nil && fd.Message().FullName() == n {
		return true
	}
	a.add([]int32{int32(kind.Number())}, "field %s is of type %s, which %s rules do not fit", a.field.Name(), typeName(fd), a.name(int32(kind.Number())))
	return false
}

func typeName(fd protoreflect.FieldDescriptor) string {
	switch {
	case fd.IsMap():
		return "map<" + typeName(fd.MapKey()) + ", " + typeName(fd.MapValue()) + ">"
	case fd.Message() != nil:
		return string(fd.Message().FullName())
	}
	return fd.Kind().String()
}

func (c *Checker) repeatedRules(a at, r *validate.RepeatedRules, fd protoreflect.FieldDescriptor, parent protoreflect.MessageDescriptor) error {
	name := a.field.Name()
	if !fd.IsList() {
		a.add([]int32{fieldRepeated}, "field %s is not repeated, so %s rules do not fit", name, a.name(fieldRepeated))
		return nil
	}
	if r.GetUnique() && fd.Message() != nil && !isWrapper(fd.Message()) {
		a.add([]int32{fieldRepeated, repeatedUnique}, "field %s holds %s messages; %s only works on scalars and wrapper types", name, typeName(fd), a.name(fieldRepeated, repeatedUnique))
	}
	if r.HasMinItems() && r.HasMaxItems() && r.GetMinItems() > r.GetMaxItems() {
		minMax(a, fieldRepeated, repeatedMinItems, repeatedMaxItems, r.GetMinItems(), r.GetMaxItems())
	}
	items := a.below(fieldRepeated, repeatedItems)
	if r.GetItems().GetRequired() {
		items.add([]int32{fieldRequired}, "field %s: %s cannot apply to one element of a list", name, items.name(fieldRequired))
	}
	return c.fieldRules(items, r.GetItems(), parent, nil, fd, false)
}

func (c *Checker) mapRules(a at, r *validate.MapRules, fd protoreflect.FieldDescriptor, parent protoreflect.MessageDescriptor) error {
	name := a.field.Name()
	if !fd.IsMap() {
		a.add([]int32{fieldMap}, "field %s is not a map, so %s rules do not fit", name, a.name(fieldMap))
		return nil
	}
	if r.HasMinPairs() && r.HasMaxPairs() && r.GetMinPairs() > r.GetMaxPairs() {
		minMax(a, fieldMap, mapMinPairs, mapMaxPairs, r.GetMinPairs(), r.GetMaxPairs())
	}
	keys := a.below(fieldMap, mapKeys)
	if r.GetKeys().GetRequired() {
		keys.add([]int32{fieldRequired}, "field %s: %s cannot apply to a map key", name, keys.name(fieldRequired))
	}
	if err := c.fieldRules(keys, r.GetKeys(), parent, fd, fd.MapKey(), false); err != nil {
		return err
	}
	values := a.below(fieldMap, mapValues)
	if r.GetValues().GetRequired() {
		values.add([]int32{fieldRequired}, "field %s: %s cannot apply to a map value", name, values.name(fieldRequired))
	}
	return c.fieldRules(values, r.GetValues(), parent, fd, fd.MapValue(), false)
}

// minMax reports a lower bound above its upper bound, at both.
func minMax(a at, kind, lo, hi int32, loV, hiV uint64) {
	a.add([]int32{kind, lo}, "field %s has %s = %d, above %s = %d: no value passes", a.field.Name(), a.name(kind, lo), loV, a.name(kind, hi), hiV)
	a.add([]int32{kind, hi}, "field %s has %s = %d, below %s = %d: no value passes", a.field.Name(), a.name(kind, hi), hiV, a.name(kind, lo), loV)
}

// checkConst reports const beside other rules of the kind, which const
// makes pointless.
func checkConst(a at, kind int32, typed protoreflect.Message) {
	set, constNum := 0, int32(0)
	typed.Range(func(fd protoreflect.FieldDescriptor, _ protoreflect.Value) bool {
		set++
		if fd.Name() == "const" {
			constNum = int32(fd.Number())
		}
		return true
	})
	if constNum != 0 && set > 1 {
		a.add([]int32{kind, constNum}, "field %s has %s, so the other rules of %s never matter: remove them", a.field.Name(), a.name(kind, constNum), a.name(kind))
	}
}

// checkLen checks one family of length rules (len, min_*, max_*).
func checkLen(a at, kind int32, typed protoreflect.Message, exact, lo, hi string) {
	fields := typed.Descriptor().Fields()
	get := func(name string) (uint64, int32, bool) {
		fd := fields.ByName(protoreflect.Name(name))
		if fd == nil || !typed.Has(fd) {
			return 0, 0, false
		}
		return typed.Get(fd).Uint(), int32(fd.Number()), true
	}
	_, exactN, hasExact := get(exact)
	loV, loN, hasLo := get(lo)
	hiV, hiN, hasHi := get(hi)
	if hasExact && hasLo {
		a.add([]int32{kind, loN}, "field %s has %s, so %s is redundant: remove it", a.field.Name(), a.name(kind, exactN), a.name(kind, loN))
	}
	if hasExact && hasHi {
		a.add([]int32{kind, hiN}, "field %s has %s, so %s is redundant: remove it", a.field.Name(), a.name(kind, exactN), a.name(kind, hiN))
	}
	switch {
	case !hasLo || !hasHi:
	case loV > hiV:
		minMax(a, kind, loN, hiN, loV, hiV)
	case loV == hiV:
		a.addAll([][]int32{{kind, loN}, {kind, hiN}}, "field %s has %s equal to %s: use %s", a.field.Name(), a.name(kind, loN), a.name(kind, hiN), a.name(kind)+"."+exact)
	}
}

func checkString(a at, kind int32, r *validate.StringRules) {
	typed := r.ProtoReflect()
	n := func(name string) int32 {
		return int32(typed.Descriptor().Fields().ByName(protoreflect.Name(name)).Number())
	}
	name := a.field.Name()
	checkConst(a, kind, typed)
	checkLen(a, kind, typed, "len", "min_len", "max_len")
	checkLen(a, kind, typed, "len_bytes", "min_bytes", "max_bytes")
	if r.HasMinLen() && r.HasMaxBytes() && r.GetMaxBytes() < r.GetMinLen() {
		msg := "field %s has min_len = %d but max_bytes = %d: a string of %d characters has at least %d bytes"
		a.add([]int32{kind, n("min_len")}, msg, name, r.GetMinLen(), r.GetMaxBytes(), r.GetMinLen(), r.GetMinLen())
		a.add([]int32{kind, n("max_bytes")}, msg, name, r.GetMinLen(), r.GetMaxBytes(), r.GetMinLen(), r.GetMinLen())
	}
	if r.HasMaxLen() && r.HasMinBytes() && r.GetMaxLen()*4 < r.GetMinBytes() {
		msg := "field %s has max_len = %d but min_bytes = %d: a string of %d characters has at most %d bytes"
		a.add([]int32{kind, n("min_bytes")}, msg, name, r.GetMaxLen(), r.GetMinBytes(), r.GetMaxLen(), r.GetMaxLen()*4)
		a.add([]int32{kind, n("max_len")}, msg, name, r.GetMaxLen(), r.GetMinBytes(), r.GetMaxLen(), r.GetMaxLen()*4)
	}
	for _, sub := range []string{"prefix", "suffix", "contains"} {
		fd := typed.Descriptor().Fields().ByName(protoreflect.Name(sub))
		if !typed.Has(fd) {
			continue
		}
		s := typed.Get(fd).String()
		p := []int32{kind, int32(fd.Number())}
		if runes := uint64(utf8.RuneCountInString(s)); r.HasMaxLen() && runes > r.GetMaxLen() {
			a.add(p, "field %s has %s %q of %d characters, more than max_len = %d allows", name, sub, s, runes, r.GetMaxLen())
		}
		if r.HasMaxBytes() && uint64(len(s)) > r.GetMaxBytes() {
			a.add(p, "field %s has %s %q of %d bytes, more than max_bytes = %d allows", name, sub, s, len(s), r.GetMaxBytes())
		}
		if r.HasNotContains() && strings.Contains(s, r.GetNotContains()) {
			a.add(p, "field %s has %s %q, which contains its not_contains %q: no value passes", name, sub, s, r.GetNotContains())
		}
	}
	if r.HasPattern() {
		if _, err := regexp.Compile(r.GetPattern()); err != nil {
			a.add([]int32{kind, n("pattern")}, "field %s has a %s that does not compile: %v", name, a.name(kind, n("pattern")), err)
		}
	}
	if r.HasStrict() && !r.GetStrict() && r.GetWellKnownRegex() == validate.KnownRegex_KNOWN_REGEX_UNSPECIFIED {
		a.add([]int32{kind, n("strict")}, "field %s has %s without %s, which is the only rule it applies to", name, a.name(kind, n("strict")), a.name(kind, n("well_known_regex")))
	}
}

func checkBytes(a at, kind int32, r *validate.BytesRules) {
	typed := r.ProtoReflect()
	name := a.field.Name()
	checkConst(a, kind, typed)
	checkLen(a, kind, typed, "len", "min_len", "max_len")
	for _, sub := range []string{"prefix", "suffix", "contains"} {
		fd := typed.Descriptor().Fields().ByName(protoreflect.Name(sub))
		// Unset, a substring is empty: only max_len = 0 can make it too long.
		if b := typed.Get(fd).Bytes(); r.HasMaxLen() && uint64(len(b)) > r.GetMaxLen() {
			a.add([]int32{kind, int32(fd.Number())}, "field %s has %s of %d bytes, more than max_len = %d allows", name, sub, len(b), r.GetMaxLen())
		}
	}
	if r.HasPattern() {
		fd := typed.Descriptor().Fields().ByName("pattern")
		if _, err := regexp.Compile(r.GetPattern()); err != nil {
			a.add([]int32{kind, int32(fd.Number())}, "field %s has a %s that does not compile: %v", name, a.name(kind, int32(fd.Number())), err)
		}
	}
}

func checkTimestamp(a at, kind int32, r *validate.TimestampRules, typed protoreflect.Message) {
	checkBounds(a, kind, typed, timestampValue, eqTimestamp)
	n := func(name string) int32 {
		return int32(typed.Descriptor().Fields().ByName(protoreflect.Name(name)).Number())
	}
	if r.GetLtNow() && r.GetGtNow() {
		a.addAll([][]int32{{kind, n("gt_now")}, {kind, n("lt_now")}}, "field %s has both gt_now and lt_now: no timestamp is both after and before the time of validation", a.field.Name())
	}
	if r.HasWithin() {
		if bad := durationProblem(r.GetWithin()); bad != "" {
			a.add([]int32{kind, n("within")}, "field %s has an invalid %s: %s", a.field.Name(), a.name(kind, n("within")), bad)
		} else if w := r.GetWithin(); w.GetSeconds() <= 0 && w.GetNanos() <= 0 {
			a.add([]int32{kind, n("within")}, "field %s has %s = %v; it must be positive", a.field.Name(), a.name(kind, n("within")), w.AsDuration())
		}
	}
}

func checkFieldMask(a at, kind int32, r *validate.FieldMaskRules) {
	checkConst(a, kind, r.ProtoReflect())
	in := int32(r.ProtoReflect().Descriptor().Fields().ByName("in").Number())
	for _, p := range r.GetIn() {
		for _, q := range r.GetNotIn() {
			if p == q {
				a.add([]int32{kind, in}, "field %s has path %q in both in and not_in", a.field.Name(), p)
				break
			}
		}
	}
}
