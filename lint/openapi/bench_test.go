package openapi_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	openapilint "github.com/contractctl/contractctl/lint/openapi"
	"github.com/contractctl/contractctl/rules"
)

// stripeSpec is the Stripe description in the shared benchmark corpus,
// beside the repository; benchmarks skip when it is absent.
const stripeSpec = "../../../shared/bench/stripe/spec3-2022-04-12-e0123a38.json"

// BenchmarkLintStripe parses Stripe's 4 MB description and runs the full
// house ruleset over it, as `contractctl lint` does for one file.
func BenchmarkLintStripe(b *testing.B) {
	data, err := os.ReadFile(stripeSpec)
	if err != nil {
		b.Skipf("Stripe spec not available: %v", err)
	}
	dir, name := filepath.Split(stripeSpec)
	cat, cfg := rules.Default(), config.Defaults()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		l := load.NewLoader(load.Dir(dir), "")
		f, err := l.Load(name)
		if err != nil {
			b.Fatal(err)
		}
		fs, err := openapilint.Lint(contract.Options{Config: cfg, Catalog: cat}, contract.Doc{File: f, Loader: l})
		if err != nil {
			b.Fatal(err)
		}
		n = len(fs)
	}
	b.ReportMetric(float64(n), "findings")
}
