package schema

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/contractctl/contractctl/internal/load"
	yaml "go.yaml.in/yaml/v3"
)

// compositions compares the oneOf and anyOf of two views. Branches are
// matched by $ref target, then by structural equality, then — when
// exactly one branch is left on each side — paired as an edit; position
// never matters, so reordering branches changes nothing. The branches
// added (or removed) are one change listing them. A composition that
// appears where the other side has none adds a constraint (narrows) and
// one that disappears drops it (widens), unless its branches only name
// types, which the type comparison covers.
func (w *walker) compositions(b, h *view, cx ctx, direct bool) error {
	for _, kw := range [...]string{"oneOf", "anyOf"} {
		bc, bok := b.compOf(kw)
		hc, hok := h.compOf(kw)
		set, unset := OneOfSet, OneOfUnset
		if kw == "anyOf" {
			set, unset = AnyOfSet, AnyOfUnset
		}
		switch {
		case bok && hok:
			if err := w.composition(bc, hc, b, h, cx, direct); err != nil {
				return err
			}
		case hok && !w.c.typeOnly(w.c.head, hc):
			w.add(w.flags(Change{Kind: set, Effect: Narrows, Head: hc.list.loc(), Base: b.s.loc(), New: branchNames(hc.list, hc.branches)}, h), cx)
		case bok && !w.c.typeOnly(w.c.base, bc):
			w.add(w.flags(Change{Kind: unset, Effect: Widens, Head: h.s.loc(), Base: bc.list.loc(), Old: branchNames(bc.list, bc.branches)}, h), cx)
		}
	}
	return nil
}

func (w *walker) composition(bc, hc comp, b, h *view, cx ctx, direct bool) error {
	m := w.c.match(bc, hc)
	for i, j := range m.b {
		if j >= 0 {
			if err := w.schema(bc.list.item(bc.branches[i]), hc.list.item(hc.branches[j]), cx, direct); err != nil {
				return err
			}
		}
	}
	added, removed := OneOfAdded, OneOfRemoved
	if bc.kw == "anyOf" {
		added, removed = AnyOfAdded, AnyOfRemoved
	}
	var gone, fresh []int
	for i, j := range m.b {
		if j < 0 {
			gone = append(gone, bc.branches[i])
		}
	}
	for j, matched := range m.h {
		if !matched {
			fresh = append(fresh, hc.branches[j])
		}
	}
	gone, err := w.uncovered(gone, bc.list, hc.branches, hc.list, false)
	if err != nil {
		return err
	}
	fresh, err = w.uncovered(fresh, hc.list, bc.branches, bc.list, true)
	if err != nil {
		return err
	}
	if len(gone) > 0 {
		w.add(w.flags(Change{Kind: removed, Effect: Narrows, Head: hc.list.loc(), Base: bc.list.item(gone[0]).loc(), Old: branchNames(bc.list, gone)}, h), cx)
	}
	if len(fresh) > 0 {
		w.add(w.flags(Change{Kind: added, Effect: Widens, Head: hc.list.item(fresh[0]).loc(), Base: bc.list.loc(), New: branchNames(hc.list, fresh)}, h), cx)
	}
	return nil
}

func seqLen(n *yaml.Node) int {
	if n == nil || n.Kind != yaml.SequenceNode {
		return 0
	}
	return len(n.Content)
}

func branchName(n *yaml.Node) string {
	if ref := load.Ref(n); ref != "" {
		return ref
	}
	ts, _ := typeSet(n)
	if len(ts) > 0 {
		return "inline " + strings.Join(ts, "|") + " schema"
	}
	return "inline schema"
}

// resolvedHash is the structural hash of what s resolves to ($refs below
// it are compared as written).
func (c *Comparator) resolvedHash(l *load.Loader, s side) string {
	if r, err := resolve(l, s); err == nil {
		s = r
	}
	if h, ok := c.hashes[s.node]; ok {
		return h
	}
	h := canonical(s.node)
	c.hashes[s.node] = h
	return h
}

// annotation keys do not change what a schema accepts.
func annotation(key string) bool {
	switch key {
	case "description", "title", "example", "examples", "externalDocs", "$comment", "deprecated", "xml":
		return true
	}
	return strings.HasPrefix(key, "x-") && key != "x-nullable" && key != "x-extensible-enum"
}

// canonical renders a node as compact JSON with sorted keys and without
// annotations: equal strings mean equal schemas (or values).
func canonical(n *yaml.Node) string {
	var b strings.Builder
	writeCanonical(&b, n, 0)
	return b.String()
}

