package avro

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/contractctl/contractctl/internal/compat"
)

// Incompatibility types, as Java Avro's SchemaIncompatibilityType names them.
const (
	NameMismatch                   = "NAME_MISMATCH"
	FixedSizeMismatch              = "FIXED_SIZE_MISMATCH"
	MissingEnumSymbols             = "MISSING_ENUM_SYMBOLS"
	ReaderFieldMissingDefaultValue = "READER_FIELD_MISSING_DEFAULT_VALUE"
	TypeMismatch                   = "TYPE_MISMATCH"
	MissingUnionBranch             = "MISSING_UNION_BRANCH"

	// UnexpectedException is reported alone when Java Avro's checker would
	// throw (a reader field whose name and aliases match several writer
	// fields); Confluent then answers "Unexpected exception during
	// compatibility check: ..." and treats the pair as incompatible.
	UnexpectedException = "UNEXPECTED_EXCEPTION"
	// DifferentSchemaType is reported when one side is not an Avro schema
	// (Confluent: "Incompatible because of different schema type").
	DifferentSchemaType = "DIFFERENT_SCHEMA_TYPE"
)

// Checker checks Avro reader/writer compatibility. It implements
// compat.Checker and compat.Decider; the zero value is ready to use and it
// is safe for concurrent use (all state lives in one call; NewChecker's
// pool only lends memo tables to one call at a time).
type Checker struct {
	memos *sync.Pool // of *decider; nil: allocate per call
}

var _ compat.Checker = Checker{}

// Check reports every reason reader cannot read data written with writer,
// in the order Java Avro's SchemaCompatibility reports them. Paths are Java's
// JSON-pointer locations in the reader schema; Line/Column locate the
// reader (new) schema node in its source.
func (Checker) Check(reader, writer compat.Schema) []compat.Issue {
	r, rok := reader.(*Schema)
	w, wok := writer.(*Schema)
	if !rok || !wok || r == nil || w == nil {
		return []compat.Issue{{Type: DifferentSchemaType, Path: "/", Message: "Incompatible because of different schema type"}}
	}
	return CheckNodes(r, w)
}

// CheckNodes is Check on two parsed Avro schemas.
func CheckNodes(reader, writer *Schema) []compat.Issue {
	c := &walker{memo: map[pair]*result{}}
	res := c.compatibility(rootToken, reader.root, writer.root, nil)
	if c.abort != nil {
		return []compat.Issue{*c.abort}
	}
	out := make([]compat.Issue, 0, len(res))
	return append(out, res...)
}

// rootToken is Java's location token for the top-level schema; it is not
// part of rendered paths.
const rootToken = ""

type pair struct{ reader, writer *node }

// result is a memoised outcome: the incompatibilities found, with the
// locations they had when first computed (a later hit on the same pair
// reuses them unchanged, as Java does).
type result struct {
	inProgress bool
	issues     []compat.Issue
}

// walker holds the state of one compatibility check.
type walker struct {
	memo  map[pair]*result
	abort *compat.Issue
}

// location is the stack of reference tokens, root first.
type location []string

func (l location) String() string {
	if len(l) <= 1 {
		return "/"
	}
	var b strings.Builder
	for _, tok := range l[1:] {
		b.WriteByte('/')
		tok = strings.ReplaceAll(tok, "~", "~0")
		b.WriteString(strings.ReplaceAll(tok, "/", "~1"))
	}
	return b.String()
}

func issue(typ string, at Pos, loc location, msg string) []compat.Issue {
	return []compat.Issue{{Type: typ, Path: loc.String(), Message: msg, Line: at.Line, Column: at.Column}}
}

// compatibility pushes token, looks the pair up in the memo (a pair still
// being computed counts as compatible: the recursion cut) and computes it
// otherwise.
func (c *walker) compatibility(token string, r, w *node, loc location) []compat.Issue {
	loc = append(loc, token)
	key := pair{r, w}
	if m, ok := c.memo[key]; ok {
		if m.inProgress {
			return nil
		}
		return m.issues
	}
	m := &result{inProgress: true}
	c.memo[key] = m
	issues := c.calculate(r, w, loc)
	m.inProgress, m.issues = false, issues
	return issues
}

// fresh is Java's two-argument getCompatibility: a check of the pair from
// a new, empty location (used to probe union branches).
func (c *walker) fresh(r, w *node) []compat.Issue {
	return c.compatibility(rootToken, r, w, nil)
}

func (c *walker) calculate(r, w *node, loc location) []compat.Issue {
	if c.abort != nil {
		return nil
	}
	if r.typ == w.typ {
		return c.sameType(r, w, loc)
	}
	if w.typ == Union {
		// The reader must be able to read every writer branch.
		var out []compat.Issue
		for i, b := range w.branches {
			out = append(out, c.compatibility(strconv.Itoa(i), r, b, loc)...)
		}
		return out
	}
	switch r.typ {
	case Long:
		if w.typ == Int {
			return nil
		}
	case Float:
		if w.typ == Int || w.typ == Long {
			return nil
		}
	case Double:
		if w.typ == Int || w.typ == Long || w.typ == Float {
			return nil
		}
	case Bytes:
		if w.typ == String {
			return nil
		}
	case String:
		if w.typ == Bytes {
			return nil
		}
	case Union:
		for _, b := range r.branches {
			if len(c.fresh(b, w)) == 0 {
				return nil
			}
		}
		return issue(MissingUnionBranch, r.pos, loc, "reader union lacking writer type: "+w.typ.String())
	}
	return typeMismatch(r, w, loc)
}

