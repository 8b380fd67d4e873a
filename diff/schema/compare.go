package schema

import (
	"fmt"
	"slices"

	"github.com/contractctl/contractctl/internal/load"
	yaml "go.yaml.in/yaml/v3"
)

// Comparator compares schemas of one base and one head document set. It
// memoizes every compared pair of schemas reached through a $ref on
// either side (an "owner"), so comparing many roots that share components
// costs each component pair once, and its traversal is iterative with a
// visited set, so cycles terminate. A Comparator is not safe for
// concurrent use.
type Comparator struct {
	base, head *load.Loader
	units      map[unitKey]int
	list       []*unit
	hashes     map[*yaml.Node]string
	views      map[*load.Loader]map[viewKey]*view
}

// New returns a comparator that resolves base $refs through base and head
// $refs through head.
func New(base, head *load.Loader) *Comparator {
	return &Comparator{base: base, head: head, units: map[unitKey]int{}, hashes: map[*yaml.Node]string{}, views: map[*load.Loader]map[viewKey]*view{}}
}

// Reached is one owner reached from a compared root.
type Reached struct {
	// Owner identifies the compared pair of schemas that owns changes
	// (see Changes); it is stable for the life of the Comparator.
	Owner int
	// Direct is true when the owner was reached from the root through
	// $refs and composition branches only, so that its top-level changes
	// concern the root value itself.
	Direct bool
}

