// Package jsontree is contractctl's one positioned JSON reader. It accepts
// exactly the documents encoding/json accepts (RFC 8259, nesting up to
// encoding/json's 10,000 levels, invalid UTF-8 in strings replaced by
// U+FFFD as encoding/json does) and decodes the same values, but records
// where every value and object key starts (line and column) and reports a
// syntax error with its position and a short reason.
//
// Build hands each value to a Builder, so that a consumer gets its own node
// type without an intermediate tree (internal/load builds yaml.v3 nodes);
// Parse builds the package's own Node tree.
package jsontree

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of arrays and objects accepted, as in
// encoding/json; it also bounds the parser's recursion on hostile input.
const MaxDepth = 10000

// Pos is where a value or key starts: a 1-based line and a 1-based column
// counted in characters (runes).
type Pos struct {
	Line, Column int
}

// Kind is the JSON type of a value.
type Kind uint8

// The JSON types.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// Key is an object member's name and where it is written.
type Key struct {
	Name string
	Pos  Pos
}

// Builder makes a consumer's node of each value the parser reads, children
// before their parent. The slices handed to Array and Object are the
// parser's scratch space, valid only during the call: a builder copies what
// it keeps.
type Builder[N any] interface {
	// Scalar builds a null, boolean, number or string. text is the decoded
	// string, the number's literal as written, or "true", "false", "null".
	Scalar(k Kind, text string, at Pos) N
	// Array builds an array of elems.
	Array(at Pos, elems []N) N
	// Object builds an object whose members are keys[i]: values[i], in
	// source order, duplicates kept.
	Object(at Pos, keys []Key, values []N) N
}

// SyntaxError is input that is not JSON. Error returns the reason alone;
// callers prefix the file and position.
type SyntaxError struct {
	Pos Pos
	Msg string
}

func (e *SyntaxError) Error() string { return e.Msg }

// Build parses data, one JSON value with optional surrounding whitespace,
// building every value with b.
func Build[N any](data []byte, b Builder[N]) (N, error) {
	p := &parser[N]{data: data, line: 1, col: 1, b: b}
	p.space()
	n, err := p.value(0)
	if err != nil {
		var zero N
		return zero, err
	}
	p.space()
	if p.off < len(p.data) {
		var zero N
		return zero, p.errorf("unexpected %q after the top-level value", p.data[p.off])
	}
	return n, nil
}

type parser[N any] struct {
	data []byte
	off  int
	b    Builder[N]

	line      int
	lineStart int // offset where line starts
	// colOff and col cache the column of an offset on the current line, so
	// that columns cost O(n) over the whole input, however long a line.
	colOff, col int

	vals []N   // children of the open containers
	keys []Key // keys of the open objects
}

func (p *parser[N]) pos() Pos {
	if p.colOff < p.lineStart {
		p.colOff, p.col = p.lineStart, 1
	}
	p.col += utf8.RuneCount(p.data[p.colOff:p.off])
	p.colOff = p.off
	return Pos{Line: p.line, Column: p.col}
}

func (p *parser[N]) errorf(format string, args ...any) error {
	return &SyntaxError{Pos: p.pos(), Msg: fmt.Sprintf(format, args...)}
}

func (p *parser[N]) space() {
	for p.off < len(p.data) {
		switch p.data[p.off] {
		case '\n':
			p.line++
			p.lineStart = p.off + 1
		case ' ', '\t', '\r':
		default:
			return
		}
		p.off++
	}
}

func (p *parser[N]) value(depth int) (N, error) {
	var zero N
	if p.off >= len(p.data) {
		return zero, p.errorf("unexpected end of input")
	}
	at := p.pos()
	switch c := p.data[p.off]; {
	case c == '{':
		if depth >= MaxDepth {
			return zero, p.errorf("nesting deeper than %d", MaxDepth)
		}
		return p.object(depth+1, at)
	case c == '[':
		if depth >= MaxDepth {
			return zero, p.errorf("nesting deeper than %d", MaxDepth)
		}
		return p.array(depth+1, at)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return zero, err
		}
		return p.b.Scalar(String, s, at), nil
	case c == 't':
		return p.literal("true", Bool, at)
	case c == 'f':
		return p.literal("false", Bool, at)
	case c == 'n':
		return p.literal("null", Null, at)
	case c == '-' || (c >= '0' && c <= '9'):
		s, err := p.number()
		if err != nil {
			return zero, err
		}
		return p.b.Scalar(Number, s, at), nil
	}
	return zero, p.errorf("unexpected character %q", p.data[p.off])
}

func (p *parser[N]) literal(word string, k Kind, at Pos) (N, error) {
	if len(p.data)-p.off < len(word) || string(p.data[p.off:p.off+len(word)]) != word {
		var zero N
		return zero, p.errorf("invalid literal")
	}
	p.off += len(word)
	return p.b.Scalar(k, word, at), nil
}

