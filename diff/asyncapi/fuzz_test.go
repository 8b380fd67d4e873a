package asyncapi

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// FuzzDiff: comparing a golden base with any head never panics. The seeds
// are the golden heads.
func FuzzDiff(f *testing.F) {
	heads, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "diff", "asyncapi", "*-v3", "head.yaml"))
	for _, h := range heads {
		if data, err := os.ReadFile(h); err == nil {
			f.Add(data)
		}
	}
	baseData, err := os.ReadFile(filepath.Join("..", "..", "testdata", "diff", "asyncapi", "payload-send-v3", "base.yaml"))
	if err != nil {
		f.Skip(err)
	}
	cat, cfg := rules.Default(), rules.Defaults()
	f.Fuzz(func(t *testing.T, data []byte) {
		base, err := load.Parse("base.yaml", baseData)
		if err != nil {
			t.Fatal(err)
		}
		head, err := load.Parse("head.yaml", data)
		if err != nil || head.Kind != load.AsyncAPI {
			return
		}
		if _, err := Diff(base, head, nil, nil, cfg, cat, today); err != nil {
			// Unresolvable references are input errors, not crashes.
			return
		}
	})
}
