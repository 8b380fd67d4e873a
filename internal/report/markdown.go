package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/contractctl/contractctl/finding"
)

// writeMarkdown renders a changelog-style report: breaking (error) first,
// then warnings, then other changes, grouped by the operations they affect.
func writeMarkdown(w io.Writer, fs []finding.Finding, opt Options) error {
	bw := bufio.NewWriter(w)
	title := opt.Title
	if title == "" {
		title = "contractctl report"
	}
	fmt.Fprintf(bw, "## %s\n\n", title)
	if opt.Base != nil {
		fmt.Fprintf(bw, "Compared with %s.\n\n", mdEscape(opt.Base.Line))
	}
	fmt.Fprintln(bw, SummaryLine(fs, opt))
	sections := []struct {
		sev   finding.Severity
		title string
	}{{finding.Error, "Breaking and blocking"}, {finding.Warn, "Warnings"}, {finding.Info, "Other changes"}}
	for _, sec := range sections {
		groups := map[string][]finding.Finding{}
		var order []string
		for _, f := range fs {
			if f.Severity != sec.sev {
				continue
			}
			key := f.File
			if len(f.Operations) > 0 {
				key = strings.Join(f.Operations, ", ")
			}
			if _, ok := groups[key]; !ok {
				order = append(order, key)
			}
			groups[key] = append(groups[key], f)
		}
		if len(order) == 0 {
			continue
		}
		fmt.Fprintf(bw, "\n### %s\n", sec.title)
		for _, key := range order {
			fmt.Fprintf(bw, "\n**%s**\n\n", mdEscape(groupLabel(groups[key][0], key)))
			for _, f := range groups[key] {
				loc := f.File
				if f.Line > 0 {
					loc = fmt.Sprintf("%s:%d", f.File, f.Line)
				}
				line := fmt.Sprintf("- `%s` %s (%s", f.Rule, mdEscape(f.Message), mdEscape(loc))
				if f.Pointer != "" {
					line += ", " + mdCode(f.Pointer)
				}
				line += ")"
				if showChange(f) {
					line += ": " + mdEscape(f.Change)
				}
				fmt.Fprintln(bw, line)
			}
		}
	}
	return bw.Flush()
}

// mdEscaper keeps text from a contract (names, server URLs, file names)
// literal: no HTML, emphasis, table cells or code spans, and no line break
// that would end the list item.
var mdEscaper = strings.NewReplacer("|", "\\|", "<", "&lt;", ">", "&gt;", "*", "\\*", "_", "\\_", "`", "\\`",
	"\r\n", " ", "\n", " ", "\r", " ")

func mdEscape(s string) string { return mdEscaper.Replace(s) }

// mdCode renders s as an inline code span, longer fences when s holds
// backticks, on one line.
func mdCode(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	if !strings.Contains(s, "`") {
		return "`" + s + "`"
	}
	return "`` " + s + " ``"
}

// showChange reports whether a finding's change ("old → new") adds to its
// message: not when the message already says it, nor when both sides are
// the same (a version that was not bumped).
func showChange(f finding.Finding) bool {
	if f.Change == "" || strings.Contains(f.Message, f.Change) {
		return false
	}
	if old, new, ok := strings.Cut(f.Change, " → "); ok && old == new {
		return false
	}
	return true
}

// groupLabel shortens a long list of affected operations for the heading;
// the findings below still name the component they concern.
func groupLabel(f finding.Finding, key string) string {
	const show = 4
	if len(f.Operations) <= show {
		return key
	}
	return fmt.Sprintf("%s and %d more operations", strings.Join(f.Operations[:show], ", "), len(f.Operations)-show)
}
