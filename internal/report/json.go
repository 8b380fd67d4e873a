package report

import (
	"bufio"
	"bytes"
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

// writeJSON writes a JSONReport as encoding/json would indent it, one
// finding at a time, so that a report of a million findings is never
// held in memory whole.
func writeJSON(w io.Writer, fs []finding.Finding, opt Options) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// field writes `"name": value` at the document's second level.
	field := func(name string, v any) error {
		buf.Reset()
		enc.SetIndent("  ", "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		bw.WriteString(`  "` + name + `": `)
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return nil
	}
	bw.WriteString("{\n")
	if opt.Base != nil {
		if err := field("base", opt.Base); err != nil {
			return err
		}
		bw.WriteString(",\n")
	}
	if len(fs) == 0 {
		bw.WriteString(`  "findings": [],` + "\n")
	} else {
		bw.WriteString(`  "findings": [` + "\n")
		enc.SetIndent("    ", "  ")
		for i := range fs {
			buf.Reset()
			if err := enc.Encode(&fs[i]); err != nil {
				return err
			}
			bw.WriteString("    ")
			bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
			if i < len(fs)-1 {
				bw.WriteByte(',')
			}
			bw.WriteByte('\n')
		}
		bw.WriteString("  ],\n")
	}
	if err := field("summary", summary(fs, opt)); err != nil {
		return err
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}
