package ruleset

import (
	"path/filepath"
	"testing"

	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/sharedtest"
)

// BenchmarkStripe50 runs the 50-rule bench ruleset over the Stripe
// description (parsing it once, outside the loop); bench/rulesets.sh
// compares the whole CLI with Spectral.
func BenchmarkStripe50(b *testing.B) {
	l, f := stripe(b)
	rs, err := Load(load.Dir(filepath.Join("..", "..", "bench", "rulesets")), "house-50.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rs.Lint(f, l, "", func(s string) string { return s }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStripeViews measures copying the Stripe description into the
// JSONPath library's nodes: the unresolved view, then the resolved view
// that shares its $ref-free subtrees.
func BenchmarkStripeViews(b *testing.B) {
	l, f := stripe(b)
	b.ReportAllocs()
	for b.Loop() {
		vs := newViews(f, l)
		vs.root(true)
	}
}

// stripe loads the Stripe description of ../shared/bench (skipping when
// it is absent).
func stripe(b *testing.B) (*load.Loader, *load.File) {
	l := load.NewLoader(load.Dir(sharedtest.Path(b, "bench", "stripe")), "")
	f, err := l.Load("spec3-2022-04-12-e0123a38.json")
	if err != nil {
		b.Fatal(err)
	}
	return l, f
}
