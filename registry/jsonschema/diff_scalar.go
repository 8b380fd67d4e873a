package jsonschema

import "math"

// bound compares a limit keyword. Larger values widen the accepted set when
// upperBound is true (maximum, maxLength, ...), narrow it otherwise.
func bound(ctx *diffCtx, path string, key string, o, u *float64, upd *node, added, removed, increased, decreased string) {
	p := join(path, key)
	switch {
	case o == nil && u == nil:
	case o == nil:
		ctx.add(added, p, keyPtr(upd, key))
	case u == nil:
		ctx.add(removed, p, upd.ptr)
	case *o < *u:
		ctx.add(increased, p, keyPtr(upd, key))
	case *o > *u:
		ctx.add(decreased, p, keyPtr(upd, key))
	}
}

func compareString(ctx *diffCtx, path string, o, u *node) {
	bound(ctx, path, "maxLength", o.maxLength, u.maxLength, u, MaxLengthAdded, MaxLengthRemoved, MaxLengthIncreased, MaxLengthDecreased)
	bound(ctx, path, "minLength", o.minLength, u.minLength, u, MinLengthAdded, MinLengthRemoved, MinLengthIncreased, MinLengthDecreased)
	p := join(path, "pattern")
	switch {
	case o.pattern == nil && u.pattern == nil:
	case o.pattern == nil:
		ctx.add(PatternAdded, p, keyPtr(u, "pattern"))
	case u.pattern == nil:
		ctx.add(PatternRemoved, p, u.ptr)
	case *o.pattern != *u.pattern:
		ctx.add(PatternChanged, p, keyPtr(u, "pattern"))
	}
}

func compareNumber(ctx *diffCtx, path string, o, u *node) {
	bound(ctx, path, "maximum", o.maximum, u.maximum, u, MaximumAdded, MaximumRemoved, MaximumIncreased, MaximumDecreased)
	bound(ctx, path, "minimum", o.minimum, u.minimum, u, MinimumAdded, MinimumRemoved, MinimumIncreased, MinimumDecreased)
	bound(ctx, path, "exclusiveMaximum", o.exclMaximum, u.exclMaximum, u, ExclusiveMaximumAdded, ExclusiveMaximumRemoved, ExclusiveMaximumIncreased, ExclusiveMaximumDecreased)
	bound(ctx, path, "exclusiveMinimum", o.exclMinimum, u.exclMinimum, u, ExclusiveMinimumAdded, ExclusiveMinimumRemoved, ExclusiveMinimumIncreased, ExclusiveMinimumDecreased)
	p := join(path, "multipleOf")
	switch om, um := o.multipleOf, u.multipleOf; {
	case om == nil && um == nil:
	case om == nil:
		ctx.add(MultipleOfAdded, p, keyPtr(u, "multipleOf"))
	case um == nil:
		ctx.add(MultipleOfRemoved, p, u.ptr)
	case *om == *um:
	case *um != 0 && isMultiple(*om, *um):
		ctx.add(MultipleOfReduced, p, keyPtr(u, "multipleOf"))
	case *om != 0 && isMultiple(*um, *om):
		ctx.add(MultipleOfExpanded, p, keyPtr(u, "multipleOf"))
	default:
		ctx.add(MultipleOfChanged, p, keyPtr(u, "multipleOf"))
	}
	if o.integer != u.integer {
		if o.integer {
			ctx.add(TypeExtended, path, u.ptr)
		} else {
			ctx.add(TypeNarrowed, path, u.ptr)
		}
	}
}

// isMultiple reports whether a is an integer multiple of b.
func isMultiple(a, b float64) bool {
	q := a / b
	return math.Abs(q-math.Round(q)) < 1e-9
}

func compareEnum(ctx *diffCtx, path string, o, u *node) {
	p := join(path, "enum")
	oIn := containsAll(u.values, o.values)
	uIn := containsAll(o.values, u.values)
	switch {
	case oIn && uIn:
	case oIn:
		ctx.add(EnumArrayExtended, p, keyPtr(u, "enum"))
	case uIn:
		ctx.add(EnumArrayNarrowed, p, keyPtr(u, "enum"))
	default:
		ctx.add(EnumArrayChanged, p, keyPtr(u, "enum"))
	}
}

// containsAll reports whether every value of sub occurs in set.
func containsAll(set, sub []*value) bool {
	for _, s := range sub {
		found := false
		for _, x := range set {
			if equalValues(s, x) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func compareConst(ctx *diffCtx, path string, o, u *node) {
	if !equalValues(o.constVal, u.constVal) {
		ctx.add(EnumArrayChanged, join(path, "const"), keyPtr(u, "const"))
	}
}

// compareNot compares the negated schemas in reverse: the update's "not"
// may exclude less than the original's.
func compareNot(ctx *diffCtx, path string, o, u *node) {
	p := join(path, "not")
	sub := ctx.sub()
	compare(sub, p, u.not, o.not, u.ptr)
	if sub.isCompatible() {
		ctx.add(NotTypeNarrowed, p, keyPtr(u, "not"))
	} else {
		ctx.add(NotTypeExtended, p, keyPtr(u, "not"))
	}
}
