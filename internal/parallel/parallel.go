// Package parallel runs independent per-file work on every core, bounded
// by GOMAXPROCS, and keeps results in input order so reports stay
// deterministic.
package parallel

import (
	"runtime"
	"sync"
)

// Concat calls f on every item, at most GOMAXPROCS at a time, and
// concatenates the results in the order of items. The first error in that
// order is returned.
func Concat[T, R any](items []T, f func(T) ([]R, error)) ([]R, error) {
	type result struct {
		out []R
		err error
	}
	results := make([]result, len(items))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out, err := f(it)
			results[i] = result{out, err}
		}()
	}
	wg.Wait()
	var all []R
	for _, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		all = append(all, r.out...)
	}
	return all, nil
}
