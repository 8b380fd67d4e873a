package ruleset

import (
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf16"

	pyaml "github.com/pb33f/go-yaml"
)

// JavaScript's view of a YAML node, which Spectral's functions judge: a
// nil node is undefined.
type jsType int

const (
	jsUndefined jsType = iota
	jsNull
	jsBool
	jsNumber
	jsString
	jsArray
	jsObject
)

func typeOf(n *pyaml.Node) jsType {
	if n == nil {
		return jsUndefined
	}
	switch n.Kind {
	case pyaml.MappingNode:
		return jsObject
	case pyaml.SequenceNode:
		return jsArray
	}
	switch n.ShortTag() {
	case "!!null":
		return jsNull
	case "!!bool":
		return jsBool
	case "!!int", "!!float":
		return jsNumber
	}
	return jsString
}

func number(n *pyaml.Node) float64 {
	if n.ShortTag() == "!!int" {
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return float64(i)
		}
	}
	switch n.Value {
	case ".nan", ".NaN", ".NAN":
		return math.NaN()
	case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
		return math.Inf(1)
	case "-.inf", "-.Inf", "-.INF":
		return math.Inf(-1)
	}
	f, _ := strconv.ParseFloat(n.Value, 64)
	return f
}

func truthy(n *pyaml.Node) bool {
	switch typeOf(n) {
	case jsUndefined, jsNull:
		return false
	case jsBool:
		return n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
	case jsNumber:
		f := number(n)
		return f != 0 && !math.IsNaN(f)
	case jsString:
		return n.Value != ""
	}
	return true
}

// jsLength is a string's length in UTF-16 code units, as JavaScript counts.
func jsLength(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// toJSON converts a node to the values encoding/json produces (numbers as
// json.Number), for JSON Schema validation and comparisons.
func toJSON(n *pyaml.Node) any {
	switch typeOf(n) {
	case jsNull, jsUndefined:
		return nil
	case jsBool:
		return truthy(n)
	case jsNumber:
		f := number(n)
		if n.ShortTag() == "!!int" {
			return json.Number(strconv.FormatFloat(f, 'f', -1, 64))
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
	case jsString:
		return n.Value
	case jsArray:
		out := make([]any, len(n.Content))
		for i, c := range n.Content {
			out[i] = toJSON(c)
		}
		return out
	}
	out := make(map[string]any, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out[n.Content[i].Value] = toJSON(n.Content[i+1])
	}
	return out
}

// equalJS is JavaScript's === between a node and a decoded option value.
func equalJS(n *pyaml.Node, v any) bool {
	switch x := v.(type) {
	case nil:
		return typeOf(n) == jsNull
	case bool:
		return typeOf(n) == jsBool && truthy(n) == x
	case string:
		return typeOf(n) == jsString && n.Value == x
	case int:
		return typeOf(n) == jsNumber && number(n) == float64(x)
	case float64:
		return typeOf(n) == jsNumber && number(n) == x
	}
	return false
}

// printValue renders a value as Spectral's messages do.
func printValue(n *pyaml.Node) string {
	switch typeOf(n) {
	case jsUndefined:
		return "undefined"
	case jsArray:
		return "Array[]"
	case jsObject:
		return "Object{}"
	case jsString:
		b, _ := json.Marshal(n.Value)
		return string(b)
	case jsNull:
		return "null"
	case jsBool:
		return strconv.FormatBool(truthy(n))
	}
	return strconv.FormatFloat(number(n), 'f', -1, 64)
}

func printAny(v any) string {
	if v == nil {
		return "null"
	}
	switch v.(type) {
	case []any:
		return "Array[]"
	case map[string]any:
		return "Object{}"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// get returns the value of key in a mapping node, or nil.
func get(n *pyaml.Node, key string) *pyaml.Node {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case pyaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1]
			}
		}
	case pyaml.SequenceNode:
		if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	}
	return nil
}
