package avro

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// Pos is a 1-based line and column (in bytes) in a schema's source text.
type Pos struct {
	Line, Column int
}

// jkind is the kind of a JSON value.
type jkind int

const (
	jNull jkind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

// jmember is one key/value pair of a JSON object, in source order.
type jmember struct {
	key string
	val *jnode
}

// jnode is a JSON value together with the position where it starts.
type jnode struct {
	kind jkind
	pos  Pos
	str  string // string value, or the literal text of a number
	b    bool
	arr  []*jnode
	obj  []jmember
}

// get returns the value of key in an object; with duplicate keys the last
// one wins, as with the JSON readers Java Avro and hamba/avro use.
func (n *jnode) get(key string) *jnode {
	if n == nil || n.kind != jObject {
		return nil
	}
	for i := len(n.obj) - 1; i >= 0; i-- {
		if n.obj[i].key == key {
			return n.obj[i].val
		}
	}
	return nil
}

// value converts the node back into a plain Go value (json.Number for
// numbers) for re-serialisation.
func (n *jnode) value() any {
	switch n.kind {
	case jBool:
		return n.b
	case jNumber:
		return json.Number(n.str)
	case jString:
		return n.str
	case jArray:
		out := make([]any, len(n.arr))
		for i, e := range n.arr {
			out[i] = e.value()
		}
		return out
	case jObject:
		out := make(map[string]any, len(n.obj))
		for _, m := range n.obj {
			out[m.key] = m.val.value()
		}
		return out
	}
	return nil
}

// lineIndex maps byte offsets to positions.
type lineIndex []int // byte offsets where each line starts

func newLineIndex(data []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range data {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) pos(off int) Pos {
	line := sort.Search(len(l), func(i int) bool { return l[i] > off }) - 1
	if line < 0 {
		line = 0
	}
	return Pos{Line: line + 1, Column: off - l[line] + 1}
}

// jsonError is a JSON syntax error at a position.
type jsonError struct {
	pos Pos
	err error
}

func (e *jsonError) Error() string { return e.err.Error() }
func (e *jsonError) Unwrap() error { return e.err }

// jsonReader builds a jnode tree from a token stream, recording where every
// value starts.
type jsonReader struct {
	data  []byte
	dec   *json.Decoder
	lines lineIndex
}

// parseJSON parses one JSON document into a position-annotated tree.
func parseJSON(data []byte) (*jnode, error) {
	if n := parseFastJSON(data); n != nil {
		return n, nil
	}
	return parseJSONTokens(data)
}

// parseJSONTokens is parseJSON with encoding/json's token stream.
func parseJSONTokens(data []byte) (*jnode, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	r := &jsonReader{data: data, dec: dec, lines: newLineIndex(data)}
	root, err := r.readValue()
	if err != nil {
		return nil, err
	}
	if off := r.start(); off < len(data) {
		return nil, &jsonError{pos: r.lines.pos(off), err: errors.New("invalid JSON: unexpected data after the top-level value")}
	}
	return root, nil
}

// start returns the offset of the next token.
func (r *jsonReader) start() int {
	off := int(r.dec.InputOffset())
	for off < len(r.data) {
		switch r.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

func (r *jsonReader) fail(err error) error {
	// The decoder's offsets are relative to the value being scanned; a
	// one-shot unmarshal of the whole input reports the absolute offset.
	var whole any
	if uerr := json.Unmarshal(r.data, &whole); uerr != nil {
		err = uerr
	}
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		off := int(syn.Offset)
		if syn.Error() == "unexpected end of JSON input" {
			off = len(r.data)
		} else if off > 0 {
			off-- // Offset counts the bytes read, including the offending one
		}
		return &jsonError{pos: r.lines.pos(off), err: fmt.Errorf("invalid JSON: %w", err)}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &jsonError{pos: r.lines.pos(len(r.data)), err: errors.New("invalid JSON: unexpected end of input")}
	default:
		return &jsonError{pos: r.lines.pos(r.start()), err: fmt.Errorf("invalid JSON: %w", err)}
	}
}

func (r *jsonReader) readValue() (*jnode, error) {
	off := r.start()
	tok, err := r.dec.Token()
	if err != nil {
		return nil, r.fail(err)
	}
	n := &jnode{pos: r.lines.pos(off)}
	switch t := tok.(type) {
	case nil:
		n.kind = jNull
	case bool:
		n.kind, n.b = jBool, t
	case json.Number:
		n.kind, n.str = jNumber, string(t)
	case string:
		n.kind, n.str = jString, t
	case json.Delim:
		switch t {
		case '[':
			n.kind = jArray
			for r.dec.More() {
				e, err := r.readValue()
				if err != nil {
					return nil, err
				}
				n.arr = append(n.arr, e)
			}
		case '{':
			n.kind = jObject
			for r.dec.More() {
				ktok, err := r.dec.Token()
				if err != nil {
					return nil, r.fail(err)
				}
				key, _ := ktok.(string) // the decoder only yields string keys
				v, err := r.readValue()
				if err != nil {
					return nil, err
				}
				n.obj = append(n.obj, jmember{key: key, val: v})
			}
		default:
			return nil, r.fail(fmt.Errorf("unexpected %q", rune(t)))
		}
		if _, err := r.dec.Token(); err != nil { // closing delimiter
			return nil, r.fail(err)
		}
	}
	return n, nil
}
