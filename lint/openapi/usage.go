package openapi

import (
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// usage records which operations reach each object, so that a finding in
// a shared component — reported once, where it is written — can list the
// operations it affects. The walk keeps a stack of the objects it is
// inside (operations, parameters, responses, media types, headers,
// schemas); entering an object, even one already visited, records an edge
// from the object on top of the stack.
type usage struct {
	stack   []*yaml.Node
	parents map[*yaml.Node][]*yaml.Node
	ops     map[*yaml.Node]string // operation nodes and their names
	memo    map[*yaml.Node][]string
}

func newUsage() *usage {
	return &usage{parents: map[*yaml.Node][]*yaml.Node{}, ops: map[*yaml.Node]string{}, memo: map[*yaml.Node][]string{}}
}

// link records that the object on top of the stack contains or refers to n.
func (u *usage) link(n *yaml.Node) {
	if n == nil || len(u.stack) == 0 {
		return
	}
	top := u.stack[len(u.stack)-1]
	if top == n {
		return
	}
	ps := u.parents[n]
	if len(ps) > 0 && ps[len(ps)-1] == top {
		return
	}
	u.parents[n] = append(ps, top)
}

func (u *usage) push(n *yaml.Node) { u.stack = append(u.stack, n) }
func (u *usage) pop()              { u.stack = u.stack[:len(u.stack)-1] }

// current is the innermost object being visited (nil outside any).
func (u *usage) current() *yaml.Node {
	if len(u.stack) == 0 {
		return nil
	}
	return u.stack[len(u.stack)-1]
}

// maxListed bounds the operations a finding lists: a component that most
// of the API reaches (an error schema) is better described by its own
// location than by a list of hundreds of operations.
const maxListed = 10

// usedBy lists, sorted, the operations that reach n; nil when more than
// maxListed do.
func (u *usage) usedBy(n *yaml.Node) []string {
	if ops, ok := u.memo[n]; ok {
		return ops
	}
	seen := map[*yaml.Node]bool{n: true}
	queue := []*yaml.Node{n}
	var ops []string
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		if name, ok := u.ops[x]; ok {
			if !slices.Contains(ops, name) {
				ops = append(ops, name)
			}
			if len(ops) > maxListed {
				u.memo[n] = nil
				return nil
			}
			continue
		}
		for _, p := range u.parents[x] {
			if !seen[p] {
				seen[p] = true
				queue = append(queue, p)
			}
		}
	}
	slices.Sort(ops)
	u.memo[n] = ops
	return ops
}

// shared reports whether a finding's location is a reusable component
// (or another file), as opposed to an operation's own inline content.
func shared(doc *Document, file, pointer string) bool {
	if doc.File == nil || file != doc.File.Name {
		return true
	}
	return !strings.HasPrefix(pointer, "/paths/") && !strings.HasPrefix(pointer, "/webhooks/")
}