func writeCanonical(b *strings.Builder, n *yaml.Node, depth int) {
	n = load.Deref(n)
	if n == nil || depth > 200 {
		b.WriteString("null")
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!str" || n.Tag == "" {
			b.WriteString(strconv.Quote(n.Value))
		} else {
			b.WriteString(n.Value)
		}
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, e := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCanonical(b, e, depth+1)
		}
		b.WriteByte(']')
	case yaml.MappingNode:
		idx := make([]int, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			if !annotation(n.Content[i].Value) {
				idx = append(idx, i)
			}
		}
		slices.SortFunc(idx, func(x, y int) int { return strings.Compare(n.Content[x].Value, n.Content[y].Value) })
		b.WriteByte('{')
		for k, i := range idx {
			if k > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(n.Content[i].Value))
			b.WriteByte(':')
			writeCanonical(b, n.Content[i+1], depth+1)
		}
		b.WriteByte('}')
	default:
		b.WriteString("null")
	}
}

// wrapped handles a schema wrapped into (or unwrapped from) a oneOf or
// anyOf: base X → head anyOf [X, Y] compares X with its branch and reports
// only Y as added, instead of a type change and a spurious branch. The
// branch takes the nullability of the composition around it.
func (w *walker) wrapped(b, h *view, cx ctx, direct bool) (bool, error) {
	for _, kw := range [...]string{"oneOf", "anyOf"} {
		added, removed := OneOfAdded, OneOfRemoved
		if kw == "anyOf" {
			added, removed = AnyOfAdded, AnyOfRemoved
		}
		hc, hok := h.compOf(kw)
		bc, bok := b.compOf(kw)
		switch {
		case hok && len(b.comps) == 0:
			j := w.c.branchOf(w.c.head, hc, w.c.base, b)
			if j < 0 {
				continue
			}
			branch := hc.list.item(hc.branches[j])
			branch.null = h.nullable
			if err := w.schema(b.s, branch, cx, direct); err != nil {
				return true, err
			}
			others := slices.DeleteFunc(slices.Clone(hc.branches), func(k int) bool { return k == hc.branches[j] })
			others, err := w.uncoveredBy(others, hc.list, b.s, true)
			if err != nil {
				return true, err
			}
			if len(others) > 0 {
				w.add(w.flags(Change{Kind: added, Effect: Widens, Head: hc.list.item(others[0]).loc(), Base: w.rootLoc(b), New: branchNames(hc.list, others)}, h), cx)
			}
			return true, nil
		case bok && len(h.comps) == 0:
			i := w.c.branchOf(w.c.base, bc, w.c.head, h)
			if i < 0 {
				continue
			}
			branch := bc.list.item(bc.branches[i])
			branch.null = b.nullable
			if err := w.schema(branch, h.s, cx, direct); err != nil {
				return true, err
			}
			others := slices.DeleteFunc(slices.Clone(bc.branches), func(k int) bool { return k == bc.branches[i] })
			others, err := w.uncoveredBy(others, bc.list, h.s, false)
			if err != nil {
				return true, err
			}
			if len(others) > 0 {
				w.add(w.flags(Change{Kind: removed, Effect: Narrows, Head: w.rootLoc(h), Base: bc.list.item(others[0]).loc(), Old: branchNames(bc.list, others)}, h), cx)
			}
			return true, nil
		}
	}
	return false, nil
}

// uncovered keeps the branches (positions in list) that add (added: the
// head's) or take away (the base's) values: a branch added whose values
// some branch of the other side (positions in other) already accepts adds
// none, and a branch removed whose values some remaining one accepts takes
// none away.
func (w *walker) uncovered(branches []int, list side, other []int, otherList side, added bool) ([]int, error) {
	return keep(branches, list, func(s side) (bool, error) {
		for _, o := range other {
			var ok bool
			var err error
			if added {
				ok, err = w.covers(otherList.item(o), s, true)
			} else {
				ok, err = w.covers(s, otherList.item(o), false)
			}
			if ok || err != nil {
				return ok, err
			}
		}
		return false, nil
	})
}

// uncoveredBy is uncovered against one schema of the other side.
func (w *walker) uncoveredBy(branches []int, list side, other side, added bool) ([]int, error) {
	return keep(branches, list, func(s side) (bool, error) {
		if added {
			return w.covers(other, s, true)
		}
		return w.covers(s, other, false)
	})
}

func keep(branches []int, list side, covered func(side) (bool, error)) ([]int, error) {
	var out []int
	for _, i := range branches {
		ok, err := covered(list.item(i))
		if err != nil {
			return nil, err
		}
		if !ok {
			out = append(out, i)
		}
	}
	return out, nil
}

// covers compares base b with head h and reports whether nothing widens
// (wider: every value of h is one of b) or nothing narrows (every value of
// b is one of h). A property one side constrains and the other leaves
// open counts against it.
func (w *walker) covers(b, h side, wider bool) (bool, error) {
	reached, err := w.c.Reach(Schema{File: b.file, Pointer: b.ptr, Node: b.node}, Schema{File: h.file, Pointer: h.ptr, Node: h.node}, w.u.dir)
	if err != nil {
		return false, err
	}
	for _, r := range reached {
		for _, ch := range w.c.Changes(r.Owner) {
			switch {
			case ch.Effect == Incompatible,
				wider && (ch.Effect == Widens || ch.Kind == PropertyRemoved),
				!wider && (ch.Effect == Narrows || ch.Kind == PropertyAdded):
				return false, nil
			}
		}
	}
	return true, nil
}

