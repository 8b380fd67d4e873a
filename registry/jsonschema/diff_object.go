package jsonschema

// compareObject is Confluent's ObjectSchemaDiff.
func compareObject(ctx *diffCtx, path string, o, u *node) {
	compareRequired(ctx, path, o, u)
	bound(ctx, path, "maxProperties", o.maxProps, u.maxProps, u, MaxPropertiesAdded, MaxPropertiesRemoved, MaxPropertiesIncreased, MaxPropertiesDecreased)
	bound(ctx, path, "minProperties", o.minProps, u.minProps, u, MinPropertiesAdded, MinPropertiesRemoved, MinPropertiesIncreased, MinPropertiesDecreased)
	compareOpenness(ctx, join(path, "additionalProperties"), keyPtr(u, "additionalProperties"),
		o.permitsAdditional, u.permitsAdditional, o.additional, u.additional,
		AdditionalPropertiesAdded, AdditionalPropertiesRemoved, AdditionalPropertiesExtended, AdditionalPropertiesNarrowed)
	compareOpenness(ctx, join(path, "unevaluatedProperties"), keyPtr(u, "unevaluatedProperties"),
		o.permitsUnevalProp, u.permitsUnevalProp, o.unevalProp, u.unevalProp,
		UnevaluatedPropertiesAdded, UnevaluatedPropertiesRemoved, UnevaluatedPropertiesExtended, UnevaluatedPropertiesNarrowed)
	compareDependencies(ctx, path, o, u)
	// propertyNames constrains every name: a wider schema accepts old data.
	compare(ctx, join(path, "propertyNames"), o.propertyNames, u.propertyNames, u.ptr)
	compareProperties(ctx, path, o, u)
	comparePatternProperties(ctx, path, o, u)
}

// comparePatternProperties compares the schemas of patterns declared in both
// versions; added or removed patterns only matter through the content model.
func comparePatternProperties(ctx *diffCtx, path string, o, u *node) {
	for _, op := range o.patternProps {
		for _, up := range u.patternProps {
			if op.Pattern == up.Pattern {
				compare(ctx, join(path, "patternProperties/"+op.Pattern), op.Schema, up.Schema, u.ptr)
			}
		}
	}
}

// compareOpenness compares an additionalProperties-like keyword: the
// boolean "permits" flag first, then the schema.
func compareOpenness(ctx *diffCtx, p, ptr string, oPermits, uPermits bool, oSchema, uSchema *node, added, removed, extended, narrowed string) {
	switch {
	case oPermits != uPermits:
		if oPermits {
			ctx.add(removed, p, ptr)
		} else {
			ctx.add(added, p, ptr)
		}
	case oSchema == nil && uSchema != nil:
		ctx.add(narrowed, p, ptr)
	case oSchema != nil && uSchema == nil:
		ctx.add(extended, p, ptr)
	case oSchema != nil:
		compare(ctx, p, oSchema, uSchema, ptr)
	}
}

// compareRequired reports required-flag changes of properties declared in
// both versions.
func compareRequired(ctx *diffCtx, path string, o, u *node) {
	for _, name := range o.required {
		if !u.isRequired(name) && o.property(name) != nil && u.property(name) != nil {
			ctx.add(RequiredAttributeRemoved, join(path, "required/"+name), keyPtr(u, "required"))
		}
	}
	for _, name := range u.required {
		if o.isRequired(name) || o.property(name) == nil || u.property(name) == nil {
			continue
		}
		if u.property(name).hasDefault() {
			ctx.add(RequiredAttributeWithDefaultAdded, join(path, "required/"+name), keyPtr(u, "required"))
		} else {
			ctx.add(RequiredAttributeAdded, join(path, "required/"+name), keyPtr(u, "required"))
		}
	}
}

func compareDependencies(ctx *diffCtx, path string, o, u *node) {
	depPtr := keyPtr(u, "dependencies")
	if u.src != nil && !u.src.has("dependencies") {
		depPtr = keyPtr(u, "dependentRequired")
	}
	findList := func(l []namedList, name string) ([]string, bool) {
		for _, d := range l {
			if d.Name == name {
				return d.Values, true
			}
		}
		return nil, false
	}
	for _, name := range unionNames(listNames(o.depArrays), listNames(u.depArrays)) {
		p := join(path, "dependencies/"+name)
		ov, inO := findList(o.depArrays, name)
		uv, inU := findList(u.depArrays, name)
		switch {
		case !inU:
			ctx.add(DependencyArrayRemoved, p, depPtr)
		case !inO:
			ctx.add(DependencyArrayAdded, p, depPtr)
		default:
			oInU, uInO := stringsSubset(ov, uv), stringsSubset(uv, ov)
			switch {
			case oInU && uInO:
			case oInU:
				ctx.add(DependencyArrayExtended, p, depPtr)
			case uInO:
				ctx.add(DependencyArrayNarrowed, p, depPtr)
			default:
				ctx.add(DependencyArrayChanged, p, depPtr)
			}
		}
	}
	findSchema := func(l []namedNode, name string) *node {
		for _, d := range l {
			if d.Name == name {
				return d.Schema
			}
		}
		return nil
	}
	for _, name := range unionNames(nodeNames(o.depSchemas), nodeNames(u.depSchemas)) {
		p := join(path, "dependencies/"+name)
		os, us := findSchema(o.depSchemas, name), findSchema(u.depSchemas, name)
		switch {
		case us == nil:
			ctx.add(DependencySchemaRemoved, p, u.ptr)
		case os == nil:
			ctx.add(DependencySchemaAdded, p, us.ptr)
		default:
			compare(ctx, p, os, us, u.ptr)
		}
	}
}

