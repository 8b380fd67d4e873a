package ruleset

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dlclark/regexp2/v2"
	pyaml "github.com/pb33f/go-yaml"
	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/contractctl/contractctl/internal/load"
)

// A function is one of Spectral's core functions with its options
// compiled; it judges one target and returns what is wrong with it.
type function interface {
	call(c fcall) []fresult
}

// fcall is one function call: the target (nil when undefined) in its view.
type fcall struct {
	target *pyaml.Node
	doc    *docRun
}

// fresult is one problem; at, when set, is the node it is about (else the
// target's location).
type fresult struct {
	msg string
	at  *pyaml.Node
}

type functionSpec struct {
	options bool // accepts functionOptions
	build   func(file string, opts *yaml.Node) (function, error)
}

var functions map[string]functionSpec

func init() {
	plain := func(f function) func(string, *yaml.Node) (function, error) {
		return func(string, *yaml.Node) (function, error) { return f, nil }
	}
	functions = map[string]functionSpec{
		"truthy":                     {false, plain(truthyFn{})},
		"falsy":                      {false, plain(falsyFn{})},
		"defined":                    {false, plain(definedFn{})},
		"undefined":                  {false, plain(undefinedFn{})},
		"typedEnum":                  {false, plain(typedEnumFn{})},
		"pattern":                    {true, buildPattern},
		"casing":                     {true, buildCasing},
		"enumeration":                {true, buildEnumeration},
		"length":                     {true, buildLength},
		"alphabetical":               {true, buildAlphabetical},
		"xor":                        {true, buildXor(true)},
		"or":                         {true, buildXor(false)},
		"schema":                     {true, buildSchema},
		"unreferencedReusableObject": {true, buildUnreferenced},
	}
}

// parseThen reads one then entry. A function the ruleset declares under
// `functions` but contractctl does not know is custom JavaScript: the
// entry loads, and its name is returned so the rule can be reported as
// unsupported instead of run.
func parseThen(file string, n *yaml.Node, custom []string) (Then, string, error) {
	if n.Kind != yaml.MappingNode {
		return Then{}, "", errAt(file, n, "then must be a mapping with a function")
	}
	var th Then
	fnNode := load.Value(n, "function")
	if fnNode == nil {
		return Then{}, "", errAt(file, n, "then needs a function")
	}
	th.Function = fnNode.Value
	if f := load.Value(n, "field"); f != nil {
		th.Field = f.Value
		th.path = fieldPath(f.Value)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch k := n.Content[i]; k.Value {
		case "function", "field", "functionOptions":
		default:
			return Then{}, "", errAt(file, k, "then: unknown key %q", k.Value)
		}
	}
	spec, ok := functions[th.Function]
	if !ok {
		if slices.Contains(custom, th.Function) {
			return th, th.Function, nil
		}
		return Then{}, "", errAt(file, fnNode, "unknown function %q", th.Function)
	}
	opts := load.Value(n, "functionOptions")
	if opts != nil && opts.Tag == "!!null" {
		opts = nil
	}
	if opts != nil && !spec.options {
		return Then{}, "", errAt(file, opts, "function %q does not accept any options", th.Function)
	}
	fn, err := spec.build(file, opts)
	if err != nil {
		var le *load.Error
		if ok := asLoadError(err, &le); ok {
			return Then{}, "", err
		}
		at := opts
		if at == nil {
			at = fnNode
		}
		return Then{}, "", errAt(file, at, "function %s: %v", th.Function, err)
	}
	th.fn = fn
	return th, "", nil
}

func asLoadError(err error, le **load.Error) bool {
	e, ok := err.(*load.Error)
	if ok {
		*le = e
	}
	return ok
}

type truthyFn struct{}

func (truthyFn) call(c fcall) []fresult {
	if !truthy(c.target) {
		return []fresult{{msg: `#{{print("property")}}must be truthy`}}
	}
	return nil
}

type falsyFn struct{}

func (falsyFn) call(c fcall) []fresult {
	if truthy(c.target) {
		return []fresult{{msg: `#{{print("property")}}must be falsy`}}
	}
	return nil
}

type definedFn struct{}

func (definedFn) call(c fcall) []fresult {
	if c.target == nil {
		return []fresult{{msg: `#{{print("property")}}must be defined`}}
	}
	return nil
}