func typeMismatch(r, w *node, loc location) []compat.Issue {
	return issue(TypeMismatch, r.pos, loc, fmt.Sprintf("reader type: %s not compatible with writer type: %s", r.typ, w.typ))
}

func (c *walker) sameType(r, w *node, loc location) []compat.Issue {
	switch r.typ {
	case Array:
		return c.compatibility("items", r.items, w.items, loc)
	case Map:
		return c.compatibility("values", r.values, w.values, loc)
	case Fixed:
		return append(checkNames(r, w, loc), checkSize(r, w, loc)...)
	case Enum:
		return append(checkNames(r, w, loc), checkSymbols(r, w, loc)...)
	case Record:
		return append(checkNames(r, w, loc), c.checkFields(r, w, loc)...)
	case Union:
		var out []compat.Issue
		for i, b := range w.branches {
			bl := append(loc, strconv.Itoa(i))
			if len(c.fresh(r, b)) > 0 {
				out = append(out, issue(MissingUnionBranch, r.pos, bl, "reader union lacking writer type: "+b.typ.String())...)
			}
		}
		return out
	}
	return nil // same primitive type
}

// checkNames compares short names; a reader alias may name the writer's
// full name.
func checkNames(r, w *node, loc location) []compat.Issue {
	if r.name == w.name || slices.Contains(r.aliases, w.fullName()) {
		return nil
	}
	return issue(NameMismatch, r.namePos, append(loc, "name"), "expected: "+w.fullName())
}

func checkSize(r, w *node, loc location) []compat.Issue {
	if r.size == w.size {
		return nil
	}
	return issue(FixedSizeMismatch, r.sizePos, append(loc, "size"), fmt.Sprintf("expected: %d, found: %d", w.size, r.size))
}

// checkSymbols reports writer symbols the reader lacks (sorted, rendered
// like a Java set), unless the reader enum has a usable default.
func checkSymbols(r, w *node, loc location) []compat.Issue {
	var missing []string
	seen := map[string]bool{}
	for _, s := range w.symbols {
		if !slices.Contains(r.symbols, s) && !seen[s] {
			seen[s] = true
			missing = append(missing, s)
		}
	}
	if len(missing) == 0 || (r.enumDefault != nil && slices.Contains(r.symbols, *r.enumDefault)) {
		return nil
	}
	sort.Strings(missing)
	return issue(MissingEnumSymbols, r.symbolsPos, append(loc, "symbols"), "["+strings.Join(missing, ", ")+"]")
}

func (c *walker) checkFields(r, w *node, loc location) []compat.Issue {
	var out []compat.Issue
	loc = append(loc, "fields")
	for i, rf := range r.fields {
		fl := append(loc, strconv.Itoa(i))
		wf, exception := lookupWriterField(w, rf, i)
		if exception != "" {
			c.abort = &compat.Issue{Type: UnexpectedException, Path: fl.String(),
				Message: "Unexpected exception during compatibility check: " + exception,
				Line:    rf.pos.Line, Column: rf.pos.Column}
			return nil
		}
		switch {
		case wf != nil:
			out = append(out, c.compatibility("type", rf.typ, wf.typ, fl)...)
		case rf.hasDefault():
		case rf.typ.typ == Enum && rf.typ.enumDefault != nil:
			// Java compares the enum against the writer record itself.
			out = append(out, c.compatibility("type", rf.typ, w, fl)...)
		default:
			out = append(out, issue(ReaderFieldMissingDefaultValue, rf.pos, fl, rf.name)...)
		}
		if c.abort != nil {
			return nil
		}
	}
	return out
}

// lookupWriterField finds the writer field named like the reader field or
// one of its aliases. More than one match makes Java throw; the exception's
// message is returned then.
func lookupWriterField(w *node, rf *field, pos int) (*field, string) {
	var found []*field
	names := []string{rf.name}
	seen := map[string]bool{}
	for _, a := range rf.aliases { // Java keeps field aliases in a set
		if !seen[a] {
			seen[a] = true
			names = append(names, a)
		}
	}
	for _, name := range names {
		for _, wf := range w.fields {
			if wf.name == name {
				found = append(found, wf)
				break
			}
		}
	}
	switch len(found) {
	case 0:
		return nil, ""
	case 1:
		return found[0], ""
	}
	return nil, fmt.Sprintf("Reader record field %s type:%s pos:%d matches multiple fields in writer record schema %s",
		rf.name, rf.typ.typ, pos, render(w, false))
}