// Reach compares base with head (either may be a reference object) in
// direction dir and returns every owner reachable from them, in a stable
// order, each (owner, direct) pair once. Callers comparing many roots
// aggregate by owner and classify each owner's Changes once: that is how a
// change of a shared component becomes one finding listing its users.
func (c *Comparator) Reach(base, head Schema, dir Direction) ([]Reached, error) {
	b, err := resolve(c.base, side{file: base.File, ptr: base.Pointer, node: base.Node})
	if err != nil {
		return nil, err
	}
	h, err := resolve(c.head, side{file: head.File, ptr: head.Pointer, node: head.Node})
	if err != nil {
		return nil, err
	}
	root := c.unitFor(b, h, dir, unitCtx(b, h, ctx{owner: h.loc()}))
	type state struct {
		id     int
		direct bool
	}
	seen := map[state]bool{{root, true}: true}
	queue := []state{{root, true}}
	var out []Reached
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		u := c.list[s.id]
		if err := c.compute(u); err != nil {
			return nil, err
		}
		out = append(out, Reached{Owner: s.id, Direct: s.direct})
		for _, e := range u.edges {
			next := state{e.to, s.direct && e.direct}
			if !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	return out, nil
}

// Changes returns the changes an owner holds, sorted, with AtRoot false;
// a caller that reached the owner with Direct set marks those whose
// Property is "" as AtRoot. The slice is shared: do not modify it.
func (c *Comparator) Changes(owner int) []Change {
	if owner < 0 || owner >= len(c.list) {
		return nil
	}
	return c.list[owner].changes
}

// OwnerLocation returns where an owner's changes are reported: its
// head-side schema, or for an inline schema compared with a referenced
// one, the schema that holds it.
func (c *Comparator) OwnerLocation(owner int) Location {
	if owner < 0 || owner >= len(c.list) {
		return Location{}
	}
	return c.list[owner].cx.owner
}

// Compare compares base with head in direction dir and returns every
// change reachable from them, each once, sorted by head location, with
// AtRoot set for this root.
func (c *Comparator) Compare(base, head Schema, dir Direction) ([]Change, error) {
	reached, err := c.Reach(base, head, dir)
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	var out []Change
	for _, r := range reached {
		for _, ch := range c.Changes(r.Owner) {
			ch.AtRoot = r.Direct && ch.Property == ""
			k := ch.Key()
			if i, ok := seen[k]; ok {
				out[i].AtRoot = out[i].AtRoot || ch.AtRoot
				continue
			}
			seen[k] = len(out)
			out = append(out, ch)
		}
	}
	slices.SortStableFunc(out, compareChanges)
	return out, nil
}

// side is one side of a compared pair: a schema node in a file.
type side struct {
	file *load.File
	ptr  string
	node *yaml.Node
	key  *yaml.Node // the node naming it, for positions (may be nil)
	// null is true when the reference that led here accepts null as well
	// ({$ref: X, nullable: true}), or the composition around a branch
	// does.
	null bool
	// ref locates the reference object s was resolved from (zero when
	// s was written in place).
	ref Location
}

func (s side) loc() Location {
	if s.file == nil {
		return Location{}
	}
	l := Location{File: s.file.Name, Pointer: s.ptr}
	n := s.key
	if n == nil {
		n = s.node
	}
	if n != nil {
		l.Line, l.Column = n.Line, n.Column
	}
	return l
}

// at locates keyword of s (the key node when present, else s itself).
func (s side) at(tokens ...string) Location {
	l := s.loc()
	if s.file == nil {
		return l
	}
	l.Pointer = load.Join(s.ptr, tokens...)
	n := s.node
	for _, t := range tokens {
		k, v := load.Get(n, t)
		if k == nil {
			if n == nil || n.Kind != yaml.SequenceNode {
				return l
			}
			var i int
			if _, err := fmt.Sscan(t, &i); err != nil || i < 0 || i >= len(n.Content) {
				return l
			}
			k, v = n.Content[i], load.Deref(n.Content[i])
		}
		l.Line, l.Column = k.Line, k.Column
		n = v
	}
	return l
}

// child returns the subschema of s at tokens (nil node when absent).
func (s side) child(tokens ...string) side {
	out := side{file: s.file, ptr: load.Join(s.ptr, tokens...)}
	n := s.node
	var key *yaml.Node
	for _, t := range tokens {
		key, n = load.Get(n, t)
	}
	out.node, out.key = n, key
	return out
}

// item returns element i of the sequence s.
func (s side) item(i int) side {
	n := load.Deref(s.node.Content[i])
	return side{file: s.file, ptr: load.Index(s.ptr, i), node: n, key: n}
}

func resolve(l *load.Loader, s side) (side, error) {
	if load.Ref(s.node) == "" {
		return s, nil
	}
	// Step by step, for the nullable siblings of every reference object
	// on the way ({$ref: C0} where C0 is {$ref: C1, nullable: true}).
	t := load.Target{File: s.file, Pointer: s.ptr, Node: s.node}
	null := s.null
	for range 64 {
		ref := load.Ref(t.Node)
		if ref == "" {
			return side{file: t.File, ptr: t.Pointer, node: t.Node, key: t.Key, null: null, ref: s.loc()}, nil
		}
		null = null || nullableFlag(t.Node)
		at, _ := load.Get(t.Node, "$ref")
		next, err := l.Resolve(t.File, at, ref)
		if err != nil {
			return side{}, err
		}
		t = next
	}
	_, err := l.Follow(s.file, s.ptr, s.node) // the loader's error for a chain too long
	return side{}, err
}

type unitKey struct {
	bFile, bPtr, hFile, hPtr string
	bNull, hNull             bool
	dir                      Direction
}

type unit struct {
	b, h    side
	dir     Direction
	cx      ctx // where its changes are reported
	done    bool
	changes []Change
	edges   []edge
}

type edge struct {
	to     int
	direct bool
}

func (c *Comparator) unitFor(b, h side, dir Direction, cx ctx) int {
	k := unitKey{b.file.Name, b.ptr, h.file.Name, h.ptr, b.null, h.null, dir}
	if id, ok := c.units[k]; ok {
		return id
	}
	id := len(c.list)
	c.units[k] = id
	c.list = append(c.list, &unit{b: b, h: h, dir: dir, cx: cx})
	return id
}

func (c *Comparator) compute(u *unit) error {
	if u.done {
		return nil
	}
	u.done = true
	w := &walker{c: c, u: u}
	if err := w.compare(u.b, u.h, u.cx, true); err != nil {
		return err
	}
	slices.SortStableFunc(u.changes, compareChanges)
	return nil
}
