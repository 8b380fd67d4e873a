package main

import (
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"

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

// TestEveryCommandHasExamples: every command's --help ends with examples,
// cobra's help and completion commands included.
func TestEveryCommandHasExamples(t *testing.T) {
	var visit func(c *cobra.Command)
	n := 0
	visit = func(c *cobra.Command) {
		n++
		var out strings.Builder
		c.SetOut(&out)
		if err := c.Help(); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "\nExamples:\n  ") {
			t.Errorf("%s --help has no Examples section", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			visit(sub)
		}
	}
	visit(newRootCmd(io.Discard, io.Discard))
	if n < 25 {
		t.Errorf("visited %d commands; the tree has more", n)
	}
}
