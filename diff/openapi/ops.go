package openapi

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/internal/load"
	yaml "go.yaml.in/yaml/v3"
)

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace", "query"}

// node is a located YAML node: its file, pointer, value and the key that
// names it (for positions).
type node struct {
	file *load.File
	ptr  string
	val  *yaml.Node
	key  *yaml.Node
}

func (n node) ok() bool { return n.val != nil }

func (n node) get(tokens ...string) node {
	out := node{file: n.file, ptr: load.Join(n.ptr, tokens...)}
	v := n.val
	var k *yaml.Node
	for _, t := range tokens {
		k, v = load.Get(v, t)
	}
	out.val, out.key = v, k
	return out
}

func (n node) index(i int) node {
	v := load.Deref(n.val.Content[i])
	return node{file: n.file, ptr: load.Index(n.ptr, i), val: v, key: v}
}

func (n node) str(key string) string {
	v := load.Value(n.val, key)
	if v == nil || v.Kind != yaml.ScalarNode {
		return ""
	}
	return v.Value
}

func (n node) flag(key string) bool {
	v := load.Value(n.val, key)
	return v != nil && v.Kind == yaml.ScalarNode && v.Value == "true"
}

// keys returns the mapping's keys in document order.
func (n node) keys() []string {
	if n.val == nil || n.val.Kind != yaml.MappingNode {
		return nil
	}
	out := make([]string, 0, len(n.val.Content)/2)
	for i := 0; i+1 < len(n.val.Content); i += 2 {
		out = append(out, n.val.Content[i].Value)
	}
	return out
}

func (n node) seqLen() int {
	if n.val == nil || n.val.Kind != yaml.SequenceNode {
		return 0
	}
	return len(n.val.Content)
}

// follow resolves a reference object through the loader; a broken $ref is
// an error at its position.
func (d *differ) follow(l *load.Loader, n node) (node, error) {
	if !n.ok() || load.Ref(n.val) == "" {
		return n, nil
	}
	t, err := l.Follow(n.file, n.ptr, n.val)
	if err != nil {
		return node{}, err
	}
	return node{file: t.File, ptr: t.Pointer, val: t.Node, key: t.Key}, nil
}

// operation is one operation of a document: under paths, a webhook, or a
// callback of another operation.
type operation struct {
	key    string // match key: method and path with parameter names erased
	label  string // "POST /v1/payments" as written
	path   string // the path (or webhook name, or callback expression)
	method string
	op     node
	params []param // effective: path-level merged with operation-level
	// reversed is true for webhooks and callbacks: the API sends the
	// request and the client answers, so request and response swap roles.
	reversed bool
	webhook  string // the webhook's name, for webhook-removed
	callback string // the parent operation and callback name
}

type param struct {
	in, name string
	n        node // resolved parameter object
	at       node // where it is written (the $ref for a referenced one)
	// slot is the position of a path parameter in the path template:
	// renaming {id} to {order_id} does not change the URL clients send.
	slot int
}

func (p param) key() string {
	if p.in == "path" && p.slot > 0 {
		return fmt.Sprintf("path #%d", p.slot)
	}
	if p.in == "header" {
		return p.in + " " + strings.ToLower(p.name)
	}
	return p.in + " " + p.name
}

var pathParam = regexp.MustCompile(`\{[^}]*\}`)

