package avro

// fastJSON parses the plain JSON of most schema files into the same tree
// as jsonReader, without encoding/json's token stream. It gives up (nil)
// on anything outside a plain subset — escapes, non-ASCII or control bytes
// in strings, deep nesting, any syntax error, trailing data — and
// parseJSON then reads the input with jsonReader, which decides and reports
// errors exactly as before.
type fastJSON struct {
	data      []byte
	off       int
	line      int // 1-based line of off
	lineStart int // offset where that line starts
	depth     int
}

const fastMaxDepth = 1000

func parseFastJSON(data []byte) *jnode {
	p := &fastJSON{data: data, line: 1}
	n := p.value()
	if n == nil {
		return nil
	}
	p.space()
	if p.off != len(data) {
		return nil
	}
	return n
}

func (p *fastJSON) space() {
	for p.off < len(p.data) {
		switch p.data[p.off] {
		case '\n':
			p.off++
			p.line, p.lineStart = p.line+1, p.off
		case ' ', '\t', '\r':
			p.off++
		default:
			return
		}
	}
}

func (p *fastJSON) value() *jnode {
	p.space()
	if p.off >= len(p.data) {
		return nil
	}
	n := &jnode{pos: Pos{Line: p.line, Column: p.off - p.lineStart + 1}}
	switch c := p.data[p.off]; {
	case c == '"':
		s, ok := p.str()
		if !ok {
			return nil
		}
		n.kind, n.str = jString, s
	case c == '{':
		if p.depth++; p.depth > fastMaxDepth {
			return nil
		}
		p.off++
		n.kind = jObject
		p.space()
		if p.off < len(p.data) && p.data[p.off] == '}' {
			p.off++
		} else {
			for {
				p.space()
				if p.off >= len(p.data) || p.data[p.off] != '"' {
					return nil
				}
				key, ok := p.str()
				if !ok {
					return nil
				}
				p.space()
				if p.off >= len(p.data) || p.data[p.off] != ':' {
					return nil
				}
				p.off++
				v := p.value()
				if v == nil {
					return nil
				}
				n.obj = append(n.obj, jmember{key: key, val: v})
				if !p.next('}') {
					return nil
				}
				if p.data[p.off-1] == '}' {
					break
				}
			}
		}
		p.depth--
	case c == '[':
		if p.depth++; p.depth > fastMaxDepth {
			return nil
		}
		p.off++
		n.kind = jArray
		p.space()
		if p.off < len(p.data) && p.data[p.off] == ']' {
			p.off++
		} else {
			for {
				e := p.value()
				if e == nil {
					return nil
				}
				n.arr = append(n.arr, e)
				if !p.next(']') {
					return nil
				}
				if p.data[p.off-1] == ']' {
					break
				}
			}
		}
		p.depth--
	case c == 't':
		if !p.literal("true") {
			return nil
		}
		n.kind, n.b = jBool, true
	case c == 'f':
		if !p.literal("false") {
			return nil
		}
		n.kind = jBool
	case c == 'n':
		if !p.literal("null") {
			return nil
		}
		n.kind = jNull
	case c == '-' || c >= '0' && c <= '9':
		s, ok := p.number()
		if !ok {
			return nil
		}
		n.kind, n.str = jNumber, s
	default:
		return nil
	}
	return n
}

// next consumes the ',' or the closing byte after a member or element.
func (p *fastJSON) next(closing byte) bool {
	p.space()
	if p.off >= len(p.data) {
		return false
	}
	if c := p.data[p.off]; c == ',' || c == closing {
		p.off++
		return true
	}
	return false
}

// delimited reports whether the byte at off may follow a literal or number.
func (p *fastJSON) delimited() bool {
	if p.off >= len(p.data) {
		return true
	}
	switch p.data[p.off] {
	case ' ', '\t', '\r', '\n', ',', ']', '}':
		return true
	}
	return false
}

func (p *fastJSON) literal(lit string) bool {
	if len(p.data)-p.off < len(lit) || string(p.data[p.off:p.off+len(lit)]) != lit {
		return false
	}
	p.off += len(lit)
	return p.delimited()
}

// str reads a string without escapes, of printable ASCII only.
func (p *fastJSON) str() (string, bool) {
	start := p.off + 1
	for i := start; i < len(p.data); i++ {
		switch c := p.data[i]; {
		case c == '"':
			p.off = i + 1
			return string(p.data[start:i]), true
		case c == '\\' || c < 0x20 || c >= 0x80:
			return "", false
		}
	}
	return "", false
}

// number reads -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? and returns
// its text.
func (p *fastJSON) number() (string, bool) {
	d, start, i := p.data, p.off, p.off
	digits := func() int {
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(d) && d[i] == '-' {
		i++
	}
	if i < len(d) && d[i] == '0' {
		i++
	} else if digits() == 0 {
		return "", false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			return "", false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			return "", false
		}
	}
	p.off = i
	if !p.delimited() {
		return "", false
	}
	return string(d[start:i]), true
}
