// Package report renders findings in every output format contractctl
// offers: text for people, json for machines, sarif for code scanning,
// github workflow commands, junit, gitlab code quality and a markdown
// changelog. It decides nothing about which findings exist.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/rules"
)

// reporters are the output formats, in the order --format lists them.
// Adding an output format is a row here and its write function.
var reporters = []struct {
	name  string
	write func(io.Writer, []finding.Finding, Options) error
}{
	{"text", writeText},
	{"json", writeJSON},
	{"sarif", writeSARIF},
	{"github", writeGitHub},
	{"junit", writeJUnit},
	{"markdown", writeMarkdown},
	{"gitlab", writeGitLab},
}

// Formats lists the format names Write accepts.
var Formats = func() []string {
	out := make([]string, len(reporters))
	for i, r := range reporters {
		out[i] = r.name
	}
	return out
}()

// Options tune a report.
type Options struct {
	Color   bool
	Version string         // the tool's version, for SARIF
	Catalog *rules.Catalog // rule metadata, for SARIF and markdown
	// Title heads the markdown report ("API changes", "Lint findings").
	Title string
	// Files is how many contract files the run checked, for the summary;
	// 0 when the command does not count them (the summary then counts the
	// files with findings).
	Files int
	// Base is the revision a diff compared with, when there was one.
	Base *Base
}

// Base is the git base of a diff, as the json and markdown reports show it.
type Base struct {
	// Rev is the revision as named ("main", "origin/main").
	Rev string `json:"rev"`
	// Commit is the commit compared with.
	Commit string `json:"commit"`
	// MergeBase is true when Commit is the merge-base of Rev and HEAD,
	// false when it is Rev itself (--base-exact, GitLab's base SHA).
	MergeBase bool `json:"merge_base"`
	// Source says where Rev came from: --base, --base-exact,
	// GITHUB_BASE_REF, CI_MERGE_REQUEST_DIFF_BASE_SHA or default branch.
	Source string `json:"source"`
	// Line is the one-line form, "main @ 1a2b3c4 (merge-base)".
	Line string `json:"-"`
}

// Write renders findings (already sorted) in format to w.
func Write(w io.Writer, format string, fs []finding.Finding, opt Options) error {
	for _, r := range reporters {
		if r.name == format {
			return r.write(w, fs, opt)
		}
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// CheckFormat validates a format name.
func CheckFormat(format string) error {
	if slices.Contains(Formats, format) {
		return nil
	}
	return fmt.Errorf("unknown --format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Count is "1 finding" or "3 findings".
func Count(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// summary counts fs; Files is the number of files checked when known.
func summary(fs []finding.Finding, opt Options) finding.Summary {
	s := finding.Summarize(fs)
	if opt.Files > 0 {
		s.Files = opt.Files
	}
	return s
}

// SummaryLine is "3 errors, 2 warnings, 1 info in 2 of 5 files" (2 files
// with findings of 5 checked), or "no findings in 5 files".
func SummaryLine(fs []finding.Finding, opt Options) string {
	s := finding.Summarize(fs)
	files := Count(s.Files, "file", "files")
	if opt.Files > s.Files {
		files = fmt.Sprintf("%d of %s", s.Files, Count(opt.Files, "file", "files"))
	}
	if len(fs) == 0 {
		if opt.Files > 0 {
			return "no findings in " + Count(opt.Files, "file", "files")
		}
		return "no findings"
	}
	parts := []string{Count(s.Error, "error", "errors"), Count(s.Warn, "warning", "warnings")}
	if s.Info > 0 {
		parts = append(parts, Count(s.Info, "info", "info"))
	}
	return strings.Join(parts, ", ") + " in " + files
}
