package load

import (
	"strings"

	"github.com/contractctl/contractctl/finding"
	yaml "go.yaml.in/yaml/v3"
)

// IgnoreKey is the extension that silences rules on an object and
// everything under it: x-contractctl-ignore: [rule-id, ...] (or a single
// rule ID, or "all").
const IgnoreKey = "x-contractctl-ignore"

// DropInlineIgnored removes the findings silenced by x-contractctl-ignore
// on the object they point at or on any object above it, in the file the
// finding names as read by l (lint: the linted file; diff: the head
// document). It reuses fs's backing array.
func DropInlineIgnored(l *Loader, fs []finding.Finding) []finding.Finding {
	out := fs[:0]
	for _, f := range fs {
		if !InlineIgnored(l, f.File, f.Pointer, f.Rule) {
			out = append(out, f)
		}
	}
	return out
}

// InlineIgnored reports whether rule is silenced at pointer of file: the
// document root or an object on the way down to pointer lists it under
// IgnoreKey. A pointer that leaves the document part-way (a removal
// reported at a place the file no longer has) is judged by the objects
// that still exist above it.
func InlineIgnored(l *Loader, file, pointer, rule string) bool {
	if l == nil || pointer == "" || !strings.HasPrefix(pointer, "/") {
		return false
	}
	f, err := l.Load(file)
	if err != nil || f.Root == nil {
		return false
	}
	n := Deref(f.Root)
	if ignores(n, rule) {
		return true
	}
	for _, tok := range Split(pointer) {
		_, next := Lookup(n, "/"+Escape(tok))
		if next == nil {
			return false
		}
		n = next
		if ignores(n, rule) {
			return true
		}
	}
	return false
}

func ignores(n *yaml.Node, rule string) bool {
	v := Value(n, IgnoreKey)
	if v == nil {
		return false
	}
	if v.Kind == yaml.ScalarNode {
		return v.Value == rule || v.Value == "all"
	}
	for _, e := range v.Content {
		if e.Value == rule || e.Value == "all" {
			return true
		}
	}
	return false
}
