package load

import (
	"strconv"
	"strings"

	"github.com/contractctl/contractctl/finding"
	yaml "go.yaml.in/yaml/v3"
)

// IgnoreKey is the extension that silences rules on an object and
// everything under it: x-contractctl-ignore: [rule-id, ...] (or a single
// rule ID, or "all").
const IgnoreKey = "x-contractctl-ignore"

// DropInlineIgnored removes the findings silenced by x-contractctl-ignore
// on the object they point at or on any object above it, in the file the
// finding names as read by l (lint: the linted file; diff: the head
// document). It reuses fs's backing array. Its time is linear in the
// findings and the size of the mappings on their pointers' way.
func DropInlineIgnored(l *Loader, fs []finding.Finding) []finding.Finding {
	ig := NewIgnores(l)
	out := fs[:0]
	for _, f := range fs {
		if !ig.Ignored(f.File, f.Pointer, f.Rule) {
			out = append(out, f)
		}
	}
	return out
}

// Ignores answers inline-ignore questions about the files of a loader. It
// indexes each mapping it walks through once, so that a question costs the
// depth of its pointer, not the width of the mappings on the way (a paths
// object with 80,000 keys, asked about for each of 400,000 findings). It
// is not safe for concurrent use.
type Ignores struct {
	l     *Loader
	files map[string]*yaml.Node // nil root: the file has no ignore at all
	keys  map[*yaml.Node]map[string]*yaml.Node
}

// NewIgnores answers about the files l loads.
func NewIgnores(l *Loader) *Ignores {
	return &Ignores{l: l, files: map[string]*yaml.Node{}, keys: map[*yaml.Node]map[string]*yaml.Node{}}
}

// Ignored reports whether rule is silenced at pointer of file: the
// document root or an object on the way down to pointer lists it under
// IgnoreKey. A pointer that leaves the document part-way (a removal
// reported at a place the file no longer has) is judged by the objects
// that still exist above it.
func (ig *Ignores) Ignored(file, pointer, rule string) bool {
	if ig.l == nil || pointer == "" || !strings.HasPrefix(pointer, "/") {
		return false
	}
	n := ig.root(file)
	if n == nil {
		return false
	}
	if ignores(ig.value(n, IgnoreKey), rule) {
		return true
	}
	for _, tok := range Split(pointer) {
		switch n.Kind {
		case yaml.MappingNode:
			n = ig.value(n, tok)
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) {
				return false
			}
			n = Deref(n.Content[i])
		default:
			return false
		}
		if n == nil {
			return false
		}
		if ignores(ig.value(n, IgnoreKey), rule) {
			return true
		}
	}
	return false
}

// root is file's root node, or nil when it cannot be loaded or has no
// IgnoreKey anywhere (most files: nothing to index).
func (ig *Ignores) root(file string) *yaml.Node {
	if n, ok := ig.files[file]; ok {
		return n
	}
	var n *yaml.Node
	if f, err := ig.l.Load(file); err == nil && f.Root != nil && hasIgnoreKey(f.Root) {
		n = Deref(f.Root)
	}
	ig.files[file] = n
	return n
}

// hasIgnoreKey reports whether any mapping under n has an IgnoreKey key,
// visiting each node once (aliases are not followed: their anchors are
// visited where they are written).
func hasIgnoreKey(n *yaml.Node) bool {
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n, stack = stack[len(stack)-1], stack[:len(stack)-1]
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == IgnoreKey {
					return true
				}
			}
		}
		stack = append(stack, n.Content...)
	}
	return false
}

// value is the value of key in mapping m (the first, as Get), through an
// index built on m's first visit; nil when absent or m is no mapping.
func (ig *Ignores) value(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	idx, ok := ig.keys[m]
	if !ok {
		idx = make(map[string]*yaml.Node, len(m.Content)/2)
		for i := 0; i+1 < len(m.Content); i += 2 {
			if _, dup := idx[m.Content[i].Value]; !dup {
				idx[m.Content[i].Value] = Deref(m.Content[i+1])
			}
		}
		ig.keys[m] = idx
	}
	return idx[key]
}

func ignores(v *yaml.Node, rule string) bool {
	if v == nil {
		return false
	}
	if v.Kind == yaml.ScalarNode {
		return v.Value == rule || v.Value == "all"
	}
	for _, e := range v.Content {
		if e.Value == rule || e.Value == "all" {
			return true
		}
	}
	return false
}
