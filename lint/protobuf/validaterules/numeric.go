package validaterules

import (
	"fmt"
	"math"
	"time"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// checkBounds checks the comparison rules of a numeric, duration or
// timestamp kind: const beside other rules, values that are not valid
// (durations, timestamps), and a lower bound equal to the upper bound.
// Bounds the other way round are fine: {gt: 5, lt: 3} means "outside".
// value reads a rule value (problem set when it is invalid).
func checkBounds[T any](a at, kind int32, typed protoreflect.Message, value func(protoreflect.Value) (T, string), equal func(T, T) bool) {
	name := a.field.Name()
	type bound struct {
		v         T
		num       int32
		inclusive bool
		set       bool
	}
	var lo, hi bound
	set, constNum := 0, int32(0)
	typed.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		set++
		n := int32(fd.Number())
		var b *bound
		switch fd.Name() {
		case "const":
			constNum = n
		case "gt", "gte":
			b = &lo
		case "lt", "lte":
			b = &hi
		default:
			return true
		}
		val, bad := value(v)
		if bad != "" {
			a.add([]int32{kind, n}, "field %s has an invalid %s: %s", name, a.name(kind, n), bad)
			if b != nil {
				*b = bound{}
			}
			return true
		}
		if b != nil {
			*b = bound{val, n, fd.Name() == "gte" || fd.Name() == "lte", true}
		}
		return true
	})
	if constNum != 0 && set > 1 {
		a.add([]int32{kind, constNum}, "field %s has %s, so the other rules of %s never matter: remove them", name, a.name(kind, constNum), a.name(kind))
	}
	if !lo.set || !hi.set || !equal(lo.v, hi.v) {
		return
	}
	paths := [][]int32{{kind, lo.num}, {kind, hi.num}}
	if lo.inclusive && hi.inclusive {
		a.addAll(paths, "field %s has %s equal to %s: use %s.const", name, a.name(kind, lo.num), a.name(kind, hi.num), a.name(kind))
		return
	}
	a.addAll(paths, "field %s has %s equal to %s: no value passes", name, a.name(kind, lo.num), a.name(kind, hi.num))
}

// checkNaN reports NaN in float rules: every comparison with NaN is false.
func checkNaN[T float32 | float64](a at, kind int32, typed protoreflect.Message) {
	typed.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		n := int32(fd.Number())
		switch fd.Name() {
		case "const", "lt", "lte", "gt", "gte":
			if math.IsNaN(v.Float()) {
				a.add([]int32{kind, n}, "field %s has %s = NaN, which no value satisfies", a.field.Name(), a.name(kind, n))
			}
		case "in", "not_in":
			l := v.List()
			for i := range l.Len() {
				if math.IsNaN(l.Get(i).Float()) {
					a.add([]int32{kind, n, int32(i)}, "field %s lists NaN in %s, which no value equals", a.field.Name(), a.name(kind, n))
				}
			}
		}
		return true
	})
}

// plainValue reads a numeric rule value (of the rule kind's own type).
func plainValue[T int32 | int64 | uint32 | uint64 | float32 | float64](v protoreflect.Value) (T, string) {
	x, ok := v.Interface().(T)
	if !ok {
		return x, fmt.Sprintf("unexpected %T", v.Interface())
	}
	return x, ""
}

func eq[T comparable](x, y T) bool { return x == y }

// secondsNanos reads a Duration or Timestamp message (generated or not).
func secondsNanos(v protoreflect.Value) (int64, int32) {
	m := v.Message()
	f := m.Descriptor().Fields()
	return m.Get(f.ByName("seconds")).Int(), int32(m.Get(f.ByName("nanos")).Int())
}

func durationValue(v protoreflect.Value) (*durationpb.Duration, string) {
	s, n := secondsNanos(v)
	d := &durationpb.Duration{Seconds: s, Nanos: n}
	if bad := durationProblem(d); bad != "" {
		return nil, bad
	}
	return d, ""
}

func timestampValue(v protoreflect.Value) (*timestamppb.Timestamp, string) {
	s, n := secondsNanos(v)
	t := &timestamppb.Timestamp{Seconds: s, Nanos: n}
	if err := t.CheckValid(); err != nil {
		return nil, err.Error()
	}
	return t, ""
}

func eqDuration(x, y *durationpb.Duration) bool {
	return x.GetSeconds() == y.GetSeconds() && x.GetNanos() == y.GetNanos()
}

func eqTimestamp(x, y *timestamppb.Timestamp) bool {
	return x.GetSeconds() == y.GetSeconds() && x.GetNanos() == y.GetNanos()
}

// maxDuration is the largest duration protovalidate evaluates without
// overflow (a little below what time.Duration holds).
const maxDuration = 9223372036*time.Second + 854775428*time.Nanosecond

// durationProblem says what is wrong with d, or "".
func durationProblem(d *durationpb.Duration) string {
	s, n := d.GetSeconds(), d.GetNanos()
	switch {
	case n <= -1e9 || n >= 1e9:
		return fmt.Sprintf("nanos %d are not within ±999999999", n)
	case s > 0 && n < 0 || s < 0 && n > 0:
		return fmt.Sprintf("seconds %d and nanos %d have different signs", s, n)
	case s > int64(maxDuration/time.Second) || s < -int64(maxDuration/time.Second) || d.AsDuration() > maxDuration || d.AsDuration() < -maxDuration:
		return fmt.Sprintf("%ds%dns is out of range (±%v)", s, n, maxDuration)
	}
	return ""
}
