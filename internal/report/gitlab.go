package report

import (
	"encoding/json"
	"io"

	"github.com/contractctl/contractctl/finding"
)

// gitlabIssue is one entry of a GitLab Code Quality report.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

func gitlabSeverity(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "major"
	case finding.Warn:
		return "minor"
	}
	return "info"
}

func writeGitLab(w io.Writer, fs []finding.Finding, _ Options) error {
	out := make([]gitlabIssue, 0, len(fs))
	for _, f := range fs {
		line := f.Line
		if line == 0 {
			line = 1
		}
		out = append(out, gitlabIssue{
			Description: f.Rule + ": " + f.Message,
			CheckName:   f.Rule,
			Fingerprint: f.Fingerprint,
			Severity:    gitlabSeverity(f.Severity),
			Location:    gitlabLocation{Path: f.File, Lines: gitlabLines{Begin: line}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
