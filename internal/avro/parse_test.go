package avro

import (
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // error prefix after "x.avsc"
	}{
		{"empty input", ``, `:1:1: invalid JSON: unexpected end of input`},
		{"blank input", "  \n ", `:2:2: invalid JSON: unexpected end`},
		{"truncated object", `{"type": "record",`, `:1:19: invalid JSON: unexpected end`},
		{"bad literal", "{\"a\":\n tru}", `:2:2: invalid JSON: invalid literal`},
		{"trailing data", `"int" "long"`, `:1:7: invalid JSON: unexpected '"' after the top-level value`},
		{"unknown type", "{\n  \"type\": \"record\", \"name\": \"R\",\n  \"fields\": [{\"name\": \"a\", \"type\": \"Foo\"}]\n}",
			`:3:36: invalid Avro schema: unknown type "Foo"`},
		{"number as schema", `42`, `:1:1: invalid Avro schema: a schema must be`},
		{"union member not a schema", `["int", true]`, `:1:9: invalid Avro schema: a schema must be`},
		{"object without type", `{"name":"x"}`, `:1:1: invalid Avro schema: schema object has no "type"`},
		{"nested type object", `{"type":{"type":"int"}}`, `:1:9: invalid Avro schema: "type" of a schema object must be a string`},
		{"record without name", `{"type":"record","fields":[]}`, `:1:1: invalid Avro schema: record schema needs a non-empty string "name"`},
		{"record without fields", `{"type":"record","name":"R"}`, `:1:1: invalid Avro schema: record "R" needs a "fields" array`},
		{"invalid name", `{"type":"record","name":"1R","fields":[]}`, `:1:25: invalid Avro schema: invalid name "1R"`},
		{"invalid namespace", `{"type":"record","name":"R","namespace":"a..b","fields":[]}`, `:1:41: invalid Avro schema: invalid namespace "a..b"`},
		{"primitive as name", `{"type":"fixed","name":"int","size":1}`, `:1:24: invalid Avro schema: "int" is a primitive type name`},
		{"field without type", `{"type":"record","name":"R","fields":[{"name":"a"}]}`, `:1:39: invalid Avro schema: field "a" has no "type"`},
		{"field not an object", `{"type":"record","name":"R","fields":["a"]}`, `:1:39: invalid Avro schema: a record field must be an object`},
		{"invalid field name", `{"type":"record","name":"R","fields":[{"name":"a-b","type":"int"}]}`, `:1:47: invalid Avro schema: invalid field name "a-b"`},
		{"duplicate field", `{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]}`,
			`:1:65: invalid Avro schema: duplicate field "a" in record "R"`},
		{"redefined type", `{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"record","name":"R","fields":[]}}]}`,
			`:1:82: invalid Avro schema: type "R" is already defined`},
		{"aliases not strings", `{"type":"record","name":"R","aliases":[1],"fields":[]}`, `:1:40: invalid Avro schema: "aliases" must be an array of strings`},
		{"enum without symbols", `{"type":"enum","name":"E"}`, `:1:1: invalid Avro schema: enum "E" needs a "symbols" array`},
		{"duplicate enum symbol", `{"type":"enum","name":"E","symbols":["A","A"]}`, `:1:42: invalid Avro schema: duplicate enum symbol "A"`},
		{"invalid enum symbol", `{"type":"enum","name":"E","symbols":["A B"]}`, `:1:38: invalid Avro schema: invalid enum symbol "A B"`},
		{"enum default not a symbol", `{"type":"enum","name":"E","symbols":["A"],"default":"B"}`, `:1:53: invalid Avro schema: enum default "B" is not one of the symbols`},
		{"enum default not a string", `{"type":"enum","name":"E","symbols":["A"],"default":1}`, `:1:53: invalid Avro schema: enum default must be a string`},
		{"fixed without size", `{"type":"fixed","name":"F"}`, `:1:1: invalid Avro schema: fixed "F" needs a numeric "size"`},
		{"negative fixed size", `{"type":"fixed","name":"F","size":-1}`, `:1:35: invalid Avro schema: fixed size -1 is not a non-negative integer`},
		{"fractional fixed size", `{"type":"fixed","name":"F","size":1.5}`, `:1:35: invalid Avro schema: fixed size 1.5`},
		{"array without items", `{"type":"array"}`, `:1:1: invalid Avro schema: array schema has no "items"`},
		{"map without values", `{"type":"map"}`, `:1:1: invalid Avro schema: map schema has no "values"`},
		{"duplicate union branch", `["int","int"]`, `:1:8: invalid Avro schema: duplicate int in union`},
		{"duplicate named union branch", `[{"type":"fixed","name":"F","size":1},"F"]`, `:1:39: invalid Avro schema: duplicate fixed f in union`},
		{"nested union", `["null",["int"]]`, `:1:9: invalid Avro schema: a union cannot directly contain another union`},
		// Java Avro would resolve "F" in the null namespace; hamba/avro, our
		// validator, does not.
		{"reference to the null namespace from a namespace (hamba)", `{"type":"record","name":"Outer","fields":[
			{"name":"a","type":{"type":"fixed","name":"F","size":1}},
			{"name":"b","type":{"type":"record","name":"In","namespace":"n","fields":[{"name":"c","type":"F"}]}}]}`,
			`: invalid Avro schema: avro: unknown type: F`},
		{"invalid default (hamba)", `{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":"x"}]}`,
			`: invalid Avro schema: avro: invalid default for field a`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("x.avsc", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded: %s", s.Canonical())
			}
			if want := "x.avsc" + tt.want; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error\n  %s\nwant prefix\n  %s", err, want)
			}
		})
	}
}

