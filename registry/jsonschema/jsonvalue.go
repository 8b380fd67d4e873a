package jsonschema

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/contractctl/contractctl/internal/jsontree"
)

// valueKind is the JSON type of a parsed value.
type valueKind int

const (
	kindNull valueKind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

// member is one key/value pair of a JSON object, in source order.
type member struct {
	Key   string
	Value *value
}

// value is one node of the raw JSON tree, with its source position.
type value struct {
	Kind    valueKind
	Bool    bool
	Num     float64
	Lit     string // number literal as written
	Str     string
	Arr     []*value
	Obj     []member
	Line    int
	Col     int
	Pointer string // JSON pointer of this node from the document root
}

// get returns the member value named key of an object, or nil.
func (v *value) get(key string) *value {
	if v == nil || v.Kind != kindObject {
		return nil
	}
	for i := len(v.Obj) - 1; i >= 0; i-- { // last duplicate wins, like most parsers
		if v.Obj[i].Key == key {
			return v.Obj[i].Value
		}
	}
	return nil
}

// has reports whether an object has the member key.
func (v *value) has(key string) bool { return v.get(key) != nil }

// keys returns the distinct member names of an object in source order.
func (v *value) keys() []string {
	seen := make(map[string]bool, len(v.Obj))
	out := make([]string, 0, len(v.Obj))
	for _, m := range v.Obj {
		if !seen[m.Key] {
			seen[m.Key] = true
			out = append(out, m.Key)
		}
	}
	return out
}

// canonical writes the value as compact JSON with object keys sorted.
func (v *value) canonical(b *strings.Builder) {
	switch v.Kind {
	case kindNull:
		b.WriteString("null")
	case kindBool:
		b.WriteString(strconv.FormatBool(v.Bool))
	case kindNumber:
		b.WriteString(canonicalNumber(v))
	case kindString:
		writeJSONString(b, v.Str)
	case kindArray:
		b.WriteByte('[')
		for i, e := range v.Arr {
			if i > 0 {
				b.WriteByte(',')
			}
			e.canonical(b)
		}
		b.WriteByte(']')
	case kindObject:
		ks := v.keys()
		sort.Strings(ks)
		b.WriteByte('{')
		for i, k := range ks {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, k)
			b.WriteByte(':')
			v.get(k).canonical(b)
		}
		b.WriteByte('}')
	}
}

func canonicalNumber(v *value) string {
	if v.Num == math.Trunc(v.Num) && math.Abs(v.Num) < 1e15 && !strings.ContainsAny(v.Lit, ".eE") {
		return strconv.FormatInt(int64(v.Num), 10)
	}
	return strconv.FormatFloat(v.Num, 'g', -1, 64)
}

// writeJSONString writes s as a JSON string literal, escaping only what
// JSON requires.
func writeJSONString(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(hex[r>>4])
			b.WriteByte(hex[r&0xF])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// canonicalString returns the canonical JSON text of v.
func (v *value) canonicalString() string {
	var b strings.Builder
	v.canonical(&b)
	return b.String()
}

// equalValues compares two JSON values structurally (numbers by value,
// objects ignoring member order).
func equalValues(a, b *value) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case kindNull:
		return true
	case kindBool:
		return a.Bool == b.Bool
	case kindNumber:
		return a.Num == b.Num
	case kindString:
		return a.Str == b.Str
	case kindArray:
		if len(a.Arr) != len(b.Arr) {
			return false
		}
		for i := range a.Arr {
			if !equalValues(a.Arr[i], b.Arr[i]) {
				return false
			}
		}
		return true
	default:
		ak, bk := a.keys(), b.keys()
		if len(ak) != len(bk) {
			return false
		}
		for _, k := range ak {
			if !equalValues(a.get(k), b.get(k)) {
				return false
			}
		}
		return true
	}
}

// SyntaxError is invalid JSON at a source position.
type SyntaxError struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: invalid JSON: %s", e.File, e.Line, e.Col, e.Msg)
}

// parseJSON parses data as one JSON document (a leading byte order mark is
// skipped) into values that know their JSON pointers.
func parseJSON(file string, data []byte) (*value, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if at, bad := jsontree.InvalidUTF8(data); bad {
		return nil, &SyntaxError{File: file, Line: at.Line, Col: at.Column, Msg: "the file is not UTF-8"}
	}
	v, err := jsontree.Build[*value](data, valueBuilder{})
	if err != nil {
		var se *jsontree.SyntaxError
		if errors.As(err, &se) {
			return nil, &SyntaxError{File: file, Line: se.Pos.Line, Col: se.Pos.Column, Msg: se.Msg}
		}
		return nil, err
	}
	v.setPointers()
	return v, nil
}

// setPointers sets the JSON pointer of every value below v, which has its
// own.
func (v *value) setPointers() {
	for i, e := range v.Arr {
		e.Pointer = v.Pointer + "/" + strconv.Itoa(i)
		e.setPointers()
	}
	for _, m := range v.Obj {
		m.Value.Pointer = v.Pointer + "/" + escapePointerToken(m.Key)
		m.Value.setPointers()
	}
}

func escapePointerToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// valueBuilder makes values of what jsontree reads.
type valueBuilder struct{}

func (valueBuilder) Scalar(k jsontree.Kind, text string, at jsontree.Pos) *value {
	v := &value{Line: at.Line, Col: at.Column}
	switch k {
	case jsontree.Null:
		v.Kind = kindNull
	case jsontree.Bool:
		v.Kind, v.Bool = kindBool, text == "true"
	case jsontree.Number:
		// The literal is valid JSON; out of range, ParseFloat gives ±Inf.
		f, _ := strconv.ParseFloat(text, 64)
		v.Kind, v.Num, v.Lit = kindNumber, f, text
	default:
		v.Kind, v.Str = kindString, text
	}
	return v
}

func (valueBuilder) Array(at jsontree.Pos, elems []*value) *value {
	return &value{Kind: kindArray, Line: at.Line, Col: at.Column, Arr: slices.Clone(elems)}
}

func (valueBuilder) Object(at jsontree.Pos, keys []jsontree.Key, values []*value) *value {
	v := &value{Kind: kindObject, Line: at.Line, Col: at.Column}
	if len(keys) > 0 {
		v.Obj = make([]member, len(keys))
		for i, k := range keys {
			v.Obj[i] = member{Key: k.Name, Value: values[i]}
		}
	}
	return v
}
