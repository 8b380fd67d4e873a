package main

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
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

// bigReport writes a JSON report of about size bytes that mentions
// openapi.yaml on every line, as a lint report of OpenAPI files does.
func bigReport(t testing.TB, size int) string {
	p := filepath.Join(t.TempDir(), "report.json")
	var b strings.Builder
	b.WriteString(`{"findings":[`)
	for b.Len() < size {
		b.WriteString("\n  {\"file\": \"specs/openapi.yaml\", \"rule\": \"server-https\", \"message\": \"serve the API over TLS only\"},")
	}
	b.WriteString("\n  {}]}\n")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReportTargetDoesNotReadAReport: the report of a previous run is
// told from a contract without being read whole, let alone parsed.
func TestReportTargetDoesNotReadAReport(t *testing.T) {
	const size = 8 << 20
	p := bigReport(t, size)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := checkReportTarget(p)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > size/8 {
		t.Errorf("checking an %d-byte report allocated %d bytes", size, got)
	}
}

func BenchmarkReportTarget(b *testing.B) {
	p := bigReport(b, 21<<20)
	b.ReportAllocs()
	for b.Loop() {
		if err := checkReportTarget(p); err != nil {
			b.Fatal(err)
		}
	}
}
