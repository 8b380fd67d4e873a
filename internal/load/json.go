package load

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// parseJSON parses JSON into a yaml.v3 node tree with positions. It is much
// faster than the YAML parser on the large JSON descriptions (Stripe's is
// 4 MB), and JSON is YAML, so every consumer sees the same tree shape.
func parseJSON(data []byte) (*yaml.Node, error) {
	p := &jsonParser{data: data, line: 1}
	p.skipSpace()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.data) {
		return nil, p.errorf("unexpected %q after the top-level value", p.data[p.pos])
	}
	return n, nil
}

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 10000

type jsonParser struct {
	data      []byte
	pos       int
	line      int
	lineStart int
}

// syntaxError is a JSON syntax error at a line and column.
type syntaxError struct {
	line, col int
	msg       string
}

func (e *syntaxError) Error() string { return e.msg }

func (p *jsonParser) errorf(format string, args ...any) error {
	return &syntaxError{p.line, p.col(), fmt.Sprintf(format, args...)}
}

func (p *jsonParser) col() int {
	return utf8.RuneCount(p.data[p.lineStart:p.pos]) + 1
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case '\n':
			p.line++
			p.lineStart = p.pos + 1
		case ' ', '\t', '\r':
		default:
			return
		}
		p.pos++
	}
}

func (p *jsonParser) value(depth int) (*yaml.Node, error) {
	if depth > maxDepth {
		return nil, p.errorf("nesting deeper than %d", maxDepth)
	}
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of input")
	}
	line, col := p.line, p.col()
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth, line, col)
	case c == '[':
		return p.array(depth, line, col)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle, Line: line, Column: col}, nil
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range [...]struct{ word, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
			if len(p.data)-p.pos >= len(lit.word) && string(p.data[p.pos:p.pos+len(lit.word)]) == lit.word {
				p.pos += len(lit.word)
				return &yaml.Node{Kind: yaml.ScalarNode, Tag: lit.tag, Value: lit.word, Line: line, Column: col}, nil
			}
		}
		return nil, p.errorf("invalid literal")
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number(line, col)
	default:
		return nil, p.errorf("unexpected character %q", c)
	}
}

func (p *jsonParser) object(depth, line, col int) (*yaml.Node, error) {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line, Column: col, Style: yaml.FlowStyle}
	p.pos++
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return n, nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errorf("expected a string key")
		}
		kl, kc := p.line, p.col()
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("expected ':' after object key")
		}
		p.pos++
		p.skipSpace()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Style: yaml.DoubleQuotedStyle, Line: kl, Column: kc}, v)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input in object")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return n, nil
		default:
			return nil, p.errorf("expected ',' or '}' in object")
		}
	}
}

func (p *jsonParser) array(depth, line, col int) (*yaml.Node, error) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line, Column: col, Style: yaml.FlowStyle}
	p.pos++
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return n, nil
	}
	for {
		p.skipSpace()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, v)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input in array")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return n, nil
		default:
			return nil, p.errorf("expected ',' or ']' in array")
		}
	}
}

func (p *jsonParser) str() (string, error) {
	start := p.pos + 1
	i := start
	for i < len(p.data) {
		switch c := p.data[i]; {
		case c == '"':
			s := string(p.data[start:i])
			p.pos = i + 1
			return s, nil
		case c == '\\':
			return p.escapedStr(start)
		case c < 0x20:
			p.pos = i
			return "", p.errorf("control character in string")
		}
		i++
	}
	p.pos = i
	return "", p.errorf("unterminated string")
}

// escapedStr decodes a string with escapes through strconv.Unquote, which
// follows Go's rules; JSON's escapes are a subset apart from \/ .
func (p *jsonParser) escapedStr(start int) (string, error) {
	i := start
	for i < len(p.data) && p.data[i] != '"' {
		if p.data[i] == '\\' {
			i++
		}
		if i < len(p.data) && p.data[i] < 0x20 {
			p.pos = i
			return "", p.errorf("control character in string")
		}
		i++
	}
	if i >= len(p.data) {
		p.pos = i
		return "", p.errorf("unterminated string")
	}
	raw := p.data[start-1 : i+1]
	buf := make([]byte, 0, len(raw))
	for j := 0; j < len(raw); j++ {
		if raw[j] == '\\' && j+1 < len(raw) && raw[j+1] == '/' {
			buf = append(buf, '/')
			j++
			continue
		}
		if raw[j] == '\\' && j+1 < len(raw) && raw[j+1] == '\'' {
			p.pos = start + j - 1
			return "", p.errorf("invalid escape in string")
		}
		buf = append(buf, raw[j])
	}
	s, err := strconv.Unquote(string(buf))
	if err != nil {
		p.pos = start - 1
		return "", p.errorf("invalid escape in string")
	}
	p.pos = i + 1
	return s, nil
}

func (p *jsonParser) number(line, col int) (*yaml.Node, error) {
	start := p.pos
	isFloat := false
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if c == '.' || c == 'e' || c == 'E' {
			isFloat = true
		} else if !(c >= '0' && c <= '9' || c == '-' || c == '+') {
			break
		}
		p.pos++
	}
	s := string(p.data[start:p.pos])
	if _, err := strconv.ParseFloat(s, 64); err != nil && !isRangeErr(err) {
		p.pos = start
		return nil, p.errorf("invalid number %q", s)
	}
	tag := "!!int"
	if isFloat {
		tag = "!!float"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s, Line: line, Column: col}, nil
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}
