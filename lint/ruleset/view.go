package ruleset

import (
	"strconv"
	"strings"

	pyaml "github.com/pb33f/go-yaml"
	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/internal/load"
)

// views are one document prepared for the JSONPath library: its nodes
// copied into the library's node type (the project parses into yaml.v3
// nodes; the library walks its own yaml fork), once as written
// (unresolved) and once with $refs replaced by their targets (resolved),
// every copied node traced back to the file, key and JSON pointer where it
// is written.
//
// The resolved view shares every subtree that holds no $ref with the
// unresolved one, and a referenced object is copied once and shared by
// every place that references it, so both views together cost little more
// than one copy. References that close a cycle stay $ref objects (see
// refCycles), as in Spectral.
//
// A copied node's Line holds the index of its loc (the library never reads
// positions; findings take theirs from the source node), and nodes and
// their Content slices are cut from large slabs.
type views struct {
	file       *load.File
	loader     *load.Loader
	unresolved *pyaml.Node
	resolved   *pyaml.Node
	built      [2]bool
	// all lists each view's distinct containers (see descent).
	all [2]*pyaml.Node

	locs  []loc
	nodes []pyaml.Node
	kids  []*pyaml.Node
	// plain maps a source container holding no $ref to its copy, which
	// both views share.
	plain map[*yaml.Node]*pyaml.Node
}

// loc is where a view node is written: the file, the node naming it (the
// mapping key, or the node itself for array items and roots), and its
// parent's loc with the token leading from it; a root (a document or a
// $ref target) has parent -1 and its pointer as the token.
//
// A key node has no loc of its own: it stands for its property, and its
// Line is the loc of the property's value, where findings about the key
// are reported (Spectral locates a key by the path to its value, which
// follows a $ref).
type loc struct {
	file   *load.File
	key    *yaml.Node
	parent int32
	token  string
}

func newViews(f *load.File, l *load.Loader) *views {
	return &views{file: f, loader: l, locs: make([]loc, 0, len(f.Data)/40+16), plain: map[*yaml.Node]*pyaml.Node{}}
}

// root returns the root of the resolved or unresolved view, building it on
// first use (the resolved view reuses the unresolved one's plain subtrees).
func (vs *views) root(resolved bool) *pyaml.Node {
	if vs.file.Root == nil {
		return nil
	}
	if !vs.built[0] {
		b := &builder{vs: vs}
		vs.unresolved, _ = b.copy(vs.file, load.Deref(vs.file.Root), vs.file.Root, -1, "", nil)
		vs.built[0] = true
	}
	if !resolved {
		return vs.unresolved
	}
	if !vs.built[1] {
		b := &builder{vs: vs, resolve: true, memo: map[*yaml.Node]*pyaml.Node{}, active: map[*yaml.Node]bool{}, cycles: newRefCycles(vs.file.Root)}
		b.targets = b.cycles.targetNodes(vs.file.Root)
		vs.resolved, _ = b.copy(vs.file, load.Deref(vs.file.Root), vs.file.Root, -1, "", nil)
		vs.built[1] = true
	}
	return vs.resolved
}

// slab is how many nodes a view allocates at once: about a file's worth
// for small files, 4096 for large ones.
func (vs *views) slab() int { return min(max(len(vs.file.Data)/16, 64), 4096) }

type builder struct {
	vs      *views
	resolve bool
	memo    map[*yaml.Node]*pyaml.Node
	active  map[*yaml.Node]bool
	cycles  *refCycles
	// targets are the objects local $refs name: the only ones copied once
	// for several places (everything else is reached once).
	targets map[*yaml.Node]bool
}

// node returns a fresh node from the slab with a new loc.
func (b *builder) node(n *yaml.Node, l loc) *pyaml.Node {
	out := b.slabNode(n, len(b.vs.locs))
	b.vs.locs = append(b.vs.locs, l)
	return out
}

// slabNode returns a fresh copy of n from the slab whose Line is id.
func (b *builder) slabNode(n *yaml.Node, id int) *pyaml.Node {
	vs := b.vs
	if len(vs.nodes) == 0 {
		vs.nodes = make([]pyaml.Node, vs.slab())
	}
	out := &vs.nodes[0]
	vs.nodes = vs.nodes[1:]
	// The slab is zeroed: set only what is not.
	out.Kind, out.Style, out.Tag, out.Value, out.Line = pyaml.Kind(n.Kind), pyaml.Style(n.Style), n.Tag, n.Value, id
	return out
}

