package diff

import (
	"path/filepath"
	"testing"

	"github.com/contractctl/contractctl/internal/sharedtest"
)

// TestBufSuiteBreaking compares every case of buf's own breaking rule
// tests (previous against current, from the module cache; skipped without
// it) with testdata/bufsuite/breaking.txt, as TestBufSuiteLint does for
// lint. Deleted files are named by their path in the previous tree.
func TestBufSuiteBreaking(t *testing.T) {
	got := map[string][]string{}
	for name, dirs := range sharedtest.BufBreakingCases(t) {
		fs, _, err := Trees(opts(dirs[1]), dirs[0], dirs[1])
		got[name] = sharedtest.BufLines(fs, err, dirs[1], dirs[0])
	}
	sharedtest.CompareBufSuite(t, filepath.Join("..", "testdata", "bufsuite", "breaking.txt"), got)
}