func (p *parser[N]) object(depth int, at Pos) (N, error) {
	var zero N
	vals, keys := len(p.vals), len(p.keys)
	p.off++
	p.space()
	if p.off < len(p.data) && p.data[p.off] == '}' {
		p.off++
		return p.b.Object(at, nil, nil), nil
	}
	for {
		p.space()
		if p.off >= len(p.data) {
			return zero, p.errorf("unexpected end of input in object")
		}
		if p.data[p.off] != '"' {
			return zero, p.errorf("expected a string key")
		}
		kat := p.pos()
		k, err := p.str()
		if err != nil {
			return zero, err
		}
		p.space()
		if p.off >= len(p.data) || p.data[p.off] != ':' {
			return zero, p.errorf("expected ':' after object key")
		}
		p.off++
		p.space()
		v, err := p.value(depth)
		if err != nil {
			return zero, err
		}
		p.keys = append(p.keys, Key{Name: k, Pos: kat})
		p.vals = append(p.vals, v)
		p.space()
		if p.off >= len(p.data) {
			return zero, p.errorf("unexpected end of input in object")
		}
		switch p.data[p.off] {
		case ',':
			p.off++
		case '}':
			p.off++
			n := p.b.Object(at, p.keys[keys:], p.vals[vals:])
			p.vals, p.keys = p.vals[:vals], p.keys[:keys]
			return n, nil
		default:
			return zero, p.errorf("expected ',' or '}' in object")
		}
	}
}

func (p *parser[N]) array(depth int, at Pos) (N, error) {
	var zero N
	vals := len(p.vals)
	p.off++
	p.space()
	if p.off < len(p.data) && p.data[p.off] == ']' {
		p.off++
		return p.b.Array(at, nil), nil
	}
	for {
		p.space()
		v, err := p.value(depth)
		if err != nil {
			return zero, err
		}
		p.vals = append(p.vals, v)
		p.space()
		if p.off >= len(p.data) {
			return zero, p.errorf("unexpected end of input in array")
		}
		switch p.data[p.off] {
		case ',':
			p.off++
		case ']':
			p.off++
			n := p.b.Array(at, p.vals[vals:])
			p.vals = p.vals[:vals]
			return n, nil
		default:
			return zero, p.errorf("expected ',' or ']' in array")
		}
	}
}

// number reads the run of number characters at off and checks it against
// JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func (p *parser[N]) number() (string, error) {
	start, i := p.off, p.off
	for i < len(p.data) {
		c := p.data[i]
		if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
			break
		}
		i++
	}
	s := string(p.data[start:i])
	if !validNumber(s) {
		return "", p.errorf("invalid number %q", s)
	}
	p.off = i
	return s, nil
}

func validNumber(s string) bool {
	i := 0
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i < len(s) && s[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// str reads the string whose opening quote is at off. Plain strings (no
// escapes, valid UTF-8) are sliced from the input; the rest are decoded.
func (p *parser[N]) str() (string, error) {
	start := p.off + 1
	ascii := true
	for i := start; i < len(p.data); i++ {
		switch c := p.data[i]; {
		case c == '"':
			if ascii || utf8.Valid(p.data[start:i]) {
				p.off = i + 1
				return string(p.data[start:i]), nil
			}
			return p.decode(start)
		case c == '\\':
			return p.decode(start)
		case c < 0x20:
			p.off = i
			return "", p.errorf("control character in string")
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	p.off = len(p.data)
	return "", p.errorf("unterminated string")
}

// decode reads a string with escapes or invalid UTF-8 from start (just
// after the opening quote) the way encoding/json does: a valid surrogate
// pair is one character, a lone surrogate and every byte that is not UTF-8
// become U+FFFD. An invalid escape is reported at the opening quote.
func (p *parser[N]) decode(start int) (string, error) {
	d := p.data
	buf := make([]byte, 0, 64)
	for i := start; i < len(d); {
		c := d[i]
		switch {
		case c == '"':
			p.off = i + 1
			return string(buf), nil
		case c < 0x20:
			p.off = i
			return "", p.errorf("control character in string")
		case c == '\\':
			if i+1 >= len(d) {
				p.off = len(d)
				return "", p.errorf("unterminated string")
			}
			switch e := d[i+1]; e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r := hex4(d[i+2:])
				if r < 0 {
					p.off = start - 1
					return "", p.errorf("invalid escape in string")
				}
				i += 6
				if utf16.IsSurrogate(r) {
					if r2 := lowSurrogate(d[i:]); r2 >= 0 {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							buf = utf8.AppendRune(buf, dec)
							i += 6
							continue
						}
					}
					r = utf8.RuneError
				}
				buf = utf8.AppendRune(buf, r)
				continue
			default:
				p.off = start - 1
				return "", p.errorf("invalid escape in string")
			}
			i += 2
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				buf = utf8.AppendRune(buf, utf8.RuneError)
			} else {
				buf = append(buf, d[i:i+size]...)
			}
			i += size
		}
	}
	p.off = len(d)
	return "", p.errorf("unterminated string")
}

// lowSurrogate returns the code of a \uXXXX escape at the start of b, or -1.
func lowSurrogate(b []byte) rune {
	if len(b) < 2 || b[0] != '\\' || b[1] != 'u' {
		return -1
	}
	return hex4(b[2:])
}

// hex4 decodes four hex digits at the start of b, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// InvalidUTF8 returns the position of the first byte of data that is not
// valid UTF-8, and false when data is valid.
func InvalidUTF8(data []byte) (Pos, bool) {
	if utf8.Valid(data) {
		return Pos{}, false
	}
	at := Pos{Line: 1, Column: 1}
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return at, true
		}
		if r == '\n' {
			at.Line, at.Column = at.Line+1, 1
		} else {
			at.Column++
		}
		data = data[size:]
	}
	return at, true
}
