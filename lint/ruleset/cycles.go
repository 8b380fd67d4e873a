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
	// deps are, for each pointer, the targets referenced from below it
	// (the objects between a reference and its common prefix with the
	// target, as stems).
	deps  map[string][]string
	reach map[string]map[string]bool
}

func newRefCycles(root *yaml.Node) *refCycles {
	c := &refCycles{deps: map[string][]string{}, reach: map[string]map[string]bool{}, targets: map[string]bool{}}
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
	for i := common + 1; i < len(path); i++ {
		if dep := full[:ends[i-1]]; dep != target {
			c.deps[dep] = append(c.deps[dep], target)
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
func (c *refCycles) reachable(target string) map[string]bool {
	if r, ok := c.reach[target]; ok {
		return r
	}
	r := map[string]bool{}
	stack := []string{target}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, d := range c.deps[p] {
			if !r[d] {
				r[d] = true
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
	r := c.reachable(target)
	if len(r) == 0 {
		return false
	}
	if r["/"] || r[""] {
		return true
	}
	full, ends := pointerEnds(path)
	for _, e := range ends {
		if r[full[:e]] {
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
