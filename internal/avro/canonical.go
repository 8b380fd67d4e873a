package avro

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/contractctl/contractctl/internal/jsontree"
)

// render writes the schema as JSON with a fixed attribute order. With pcf
// set it produces the Parsing Canonical Form of the Avro specification;
// otherwise a normalised form that keeps every attribute.
func render(root *node, pcf bool) string {
	r := &renderer{pcf: pcf, seen: map[*node]bool{}}
	r.node(root)
	return r.buf.String()
}

type renderer struct {
	buf  bytes.Buffer
	pcf  bool
	seen map[*node]bool // named types already written out in full
}

func (r *renderer) str(s string) {
	r.json(s)
}

// json writes v without HTML escaping (as Java Avro does).
func (r *renderer) json(v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		r.buf.WriteString("null")
		return
	}
	r.buf.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

func (r *renderer) key(k string, first bool) {
	if !first {
		r.buf.WriteByte(',')
	}
	r.str(k)
	r.buf.WriteByte(':')
}

// value writes an arbitrary JSON value with sorted object keys.
func (r *renderer) value(j *jsontree.Node) {
	r.json(j.Value())
}

func (r *renderer) node(n *node) {
	if n.named() {
		if r.seen[n] {
			r.str(n.fullName())
			return
		}
		r.seen[n] = true
	}
	plain := n.typ <= String && (r.pcf || len(n.props) == 0)
	switch {
	case plain:
		r.str(strings.ToLower(n.typ.String()))
		return
	case n.typ == Union:
		r.buf.WriteByte('[')
		for i, b := range n.branches {
			if i > 0 {
				r.buf.WriteByte(',')
			}
			r.node(b)
		}
		r.buf.WriteByte(']')
		return
	}
	r.buf.WriteByte('{')
	if n.named() {
		r.key("name", true)
		r.str(n.fullName())
		r.key("type", false)
	} else {
		r.key("type", true)
	}
	r.str(strings.ToLower(n.typ.String()))
	switch n.typ {
	case Record:
		r.key("fields", false)
		r.buf.WriteByte('[')
		for i, f := range n.fields {
			if i > 0 {
				r.buf.WriteByte(',')
			}
			r.field(f)
		}
		r.buf.WriteByte(']')
	case Enum:
		r.key("symbols", false)
		r.strings(n.symbols)
		if !r.pcf && n.enumDefault != nil {
			r.key("default", false)
			r.str(*n.enumDefault)
		}
	case Array:
		r.key("items", false)
		r.node(n.items)
	case Map:
		r.key("values", false)
		r.node(n.values)
	case Fixed:
		r.key("size", false)
		r.buf.WriteString(strconv.Itoa(n.size))
	}
	if !r.pcf {
		if n.named() {
			r.extras(n.doc, n.aliases)
		}
		r.props(n.props)
	}
	r.buf.WriteByte('}')
}

func (r *renderer) field(f *field) {
	r.buf.WriteByte('{')
	r.key("name", true)
	r.str(f.name)
	r.key("type", false)
	r.node(f.typ)
	if !r.pcf {
		if f.def != nil {
			r.key("default", false)
			r.value(f.def)
		}
		if f.order != "" && f.order != "ascending" {
			r.key("order", false)
			r.str(f.order)
		}
		r.extras(f.doc, f.aliases)
		r.props(f.props)
	}
	r.buf.WriteByte('}')
}

func (r *renderer) extras(doc string, aliases []string) {
	if doc != "" {
		r.key("doc", false)
		r.str(doc)
	}
	if len(aliases) > 0 {
		sorted := append([]string(nil), aliases...)
		sort.Strings(sorted)
		r.key("aliases", false)
		r.strings(sorted)
	}
}

func (r *renderer) props(ps []prop) {
	sorted := append([]prop(nil), ps...)
	sort.Slice(sorted, func(i, k int) bool { return sorted[i].key < sorted[k].key })
	for _, p := range sorted {
		r.key(p.key, false)
		r.value(p.val)
	}
}

func (r *renderer) strings(list []string) {
	r.buf.WriteByte('[')
	for i, s := range list {
		if i > 0 {
			r.buf.WriteByte(',')
		}
		r.str(s)
	}
	r.buf.WriteByte(']')
}
