package openapi

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

const stripeDir = "../../../shared/bench/stripe"

// benchPair parses and diffs a Stripe pair per iteration: the full
// breaking check as `contractctl diff BASE HEAD` runs it.
func benchPair(b *testing.B, base, head string) {
	if _, err := os.Stat(filepath.Join(stripeDir, base)); err != nil {
		b.Skipf("Stripe corpus not available: %v", err)
	}
	cat := rules.Default()
	b.ReportAllocs()
	var n int
	for b.Loop() {
		bl := load.NewLoader(load.Dir(stripeDir), "")
		hl := load.NewLoader(load.Dir(stripeDir), "")
		bf, err := bl.Load(base)
		if err != nil {
			b.Fatal(err)
		}
		hf, err := hl.Load(head)
		if err != nil {
			b.Fatal(err)
		}
		fs, err := Diff(contract.Options{Catalog: cat, Today: today}, contract.Doc{File: bf, Loader: bl}, contract.Doc{File: hf, Loader: hl})
		if err != nil {
			b.Fatal(err)
		}
		n = len(fs)
	}
	b.ReportMetric(float64(n), "findings")
}

// BenchmarkStripeYear is the year of drift: 2021-04-12 → 2022-04-12.
func BenchmarkStripeYear(b *testing.B) {
	benchPair(b, "spec3-2021-04-12-6546d96d.json", "spec3-2022-04-12-e0123a38.json")
}

// BenchmarkStripeAdjacent is a pull request: 2022-04-07 → 2022-04-12.
func BenchmarkStripeAdjacent(b *testing.B) {
	benchPair(b, "spec3-2022-04-07-fc5a2b92.json", "spec3-2022-04-12-e0123a38.json")
}

// TestStripeYearDeterministic checks that the year pair terminates and
// gives the same findings twice (map iteration must not leak into output).
func TestStripeYearDeterministic(t *testing.T) {
	t.Parallel() // the heavy tests of this package share the cores
	base, head := "spec3-2021-04-12-6546d96d.json", "spec3-2022-04-12-e0123a38.json"
	if _, err := os.Stat(filepath.Join(stripeDir, base)); err != nil {
		t.Skipf("Stripe corpus not available: %v", err)
	}
	if testing.Short() {
		t.Skip("short")
	}
	run := func() string {
		bl := load.NewLoader(load.Dir(stripeDir), "")
		hl := load.NewLoader(load.Dir(stripeDir), "")
		bf, _ := bl.Load(base)
		hf, _ := hl.Load(head)
		fs, err := Diff(contract.Options{Catalog: rules.Default(), Today: today}, contract.Doc{File: bf, Loader: bl}, contract.Doc{File: hf, Loader: hl})
		if err != nil {
			t.Fatal(err)
		}
		return render(fs)
	}
	a, b := run(), run()
	if a != b {
		t.Error("two runs differ")
	}
	if a == "" {
		t.Error("no findings on a year of drift")
	}
}
