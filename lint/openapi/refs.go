package openapi

import (
	"errors"
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/contractctl/contractctl/internal/load"
)

// refKey identifies one $ref as written: the file it is written in and
// its value. Equal refs in one file resolve to the same target.
type refKey struct {
	file *load.File
	ref  string
}

type refTarget struct {
	loc  Loc
	node *yaml.Node
	ok   bool
}

// maxRefHops bounds a chain of references to references.
const maxRefHops = 64

// follow resolves n while it is a reference object and returns where the
// final target is written. Each distinct $ref is resolved once; a $ref
// that cannot be resolved is reported once, as oas-valid at the $ref key.
// A referenced file that is not valid YAML or JSON is an input error,
// kept in w.inputErr for Lint to return.
func (w *walker) follow(at Loc, n *yaml.Node) (Loc, *yaml.Node, bool) {
	n = load.Deref(n)
	for range maxRefHops {
		k, v := load.Get(n, "$ref")
		if k == nil {
			return at, n, true
		}
		refLoc := Loc{File: at.File, Pointer: load.Join(at.Pointer, "$ref"), Key: k}
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			w.invalid(refLoc, "$ref must be a string (an unquoted # starts a YAML comment; quote the reference)")
			return at, nil, false
		}
		t, seen := w.refs[refKey{at.File, v.Value}]
		if !seen {
			t = w.resolve(at.File, refLoc, v.Value)
			w.refs[refKey{at.File, v.Value}] = t
		}
		if !t.ok {
			return at, nil, false
		}
		at, n = t.loc, t.node
	}
	w.invalid(at, "$ref chain is circular or longer than %d references; point the $ref at a definition", maxRefHops)
	return at, nil, false
}

func (w *walker) resolve(from *load.File, refLoc Loc, ref string) refTarget {
	if w.loader.AllowRemote && isRemote(ref) {
		// Allowed but not fetched: the target is simply not linted.
		return refTarget{}
	}
	t, err := w.loader.Resolve(from, refLoc.Key, ref)
	if err != nil {
		var le *load.Error
		if errors.As(err, &le) && le.File != from.Name {
			// The referenced file exists but does not parse.
			if w.inputErr == nil {
				w.inputErr = fmt.Errorf("%w", err)
			}
			return refTarget{}
		}
		msg := err.Error()
		if le != nil {
			msg = le.Msg
		}
		w.invalid(refLoc, "%s; fix the reference", msg)
		return refTarget{}
	}
	return refTarget{loc: Loc{File: t.File, Pointer: t.Pointer, Key: t.Key}, node: load.Deref(t.Node), ok: true}
}

func isRemote(ref string) bool {
	return strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://")
}
