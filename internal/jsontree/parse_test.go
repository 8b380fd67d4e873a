package jsontree

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// stdDecode is encoding/json's verdict and value for data (UseNumber, so
// that numbers keep their literal).
func stdDecode(data []byte) (any, bool) {
	if !json.Valid(data) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	return v, true
}

// agree fails t when Parse and encoding/json disagree on data.
func agree(t *testing.T, data []byte) {
	t.Helper()
	want, ok := stdDecode(data)
	n, err := Parse(data)
	if ok != (err == nil) {
		t.Fatalf("%.80q: encoding/json accepts: %v; Parse error: %v", data, ok, err)
	}
	if ok && !reflect.DeepEqual(n.Value(), want) {
		t.Fatalf("%.80q: Parse = %#v, encoding/json = %#v", data, n.Value(), want)
	}
}

var seeds = []string{
	`{"a": [1, -2.5e3, true, false, null, "x"], "b": {}}`,
	`"\\'"`, `"\/"`, `"\\/"`, `"\ud83d\ude00"`, `"\ud83d"`, `"\ude00\ud83d"`, `"\ud83d\u0041"`, `"\uD83D\uDE00"`,
	`"a\"b\\c\/d\b\f\n\r\t\u00e9"`, `"é ☃ 😀"`, "\"\xff\xfe\"", "\"a\xc3\"", `"\x"`, `"\u12"`, `"\u12G4"`, "\"\t\"",
	`01`, `1.`, `.5`, `-`, `-0`, `1e`, `1e+`, `1E-7`, `+1`, `1e400`, `123456789012345678901234567890`,
	`tru`, `truex`, `nul`, `[1,]`, `{"a":1,}`, `{,}`, `[1 2]`, `{"a" 1}`, `{1:2}`, `{"a":1}x`, ` `, ``,
	"\ufeff{}", `{"a":1,"a":2}`, `[[[[]]]]`, "[\n1\n,\n2\n]", `"unterminated`, `"\`,
}

func TestAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range seeds {
		agree(t, []byte(s))
	}
	for _, depth := range []int{MaxDepth - 1, MaxDepth, MaxDepth + 1} {
		agree(t, []byte(strings.Repeat("[", depth)+strings.Repeat("]", depth)))
		agree(t, []byte(strings.Repeat(`{"a":`, depth)+"1"+strings.Repeat("}", depth)))
	}
}

// FuzzAgreesWithEncodingJSON: for any input, Parse accepts exactly what
// encoding/json accepts and yields the same value.
func FuzzAgreesWithEncodingJSON(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { agree(t, data) })
}

// The escapes the hand-written readers got wrong decode as encoding/json
// decodes them.
func TestEscapes(t *testing.T) {
	for in, want := range map[string]string{
		`"\\'"`:          `\'`,
		`"\/"`:           `/`,
		`"\\/"`:          `\/`,
		`"\ud83d\ude00"`: "😀",
		`"\ud83d"`:       "\uFFFD",
		`"\ud83dx"`:      "\uFFFDx",
	} {
		n, err := Parse([]byte(in))
		if err != nil || n.Text != want {
			t.Errorf("Parse(%s) = %v, %v; want %q", in, n, err, want)
		}
	}
}

func TestPositions(t *testing.T) {
	n, err := Parse([]byte("{\n  \"é\": [1, \"x\"],\n\t\"b\": null}"))
	if err != nil {
		t.Fatal(err)
	}
	got := []Pos{n.Pos, n.Members[0].Pos, n.Members[0].Value.Pos, n.Members[0].Value.Elems[1].Pos, n.Members[1].Pos, n.Members[1].Value.Pos}
	want := []Pos{{1, 1}, {2, 3}, {2, 8}, {2, 12}, {3, 2}, {3, 7}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("positions %v, want %v", got, want)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"{\n  \"a\": 1,,\n}", "2:10: expected a string key"},
		{"{\"a\": \"b", "1:9: unterminated string"},
		{"{} x", "1:4: unexpected 'x' after the top-level value"},
		{"[tru]", "1:2: invalid literal"},
		{"[1-2]", "1:2: invalid number \"1-2\""},
		{"[01]", "1:2: invalid number \"01\""},
		{`["\x"]`, "1:2: invalid escape in string"},
		{"[\"a\tb\"]", "1:4: control character in string"},
		{"{\"a\": 1", "1:8: unexpected end of input in object"},
		{"[1", "1:3: unexpected end of input in array"},
		{"{\"a\": 1,", "1:9: unexpected end of input in object"},
		{"", "1:1: unexpected end of input"},
		{`{"a":}`, "1:6: unexpected character '}'"},
		{`{"a" 1}`, "1:6: expected ':' after object key"},
		{"[1 2]", "1:4: expected ',' or ']' in array"},
		{strings.Repeat("[", MaxDepth+1), "1:10001: nesting deeper than 10000"},
	} {
		_, err := Parse([]byte(tc.in))
		se, ok := err.(*SyntaxError)
		if !ok {
			t.Errorf("Parse(%.40q) error = %v, want a *SyntaxError", tc.in, err)
			continue
		}
		if got := fmt.Sprintf("%d:%d: %s", se.Pos.Line, se.Pos.Column, se.Msg); got != tc.want {
			t.Errorf("Parse(%.40q) error %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	if _, bad := InvalidUTF8([]byte("ok é")); bad {
		t.Error("valid UTF-8 reported invalid")
	}
	if at, bad := InvalidUTF8([]byte("a\nbé\xff")); !bad || at != (Pos{2, 3}) {
		t.Errorf("InvalidUTF8 = %v, %v; want 2:3", at, bad)
	}
}
