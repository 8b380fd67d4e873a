package lint_test

import (
	"path/filepath"
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/sharedtest"
	"github.com/contractctl/contractctl/lint"
	"github.com/contractctl/contractctl/rules"
)

// TestBufSuiteLint lints every case of buf's own lint rule tests (from the
// module cache; skipped without it) and compares the buf-rule findings
// with testdata/bufsuite/lint.txt: contractctl's output as
// bench/vs-buf-suite.sh checked it against buf (docs/vs-buf.md explains
// each case that differs). -update-bufsuite rewrites the file.
func TestBufSuiteLint(t *testing.T) {
	cat := rules.Default()
	got := map[string][]string{}
	for name, dir := range sharedtest.BufLintCases(t) {
		ws := load.Workspace{Root: dir, Cwd: dir}
		cands, err := load.Discover([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		for i := range cands {
			cands[i].Path = ws.Name(cands[i].Path)
		}
		fs, _, err := lint.Run(lint.Options{Workspace: ws, Loader: load.NewLoader(ws.Reader(), ""),
			Options: contract.Options{Config: config.Defaults(), Catalog: cat, Today: fixtureDate}}, cands)
		got[name] = sharedtest.BufLines(fs, err, dir)
	}
	sharedtest.CompareBufSuite(t, filepath.Join("..", "testdata", "bufsuite", "lint.txt"), got)
}