type undefinedFn struct{}

func (undefinedFn) call(c fcall) []fresult {
	if c.target != nil {
		return []fresult{{msg: `#{{print("property")}}must be undefined`}}
	}
	return nil
}

// matcher is a compiled JavaScript regular expression: RE2 when the
// pattern is within its syntax, else an ECMAScript-compatible engine (for
// lookarounds and backreferences).
type matcher struct {
	src string
	re  *regexp.Regexp
	re2 *regexp2.Regexp
}

func (m *matcher) match(s string) bool {
	if m.re != nil {
		return m.re.MatchString(s)
	}
	ok, err := m.re2.MatchString(s)
	return err == nil && ok
}

var jsRegexLiteral = regexp.MustCompile(`^/(.+)/([a-z]*)$`)

func compileJSRegex(src string) (*matcher, error) {
	pattern, flags := src, ""
	if m := jsRegexLiteral.FindStringSubmatch(src); m != nil {
		pattern, flags = m[1], m[2]
	}
	var goFlags string
	opts := regexp2.ECMAScript
	for _, f := range flags {
		switch f {
		case 'i':
			goFlags += "i"
			opts |= regexp2.IgnoreCase
		case 'm':
			goFlags += "m"
			opts |= regexp2.Multiline
		case 's':
			goFlags += "s"
			opts |= regexp2.Singleline
		case 'g', 'u', 'y', 'd':
		default:
			return nil, fmt.Errorf("invalid regular expression flag %q in %s", f, src)
		}
	}
	// JavaScript's syntax decides what is valid; RE2 runs the patterns it
	// reads the same way, for speed.
	re2, err := regexp2.Compile(pattern, opts)
	if err != nil {
		return nil, fmt.Errorf("invalid regular expression %s: %v", src, err)
	}
	goPattern := pattern
	if goFlags != "" {
		goPattern = "(?" + goFlags + ")" + pattern
	}
	if !strings.Contains(pattern, "(?") && !strings.Contains(pattern, `\`) {
		if re, err := regexp.Compile(goPattern); err == nil {
			return &matcher{src: src, re: re}, nil
		}
	}
	return &matcher{src: src, re2: re2}, nil
}

type patternFn struct{ match, notMatch *matcher }

func buildPattern(file string, opts *yaml.Node) (function, error) {
	var f patternFn
	if opts == nil || opts.Kind != yaml.MappingNode {
		return nil, fmt.Errorf(`needs functionOptions with match or notMatch`)
	}
	for i := 0; i+1 < len(opts.Content); i += 2 {
		k, v := opts.Content[i], opts.Content[i+1]
		var target **matcher
		switch k.Value {
		case "match":
			target = &f.match
		case "notMatch":
			target = &f.notMatch
		default:
			return nil, errAt(file, k, "function pattern: unknown option %q", k.Value)
		}
		m, err := compileJSRegex(v.Value)
		if err != nil {
			return nil, errAt(file, v, "function pattern: %v", err)
		}
		*target = m
	}
	if f.match == nil && f.notMatch == nil {
		return nil, fmt.Errorf(`needs match or notMatch`)
	}
	return f, nil
}

func (f patternFn) call(c fcall) []fresult {
	if typeOf(c.target) != jsString {
		return nil
	}
	var out []fresult
	if f.match != nil && !f.match.match(c.target.Value) {
		out = append(out, fresult{msg: `#{{print("value")}} must match the pattern "` + f.match.src + `"`})
	}
	if f.notMatch != nil && f.notMatch.match(c.target.Value) {
		out = append(out, fresult{msg: `#{{print("value")}} must not match the pattern "` + f.notMatch.src + `"`})
	}
	return out
}

var casingPatterns = map[string]string{
	"flat":   `[a-z][a-z{D}]*`,
	"camel":  `[a-z][a-z{D}]*(?:[A-Z{D}](?:[a-z{D}]+|$))*`,
	"pascal": `[A-Z][a-z{D}]*(?:[A-Z{D}](?:[a-z{D}]+|$))*`,
	"kebab":  `[a-z][a-z{D}]*(?:-[a-z{D}]+)*`,
	"cobol":  `[A-Z][A-Z{D}]*(?:-[A-Z{D}]+)*`,
	"snake":  `[a-z][a-z{D}]*(?:_[a-z{D}]+)*`,
	"macro":  `[A-Z][A-Z{D}]*(?:_[A-Z{D}]+)*`,
}

