package load

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkDiscoverSkips walks a tree without buf files whose every
// package has a vendor/ and a hidden directory: what the walk costs where
// no workspace names a skipped directory.
func BenchmarkDiscoverSkips(b *testing.B) {
	root := b.TempDir()
	for i := range 300 {
		for _, d := range []string{"", "vendor", ".cache", "sub"} {
			dir := filepath.Join(root, fmt.Sprintf("pkg%03d", i), d)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				b.Fatal(err)
			}
			for j := range 5 {
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%d.yaml", j)), nil, 0o644); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		cands, err := Discover([]string{root})
		if err != nil || len(cands) != 300*2*5 {
			b.Fatalf("%d candidates, %v", len(cands), err)
		}
	}
}
