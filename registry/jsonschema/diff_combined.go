package jsonschema

import "strconv"

// compareCombined compares two allOf/anyOf/oneOf schemas: criterion change,
// number of distinct subschemas, then a maximum matching of compatible
// original/update subschema pairs.
func compareCombined(ctx *diffCtx, path string, o, u *node) {
	origSubs, updSubs := distinct(o.subs), distinct(u.subs)
	if !compareCriteria(ctx, path, o, u, len(origSubs), len(updSubs)) {
		return
	}
	switch {
	case len(origSubs) < len(updSubs):
		if u.criterion == allOf {
			ctx.add(ProductTypeExtended, path, u.ptr)
		} else {
			ctx.add(SumTypeExtended, path, u.ptr)
		}
	case len(origSubs) > len(updSubs):
		if o.criterion == allOf {
			ctx.add(ProductTypeNarrowed, path, u.ptr)
		} else {
			ctx.add(SumTypeNarrowed, path, u.ptr)
		}
	}
	// compatible[i][j] holds the differences of original i vs update j when
	// that pair is compatible.
	compatible := make([]map[int][]difference, len(origSubs))
	for i, os := range origSubs {
		compatible[i] = map[int][]difference{}
		subPath := join(path, o.criterion+"/"+strconv.Itoa(i))
		for j, us := range updSubs {
			sub := ctx.sub()
			compare(sub, subPath, os, us, u.ptr)
			if sub.isCompatible() {
				compatible[i][j] = sub.diffs
			}
		}
	}
	match := maxMatching(len(origSubs), len(updSubs), func(i, j int) bool {
		_, ok := compatible[i][j]
		return ok
	})
	if len(match) < min(len(origSubs), len(updSubs)) {
		ctx.add(CombinedTypeSubschemasChanged, path, u.ptr)
		return
	}
	for i := range origSubs {
		if j, ok := match[i]; ok {
			ctx.addAll(compatible[i][j])
		}
	}
}

// compareCriteria reports a criterion change; false means the criteria are
// incompatible (COMBINED_TYPE_CHANGED) and nothing more is compared.
func compareCriteria(ctx *diffCtx, path string, o, u *node, origSize, updSize int) bool {
	oc, uc := o.criterion, u.criterion
	switch {
	case oc == uc:
		return true
	case uc == anyOf,
		oc == allOf && uc == oneOf,
		origSize == 1 && (uc == oneOf || updSize == 1):
		ctx.add(CombinedTypeExtended, path, u.ptr)
		return true
	default:
		ctx.add(CombinedTypeChanged, path, u.ptr)
		return false
	}
}

// distinct drops structurally equal duplicates, keeping first occurrences.
func distinct(subs []*node) []*node {
	seen := map[string]bool{}
	out := make([]*node, 0, len(subs))
	for _, s := range subs {
		k := deref(s).key()
		if !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

// maxMatching computes a maximum bipartite matching (augmenting paths,
// trying candidates in index order); the result maps left to right.
func maxMatching(left, right int, edge func(i, j int) bool) map[int]int {
	matchR := make([]int, right)
	for j := range matchR {
		matchR[j] = -1
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for j := 0; j < right; j++ {
			if seen[j] || !edge(i, j) {
				continue
			}
			seen[j] = true
			if matchR[j] < 0 || try(matchR[j], seen) {
				matchR[j] = i
				return true
			}
		}
		return false
	}
	for i := 0; i < left; i++ {
		try(i, make([]bool, right))
	}
	out := map[int]int{}
	for j, i := range matchR {
		if i >= 0 {
			out[i] = j
		}
	}
	return out
}
