package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/contractctl/contractctl/finding"
)

// GitHub shows about ten annotations of each kind per step; the rest are
// still printed, errors first, and counted in a closing notice.
const githubShown = 10

var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func writeGitHub(w io.Writer, fs []finding.Finding, opt Options) error {
	bw := bufio.NewWriter(w)
	counts := map[finding.Severity]int{}
	for _, sev := range []finding.Severity{finding.Error, finding.Warn, finding.Info} {
		for _, f := range fs {
			if f.Severity != sev {
				continue
			}
			counts[sev]++
			cmd := map[finding.Severity]string{finding.Error: "error", finding.Warn: "warning", finding.Info: "notice"}[sev]
			props := "file=" + ghProperty.Replace(f.File)
			if f.Line > 0 {
				props += fmt.Sprintf(",line=%d,col=%d", f.Line, f.Column)
				if f.EndLine > 0 {
					props += fmt.Sprintf(",endLine=%d,endColumn=%d", f.EndLine, f.EndColumn)
				}
			}
			props += ",title=" + ghProperty.Replace(f.Rule)
			fmt.Fprintf(bw, "::%s %s::%s\n", cmd, props, ghData.Replace(f.Message))
		}
	}
	var hidden []string
	if n := counts[finding.Error] - githubShown; n > 0 {
		hidden = append(hidden, Count(n, "error", "errors"))
	}
	if n := counts[finding.Warn] - githubShown; n > 0 {
		hidden = append(hidden, Count(n, "warning", "warnings"))
	}
	if len(hidden) > 0 {
		fmt.Fprintf(bw, "::notice title=contractctl::%s beyond what GitHub annotates; see the job log or the SARIF report for all %d findings\n",
			strings.Join(hidden, " and "), len(fs))
	}
	fmt.Fprintln(bw, SummaryLine(fs, opt))
	return bw.Flush()
}