// branchOf finds the position in cm's list (read through ll) of the
// branch that is the schema other (read through ol): a $ref to other or
// to a schema other flattens, an equal schema, or else the only branch of
// other's type.
func (c *Comparator) branchOf(ll *load.Loader, cm comp, ol *load.Loader, other *view) int {
	for _, j := range cm.branches {
		ref := load.Ref(cm.list.item(j).node)
		_, frag, ok := strings.Cut(ref, "#")
		if !ok {
			continue
		}
		for _, ly := range other.layers {
			if frag == ly.s.ptr && ly.s.ptr != "" {
				return j
			}
		}
	}
	want := c.resolvedHash(ol, other.s)
	for _, j := range cm.branches {
		if c.resolvedHash(ll, cm.list.item(j)) == want {
			return j
		}
	}
	if other.types == nil {
		return -1
	}
	found := -1
	for _, j := range cm.branches {
		bv, err := c.view(ll, cm.list.item(j))
		if err != nil || !slices.Equal(bv.types, other.types) {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = j
	}
	return found
}

// shape is what identifies an inline branch across an edit: its types,
// property names and required names (allOf flattened).
func (c *Comparator) shape(l *load.Loader, s side) map[string]bool {
	out := map[string]bool{}
	v, err := c.view(l, s)
	if err != nil {
		return out
	}
	for _, t := range v.types {
		out["type "+t] = true
	}
	for k := range v.properties() {
		out["property "+k] = true
	}
	req, _ := c.required(l, v)
	for k := range req {
		out["required "+k] = true
	}
	return out
}

// overlap is the Jaccard similarity of two shapes (0 when both are empty).
func overlap(a, b map[string]bool) float64 {
	both := 0
	for k := range a {
		if b[k] {
			both++
		}
	}
	if all := len(a) + len(b) - both; all > 0 {
		return float64(both) / float64(all)
	}
	return 0
}

// matching pairs the branches of two compositions: b[i] is the head
// branch (an index into the head's branches) matched with base branch i,
// -1 when none; h[j] whether head branch j is matched.
type matching struct {
	b []int
	h []bool
}

// match pairs branches by $ref target, then by structural equality, then
// pairs the single branch left on each side as an edit of that branch,
// unless both name different components (one replaced the other).
func (c *Comparator) match(bc, hc comp) *matching {
	bn, hn := len(bc.branches), len(hc.branches)
	bi := func(i int) side { return bc.list.item(bc.branches[i]) }
	hj := func(j int) side { return hc.list.item(hc.branches[j]) }
	m := &matching{b: make([]int, bn), h: make([]bool, hn)}
	for i := range m.b {
		m.b[i] = -1
	}
	pair := func(i, j int) {
		m.b[i] = j
		m.h[j] = true
	}
	for i := range bn {
		ref := load.Ref(bi(i).node)
		if ref == "" {
			continue
		}
		for j := range hn {
			if !m.h[j] && load.Ref(hj(j).node) == ref {
				pair(i, j)
				break
			}
		}
	}
	if slices.Contains(m.b, -1) {
		hh := make([]string, hn)
		for j := range hn {
			if !m.h[j] {
				hh[j] = c.resolvedHash(c.head, hj(j))
			}
		}
		for i := range bn {
			if m.b[i] >= 0 {
				continue
			}
			bh := c.resolvedHash(c.base, bi(i))
			for j := range hn {
				if !m.h[j] && hh[j] == bh {
					pair(i, j)
					break
				}
			}
		}
	}
	// Inline branches edited in place: pair each with the unmatched branch
	// on the other side that shares most of its shape (type, property
	// names, required names), best pairs first.
	type cand struct {
		i, j  int
		score float64
	}
	var cands []cand
	for i := range bn {
		if m.b[i] >= 0 || load.Ref(bi(i).node) != "" {
			continue
		}
		si := c.shape(c.base, bi(i))
		for j := range hn {
			if m.h[j] || load.Ref(hj(j).node) != "" {
				continue
			}
			if sc := overlap(si, c.shape(c.head, hj(j))); sc >= 0.5 {
				cands = append(cands, cand{i, j, sc})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return cmp.Compare(b.score, a.score) })
	for _, c := range cands {
		if m.b[c.i] < 0 && !m.h[c.j] {
			pair(c.i, c.j)
		}
	}
	leftB, leftH, nb, nh := -1, -1, 0, 0
	for i, j := range m.b {
		if j < 0 {
			leftB, nb = i, nb+1
		}
	}
	for j, ok := range m.h {
		if !ok {
			leftH, nh = j, nh+1
		}
	}
	if nb == 1 && nh == 1 && (load.Ref(bi(leftB).node) == "" || load.Ref(hj(leftH).node) == "") {
		pair(leftB, leftH)
	}
	return m
}
