package ruleset

import (
	"strconv"
	"strings"

	pyaml "github.com/pb33f/go-yaml"
	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/internal/load"
)

// A view is one document prepared for the JSONPath library: its nodes
// copied into the library's node type (the project parses into yaml.v3
// nodes; the library walks its own yaml fork), with $refs replaced by their
// targets when the view is resolved, and every copied node traced back to
// the file, key and JSON pointer where it is written. A referenced object
// is copied once and shared by every place that references it, so the
// resolved view is a DAG no larger than the files it reads; a reference
// back into an object still being copied (a cycle) stays a $ref object.
type view struct {
	root   *pyaml.Node
	origin map[*pyaml.Node]int32
	locs   []loc
}

// loc is where a view node is written: the file, the node naming it (the
// mapping key, or the node itself for array items and roots), and its
// parent's loc with the token leading from it; a root (a document or a
// $ref target) has parent -1 and its pointer as the token.
type loc struct {
	file   *load.File
	key    *yaml.Node
	parent int32
	token  string
}

type viewBuilder struct {
	loader  *load.Loader
	resolve bool
	v       *view
	memo    map[*yaml.Node]*pyaml.Node
	active  map[*yaml.Node]bool
}

// newView copies f's tree; with resolve, $refs are followed through l.
func newView(f *load.File, l *load.Loader, resolve bool) *view {
	b := &viewBuilder{
		loader:  l,
		resolve: resolve,
		v:       &view{origin: make(map[*pyaml.Node]int32, 1024)},
		memo:    map[*yaml.Node]*pyaml.Node{},
		active:  map[*yaml.Node]bool{},
	}
	if f.Root != nil {
		b.v.root = b.copy(f, load.Deref(f.Root), f.Root, -1, "")
	}
	return b.v
}

func (b *viewBuilder) copy(f *load.File, n, key *yaml.Node, parent int32, token string) *pyaml.Node {
	if n.Kind != yaml.ScalarNode {
		if c, ok := b.memo[n]; ok {
			return c
		}
	}
	if b.resolve && n.Kind == yaml.MappingNode && !b.active[n] {
		if ref := load.Ref(n); ref != "" {
			at, _ := load.Get(n, "$ref")
			t, err := b.loader.Resolve(f, at, ref)
			if err == nil && t.Node != nil && !b.active[load.Deref(t.Node)] {
				b.active[n] = true
				key := t.Key
				if key == nil {
					key = t.Node
				}
				c := b.copy(t.File, load.Deref(t.Node), key, -1, t.Pointer)
				delete(b.active, n)
				b.memo[n] = c
				return c
			}
			// Unresolvable or circular: the reference object stays.
		}
	}
	out := &pyaml.Node{Kind: pyaml.Kind(n.Kind), Style: pyaml.Style(n.Style), Tag: n.Tag, Value: n.Value, Line: n.Line, Column: n.Column}
	id := int32(len(b.v.locs))
	b.v.locs = append(b.v.locs, loc{file: f, key: key, parent: parent, token: token})
	b.v.origin[out] = id
	if n.Kind == yaml.ScalarNode {
		return out
	}
	b.memo[n] = out
	b.active[n] = true
	out.Content = make([]*pyaml.Node, len(n.Content))
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			kc := &pyaml.Node{Kind: pyaml.ScalarNode, Tag: k.Tag, Value: k.Value, Style: pyaml.Style(k.Style), Line: k.Line, Column: k.Column}
			// A key stands for its property (the ~ selector and @key).
			b.v.origin[kc] = int32(len(b.v.locs))
			b.v.locs = append(b.v.locs, loc{file: f, key: k, parent: id, token: k.Value})
			out.Content[i] = kc
			out.Content[i+1] = b.copy(f, load.Deref(n.Content[i+1]), k, id, k.Value)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			c = load.Deref(c)
			out.Content[i] = b.copy(f, c, c, id, strconv.Itoa(i))
		}
	}
	delete(b.active, n)
	return out
}

// where returns the file, pointer and naming node of a view node.
func (v *view) where(n *pyaml.Node) (loc, string, bool) {
	id, ok := v.origin[n]
	if !ok {
		return loc{}, "", false
	}
	l := v.locs[id]
	var toks []string
	for i := id; ; {
		x := v.locs[i]
		if x.parent < 0 {
			var b strings.Builder
			b.WriteString(x.token)
			for j := len(toks) - 1; j >= 0; j-- {
				b.WriteByte('/')
				b.WriteString(load.Escape(toks[j]))
			}
			return l, b.String(), true
		}
		toks = append(toks, x.token)
		i = x.parent
	}
}