type casingFn struct {
	typ          string
	re           *regexp.Regexp
	sep          string
	allowLeading bool
}

func buildCasing(file string, opts *yaml.Node) (function, error) {
	if opts == nil {
		return nil, fmt.Errorf(`needs functionOptions with a type (flat, camel, pascal, kebab, cobol, snake or macro)`)
	}
	f := casingFn{}
	digits := "0-9"
	for i := 0; i+1 < len(opts.Content); i += 2 {
		k, v := opts.Content[i], opts.Content[i+1]
		switch k.Value {
		case "type":
			f.typ = v.Value
		case "disallowDigits":
			if v.Value == "true" {
				digits = ""
			}
		case "separator":
			ch := load.Value(v, "char")
			if ch == nil || jsLength(ch.Value) > 1 {
				return nil, errAt(file, v, `function casing: separator.char must be one character`)
			}
			f.sep = ch.Value
			if al := load.Value(v, "allowLeading"); al != nil {
				f.allowLeading = al.Value == "true"
			}
		default:
			return nil, errAt(file, k, "function casing: unknown option %q", k.Value)
		}
	}
	base, ok := casingPatterns[f.typ]
	if !ok {
		return nil, errAt(file, opts, "function casing: type %q: want flat, camel, pascal, kebab, cobol, snake or macro", f.typ)
	}
	base = strings.ReplaceAll(base, "{D}", digits)
	expr := "^" + base + "$"
	if f.sep != "" {
		sep := "[" + regexp.QuoteMeta(f.sep) + "]"
		lead := ""
		if f.allowLeading {
			lead = sep + "?"
		}
		expr = "^" + lead + base + "(?:" + sep + base + ")*$"
	}
	f.re = regexp.MustCompile(expr)
	return f, nil
}

func (f casingFn) call(c fcall) []fresult {
	if typeOf(c.target) != jsString || c.target.Value == "" {
		return nil
	}
	s := c.target.Value
	if f.sep != "" && f.allowLeading && s == f.sep {
		return nil
	}
	if !f.re.MatchString(s) {
		return []fresult{{msg: "must be " + f.typ + " case"}}
	}
	return nil
}

type enumerationFn struct{ values []any }

func decode(n *yaml.Node) any {
	var v any
	if n != nil {
		_ = n.Decode(&v)
	}
	return v
}

func buildEnumeration(file string, opts *yaml.Node) (function, error) {
	vals := load.Value(opts, "values")
	if vals == nil || vals.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("needs functionOptions values: a list")
	}
	var f enumerationFn
	for _, v := range vals.Content {
		f.values = append(f.values, decode(v))
	}
	return f, nil
}

func (f enumerationFn) call(c fcall) []fresult {
	switch typeOf(c.target) {
	case jsString, jsNumber, jsNull, jsBool:
	default:
		return nil
	}
	for _, v := range f.values {
		if equalJS(c.target, v) {
			return nil
		}
	}
	printed := make([]string, len(f.values))
	for i, v := range f.values {
		printed[i] = printAny(v)
	}
	return []fresult{{msg: `#{{print("value")}} must be equal to one of the allowed values: ` + strings.Join(printed, ", ")}}
}

type lengthFn struct {
	min, max       float64
	hasMin, hasMax bool
}

func buildLength(file string, opts *yaml.Node) (function, error) {
	var f lengthFn
	for i := 0; opts != nil && i+1 < len(opts.Content); i += 2 {
		k, v := opts.Content[i], opts.Content[i+1]
		var x float64
		if err := v.Decode(&x); err != nil {
			return nil, errAt(file, v, "function length: %s must be a number", k.Value)
		}
		switch k.Value {
		case "min":
			f.min, f.hasMin = x, true
		case "max":
			f.max, f.hasMax = x, true
		default:
			return nil, errAt(file, k, "function length: unknown option %q", k.Value)
		}
	}
	if !f.hasMin && !f.hasMax {
		return nil, fmt.Errorf("needs functionOptions min or max")
	}
	return f, nil
}