func TestParseValid(t *testing.T) {
	tests := []struct {
		name, src      string
		typ            Type
		fullName       string
		canonical, pcf string
	}{
		{name: "primitive", src: `"int"`, typ: Int, canonical: `"int"`, pcf: `"int"`},
		{name: "primitive object", src: ` { "type" : "long" } `, typ: Long, canonical: `"long"`, pcf: `"long"`},
		{name: "logical type kept in canonical, dropped in PCF", src: `{"type":"int","logicalType":"date"}`, typ: Int,
			canonical: `{"type":"int","logicalType":"date"}`, pcf: `"int"`},
		{name: "empty union", src: `[]`, typ: Union, canonical: `[]`, pcf: `[]`},
		{name: "namespaces resolved to full names",
			src: `{"type":"record","name":"R","namespace":"a.b","doc":"d","fields":[
				{"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y"],"default":"X"},"default":"Y","order":"descending"},
				{"name":"f","type":{"type":"fixed","name":"c.F","size":2}},
				{"name":"g","type":["null","E","c.F",{"type":"map","values":"R"}],"aliases":["h"]}]}`,
			typ: Record, fullName: "a.b.R",
			canonical: `{"name":"a.b.R","type":"record","fields":[{"name":"e","type":{"name":"a.b.E","type":"enum","symbols":["X","Y"],"default":"X"},"default":"Y","order":"descending"},` +
				`{"name":"f","type":{"name":"c.F","type":"fixed","size":2}},{"name":"g","type":["null","a.b.E","c.F",{"type":"map","values":"a.b.R"}],"aliases":["h"]}],"doc":"d"}`,
			pcf: `{"name":"a.b.R","type":"record","fields":[{"name":"e","type":{"name":"a.b.E","type":"enum","symbols":["X","Y"]}},` +
				`{"name":"f","type":{"name":"c.F","type":"fixed","size":2}},{"name":"g","type":["null","a.b.E","c.F",{"type":"map","values":"a.b.R"}]}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("x.avsc", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if s.Type() != tt.typ || s.FullName() != tt.fullName || s.File() != "x.avsc" {
				t.Errorf("Type, FullName, File = %v, %q, %q", s.Type(), s.FullName(), s.File())
			}
			if s.Canonical() != tt.canonical {
				t.Errorf("Canonical\n  %s\nwant\n  %s", s.Canonical(), tt.canonical)
			}
			if s.ParsingCanonicalForm() != tt.pcf {
				t.Errorf("ParsingCanonicalForm\n  %s\nwant\n  %s", s.ParsingCanonicalForm(), tt.pcf)
			}
			again, err := Parse("again.avsc", []byte(s.Canonical()))
			if err != nil {
				t.Fatalf("canonical form does not parse: %v", err)
			}
			if again.Canonical() != s.Canonical() {
				t.Errorf("canonical form is not stable:\n  %s\n  %s", again.Canonical(), s.Canonical())
			}
		})
	}
}

func TestCanonicalEquality(t *testing.T) {
	tests := []struct {
		name  string
		a, b  string
		equal bool
	}{
		{"whitespace and attribute order", `{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}`,
			"{\n \"fields\": [ {\"type\": \"int\", \"name\": \"a\"} ],\n \"name\": \"R\", \"type\": \"record\"\n}", true},
		{"namespace attribute vs dotted name", `{"type":"enum","name":"E","namespace":"n","symbols":["A"]}`,
			`{"type":"enum","name":"n.E","symbols":["A"]}`, true},
		{"primitive string vs object", `"string"`, `{"type":"string"}`, true},
		{"added default is a new version", `{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}`,
			`{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":1}]}`, false},
		{"doc change is a new version", `{"type":"fixed","name":"F","size":1}`, `{"type":"fixed","name":"F","size":1,"doc":"x"}`, false},
		{"field order matters", `{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]}`,
			`{"type":"record","name":"R","fields":[{"name":"b","type":"int"},{"name":"a","type":"int"}]}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := mustParse(t, "a", tt.a), mustParse(t, "b", tt.b)
			if got := a.Canonical() == b.Canonical(); got != tt.equal {
				t.Errorf("equal = %v, want %v\n  %s\n  %s", got, tt.equal, a.Canonical(), b.Canonical())
			}
		})
	}
}

func TestPosition(t *testing.T) {
	s := mustParse(t, "p.avsc", "{\n  \"type\": \"record\", \"name\": \"R\",\n  \"fields\": [\n    {\"name\": \"a\", \"type\": [\"null\", \"int\"], \"x/y\": 1, \"m~n\": 2}\n  ]\n}")
	tests := []struct {
		pointer string
		want    Pos
		ok      bool
	}{
		{"/", Pos{Line: 1, Column: 1}, true},
		{"", Pos{Line: 1, Column: 1}, true},
		{"/name", Pos{Line: 2, Column: 29}, true},
		{"/fields/0", Pos{Line: 4, Column: 5}, true},
		{"/fields/0/type/1", Pos{Line: 4, Column: 36}, true},
		{"/fields/0/x~1y", Pos{Line: 4, Column: 51}, true},
		{"/fields/0/m~0n", Pos{Line: 4, Column: 61}, true},
		{"/fields/0/type/2", Pos{Line: 4, Column: 27}, false},
		{"/fields/7/type", Pos{Line: 3, Column: 13}, false},
		{"/name/deeper", Pos{Line: 2, Column: 29}, false},
	}
	for _, tt := range tests {
		got, ok := s.Position(tt.pointer)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Position(%q) = %v, %v; want %v, %v", tt.pointer, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPrimitiveNames(t *testing.T) {
	for typ := Null; typ <= Fixed; typ++ {
		got, ok := primitive(strings.ToLower(typ.String()))
		if want := typ <= String; ok != want || ok && got != typ {
			t.Errorf("primitive(%q) = %v, %v", strings.ToLower(typ.String()), got, ok)
		}
	}
	if _, ok := primitive("Int"); ok {
		t.Error(`primitive("Int") is a type`)
	}
}
