package load

import (
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Escape escapes one JSON pointer reference token (RFC 6901).
func Escape(token string) string {
	if !strings.ContainsAny(token, "~/") {
		return token
	}
	return strings.ReplaceAll(strings.ReplaceAll(token, "~", "~0"), "/", "~1")
}

// Unescape reverses Escape.
func Unescape(token string) string {
	if !strings.Contains(token, "~") {
		return token
	}
	return strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
}

// Join appends tokens to a pointer, escaping each.
func Join(pointer string, tokens ...string) string {
	var b strings.Builder
	b.WriteString(pointer)
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(Escape(t))
	}
	return b.String()
}

// Index appends an array index to a pointer.
func Index(pointer string, i int) string { return pointer + "/" + strconv.Itoa(i) }

// Split returns a pointer's unescaped tokens.
func Split(pointer string) []string {
	if pointer == "" || pointer == "/" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	for i, p := range parts {
		parts[i] = Unescape(p)
	}
	return parts
}

// Deref follows YAML aliases.
func Deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// Get returns the key and value nodes of key in mapping m, or nils.
func Get(m *yaml.Node, key string) (k, v *yaml.Node) {
	m = Deref(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], Deref(m.Content[i+1])
		}
	}
	return nil, nil
}

// Value returns the value node of key in mapping m, or nil.
func Value(m *yaml.Node, key string) *yaml.Node {
	_, v := Get(m, key)
	return v
}

// Lookup follows a JSON pointer from root; it returns the node the pointer
// names and the key node that names it (the value itself for array items
// and the root), or nils when the pointer does not resolve.
func Lookup(root *yaml.Node, pointer string) (key, value *yaml.Node) {
	n := Deref(root)
	key = n
	for _, tok := range Split(pointer) {
		switch {
		case n == nil:
			return nil, nil
		case n.Kind == yaml.MappingNode:
			k, v := Get(n, tok)
			if k == nil {
				return nil, nil
			}
			key, n = k, v
		case n.Kind == yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil, nil
			}
			n = Deref(n.Content[i])
			key = n
		default:
			return nil, nil
		}
	}
	return key, n
}
