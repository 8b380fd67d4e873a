package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/contractctl/contractctl/finding"
)

const (
	ansiReset  = "\x1b[0m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiDim    = "\x1b[2m"
)

func writeText(w io.Writer, fs []finding.Finding, opt Options) error {
	bw := bufio.NewWriter(w)
	for _, f := range fs {
		sev := f.Severity.String()
		rule := f.Rule
		if opt.Color {
			switch f.Severity {
			case finding.Error:
				sev = ansiRed + sev + ansiReset
			case finding.Warn:
				sev = ansiYellow + sev + ansiReset
			default:
				sev = ansiBlue + sev + ansiReset
			}
			rule = ansiDim + rule + ansiReset
		}
		fmt.Fprintf(bw, "%s: %s %s: %s\n", Position(f), sev, rule, oneLine.Replace(f.Message))
		if len(f.Operations) > 0 {
			fmt.Fprintf(bw, "    affects %s\n", joinLimited(f.Operations, 5))
		}
	}
	fmt.Fprintln(bw, SummaryLine(fs, opt))
	return bw.Flush()
}

// Position is where a finding is, as compilers write it: file:line:col,
// file:line when the column is unknown, or the file alone.
func Position(f finding.Finding) string {
	switch {
	case f.Line > 0 && f.Column > 0:
		return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
	case f.Line > 0:
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return f.File
}

// oneLine keeps each finding on its own line: a message with a line break
// (from a name in the contract) would otherwise read as two findings.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

func joinLimited(items []string, max int) string {
	if len(items) <= max {
		return join(items)
	}
	return fmt.Sprintf("%s and %d more", join(items[:max]), len(items)-max)
}

func join(items []string) string {
	out := ""
	for i, s := range items {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}
