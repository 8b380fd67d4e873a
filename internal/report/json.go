package report

import (
	"encoding/json"
	"io"

	"github.com/contractctl/contractctl/finding"
)

// JSONReport is the json format's document.
type JSONReport struct {
	// Base is the revision the run compared with, when it diffed.
	Base     *Base             `json:"base,omitempty"`
	Findings []finding.Finding `json:"findings"`
	Summary  finding.Summary   `json:"summary"`
}

func writeJSON(w io.Writer, fs []finding.Finding, opt Options) error {
	if fs == nil {
		fs = []finding.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(JSONReport{Base: opt.Base, Findings: fs, Summary: summary(fs, opt)})
}
