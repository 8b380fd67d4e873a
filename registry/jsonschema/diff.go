package jsonschema

// difference is one change found between an original and an updated schema.
type difference struct {
	Type string
	Path string // Confluent's jsonPath, e.g. "#/properties/foo"
	Ptr  string // JSON pointer into the update document, "" when unknown
}

// diffCtx collects differences, like Confluent's diff Context. Subcontexts
// share the compatible set and the in-progress pairs used to stop cycles.
type diffCtx struct {
	compatible map[string]bool
	visiting   map[[2]*node]bool
	memo       map[memoKey][]difference
	diffs      []difference
}

// memoKey identifies one comparison; its differences depend only on the two
// schemas and the path, so nested combined schemas are compared once.
type memoKey struct {
	original, update *node
	path             string
}

func newCtx(compatible map[string]bool) *diffCtx {
	return &diffCtx{compatible: compatible, visiting: map[[2]*node]bool{}, memo: map[memoKey][]difference{}}
}

func (c *diffCtx) sub() *diffCtx {
	return &diffCtx{compatible: c.compatible, visiting: c.visiting, memo: c.memo}
}

func (c *diffCtx) add(typ, path, ptr string) {
	c.diffs = append(c.diffs, difference{Type: typ, Path: path, Ptr: ptr})
}

func (c *diffCtx) addAll(d []difference) { c.diffs = append(c.diffs, d...) }

// isCompatible reports whether every difference so far is compatible.
func (c *diffCtx) isCompatible() bool {
	for _, d := range c.diffs {
		if !c.compatible[d.Type] {
			return false
		}
	}
	return true
}

// join appends a path segment to a Confluent path ("#/" + "a" = "#/a").
func join(path, seg string) string {
	if len(path) > 0 && path[len(path)-1] == '/' {
		return path + seg
	}
	return path + "/" + seg
}

// keyPtr points at keyword key of n when n's JSON has it, else at n.
func keyPtr(n *node, key string) string {
	if n == nil {
		return ""
	}
	if n.src != nil && n.src.has(key) {
		return n.ptr + "/" + escapePointerToken(key)
	}
	return n.ptr
}

// compare is SchemaDiff.compare(original, update) at path. parentPtr locates
// the update's enclosing schema when update is absent.
func compare(ctx *diffCtx, path string, original, update *node, parentPtr string) {
	if original == nil && update == nil {
		return
	}
	if original == nil {
		ctx.add(SchemaAdded, path, update.ptr)
		return
	}
	if update == nil {
		ctx.add(SchemaRemoved, path, parentPtr)
		return
	}
	original, update = deref(original), deref(update)
	pair := [2]*node{original, update}
	if ctx.visiting[pair] {
		return // a cycle: assume the pair compatible until shown otherwise
	}
	key := memoKey{original, update, path}
	if d, ok := ctx.memo[key]; ok {
		ctx.addAll(d)
		return
	}
	ctx.visiting[pair] = true
	sub := ctx.sub()
	compareNodes(sub, path, original, update)
	delete(ctx.visiting, pair)
	ctx.memo[key] = sub.diffs
	ctx.addAll(sub.diffs)
}

// compareNodes compares two dereferenced schemas.
func compareNodes(ctx *diffCtx, path string, original, update *node) {
	if !sameClass(original, update) && (original.kind == kindFalse || update.isEmptyLike()) {
		return
	}
	oc, uc := original.kind == kindCombined, update.kind == kindCombined
	switch {
	case !oc && uc:
		if len(update.subs) == 1 {
			sub := ctx.sub()
			compare(sub, path, original, update.subs[0], update.ptr)
			if sub.isCompatible() {
				ctx.addAll(sub.diffs)
				return
			}
		}
		if update.criterion != allOf {
			for _, s := range update.subs {
				sub := ctx.sub()
				compare(sub, path, original, s, update.ptr)
				if sub.isCompatible() {
					ctx.addAll(sub.diffs)
					ctx.add(SumTypeExtended, path, update.ptr)
					return
				}
			}
		}
	case oc && !uc:
		if len(original.subs) == 1 {
			sub := ctx.sub()
			compare(sub, path, original.subs[0], update, update.ptr)
			if sub.isCompatible() {
				ctx.addAll(sub.diffs)
				return
			}
		}
		if original.criterion == allOf {
			for _, s := range original.subs {
				sub := ctx.sub()
				compare(sub, path, s, update, update.ptr)
				if sub.isCompatible() {
					ctx.addAll(sub.diffs)
					ctx.add(ProductTypeNarrowed, path, update.ptr)
					return
				}
			}
		}
	}
	if !sameClass(original, update) {
		if original.bytes && update.bytes {
			return
		}
		ctx.add(TypeChanged, path, update.ptr)
		return
	}

	if !equalStr(original.id, update.id) {
		ctx.add(IDChanged, path, keyPtr(update, "$id"))
	}
	if !equalStr(original.title, update.title) {
		ctx.add(TitleChanged, path, keyPtr(update, "title"))
	}
	if !equalStr(original.description, update.description) {
		ctx.add(DescriptionChanged, path, keyPtr(update, "description"))
	}
	if !equalValues(original.def, update.def) {
		ctx.add(DefaultChanged, path, keyPtr(update, "default"))
	}

	switch original.kind {
	case kindStringS:
		compareString(ctx, path, original, update)
	case kindNumberS:
		compareNumber(ctx, path, original, update)
	case kindEnum:
		compareEnum(ctx, path, original, update)
	case kindConst:
		compareConst(ctx, path, original, update)
	case kindCombined:
		compareCombined(ctx, path, original, update)
	case kindNot:
		compareNot(ctx, path, original, update)
	case kindObjectS:
		compareObject(ctx, path, original, update)
	case kindArrayS:
		compareArray(ctx, path, original, update)
	case kindConditional:
		compare(ctx, join(path, "if"), original.ifS, update.ifS, update.ptr)
		compare(ctx, join(path, "then"), original.thenS, update.thenS, update.ptr)
		compare(ctx, join(path, "else"), original.elseS, update.elseS, update.ptr)
	case kindRef:
		// unresolved on both sides (deref stopped): compare the references.
		if original.ref != update.ref {
			ctx.add(TypeChanged, path, update.ptr)
		}
	}
}

// sameClass mirrors the Java class comparison of the two schemas.
func sameClass(a, b *node) bool { return a.kind == b.kind }

func equalStr(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
