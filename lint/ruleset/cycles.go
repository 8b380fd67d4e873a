package ruleset

import (
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/internal/load"
)

// refCycles decides which local $refs of a document stay unresolved in
// the resolved view, as Spectral's resolver decides: a reference to one of
// its own ancestors, and a reference whose target reaches, through the
// references written inside it (transitively), an object that contains
// the reference. Everything else is inlined, so the resolved view is
// finite and matches what Spectral's rules see.
type refCycles struct {
	// targets are the local pointers references name.
	targets map[string]bool
	// ids number the pointers deps mentions; deps are, for each, the
	// targets referenced from below it (the objects between a reference
	// and its common prefix with the target, as stems).
	ids  map[string]int32
	deps [][]int32
	// reach caches, per target id, the set of ids its references lead to
	// (transitively), as a bitset.
	reach map[int32][]uint64
}

func (c *refCycles) id(p string) int32 {
	if i, ok := c.ids[p]; ok {
		return i
	}
	i := int32(len(c.deps))
	c.ids[p] = i
	c.deps = append(c.deps, nil)
	return i
}

func newRefCycles(root *yaml.Node) *refCycles {
	c := &refCycles{ids: map[string]int32{}, reach: map[int32][]uint64{}, targets: map[string]bool{}}
	var walk func(n *yaml.Node, path []string)
	walk = func(n *yaml.Node, path []string) {
		n = load.Deref(n)
		if n == nil {
			return
		}
		if ref := load.Ref(n); ref != "" && strings.HasPrefix(ref, "#") {
			c.targets[ref[1:]] = true
			c.add(path, ref[1:])
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], append(path, n.Content[i].Value))
			}
		case yaml.SequenceNode:
			for i, e := range n.Content {
				walk(e, append(path, strconv.Itoa(i)))
			}
		}
	}
	walk(root, nil)
	return c
}

// pointerEnds returns the pointer of path and where each of its
// prefixes ends in it.
func pointerEnds(path []string) (string, []int) {
	var b strings.Builder
	ends := make([]int, len(path))
	for i, t := range path {
		b.WriteByte('/')
		b.WriteString(load.Escape(t))
		ends[i] = b.Len()
	}
	return b.String(), ends
}

// add records a reference written at path to target.
func (c *refCycles) add(path []string, target string) {
	tpath := load.Split(target)
	if isPrefix(tpath, path) && len(tpath) > 0 {
		return // a reference to an ancestor is never resolved
	}
	common := 0
	for common < len(path) && common < len(tpath) && path[common] == tpath[common] {
		common++
	}
	// The objects between the common prefix and the reference, as
	// prefixes of the reference's own pointer.
	full, ends := pointerEnds(path)
	t := c.id(target)
	for i := common + 1; i < len(path); i++ {
		if dep := full[:ends[i-1]]; dep != target {
			d := c.id(dep)
			c.deps[d] = append(c.deps[d], t)
		}
	}
}

func isPrefix(prefix, path []string) bool {
	if len(prefix) > len(path) {
		return false
	}
	for i := range prefix {
		if prefix[i] != path[i] {
			return false
		}
	}
	return true
}

// reachable is every pointer target's references lead to, transitively.
func (c *refCycles) reachable(target int32) []uint64 {
	if r, ok := c.reach[target]; ok {
		return r
	}
	r := make([]uint64, (len(c.deps)+63)/64)
	stack := []int32{target}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, d := range c.deps[p] {
			if r[d/64]&(1<<(d%64)) == 0 {
				r[d/64] |= 1 << (d % 64)
				stack = append(stack, d)
			}
		}
	}
	c.reach[target] = r
	return r
}

// closes reports whether the reference at path to target stays a $ref.
func (c *refCycles) closes(path []string, target string) bool {
	tpath := load.Split(target)
	if len(tpath) > 0 && isPrefix(tpath, path) {
		return true
	}
	t, ok := c.ids[target]
	if !ok {
		return false
	}
	r := c.reachable(t)
	in := func(p string) bool {
		i, ok := c.ids[p]
		return ok && r[i/64]&(1<<(i%64)) != 0
	}
	if in("/") || in("") {
		return true
	}
	full, ends := pointerEnds(path)
	for _, e := range ends {
		if in(full[:e]) {
			return true
		}
	}
	return false
}

// targetNodes returns the nodes the document's local references name.
func (c *refCycles) targetNodes(root *yaml.Node) map[*yaml.Node]bool {
	out := make(map[*yaml.Node]bool, len(c.targets))
	for t := range c.targets {
		if _, n := load.Lookup(root, t); n != nil {
			out[n] = true
		}
	}
	return out
}
