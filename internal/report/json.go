package report

import (
	"encoding/json"
	"io"

	"github.com/contractctl/contractctl/rules"
)

// JSONReport is the json format's document.
type JSONReport struct {
	Findings []rules.Finding `json:"findings"`
	Summary  rules.Summary   `json:"summary"`
}

func writeJSON(w io.Writer, fs []rules.Finding) error {
	if fs == nil {
		fs = []rules.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(JSONReport{Findings: fs, Summary: rules.Summarize(fs)})
}
