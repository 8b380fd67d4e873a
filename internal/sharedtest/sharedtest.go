// Package sharedtest locates the read-only material beside the repository
// (../shared: the conformance corpus and the benchmark contracts) for tests
// and benchmarks, which skip cleanly when it is absent.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns <repository root>/../shared/<rel...>, the repository root
// being the nearest directory above the working directory that holds
// go.mod. It skips tb when that root or the path does not exist.
func Path(tb testing.TB, rel ...string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("repository root (go.mod) not found above the test directory")
		}
		dir = parent
	}
	p := filepath.Join(append([]string{dir, "..", "shared"}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared material not present: %s", p)
	}
	return p
}
