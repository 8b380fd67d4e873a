package finding

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// Finding is the one result shape of lint, diff and registry checks.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// File is relative to the working directory, slash-separated.
	File string `json:"file"`
	// Line and Column are 1-based, of the key naming the offending object
	// (0 when the finding has no position, e.g. a deleted file).
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Pointer string `json:"pointer"`
	Message string `json:"message"`
	// Fingerprint is stable across commits: rule, file and pointer (and the
	// base pointer of a diff), never line numbers.
	Fingerprint string `json:"fingerprint"`

	// Operations lists what uses a shared component ("POST /v1/payments").
	Operations []string `json:"operations,omitempty"`
	// Base locates the old side of a diff finding (removals, renames).
	Base *Location `json:"base,omitempty"`
	// EndLine and EndColumn close a range where the checker knows one.
	EndLine   int `json:"end_line,omitempty"`
	EndColumn int `json:"end_column,omitempty"`
	// Change is the structural change behind a diff finding, "old → new",
	// used by the changelog.
	Change string `json:"change,omitempty"`
}

// Location is a position in a file of the other (base) revision.
type Location struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Pointer string `json:"pointer,omitempty"`
}

// Fingerprint derives a finding's stable identity from its rule, file and
// pointers. Line numbers never enter it, so reformatting and unrelated edits
// keep it.
func Fingerprint(rule, file, pointer string, extra ...string) string {
	h := sha256.New()
	for _, s := range append([]string{rule, file, pointer}, extra...) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// Seal fills in the fingerprint when the producer did not set one.
func (f *Finding) Seal() {
	if f.Fingerprint != "" {
		return
	}
	var extra []string
	if f.Base != nil {
		extra = append(extra, f.Base.Pointer)
	}
	f.Fingerprint = Fingerprint(f.Rule, f.File, f.Pointer, extra...)
}

// Compare orders findings by file, line, column, rule, pointer and message,
// so that every report is deterministic.
func Compare(a, b Finding) int {
	return cmp.Or(
		strings.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Pointer, b.Pointer),
		strings.Compare(a.Message, b.Message),
	)
}

// Sort orders findings with Compare and drops exact duplicates.
func Sort(fs []Finding) []Finding {
	slices.SortFunc(fs, Compare)
	return slices.CompactFunc(fs, func(a, b Finding) bool {
		return Compare(a, b) == 0 && a.Severity == b.Severity
	})
}

// Summary counts findings per severity and the files they are in.
type Summary struct {
	Error int `json:"error"`
	Warn  int `json:"warn"`
	Info  int `json:"info"`
	Files int `json:"files"`
}

// Summarize counts fs.
func Summarize(fs []Finding) Summary {
	var s Summary
	files := map[string]bool{}
	for _, f := range fs {
		switch f.Severity {
		case Error:
			s.Error++
		case Warn:
			s.Warn++
		case Info:
			s.Info++
		}
		files[f.File] = true
	}
	s.Files = len(files)
	return s
}

// AtLeast reports whether any finding has severity ≥ min. With min == Off
// (--fail-on none) nothing fails.
func AtLeast(fs []Finding, min Severity) bool {
	if min == Off {
		return false
	}
	for _, f := range fs {
		if f.Severity >= min {
			return true
		}
	}
	return false
}