// operations lists a document's operations: paths, webhooks (3.1) and the
// callbacks of both.
func (d *differ) operations(l *load.Loader, f *load.File) (map[string]*operation, error) {
	root := node{file: f, ptr: "", val: f.Root, key: f.Root}
	out := map[string]*operation{}
	paths := root.get("paths")
	prefix := serverPath(root, "")
	if bp := root.str("basePath"); bp != "" && !root.get("openapi").ok() {
		prefix = strings.TrimSuffix(bp, "/")
	}
	for _, p := range paths.keys() {
		item, err := d.follow(l, paths.get(p))
		if err != nil {
			return nil, err
		}
		if err := d.addOps(l, out, item, p, serverPath(item, prefix), false, "", parent{}); err != nil {
			return nil, err
		}
	}
	hooks := root.get("webhooks")
	for _, name := range hooks.keys() {
		item, err := d.follow(l, hooks.get(name))
		if err != nil {
			return nil, err
		}
		if err := d.addOps(l, out, item, name, "", true, name, parent{}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// parent names the operation a callback belongs to.
type parent struct{ key, label string }

// serverPath is the URL path that n's servers (OpenAPI 3) put before every
// path under it — the path of the first server's URL, with server
// variables at their defaults — or inherited when n declares no servers.
// Operations are matched by the full URL path template, so moving a
// segment between a server URL (or Swagger 2.0 basePath) and the paths
// changes no URL and is no removal.
func serverPath(n node, inherited string) string {
	servers := n.get("servers")
	if servers.seqLen() == 0 {
		return inherited
	}
	first := servers.index(0)
	raw := first.str("url")
	vars := first.get("variables")
	for _, name := range vars.keys() {
		raw = strings.ReplaceAll(raw, "{"+name+"}", vars.get(name).str("default"))
	}
	u, err := url.Parse(raw)
	if err != nil {
		return inherited
	}
	return strings.TrimSuffix(u.Path, "/")
}

// addOps adds the operations of a path item; prefix is the URL path its
// servers put before path (see serverPath), "" for webhooks and callbacks,
// whose keys are names and runtime expressions.
func (d *differ) addOps(l *load.Loader, out map[string]*operation, item node, path, prefix string, reversed bool, webhook string, par parent) error {
	norm := path
	if webhook == "" && par.key == "" {
		norm = pathParam.ReplaceAllString(prefix+path, "{}")
	}
	pathParams, err := d.params(l, item.get("parameters"))
	if err != nil {
		return err
	}
	for _, m := range methods {
		opn := item.get(m)
		if !opn.ok() || opn.val.Kind != yaml.MappingNode {
			continue
		}
		key := norm
		if webhook != "" {
			key = "webhook " + webhook
		}
		if p := serverPath(opn, prefix); p != prefix && webhook == "" && par.key == "" {
			key = pathParam.ReplaceAllString(p+path, "{}")
		}
		o := &operation{
			key: strings.ToUpper(m) + " " + key, label: strings.ToUpper(m) + " " + path,
			path: path, method: m, op: opn, reversed: reversed, webhook: webhook, callback: par.key,
		}
		if webhook != "" {
			o.label = strings.ToUpper(m) + " webhook " + webhook
		}
		if par.key != "" {
			o.key = par.key + " " + o.key
			o.label = par.label + " " + o.label
		}
		own, err := d.params(l, opn.get("parameters"))
		if err != nil {
			return err
		}
		o.params = mergeParams(pathParams, own)
		if webhook == "" {
			slots := pathParam.FindAllString(path, -1)
			for i := range o.params {
				if o.params[i].in == "path" {
					o.params[i].slot = slices.Index(slots, "{"+o.params[i].name+"}") + 1
				}
			}
		}
		out[o.key] = o
		// Callbacks: the API calls the client, so the roles swap.
		cbs := opn.get("callbacks")
		for _, name := range cbs.keys() {
			cb, err := d.follow(l, cbs.get(name))
			if err != nil {
				return err
			}
			for _, expr := range cb.keys() {
				cbItem, err := d.follow(l, cb.get(expr))
				if err != nil {
					return err
				}
				p := parent{key: o.key + " callback " + name, label: o.label + " callback " + name}
				if err := d.addOps(l, out, cbItem, expr, "", !reversed, "", p); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (d *differ) params(l *load.Loader, list node) ([]param, error) {
	var out []param
	for i := range list.seqLen() {
		at := list.index(i)
		n, err := d.follow(l, at)
		if err != nil {
			return nil, err
		}
		in, name := n.str("in"), n.str("name")
		if in == "" || name == "" {
			continue
		}
		out = append(out, param{in: in, name: name, n: n, at: at})
	}
	return out, nil
}

// mergeParams applies operation-level parameters over path-level ones
// (same in and name), as the specification says.
func mergeParams(pathLevel, own []param) []param {
	out := slices.Clone(own)
	for _, p := range pathLevel {
		if !slices.ContainsFunc(own, func(o param) bool { return o.key() == p.key() }) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b param) int { return strings.Compare(a.key(), b.key()) })
	return out
}
