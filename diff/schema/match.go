package schema

import (
	"slices"
	"strconv"
	"strings"

	"github.com/contractctl/contractctl/internal/load"
	yaml "go.yaml.in/yaml/v3"
)

// composition matches the branches of allOf/oneOf/anyOf by $ref target,
// then by structural equality of what they resolve to, then — when
// exactly one branch is left on each side — pairs the two as an edit.
// Position never matters, so reordering branches changes nothing.
func (w *walker) composition(b, h side, prop string, direct bool, kw string, m *matching) error {
	if !either(b, h, kw) {
		return nil
	}
	bl, hl := b.child(kw), h.child(kw)
	if seqLen(bl.node) == 0 && seqLen(hl.node) == 0 {
		return nil
	}
	if m == nil {
		m = w.c.match(bl, hl)
	}
	matchB, matchH := m.b, m.h
	for i, j := range matchB {
		if j >= 0 {
			if err := w.schema(bl.item(i), hl.item(j), prop, direct); err != nil {
				return err
			}
		}
	}
	added, removed, addEffect, removeEffect := OneOfAdded, OneOfRemoved, Widens, Narrows
	switch kw {
	case "anyOf":
		added, removed = AnyOfAdded, AnyOfRemoved
	case "allOf":
		added, removed, addEffect, removeEffect = AllOfAdded, AllOfRemoved, Narrows, Widens
	}
	listLoc := func(s, l side) Location {
		if l.node == nil {
			return s.loc()
		}
		return s.at(kw)
	}
	for i, j := range matchB {
		if j < 0 && !m.bagB[i] {
			bi := bl.item(i)
			w.add(w.flags(Change{Kind: removed, Effect: removeEffect, Head: listLoc(h, hl), Base: bi.loc(), Old: branchName(bi.node)}, h), prop)
		}
	}
	for j, matched := range matchH {
		if !matched && !m.bagH[j] {
			hj := hl.item(j)
			w.add(w.flags(Change{Kind: added, Effect: addEffect, Head: hj.loc(), Base: listLoc(b, bl), New: branchName(hj.node)}, h), prop)
		}
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
		return "inline " + typeString(ts) + " schema"
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
// only Y as added, instead of a type change and a spurious branch.
func (w *walker) wrapped(b, h side, prop string, direct bool) (bool, error) {
	for _, kw := range [...]string{"oneOf", "anyOf"} {
		if !either(b, h, kw) {
			continue
		}
		bl, hl := b.child(kw), h.child(kw)
		switch {
		case hl.node != nil && bl.node == nil && !composed(b.node):
			j := w.c.branchOf(w.c.head, hl, w.c.base, b)
			if j < 0 {
				continue
			}
			added := OneOfAdded
			if kw == "anyOf" {
				added = AnyOfAdded
			}
			if err := w.schema(b, hl.item(j), prop, direct); err != nil {
				return true, err
			}
			for k := range seqLen(hl.node) {
				if k != j {
					hk := hl.item(k)
					w.add(w.flags(Change{Kind: added, Effect: Widens, Head: hk.loc(), Base: b.loc(), New: branchName(hk.node)}, h), prop)
				}
			}
			return true, nil
		case bl.node != nil && hl.node == nil && !composed(h.node):
			i := w.c.branchOf(w.c.base, bl, w.c.head, h)
			if i < 0 {
				continue
			}
			removed := OneOfRemoved
			if kw == "anyOf" {
				removed = AnyOfRemoved
			}
			if err := w.schema(bl.item(i), h, prop, direct); err != nil {
				return true, err
			}
			for k := range seqLen(bl.node) {
				if k != i {
					bk := bl.item(k)
					w.add(w.flags(Change{Kind: removed, Effect: Narrows, Head: h.loc(), Base: bk.loc(), Old: branchName(bk.node)}, h), prop)
				}
			}
			return true, nil
		}
	}
	return false, nil
}

// composed reports whether a schema has oneOf or anyOf.
func composed(n *yaml.Node) bool {
	return load.Value(n, "oneOf") != nil || load.Value(n, "anyOf") != nil
}

// branchOf finds the branch of list (read through ll) that is the schema
// other (read through ol): a $ref to the same pointer, or an equal schema.
func (c *Comparator) branchOf(ll *load.Loader, list side, ol *load.Loader, other side) int {
	n := seqLen(list.node)
	for j := range n {
		ref := load.Ref(list.item(j).node)
		if _, frag, ok := strings.Cut(ref, "#"); ok && frag == other.ptr && other.ptr != "" {
			return j
		}
	}
	want := c.resolvedHash(ol, other)
	for j := range n {
		if c.resolvedHash(ll, list.item(j)) == want {
			return j
		}
	}
	// Else the only branch of the same type (string → anyOf [string, ref]).
	wantTypes, _ := typeSet(other.node)
	found := -1
	for j := range n {
		s := list.item(j)
		if r, err := resolve(ll, s); err == nil {
			s = r
		}
		if ts, _ := typeSet(s.node); len(ts) > 0 && slices.Equal(ts, wantTypes) {
			if found >= 0 {
				return -1
			}
			found = j
		}
	}
	return found
}

// matching pairs the branches of a composition keyword: b[i] is the head
// branch matched with base branch i (-1 when none), h[j] whether head
// branch j is matched. bagB and bagH mark unmatched allOf branches whose
// properties were merged into their parent's (see allOfBags).
type matching struct {
	b          []int
	h          []bool
	bagB, bagH map[int]bool
}

// match pairs branches by $ref target, then by structural equality, then
// pairs the single branch left on each side as an edit of that branch,
// unless both name different components (one replaced the other).
func (c *Comparator) match(bl, hl side) *matching {
	bn, hn := seqLen(bl.node), seqLen(hl.node)
	m := &matching{b: make([]int, bn), h: make([]bool, hn), bagB: map[int]bool{}, bagH: map[int]bool{}}
	for i := range m.b {
		m.b[i] = -1
	}
	pair := func(i, j int) {
		m.b[i] = j
		m.h[j] = true
	}
	for i := range bn {
		ref := load.Ref(bl.item(i).node)
		if ref == "" {
			continue
		}
		for j := range hn {
			if !m.h[j] && load.Ref(hl.item(j).node) == ref {
				pair(i, j)
				break
			}
		}
	}
	if slices.Contains(m.b, -1) {
		hh := make([]string, hn)
		for j := range hn {
			if !m.h[j] {
				hh[j] = c.resolvedHash(c.head, hl.item(j))
			}
		}
		for i := range bn {
			if m.b[i] >= 0 {
				continue
			}
			bh := c.resolvedHash(c.base, bl.item(i))
			for j := range hn {
				if !m.h[j] && hh[j] == bh {
					pair(i, j)
					break
				}
			}
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
	if nb == 1 && nh == 1 && (load.Ref(bl.item(leftB).node) == "" || load.Ref(hl.item(leftH).node) == "") {
		pair(leftB, leftH)
	}
	return m
}

// bagKeys may appear in an allOf branch that only contributes properties.
func bag(n *yaml.Node) bool {
	if n == nil || n.Kind != yaml.MappingNode || load.Value(n, "properties") == nil {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch k := n.Content[i].Value; k {
		case "properties", "required", "type", "description", "title":
			if k == "type" && n.Content[i+1].Value != "object" {
				return false
			}
		default:
			if !strings.HasPrefix(k, "x-") {
				return false
			}
		}
	}
	return true
}

// allOfBags finds the unmatched allOf branches on each side that only
// contribute properties (a base schema extracted into an allOf, or
// inlined back): their properties are compared together with the
// parent's own, so the refactor is not reported as branches added and
// properties removed.
func (w *walker) allOfBags(b, h side) (extraB, extraH []side, m *matching, err error) {
	if !either(b, h, "allOf") {
		return nil, nil, nil, nil
	}
	bl, hl := b.child("allOf"), h.child("allOf")
	if seqLen(bl.node) == 0 && seqLen(hl.node) == 0 {
		return nil, nil, nil, nil
	}
	m = w.c.match(bl, hl)
	for i, j := range m.b {
		if j >= 0 {
			continue
		}
		r, err := resolve(w.c.base, bl.item(i))
		if err != nil {
			return nil, nil, nil, err
		}
		if bag(r.node) {
			m.bagB[i] = true
			extraB = append(extraB, r)
		}
	}
	for j, ok := range m.h {
		if ok {
			continue
		}
		r, err := resolve(w.c.head, hl.item(j))
		if err != nil {
			return nil, nil, nil, err
		}
		if bag(r.node) {
			m.bagH[j] = true
			extraH = append(extraH, r)
		}
	}
	return extraB, extraH, m, nil
}
