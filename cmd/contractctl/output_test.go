package main

import (
	"io"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/report"
)

// TestFormatHelpListsEveryReporter: the --format help of every command
// that reports findings is built from the reporter list, so a new output
// format shows up in --help without another edit.
func TestFormatHelpListsEveryReporter(t *testing.T) {
	root := newRootCmd(io.Discard, io.Discard)
	want := "output format: " + strings.Join(report.Formats, ", ")
	for _, path := range [][]string{{"lint"}, {"diff"}, {"check"}, {"registry", "check"}} {
		cmd, _, err := root.Find(path)
		if err != nil {
			t.Fatal(err)
		}
		f := cmd.Flags().Lookup("format")
		if f == nil || !strings.HasPrefix(f.Usage, want) {
			t.Errorf("%s --format: %v; want it to start %q", strings.Join(path, " "), f, want)
		}
	}
}
