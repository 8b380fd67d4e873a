package avro

import (
	"slices"
	"sync"

	"github.com/contractctl/contractctl/internal/compat"
)

// This file is the checker's fast path: Compatible decides whether Check
// would report nothing, without building locations, messages or issues. It
// walks the pairs exactly as the walker of check.go does (same order, same
// memo, same recursion cut, nothing skipped that the walker computes), so
// its memo holds at every step whether the walker's memo entry is empty,
// and its answer is len(Check(reader, writer)) == 0.

var _ compat.Decider = Checker{}

// NewChecker returns a Checker that reuses its fast path's memo tables
// across checks (the zero Checker allocates them per check).
func NewChecker() Checker {
	return Checker{memos: &sync.Pool{}}
}

// Compatible reports whether Check(reader, writer) reports no issue, i.e.
// whether reader can read all data written with writer.
func (c Checker) Compatible(reader, writer compat.Schema) bool {
	r, rok := reader.(*Schema)
	w, wok := writer.(*Schema)
	if !rok || !wok || r == nil || w == nil {
		return false // DIFFERENT_SCHEMA_TYPE
	}
	var d *decider
	if c.memos != nil {
		d, _ = c.memos.Get().(*decider)
	}
	if d == nil {
		d = &decider{}
	}
	d.reset(r.nodes, w.nodes)
	ok := d.compatibility(r.root, w.root) && !d.abort
	if c.memos != nil {
		c.memos.Put(d)
	}
	return ok
}

// Memo states of a (reader, writer) pair.
const (
	unseen     uint8 = iota
	inProgress       // counts as compatible: the recursion cut
	compatible       // computed, no issue
	failed           // computed, at least one issue
)

// denseLimit bounds the memo table indexed by node ids; larger pairs of
// schemas use a map.
const denseLimit = 1 << 16

// decider holds the state of one fast check.
type decider struct {
	dense  []uint8 // (reader id-1)*nW + writer id-1 → state, when used
	nW     int
	dirty  []int          // the entries of dense set since reset
	sparse map[pair]uint8 // otherwise
	abort  bool           // the walker would report UNEXPECTED_EXCEPTION
}

func (d *decider) reset(nR, nW int) {
	d.abort = false
	for _, i := range d.dirty { // the whole backing array is unseen again
		d.dense[i] = unseen
	}
	d.dirty = d.dirty[:0]
	if nR*nW <= denseLimit {
		if cap(d.dense) < nR*nW {
			d.dense = make([]uint8, nR*nW)
		} else {
			d.dense = d.dense[:nR*nW]
		}
		d.nW, d.sparse = nW, nil
		return
	}
	d.sparse = map[pair]uint8{}
}

func (d *decider) get(r, w *node) uint8 {
	if d.sparse != nil {
		return d.sparse[pair{r, w}]
	}
	return d.dense[(r.id-1)*d.nW+w.id-1]
}

func (d *decider) set(r, w *node, s uint8) {
	if d.sparse != nil {
		d.sparse[pair{r, w}] = s
		return
	}
	i := (r.id-1)*d.nW + w.id - 1
	if d.dense[i] == unseen {
		d.dirty = append(d.dirty, i)
	}
	d.dense[i] = s
}

// compatibility is walker.compatibility (and walker.fresh).
func (d *decider) compatibility(r, w *node) bool {
	switch d.get(r, w) {
	case inProgress, compatible:
		return true
	case failed:
		return false
	}
	d.set(r, w, inProgress)
	ok := d.calculate(r, w)
	if ok {
		d.set(r, w, compatible)
	} else {
		d.set(r, w, failed)
	}
	return ok
}

// calculate is walker.calculate.
func (d *decider) calculate(r, w *node) bool {
	if d.abort {
		return true
	}
	if r.typ == w.typ {
		return d.sameType(r, w)
	}
	if w.typ == Union {
		ok := true
		for _, b := range w.branches { // every branch, as the walker does
			if !d.compatibility(r, b) {
				ok = false
			}
		}
		return ok
	}
	switch r.typ {
	case Long:
		if w.typ == Int {
			return true
		}
	case Float:
		if w.typ == Int || w.typ == Long {
			return true
		}
	case Double:
		if w.typ == Int || w.typ == Long || w.typ == Float {
			return true
		}
	case Bytes:
		if w.typ == String {
			return true
		}
	case String:
		if w.typ == Bytes {
			return true
		}
	case Union:
		for _, b := range r.branches {
			if d.compatibility(b, w) {
				return true
			}
		}
		return false
	}
	return false
}

// sameType is walker.sameType.
func (d *decider) sameType(r, w *node) bool {
	switch r.typ {
	case Array:
		return d.compatibility(r.items, w.items)
	case Map:
		return d.compatibility(r.values, w.values)
	case Fixed:
		return namesMatch(r, w) && r.size == w.size
	case Enum:
		return namesMatch(r, w) && symbolsCovered(r, w)
	case Record:
		names := namesMatch(r, w)
		fields := d.checkFields(r, w) // always walked, as the walker does
		return names && fields
	case Union:
		ok := true
		for _, b := range w.branches {
			if !d.compatibility(r, b) {
				ok = false
			}
		}
		return ok
	}
	return true
}

// namesMatch is checkNames without an issue.
func namesMatch(r, w *node) bool {
	return r.name == w.name || slices.Contains(r.aliases, w.fullName())
}

// symbolsCovered is checkSymbols without an issue.
func symbolsCovered(r, w *node) bool {
	if r.enumDefault != nil && slices.Contains(r.symbols, *r.enumDefault) {
		return true
	}
	for _, s := range w.symbols {
		if !slices.Contains(r.symbols, s) {
			return false
		}
	}
	return true
}

// checkFields is walker.checkFields.
func (d *decider) checkFields(r, w *node) bool {
	ok := true
	for i, rf := range r.fields {
		var wf *field
		if len(rf.aliases) == 0 {
			wf = writerField(w, rf.name)
		} else {
			var exception string
			if wf, exception = lookupWriterField(w, rf, i); exception != "" {
				d.abort = true
				return true
			}
		}
		switch {
		case wf != nil:
			if !d.compatibility(rf.typ, wf.typ) {
				ok = false
			}
		case rf.hasDefault():
		case rf.typ.typ == Enum && rf.typ.enumDefault != nil:
			if !d.compatibility(rf.typ, w) {
				ok = false
			}
		default:
			ok = false
		}
		if d.abort {
			return true
		}
	}
	return ok
}

// writerField is lookupWriterField for a reader field without aliases: the
// first writer field of that name (one name cannot match several).
func writerField(w *node, name string) *field {
	for _, wf := range w.fields {
		if wf.name == name {
			return wf
		}
	}
	return nil
}