func (f lengthFn) call(c fcall) []fresult {
	var n float64
	switch typeOf(c.target) {
	case jsObject:
		n = float64(len(c.target.Content) / 2)
	case jsArray:
		n = float64(len(c.target.Content))
	case jsNumber:
		n = number(c.target)
	case jsString:
		n = float64(jsLength(c.target.Value))
	default:
		return nil
	}
	var out []fresult
	if f.hasMin && n < f.min {
		out = append(out, fresult{msg: fmt.Sprintf(`#{{print("property")}}must be longer than %v`, f.min)})
	}
	if f.hasMax && n > f.max {
		out = append(out, fresult{msg: fmt.Sprintf(`#{{print("property")}}must be shorter than %v`, f.max)})
	}
	return out
}

type alphabeticalFn struct {
	keyedBy string
	col     *collate.Collator
}

func buildAlphabetical(file string, opts *yaml.Node) (function, error) {
	f := alphabeticalFn{col: collate.New(language.English)}
	for i := 0; opts != nil && i+1 < len(opts.Content); i += 2 {
		switch k := opts.Content[i]; k.Value {
		case "keyedBy":
			f.keyedBy = opts.Content[i+1].Value
		default:
			return nil, errAt(file, k, "function alphabetical: unknown option %q", k.Value)
		}
	}
	return f, nil
}

// compare is Spectral's comparison: numbers numerically, strings by
// locale, anything else equal.
func (f alphabeticalFn) compare(a, b *pyaml.Node) int {
	ta, tb := typeOf(a), typeOf(b)
	numA := ta == jsNumber || (ta == jsString && math.IsNaN(jsNumberOf(a)))
	numB := tb == jsNumber || !math.IsNaN(jsNumberOf(b))
	if numA && numB {
		d := jsNumberOf(a) - jsNumberOf(b)
		switch {
		case d > 0:
			return 1
		case d < 0:
			return -1
		}
		return 0
	}
	if ta != jsString || tb != jsString {
		return 0
	}
	return f.col.CompareString(a.Value, b.Value)
}

// jsNumberOf is JavaScript's Number(x) for the scalar types.
func jsNumberOf(n *pyaml.Node) float64 {
	switch typeOf(n) {
	case jsNumber:
		return number(n)
	case jsNull:
		return 0
	case jsBool:
		if truthy(n) {
			return 1
		}
		return 0
	case jsString:
		s := strings.TrimSpace(n.Value)
		if s == "" {
			return 0
		}
		if !numeric.MatchString(s) {
			return math.NaN()
		}
		if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
			x, err := strconv.ParseInt(s[2:], 16, 64)
			if err != nil {
				return math.NaN()
			}
			return float64(x)
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return math.NaN()
		}
		return x
	}
	return math.NaN()
}

var numeric = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^0[xX][0-9a-fA-F]+$`)

func (f alphabeticalFn) call(c fcall) []fresult {
	t := c.target
	var items, at []*pyaml.Node
	switch typeOf(t) {
	case jsArray:
		items, at = t.Content, t.Content
	case jsObject:
		for i := 0; i+1 < len(t.Content); i += 2 {
			items = append(items, t.Content[i])
			at = append(at, t.Content[i])
		}
	default:
		return nil
	}
	if len(items) < 2 {
		return nil
	}
	if f.keyedBy != "" {
		keyed := make([]*pyaml.Node, len(items))
		for i, it := range items {
			if typeOf(it) != jsObject && typeOf(it) != jsArray {
				return []fresult{{msg: `#{{print("property")}}must be an object`}}
			}
			keyed[i] = get(it, f.keyedBy)
		}
		items = keyed
	}
	for _, it := range items {
		if tt := typeOf(it); tt != jsString && tt != jsNumber {
			return []fresult{{msg: `#{{print("property")}}must be one of the allowed types: number, string`}}
		}
	}
	for i := 0; i+1 < len(items); i++ {
		if f.compare(items[i], items[i+1]) >= 1 {
			if f.keyedBy != "" {
				return []fresult{{msg: "properties must follow the alphabetical order"}}
			}
			return []fresult{{msg: printValue(items[i]) + " must be placed after " + printValue(items[i+1]), at: at[i]}}
		}
	}
	return nil
}

