package load

import (
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/internal/jsontree"
)

// parseJSON parses JSON into a yaml.v3 node tree with positions. It is much
// faster than the YAML parser on the large JSON descriptions (Stripe's is
// 4 MB), and JSON is YAML, so every consumer sees the same tree shape.
func parseJSON(data []byte) (*yaml.Node, error) {
	return jsontree.Build[*yaml.Node](data, &yamlBuilder{})
}

// yamlBuilder makes the nodes yaml.v3 makes of the same JSON. It cuts them
// from slabs: a document's nodes live and die together, and a 50 MB
// description has millions of them, so one allocation per slab instead of
// per node saves the allocator and the garbage collector most of their
// work.
type yamlBuilder struct {
	slab []yaml.Node
	next int // the size of the next slab
}

// maxSlab bounds a slab; slabs start small (a small file costs little)
// and double up to it.
const maxSlab = 4096

// node returns a zeroed node from the current slab.
func (b *yamlBuilder) node() *yaml.Node {
	if len(b.slab) == 0 {
		b.next = min(max(2*b.next, 16), maxSlab)
		b.slab = make([]yaml.Node, b.next)
	}
	n := &b.slab[0]
	b.slab = b.slab[1:]
	return n
}

var scalarTags = [...]string{jsontree.Null: "!!null", jsontree.Bool: "!!bool", jsontree.String: "!!str"}

func (b *yamlBuilder) Scalar(k jsontree.Kind, text string, at jsontree.Pos) *yaml.Node {
	n := b.node()
	n.Kind, n.Value, n.Line, n.Column = yaml.ScalarNode, text, at.Line, at.Column
	switch k {
	case jsontree.Number:
		n.Tag = "!!int"
		if strings.ContainsAny(text, ".eE") {
			n.Tag = "!!float"
		}
	case jsontree.String:
		n.Tag, n.Style = "!!str", yaml.DoubleQuotedStyle
	default:
		n.Tag = scalarTags[k]
	}
	return n
}

func (b *yamlBuilder) Array(at jsontree.Pos, elems []*yaml.Node) *yaml.Node {
	n := b.node()
	n.Kind, n.Tag, n.Line, n.Column, n.Style = yaml.SequenceNode, "!!seq", at.Line, at.Column, yaml.FlowStyle
	if len(elems) > 0 {
		n.Content = append(make([]*yaml.Node, 0, len(elems)), elems...)
	}
	return n
}

func (b *yamlBuilder) Object(at jsontree.Pos, keys []jsontree.Key, values []*yaml.Node) *yaml.Node {
	n := b.node()
	n.Kind, n.Tag, n.Line, n.Column, n.Style = yaml.MappingNode, "!!map", at.Line, at.Column, yaml.FlowStyle
	if len(keys) > 0 {
		n.Content = make([]*yaml.Node, 0, 2*len(keys))
		for i, k := range keys {
			kn := b.node()
			kn.Kind, kn.Tag, kn.Value, kn.Style, kn.Line, kn.Column = yaml.ScalarNode, "!!str", k.Name, yaml.DoubleQuotedStyle, k.Pos.Line, k.Pos.Column
			n.Content = append(n.Content, kn, values[i])
		}
	}
	return n
}
