package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/atomicfile"
	"github.com/contractctl/contractctl/internal/baseline"
	"github.com/contractctl/contractctl/internal/confine"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/report"
	"github.com/contractctl/contractctl/rules"
)

// reportFlags are the output flags of every command that reports findings.
type reportFlags struct {
	format string
	failOn string
	output string
}

// add registers the flags on cmd; the --format help lists the reporters,
// followed by more (the other values a command accepts).
func (r *reportFlags) add(cmd *cobra.Command, more string) {
	f := cmd.Flags()
	f.StringVar(&r.format, "format", "text", "output format: "+strings.Join(report.Formats, ", ")+more)
	f.StringVar(&r.failOn, "fail-on", "error", "exit 1 when a finding is at or above this severity: error, warn, info or none")
	f.StringVarP(&r.output, "output", "o", "", "write the report to this file instead of standard output")
}

// validate checks the flags before any work is done.
func (r *reportFlags) validate() (finding.Severity, error) {
	if err := report.CheckFormat(r.format); err != nil {
		return 0, err
	}
	sev, err := finding.ParseSeverity(r.failOn)
	if err != nil {
		// the flag's own vocabulary (none, as README says), not the config's (off)
		return 0, fmt.Errorf("--fail-on: unknown level %q (want error, warn, info or none)", r.failOn)
	}
	if err := checkReportTarget(r.output); err != nil {
		return 0, err
	}
	return sev, nil
}

// checkReportTarget refuses, before any work is done, a report file that
// cannot be written (a directory, a missing directory) or that would
// replace a contract: `lint api.yaml -o api.yaml` must not turn the user's
// API into a report.
func checkReportTarget(p string) error {
	if p == "" {
		return nil
	}
	st, err := os.Stat(p)
	switch {
	case err == nil && st.IsDir():
		return fmt.Errorf("%s: cannot write the report: it is a directory", p)
	case err == nil && st.Mode().IsRegular():
		if filepath.Ext(p) == ".proto" {
			return fmt.Errorf("%s: refusing to overwrite a Protobuf file with the report; name another file", p)
		}
		if k, err := contractKind(p); err != nil {
			return fmt.Errorf("%s: cannot write the report: %v", p, errors.Unwrap(err))
		} else if k != load.Unknown {
			return fmt.Errorf("%s: refusing to overwrite %s contract with the report; name another file", p, k.WithArticle())
		}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: cannot write the report: %v", p, errors.Unwrap(err))
	case err != nil:
		if st, derr := os.Stat(filepath.Dir(p)); derr != nil || !st.IsDir() {
			return fmt.Errorf("%s: cannot write the report: directory %s does not exist", p, filepath.Dir(p))
		}
	}
	return nil
}

// contractKind is the kind of contract file p holds (Unknown for none, or
// for a file that does not parse). Only a file that may hold one is read
// whole: the report of a previous run is not.
func contractKind(p string) (load.Kind, error) {
	f, err := os.Open(p)
	if err != nil {
		return load.Unknown, err
	}
	defer f.Close()
	if may, err := load.MayHoldContract(f); err != nil || !may {
		return load.Unknown, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return load.Unknown, err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return load.Unknown, err
	}
	if c, err := load.Parse(p, data); err == nil {
		return c.Kind, nil
	}
	return load.Unknown, nil
}

// writeReport writes a report file (-o, --sarif), atomically for a
// regular file and in place for a device, FIFO or symlink, after refusing
// the places a report must never land.
func writeReport(g *globals, p string, write func(io.Writer) error) error {
	if err := refuseTarget(g, p); err != nil {
		return err
	}
	return atomicfile.WriteFunc(p, 0o644, write)
}

// refuseTarget refuses a report file inside .git or the schema registry,
// and the configuration or the baseline file (symlinks resolved).
func refuseTarget(g *globals, p string) error {
	ws, err := load.NewWorkspace()
	if err != nil {
		return err
	}
	cfg, err := g.config()
	if err != nil {
		return err
	}
	abs := func(q string) string {
		if a, err := filepath.Abs(q); err == nil {
			q = a
		}
		return confine.Resolve(q)
	}
	target := abs(p)
	registryDir := abs(registryRoot(ws, cfg))
	switch {
	case slices.Contains(strings.Split(filepath.ToSlash(target), "/"), ".git"):
		return fmt.Errorf("%s: refusing to write the report inside .git; name another file", p)
	case registryDir != abs(ws.Root) && confine.Within(registryDir, target):
		return fmt.Errorf("%s: refusing to write the report inside the schema registry %s; name another file", p, ws.Display(ws.Name(registryDir)))
	case cfg.Path != "" && target == abs(cfg.Path):
		return fmt.Errorf("%s: refusing to overwrite the configuration with the report; name another file", p)
	case target == abs(filepath.Join(ws.Root, baseline.File)):
		return fmt.Errorf("%s: refusing to overwrite the baseline with the report; name another file", p)
	}
	return nil
}

// emit writes the report and turns findings at or above --fail-on into
// exit code 1.
func (r *reportFlags) emit(g *globals, fs []finding.Finding, title string) error {
	return r.emitReport(g, fs, report.Options{Title: title})
}

// emitReport is emit with the report's counts and base: it writes the
// report, then exits 2 when a contract could not be read (after the
// complete report), else 1 for findings at or above --fail-on.
func (r *reportFlags) emitReport(g *globals, fs []finding.Finding, opt report.Options) error {
	failOn, err := r.validate()
	if err != nil {
		return err
	}
	opt.Version, opt.Catalog = version(), g.catalog
	if r.output == "" {
		opt.Color = r.format == "text" && colorTerminal(g)
		if err := report.Write(g.stdout, r.format, fs, opt); err != nil {
			return err
		}
	} else if err := writeReport(g, r.output, func(w io.Writer) error { return report.Write(w, r.format, fs, opt) }); err != nil {
		return err
	}
	if err := invalidContracts(g, fs); err != nil {
		return err
	}
	if finding.AtLeast(fs, failOn) {
		return &exitError{code: exitFindings}
	}
	return nil
}

// invalidContracts is exit 2 when a contract could not be parsed or
// compiled, each one also a line on stderr (the report has them too).
func invalidContracts(g *globals, fs []finding.Finding) error {
	invalid := false
	for _, f := range fs {
		if f.Rule != rules.ContractInvalid {
			continue
		}
		invalid = true
		fmt.Fprintf(g.stderr, "%s: %s\n", report.Position(f), f.Message)
	}
	if !invalid {
		return nil
	}
	return &exitError{code: exitInput}
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
