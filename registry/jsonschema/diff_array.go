package jsonschema

import "strconv"

// compareArray is Confluent's ArraySchemaDiff.
func compareArray(ctx *diffCtx, path string, o, u *node) {
	bound(ctx, path, "maxItems", o.maxItems, u.maxItems, u, MaxItemsAdded, MaxItemsRemoved, MaxItemsIncreased, MaxItemsDecreased)
	bound(ctx, path, "minItems", o.minItems, u.minItems, u, MinItemsAdded, MinItemsRemoved, MinItemsIncreased, MinItemsDecreased)
	bound(ctx, path, "maxContains", o.maxContains, u.maxContains, u, MaxContainsAdded, MaxContainsRemoved, MaxContainsIncreased, MaxContainsDecreased)
	bound(ctx, path, "minContains", o.minContains, u.minContains, u, MinContainsAdded, MinContainsRemoved, MinContainsIncreased, MinContainsDecreased)
	if o.unique != u.unique {
		if o.unique {
			ctx.add(UniqueItemsRemoved, join(path, "uniqueItems"), u.ptr)
		} else {
			ctx.add(UniqueItemsAdded, join(path, "uniqueItems"), keyPtr(u, "uniqueItems"))
		}
	}
	addPtr := keyPtr(u, "additionalItems")
	if u.src != nil && !u.src.has("additionalItems") {
		addPtr = keyPtr(u, "items")
	}
	compareOpenness(ctx, join(path, "additionalItems"), addPtr,
		o.permitsAddItems, u.permitsAddItems, o.additionalItems, u.additionalItems,
		AdditionalItemsAdded, AdditionalItemsRemoved, AdditionalItemsExtended, AdditionalItemsNarrowed)
	compareOpenness(ctx, join(path, "unevaluatedItems"), keyPtr(u, "unevaluatedItems"),
		o.permitsUnevalItems, u.permitsUnevalItems, o.unevalItems, u.unevalItems,
		UnevaluatedItemsAdded, UnevaluatedItemsRemoved, UnevaluatedItemsExtended, UnevaluatedItemsNarrowed)
	compare(ctx, join(path, "items"), o.allItems, u.allItems, u.ptr)
	compareTuple(ctx, path, o, u)
	// contains: old data holds an item matching the old schema, so a wider
	// update schema still matches it.
	compare(ctx, join(path, "contains"), o.contains, u.contains, u.ptr)
}

// isOpenArray: additional items allowed without a schema, and no
// unevaluatedItems schema or false.
func isOpenArray(n *node) bool {
	return n.permitsAddItems && n.additionalItems == nil && n.permitsUnevalItems && n.unevalItems == nil
}

// partialItems returns the schema a partially open array applies to items
// past the tuple, or nil when closed.
func partialItems(n *node) *node {
	if n.additionalItems != nil {
		return n.additionalItems
	}
	if n.permitsAddItems && n.unevalItems != nil {
		return n.unevalItems
	}
	return nil
}

func compareTuple(ctx *diffCtx, path string, o, u *node) {
	tuplePtr := u.ptr
	for i := 0; i < max(len(o.tuple), len(u.tuple)); i++ {
		p := join(path, "items/"+strconv.Itoa(i))
		switch {
		case i >= len(o.tuple):
			us := u.tuple[i]
			if isOpenArray(o) {
				if deref(us).isEmptyLike() {
					ctx.add(ItemWithEmptySchemaAddedToOpenContentModel, p, us.ptr)
				} else {
					ctx.add(ItemAddedToOpenContentModel, p, us.ptr)
				}
			} else if cover := partialItems(o); cover != nil {
				sub := ctx.sub()
				compare(sub, p, cover, us, us.ptr)
				ctx.addAll(sub.diffs)
				if sub.isCompatible() {
					ctx.add(ItemAddedIsCoveredByPartiallyOpenContentModel, p, us.ptr)
				} else {
					ctx.add(ItemAddedNotCoveredByPartiallyOpenContentModel, p, us.ptr)
				}
			} else {
				ctx.add(ItemAddedToClosedContentModel, p, us.ptr)
			}
		case i >= len(u.tuple):
			os := o.tuple[i]
			if isOpenArray(u) {
				ctx.add(ItemRemovedFromOpenContentModel, p, tuplePtr)
			} else if cover := partialItems(u); cover != nil {
				sub := ctx.sub()
				compare(sub, p, os, cover, tuplePtr)
				ctx.addAll(sub.diffs)
				if sub.isCompatible() {
					ctx.add(ItemRemovedIsCoveredByPartiallyOpenContentModel, p, tuplePtr)
				} else {
					ctx.add(ItemRemovedNotCoveredByPartiallyOpenContentModel, p, tuplePtr)
				}
			} else if deref(os).kind == kindFalse {
				ctx.add(ItemWithFalseRemovedFromClosedContentModel, p, tuplePtr)
			} else {
				ctx.add(ItemRemovedFromClosedContentModel, p, tuplePtr)
			}
		default:
			compare(ctx, p, o.tuple[i], u.tuple[i], tuplePtr)
		}
	}
}
