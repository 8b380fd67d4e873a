package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/internal/atomicfile"
	"github.com/contractctl/contractctl/internal/report"
	"github.com/contractctl/contractctl/rules"
)

// reportFlags are the output flags of every command that reports findings.
type reportFlags struct {
	format string
	failOn string
	output string
}

func (r *reportFlags) add(cmd *cobra.Command, formats string) {
	f := cmd.Flags()
	f.StringVar(&r.format, "format", "text", "output format: "+formats)
	f.StringVar(&r.failOn, "fail-on", "error", "exit 1 when a finding is at or above this severity: error, warn, info or none")
	f.StringVarP(&r.output, "output", "o", "", "write the report to this file instead of standard output")
}

// validate checks the flags before any work is done.
func (r *reportFlags) validate() (rules.Severity, error) {
	if err := report.CheckFormat(r.format); err != nil {
		return 0, err
	}
	sev, err := rules.ParseSeverity(r.failOn)
	if err != nil {
		return 0, fmt.Errorf("--fail-on: %w", err)
	}
	return sev, nil
}

// emit writes the report and turns findings at or above --fail-on into
// exit code 1.
func (r *reportFlags) emit(g *globals, fs []rules.Finding, title string) error {
	failOn, err := r.validate()
	if err != nil {
		return err
	}
	opt := report.Options{Version: version(), Catalog: g.catalog, Title: title}
	if r.output == "" {
		opt.Color = r.format == "text" && colorTerminal(g)
		if err := report.Write(g.stdout, r.format, fs, opt); err != nil {
			return err
		}
	} else {
		var buf bytes.Buffer
		if err := report.Write(&buf, r.format, fs, opt); err != nil {
			return err
		}
		if err := atomicfile.Write(r.output, buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	if rules.AtLeast(fs, failOn) {
		return &exitError{code: exitFindings}
	}
	return nil
}

func colorTerminal(g *globals) bool {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	f, ok := g.stdout.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
