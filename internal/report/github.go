package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/contractctl/contractctl/rules"
)

// GitHub shows about ten annotations of each kind per step; the rest are
// still printed, errors first, and counted in a closing notice.
const githubShown = 10

var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func writeGitHub(w io.Writer, fs []rules.Finding) error {
	bw := bufio.NewWriter(w)
	counts := map[rules.Severity]int{}
	for _, sev := range []rules.Severity{rules.Error, rules.Warn, rules.Info} {
		for _, f := range fs {
			if f.Severity != sev {
				continue
			}
			counts[sev]++
			cmd := map[rules.Severity]string{rules.Error: "error", rules.Warn: "warning", rules.Info: "notice"}[sev]
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
	if n := counts[rules.Error] - githubShown; n > 0 {
		hidden = append(hidden, plural(n, "error", "errors"))
	}
	if n := counts[rules.Warn] - githubShown; n > 0 {
		hidden = append(hidden, plural(n, "warning", "warnings"))
	}
	if len(hidden) > 0 {
		fmt.Fprintf(bw, "::notice title=contractctl::%s beyond what GitHub annotates; see the job log or the SARIF report for all %d findings\n",
			strings.Join(hidden, " and "), len(fs))
	}
	fmt.Fprintln(bw, SummaryLine(fs))
	return bw.Flush()
}
