package report

import (
	"encoding/json"
	"io"

	"github.com/contractctl/contractctl/finding"
)

// JSONReport is the json format's document.
type JSONReport struct {
	Findings []finding.Finding `json:"findings"`
	Summary  finding.Summary   `json:"summary"`
}

func writeJSON(w io.Writer, fs []finding.Finding, _ Options) error {
	if fs == nil {
		fs = []finding.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(JSONReport{Findings: fs, Summary: finding.Summarize(fs)})
}
