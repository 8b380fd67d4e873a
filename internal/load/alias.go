package load

import (
	"fmt"

	yaml "go.yaml.in/yaml/v3"
)

// maxAliasExpansion bounds how many nodes a YAML document's aliases may add
// when expanded, beyond a generous multiple of the nodes actually written:
// every consumer walks the expanded tree, so an alias bomb (a few lines of
// nested anchors that expand to billions of nodes) would otherwise hang
// lint and diff.
const maxAliasExpansion = 1_000_000

// checkAliases refuses a document whose aliases refer to an enclosing node
// (a cycle no walker could finish) or expand it beyond maxAliasExpansion
// plus ten times its written size. The error names the alias.
func checkAliases(name string, root *yaml.Node) error {
	c := aliasCheck{size: map[*yaml.Node]int{}, open: map[*yaml.Node]bool{}}
	written := c.written(root)
	c.limit = maxAliasExpansion + 10*written
	if _, err := c.expanded(root); err != nil {
		err.File = name
		return err
	}
	return nil
}

type aliasCheck struct {
	size  map[*yaml.Node]int
	open  map[*yaml.Node]bool
	limit int
}

// written counts nodes without following aliases.
func (c *aliasCheck) written(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	s := 1
	for _, k := range n.Content {
		s += c.written(k)
	}
	return s
}

// expanded counts nodes with aliases followed, memoised per node and
// saturating at the limit.
func (c *aliasCheck) expanded(n *yaml.Node) (int, *Error) {
	if n == nil {
		return 0, nil
	}
	if s, ok := c.size[n]; ok {
		return s, nil
	}
	if c.open[n] {
		return 0, nil // reported at the alias below
	}
	c.open[n] = true
	defer delete(c.open, n)
	s := 1
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		if c.open[n.Alias] {
			return 0, &Error{Line: n.Line, Column: n.Column, Msg: fmt.Sprintf("invalid YAML: alias *%s refers to a node that contains it", n.Value)}
		}
		t, err := c.expanded(n.Alias)
		if err != nil {
			return 0, err
		}
		s += t
		if s > c.limit {
			return 0, &Error{Line: n.Line, Column: n.Column, Msg: fmt.Sprintf("invalid YAML: alias *%s expands the document beyond %d nodes (an alias bomb?); write the content out or use a $ref", n.Value, c.limit)}
		}
	}
	for _, k := range n.Content {
		t, err := c.expanded(k)
		if err != nil {
			return 0, err
		}
		s += t
		if s > c.limit {
			if k.Kind != yaml.AliasNode {
				return 0, &Error{Line: k.Line, Column: k.Column, Msg: fmt.Sprintf("invalid YAML: aliases expand the document beyond %d nodes (an alias bomb?); write the content out or use a $ref", c.limit)}
			}
			return 0, &Error{Line: k.Line, Column: k.Column, Msg: fmt.Sprintf("invalid YAML: alias *%s expands the document beyond %d nodes (an alias bomb?); write the content out or use a $ref", k.Value, c.limit)}
		}
	}
	c.size[n] = s
	return s, nil
}
