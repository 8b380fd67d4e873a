package jsonschema

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
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

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 1000

// jsonParser is a small recursive-descent JSON parser recording the line,
// column and JSON pointer of every value.
type jsonParser struct {
	file      string
	data      []byte
	pos       int
	line, col int
}

// parseJSON parses data as one JSON document.
func parseJSON(file string, data []byte) (*value, error) {
	p := &jsonParser{file: file, data: data, line: 1, col: 1}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		p.pos = 3
	}
	p.skipSpace()
	v, err := p.parseValue("", 0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.data) {
		return nil, p.errorf("unexpected %q after top-level value", p.data[p.pos])
	}
	return v, nil
}

func (p *jsonParser) errorf(format string, args ...any) error {
	return &SyntaxError{File: p.file, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) advance() {
	if p.data[p.pos] == '\n' {
		p.line++
		p.col = 1
	} else if p.data[p.pos]&0xC0 != 0x80 { // count runes, not continuation bytes
		p.col++
	}
	p.pos++
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.advance()
		default:
			return
		}
	}
}

func escapePointerToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func (p *jsonParser) parseValue(ptr string, depth int) (*value, error) {
	if depth > maxDepth {
		return nil, p.errorf("nesting deeper than %d levels", maxDepth)
	}
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of input")
	}
	v := &value{Line: p.line, Col: p.col, Pointer: ptr}
	switch c := p.data[p.pos]; {
	case c == '{':
		v.Kind = kindObject
		return v, p.parseObject(v, depth)
	case c == '[':
		v.Kind = kindArray
		return v, p.parseArray(v, depth)
	case c == '"':
		s, err := p.parseString()
		v.Kind, v.Str = kindString, s
		return v, err
	case c == 't' || c == 'f' || c == 'n':
		return v, p.parseLiteral(v)
	case c == '-' || (c >= '0' && c <= '9'):
		return v, p.parseNumber(v)
	default:
		return nil, p.errorf("unexpected character %q", c)
	}
}

func (p *jsonParser) parseObject(v *value, depth int) error {
	p.advance() // {
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.advance()
		return nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			if p.pos >= len(p.data) {
				return p.errorf("unexpected end of input in object")
			}
			return p.errorf("expected string key, found %q", p.data[p.pos])
		}
		key, err := p.parseString()
		if err != nil {
			return err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return p.errorf("expected ':' after object key")
		}
		p.advance()
		p.skipSpace()
		child, err := p.parseValue(v.Pointer+"/"+escapePointerToken(key), depth+1)
		if err != nil {
			return err
		}
		v.Obj = append(v.Obj, member{Key: key, Value: child})
		p.skipSpace()
		if p.pos >= len(p.data) {
			return p.errorf("unexpected end of input in object")
		}
		switch p.data[p.pos] {
		case ',':
			p.advance()
		case '}':
			p.advance()
			return nil
		default:
			return p.errorf("expected ',' or '}' in object, found %q", p.data[p.pos])
		}
	}
}

func (p *jsonParser) parseArray(v *value, depth int) error {
	p.advance() // [
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.advance()
		return nil
	}
	for {
		p.skipSpace()
		child, err := p.parseValue(v.Pointer+"/"+strconv.Itoa(len(v.Arr)), depth+1)
		if err != nil {
			return err
		}
		v.Arr = append(v.Arr, child)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return p.errorf("unexpected end of input in array")
		}
		switch p.data[p.pos] {
		case ',':
			p.advance()
		case ']':
			p.advance()
			return nil
		default:
			return p.errorf("expected ',' or ']' in array, found %q", p.data[p.pos])
		}
	}
}

func (p *jsonParser) parseLiteral(v *value) error {
	for _, lit := range []string{"true", "false", "null"} {
		if strings.HasPrefix(string(p.data[p.pos:min(len(p.data), p.pos+len(lit))]), lit) {
			for range lit {
				p.advance()
			}
			switch lit {
			case "true":
				v.Kind, v.Bool = kindBool, true
			case "false":
				v.Kind = kindBool
			default:
				v.Kind = kindNull
			}
			return nil
		}
	}
	return p.errorf("invalid literal")
}

func (p *jsonParser) parseNumber(v *value) error {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.advance()
			n++
		}
		return n
	}
	if p.data[p.pos] == '-' {
		p.advance()
	}
	if p.pos < len(p.data) && p.data[p.pos] == '0' {
		p.advance()
	} else if digits() == 0 {
		return p.errorf("invalid number")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.advance()
		if digits() == 0 {
			return p.errorf("invalid number: digit expected after '.'")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.advance()
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.advance()
		}
		if digits() == 0 {
			return p.errorf("invalid number: digit expected in exponent")
		}
	}
	lit := string(p.data[start:p.pos])
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil && !strings.Contains(err.Error(), "range") {
		return p.errorf("invalid number %q", lit)
	}
	v.Kind, v.Num, v.Lit = kindNumber, f, lit
	return nil
}

func (p *jsonParser) parseString() (string, error) {
	p.advance() // opening quote
	var b strings.Builder
	for {
		if p.pos >= len(p.data) {
			return "", p.errorf("unterminated string")
		}
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.advance()
			return b.String(), nil
		case c < 0x20:
			return "", p.errorf("control character %q in string", c)
		case c == '\\':
			p.advance()
			if p.pos >= len(p.data) {
				return "", p.errorf("unterminated string")
			}
			e := p.data[p.pos]
			p.advance()
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, err := p.hex4()
				if err != nil {
					return "", err
				}
				if utf16.IsSurrogate(r) && p.pos+1 < len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
					p.advance()
					p.advance()
					r2, err := p.hex4()
					if err != nil {
						return "", err
					}
					r = utf16.DecodeRune(r, r2)
				}
				b.WriteRune(r)
			default:
				return "", p.errorf("invalid escape '\\%c'", e)
			}
		default:
			r, size := utf8.DecodeRune(p.data[p.pos:])
			if r == utf8.RuneError && size == 1 {
				return "", p.errorf("invalid UTF-8 in string")
			}
			b.Write(p.data[p.pos : p.pos+size])
			for range size {
				p.advance()
			}
		}
	}
}

func (p *jsonParser) hex4() (rune, error) {
	if p.pos+4 > len(p.data) {
		return 0, p.errorf("short \\u escape")
	}
	n, err := strconv.ParseUint(string(p.data[p.pos:p.pos+4]), 16, 32)
	if err != nil {
		return 0, p.errorf("invalid \\u escape")
	}
	for range 4 {
		p.advance()
	}
	return rune(n), nil
}
