package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/contractctl/contractctl/rules"
)

// writeMarkdown renders a changelog-style report: breaking (error) first,
// then warnings, then other changes, grouped by the operations they affect.
func writeMarkdown(w io.Writer, fs []rules.Finding, opt Options) error {
	bw := bufio.NewWriter(w)
	title := opt.Title
	if title == "" {
		title = "contractctl report"
	}
	fmt.Fprintf(bw, "## %s\n\n%s\n", title, SummaryLine(fs))
	sections := []struct {
		sev   rules.Severity
		title string
	}{{rules.Error, "Breaking and blocking"}, {rules.Warn, "Warnings"}, {rules.Info, "Other changes"}}
	for _, sec := range sections {
		groups := map[string][]rules.Finding{}
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
				line := fmt.Sprintf("- `%s` %s (%s", f.Rule, mdEscape(f.Message), loc)
				if f.Pointer != "" {
					line += fmt.Sprintf(", `%s`", f.Pointer)
				}
				line += ")"
				if f.Change != "" {
					line += ": " + mdEscape(f.Change)
				}
				fmt.Fprintln(bw, line)
			}
		}
	}
	return bw.Flush()
}

var mdEscaper = strings.NewReplacer("|", "\\|", "<", "&lt;", ">", "&gt;", "*", "\\*", "_", "\\_")

func mdEscape(s string) string { return mdEscaper.Replace(s) }

// groupLabel shortens a long list of affected operations for the heading;
// the findings below still name the component they concern.
func groupLabel(f rules.Finding, key string) string {
	const show = 4
	if len(f.Operations) <= show {
		return key
	}
	return fmt.Sprintf("%s and %d more operations", strings.Join(f.Operations[:show], ", "), len(f.Operations)-show)
}
