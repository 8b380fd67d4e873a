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

// Formats lists the format names Write accepts.
var Formats = []string{"text", "json", "sarif", "github", "junit", "markdown", "gitlab"}

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
	switch format {
	case "text":
		return writeText(w, fs, opt)
	case "json":
		return writeJSON(w, fs)
	case "sarif":
		return writeSARIF(w, fs, opt)
	case "github":
		return writeGitHub(w, fs)
	case "junit":
		return writeJUnit(w, fs)
	case "markdown":
		return writeMarkdown(w, fs, opt)
	case "gitlab":
		return writeGitLab(w, fs)
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
