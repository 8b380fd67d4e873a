package asyncapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"

	"github.com/contractctl/contractctl/internal/load"
	havro "github.com/hamba/avro/v2"
	yaml "go.yaml.in/yaml/v3"
)

// AvroJSON renders the Avro schema written at n (inline YAML or JSON in the
// document, or a referenced .avsc file) as the JSON text Avro parsers read.
// Keys keep their order; scalars keep their YAML meaning, except that a
// timestamp or any other tagged scalar stays the string it is written as
// (an Avro default of "2026-01-01" is a string, not a time); numbers keep
// their literal text when it is JSON.
func AvroJSON(n *yaml.Node) ([]byte, error) {
	if n == nil {
		return nil, errors.New("no schema")
	}
	w := &avroWriter{budget: maxAvroNodes}
	if err := w.value(n, 0); err != nil {
		return nil, err
	}
	return w.buf.Bytes(), nil
}

// maxAvroNodes bounds the nodes AvroJSON writes, so that YAML aliases
// cannot expand a small document into a huge one.
const maxAvroNodes = 1 << 20

type avroWriter struct {
	buf    bytes.Buffer
	budget int
}

var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

func (w *avroWriter) value(n *yaml.Node, depth int) error {
	if depth > 512 {
		return errors.New("nesting too deep")
	}
	if w.budget--; w.budget < 0 {
		return errors.New("too many nodes (YAML aliases expand too far)")
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) != 1 {
			return errors.New("empty document")
		}
		return w.value(n.Content[0], depth+1)
	case yaml.AliasNode:
		if n.Alias == nil {
			return errors.New("unknown alias")
		}
		return w.value(n.Alias, depth+1)
	case yaml.MappingNode:
		entries, err := mappingEntries(n, 0)
		if err != nil {
			return err
		}
		w.buf.WriteByte('{')
		for i, e := range entries {
			if i > 0 {
				w.buf.WriteByte(',')
			}
			w.str(e.key)
			w.buf.WriteByte(':')
			if err := w.value(e.val, depth+1); err != nil {
				return err
			}
		}
		w.buf.WriteByte('}')
	case yaml.SequenceNode:
		w.buf.WriteByte('[')
		for i, it := range n.Content {
			if i > 0 {
				w.buf.WriteByte(',')
			}
			if err := w.value(it, depth+1); err != nil {
				return err
			}
		}
		w.buf.WriteByte(']')
	case yaml.ScalarNode:
		return w.scalar(n)
	default:
		return fmt.Errorf("line %d: unexpected YAML node", n.Line)
	}
	return nil
}

type avroEntry struct {
	key string
	val *yaml.Node
}

// mappingEntries lists the entries of mapping n in order, with YAML merge
// keys (<<: *base) expanded: merged entries come where the merge key is,
// and a key written in n itself wins over a merged one.
func mappingEntries(n *yaml.Node, depth int) ([]avroEntry, error) {
	if depth > 64 {
		return nil, errors.New("merge keys nest too deep")
	}
	own := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := load.Deref(n.Content[i]); k.Kind == yaml.ScalarNode && k.ShortTag() != "!!merge" {
			own[k.Value] = true
		}
	}
	var out []avroEntry
	seen := map[string]bool{}
	add := func(e avroEntry, merged bool) {
		if seen[e.key] || merged && own[e.key] {
			return
		}
		seen[e.key] = true
		out = append(out, e)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := load.Deref(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("line %d: a mapping key must be a string", k.Line)
		}
		if k.ShortTag() != "!!merge" {
			add(avroEntry{k.Value, v}, false)
			continue
		}
		srcs := []*yaml.Node{load.Deref(v)}
		if srcs[0].Kind == yaml.SequenceNode {
			srcs = srcs[0].Content
		}
		for _, src := range srcs {
			if src = load.Deref(src); src.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("line %d: a merge key needs a mapping", k.Line)
			}
			merged, err := mappingEntries(src, depth+1)
			if err != nil {
				return nil, err
			}
			for _, e := range merged {
				add(e, true)
			}
		}
	}
	return out, nil
}

func (w *avroWriter) scalar(n *yaml.Node) error {
	switch n.ShortTag() {
	case "!!null":
		w.buf.WriteString("null")
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return err
		}
		w.buf.WriteString(strconv.FormatBool(b))
	case "!!int":
		if jsonNumber.MatchString(n.Value) {
			w.buf.WriteString(n.Value)
			return nil
		}
		var i int64
		if err := n.Decode(&i); err != nil {
			var u uint64
			if err := n.Decode(&u); err != nil {
				return fmt.Errorf("line %d: integer %s out of range", n.Line, n.Value)
			}
			w.buf.WriteString(strconv.FormatUint(u, 10))
			return nil
		}
		w.buf.WriteString(strconv.FormatInt(i, 10))
	case "!!float":
		if jsonNumber.MatchString(n.Value) {
			w.buf.WriteString(n.Value)
			return nil
		}
		var f float64
		if err := n.Decode(&f); err != nil {
			return err
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return fmt.Errorf("line %d: %s has no JSON form", n.Line, n.Value)
		}
		w.buf.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
	default:
		w.str(n.Value)
	}
	return nil
}

// str writes s as a JSON string, without escaping HTML characters.
func (w *avroWriter) str(s string) {
	if plainJSON(s) {
		w.buf.WriteByte('"')
		w.buf.WriteString(s)
		w.buf.WriteByte('"')
		return
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	w.buf.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// parseAvro parses the Avro schema written at l with a fresh schema cache,
// so that named types of other documents never leak in.
func (p *parser) parseAvro(l Loc) havro.Schema {
	data, err := AvroJSON(l.Node)
	if err != nil {
		p.problem(l, "invalid Avro schema: %v", err)
		return nil
	}
	s, err := havro.ParseBytesWithCache(data, "", &havro.SchemaCache{})
	if err != nil {
		p.problem(l, "invalid Avro schema: %v", err)
		return nil
	}
	return s
}

// plainJSON reports whether s is valid UTF-8 that needs no escaping in a
// JSON string.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			return false
		}
	}
	return true
}