type xorFn struct {
	props     []string
	exclusive bool
}

func buildXor(exclusive bool) func(string, *yaml.Node) (function, error) {
	return func(file string, opts *yaml.Node) (function, error) {
		ps := load.Value(opts, "properties")
		if ps == nil || ps.Kind != yaml.SequenceNode {
			return nil, fmt.Errorf("needs functionOptions properties: a list")
		}
		f := xorFn{exclusive: exclusive}
		for _, p := range ps.Content {
			f.props = append(f.props, p.Value)
		}
		return f, nil
	}
}

func (f xorFn) call(c fcall) []fresult {
	if typeOf(c.target) != jsObject || len(f.props) < 2 {
		return nil
	}
	var present []string
	for i := 0; i+1 < len(c.target.Content); i += 2 {
		if k := c.target.Content[i].Value; slices.Contains(f.props, k) {
			present = append(present, k)
		}
	}
	var out []fresult
	if len(present) == 0 {
		if len(f.props) > 4 {
			out = append(out, fresult{msg: `At least one of "` + strings.Join(f.props[:3], `" or "`) + fmt.Sprintf(`" or %d other properties must be defined`, len(f.props)-3)})
		} else {
			out = append(out, fresult{msg: `At least one of "` + strings.Join(f.props, `" or "`) + `" must be defined`})
		}
	}
	if f.exclusive && len(present) > 1 {
		out = append(out, fresult{msg: `Just one of "` + strings.Join(present, `" and "`) + `" must be defined`})
	}
	return out
}

type typedEnumFn struct{}

func (typedEnumFn) call(c fcall) []fresult {
	t := c.target
	if typeOf(t) != jsObject {
		return nil
	}
	enum, typ := get(t, "enum"), get(t, "type")
	if typeOf(enum) != jsArray || typ == nil {
		return nil
	}
	var types []string
	switch typeOf(typ) {
	case jsString:
		types = []string{typ.Value}
	case jsArray:
		for _, x := range typ.Content {
			if typeOf(x) != jsString {
				return nil
			}
			types = append(types, x.Value)
		}
	default:
		return nil
	}
	if truthy(get(t, "nullable")) && (c.doc.formats["oas3_0"] || c.doc.formats["oas2"]) && !slices.Contains(types, "null") {
		types = append(types, "null")
	}
	checkInt := slices.Contains(types, "integer")
	var out []fresult
	for _, v := range enum.Content {
		vt := dataType(v, checkInt)
		if slices.Contains(types, vt) || (vt == "integer" && slices.Contains(types, "number")) {
			continue
		}
		want := types[0]
		if typeOf(typ) == jsArray {
			want = strings.Join(types, ",")
		}
		out = append(out, fresult{msg: "Enum value " + printValue(v) + ` must be "` + want + `".`, at: v})
	}
	return out
}

func dataType(n *pyaml.Node, checkInt bool) string {
	switch typeOf(n) {
	case jsNull:
		return "null"
	case jsBool:
		return "boolean"
	case jsNumber:
		if f := number(n); checkInt && f == math.Trunc(f) && !math.IsInf(f, 0) {
			return "integer"
		}
		return "number"
	case jsString:
		return "string"
	case jsArray:
		return "array"
	}
	return "object"
}

type unreferencedFn struct{ location string }

func buildUnreferenced(file string, opts *yaml.Node) (function, error) {
	loc := load.Value(opts, "reusableObjectsLocation")
	if loc == nil || !strings.HasPrefix(loc.Value, "#") {
		return nil, fmt.Errorf(`needs functionOptions reusableObjectsLocation, a local JSON pointer such as "#/components/schemas"`)
	}
	return unreferencedFn{location: strings.TrimPrefix(loc.Value, "#")}, nil
}

func (f unreferencedFn) call(c fcall) []fresult {
	if typeOf(c.target) != jsObject {
		return nil
	}
	refs := c.doc.localRefs()
	var out []fresult
	for i := 0; i+1 < len(c.target.Content); i += 2 {
		k := c.target.Content[i]
		if !refs[load.Join(f.location, k.Value)] {
			out = append(out, fresult{msg: "Potential orphaned reusable object has been detected", at: c.target.Content[i+1]})
		}
	}
	return out
}
