package jsontree

import "encoding/json"

// Node is one value of a parsed document.
type Node struct {
	Kind Kind
	Pos  Pos
	// Text is a string's value, a number's literal as written, or "true",
	// "false", "null".
	Text string
	// Elems are an array's elements.
	Elems []*Node
	// Members are an object's members in source order, duplicates kept.
	Members []Member
}

// Member is one key: value pair of an object.
type Member struct {
	Key
	Value *Node
}

// Parse parses data, one JSON value with optional surrounding whitespace,
// into a Node tree.
func Parse(data []byte) (*Node, error) {
	return Build[*Node](data, treeBuilder{})
}

// Get returns the value of key in an object, or nil; with duplicate keys
// the last one wins, as in encoding/json.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	for i := len(n.Members) - 1; i >= 0; i-- {
		if n.Members[i].Name == key {
			return n.Members[i].Value
		}
	}
	return nil
}

// Value is n as a plain Go value, as encoding/json decodes into an `any`
// with UseNumber: nil, bool, json.Number, string, []any, map[string]any.
func (n *Node) Value() any {
	switch n.Kind {
	case Bool:
		return n.Text == "true"
	case Number:
		return json.Number(n.Text)
	case String:
		return n.Text
	case Array:
		out := make([]any, len(n.Elems))
		for i, e := range n.Elems {
			out[i] = e.Value()
		}
		return out
	case Object:
		out := make(map[string]any, len(n.Members))
		for _, m := range n.Members {
			out[m.Name] = m.Value.Value()
		}
		return out
	}
	return nil
}

type treeBuilder struct{}

func (treeBuilder) Scalar(k Kind, text string, at Pos) *Node {
	return &Node{Kind: k, Pos: at, Text: text}
}

func (treeBuilder) Array(at Pos, elems []*Node) *Node {
	n := &Node{Kind: Array, Pos: at}
	if len(elems) > 0 {
		n.Elems = append(make([]*Node, 0, len(elems)), elems...)
	}
	return n
}

func (treeBuilder) Object(at Pos, keys []Key, values []*Node) *Node {
	n := &Node{Kind: Object, Pos: at}
	if len(keys) > 0 {
		n.Members = make([]Member, len(keys))
		for i, k := range keys {
			n.Members[i] = Member{Key: k, Value: values[i]}
		}
	}
	return n
}