// content returns a Content slice of length n from the slab.
func (b *builder) content(n int) []*pyaml.Node {
	vs := b.vs
	if n > vs.slab()/4 {
		return make([]*pyaml.Node, n)
	}
	if len(vs.kids) < n {
		vs.kids = make([]*pyaml.Node, vs.slab())
	}
	out := vs.kids[:n:n]
	vs.kids = vs.kids[n:]
	return out
}

// copy copies n, written in f at the pointer whose tokens are path, and
// reports whether its subtree holds a $ref.
func (b *builder) copy(f *load.File, n, key *yaml.Node, parent int32, token string, path []string) (*pyaml.Node, bool) {
	if n.Kind != yaml.ScalarNode {
		if c, ok := b.memo[n]; ok {
			return c, true
		}
		if c, ok := b.vs.plain[n]; ok && b.resolve {
			return c, false
		}
	}
	ref := ""
	if n.Kind == yaml.MappingNode {
		ref = load.Ref(n)
	}
	if ref != "" && b.resolve && !b.active[n] && !(f == b.vs.file && strings.HasPrefix(ref, "#") && b.cycles.closes(path, ref[1:])) {
		at, _ := load.Get(n, "$ref")
		t, err := b.vs.loader.Resolve(f, at, ref)
		if err == nil && t.Node != nil && !b.active[load.Deref(t.Node)] {
			b.active[n] = true
			key := t.Key
			if key == nil {
				key = t.Node
			}
			c, _ := b.copy(t.File, load.Deref(t.Node), key, -1, t.Pointer, load.Split(t.Pointer))
			delete(b.active, n)
			b.memo[n] = c
			return c, true
		}
		if err != nil && strings.HasPrefix(ref, "#") {
			// A local reference to nothing stays, located (as Spectral
			// locates it) at the closest object its pointer names.
			key, parent, token = closest(f.Root, ref[1:])
		}
		// Unresolvable or circular: the reference object stays.
	}
	out := b.node(n, loc{file: f, key: key, parent: parent, token: token})
	if n.Kind == yaml.ScalarNode {
		return out, false
	}
	id := int32(out.Line)
	if b.targets[n] || f != b.vs.file {
		b.memo[n] = out
	}
	if b.active != nil {
		b.active[n] = true
		defer delete(b.active, n)
	}
	out.Content = b.content(len(n.Content))
	hasRef := ref != ""
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			// A key stands for its property (the ~ selector and @key).
			c, r := b.copy(f, load.Deref(n.Content[i+1]), k, id, k.Value, append(path, k.Value))
			out.Content[i], out.Content[i+1], hasRef = b.slabNode(k, c.Line), c, hasRef || r
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			c = load.Deref(c)
			tok := strconv.Itoa(i)
			cc, r := b.copy(f, c, c, id, tok, append(path, tok))
			out.Content[i], hasRef = cc, hasRef || r
		}
	}
	if !hasRef && !b.resolve {
		b.vs.plain[n] = out
	}
	return out, hasRef
}

// containers returns a sequence node holding every distinct mapping and
// sequence of a view once (the root first): `$..x` over a view is `$[*].x`
// over this list, without walking the resolved view's shared objects once
// per path that reaches them (see descent).
func (vs *views) containers(resolved bool) *pyaml.Node {
	i := 0
	if resolved {
		i = 1
	}
	if vs.all[i] != nil {
		return vs.all[i]
	}
	seen := make([]bool, len(vs.locs))
	list := &pyaml.Node{Kind: pyaml.SequenceNode, Line: -1}
	var walk func(n *pyaml.Node)
	walk = func(n *pyaml.Node) {
		if n.Kind != pyaml.MappingNode && n.Kind != pyaml.SequenceNode || seen[n.Line] {
			return
		}
		seen[n.Line] = true
		list.Content = append(list.Content, n)
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(vs.root(resolved))
	vs.all[i] = list
	return list
}

// closest returns the naming node and pointer of the deepest object that
// pointer's prefixes name in root, as a root loc's key, parent and token.
func closest(root *yaml.Node, pointer string) (*yaml.Node, int32, string) {
	key, at := root, ""
	toks := load.Split(pointer)
	for i := range toks {
		p := "/" + strings.Join(escapeAll(toks[:i+1]), "/")
		k, v := load.Lookup(root, p)
		if v == nil {
			break
		}
		key, at = k, p
	}
	return key, -1, at
}

func escapeAll(toks []string) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = load.Escape(t)
	}
	return out
}

// where returns the loc, pointer and naming node of a view node.
func (vs *views) where(n *pyaml.Node) (loc, string, bool) {
	if n == nil || n.Line < 0 || n.Line >= len(vs.locs) {
		return loc{}, "", false
	}
	id := int32(n.Line)
	l := vs.locs[id]
	var toks []string
	for i := id; ; {
		x := vs.locs[i]
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