func listNames(l []namedList) []string {
	out := make([]string, len(l))
	for i, d := range l {
		out[i] = d.Name
	}
	return out
}

func nodeNames(l []namedNode) []string {
	out := make([]string, len(l))
	for i, d := range l {
		out[i] = d.Name
	}
	return out
}

// unionNames returns a's names then b's names not in a.
func unionNames(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string{}, a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func stringsSubset(sub, set []string) bool {
	in := map[string]bool{}
	for _, s := range set {
		in[s] = true
	}
	for _, s := range sub {
		if !in[s] {
			return false
		}
	}
	return true
}

// isOpenObject: no additionalProperties schema or false, no
// patternProperties, no unevaluatedProperties schema or false.
func isOpenObject(n *node) bool {
	return n.permitsAdditional && n.additional == nil && len(n.patternProps) == 0 &&
		n.permitsUnevalProp && n.unevalProp == nil
}

// partialSchema returns the schema a partially open object applies to an
// undeclared property name, or nil when the name is not covered.
func partialSchema(n *node, name string) *node {
	for _, pp := range n.patternProps {
		if pp.Re != nil && pp.Re.MatchString(name) {
			return pp.Schema
		}
	}
	if n.additional != nil {
		return n.additional
	}
	if n.permitsAdditional && n.unevalProp != nil {
		return n.unevalProp
	}
	return nil
}

func compareProperties(ctx *diffCtx, path string, o, u *node) {
	propsPtr := keyPtr(u, "properties")
	for _, name := range unionNames(nodeNames(o.props), nodeNames(u.props)) {
		p := join(path, "properties/"+name)
		os, us := o.property(name), u.property(name)
		switch {
		case us == nil:
			removedProperty(ctx, p, propsPtr, os, u, name)
		case os == nil:
			addedProperty(ctx, p, us, o, u, name)
		default:
			compare(ctx, p, os, us, propsPtr)
		}
	}
}

func removedProperty(ctx *diffCtx, p, ptr string, os, u *node, name string) {
	if isOpenObject(u) {
		ctx.add(PropertyRemovedFromOpenContentModel, p, ptr)
		return
	}
	if cover := partialSchema(u, name); cover != nil {
		sub := ctx.sub()
		compare(sub, p, os, cover, ptr)
		ctx.addAll(sub.diffs)
		if sub.isCompatible() {
			ctx.add(PropertyRemovedIsCoveredByPartiallyOpenContentModel, p, ptr)
		} else {
			ctx.add(PropertyRemovedNotCoveredByPartiallyOpenContentModel, p, ptr)
		}
		return
	}
	if deref(os).kind == kindFalse {
		ctx.add(PropertyWithFalseRemovedFromClosedContentModel, p, ptr)
	} else {
		ctx.add(PropertyRemovedFromClosedContentModel, p, ptr)
	}
}

func addedProperty(ctx *diffCtx, p string, us, o, u *node, name string) {
	required := u.isRequired(name)
	withDefault := us.hasDefault()
	if isOpenObject(o) {
		switch {
		case deref(us).isEmptyLike():
			ctx.add(PropertyWithEmptySchemaAddedToOpenContentModel, p, us.ptr)
		case required && withDefault:
			ctx.add(RequiredPropertyWithDefaultAddedToOpenContentModel, p, us.ptr)
		case required:
			ctx.add(RequiredPropertyAddedToOpenContentModel, p, us.ptr)
		default:
			ctx.add(OptionalPropertyAddedToOpenContentModel, p, us.ptr)
		}
		return
	}
	if cover := partialSchema(o, name); cover != nil {
		sub := ctx.sub()
		compare(sub, p, cover, us, us.ptr)
		ctx.addAll(sub.diffs)
		if sub.isCompatible() {
			ctx.add(PropertyAddedIsCoveredByPartiallyOpenContentModel, p, us.ptr)
		} else {
			ctx.add(PropertyAddedNotCoveredByPartiallyOpenContentModel, p, us.ptr)
		}
	}
	switch {
	case required && withDefault:
		ctx.add(RequiredPropertyWithDefaultAddedToUnopenContentModel, p, us.ptr)
	case required:
		ctx.add(RequiredPropertyAddedToUnopenContentModel, p, us.ptr)
	default:
		ctx.add(OptionalPropertyAddedToUnopenContentModel, p, us.ptr)
	}
}
