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
	return jsontree.Build[*yaml.Node](data, yamlBuilder{})
}

// yamlBuilder makes the nodes yaml.v3 makes of the same JSON.
type yamlBuilder struct{}

var scalarTags = [...]string{jsontree.Null: "!!null", jsontree.Bool: "!!bool", jsontree.String: "!!str"}

func (yamlBuilder) Scalar(k jsontree.Kind, text string, at jsontree.Pos) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: text, Line: at.Line, Column: at.Column}
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

func (yamlBuilder) Array(at jsontree.Pos, elems []*yaml.Node) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: at.Line, Column: at.Column, Style: yaml.FlowStyle}
	if len(elems) > 0 {
		n.Content = append(make([]*yaml.Node, 0, len(elems)), elems...)
	}
	return n
}

func (yamlBuilder) Object(at jsontree.Pos, keys []jsontree.Key, values []*yaml.Node) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: at.Line, Column: at.Column, Style: yaml.FlowStyle}
	if len(keys) > 0 {
		n.Content = make([]*yaml.Node, 0, 2*len(keys))
		for i, k := range keys {
			n.Content = append(n.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k.Name, Style: yaml.DoubleQuotedStyle, Line: k.Pos.Line, Column: k.Pos.Column},
				values[i])
		}
	}
	return n
}
