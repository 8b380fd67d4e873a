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

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// SummaryLine is "3 errors, 2 warnings, 1 info in 2 files" or "no findings".
func SummaryLine(fs []finding.Finding) string {
	s := finding.Summarize(fs)
	if len(fs) == 0 {
		return "no findings"
	}
	parts := []string{plural(s.Error, "error", "errors"), plural(s.Warn, "warning", "warnings")}
	if s.Info > 0 {
		parts = append(parts, plural(s.Info, "info", "info"))
	}
	return strings.Join(parts, ", ") + " in " + plural(s.Files, "file", "files")
}
