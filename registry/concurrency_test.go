package registry

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/contractctl/contractctl/internal/compat"
)

// TestConcurrentAdd races writers through two Stores (as two processes
// would) on a subject that does not exist yet: every accepted schema gets
// its own version, the versions are 1..N without gaps, and every version
// file holds exactly the schema that was given that number.
func TestConcurrentAdd(t *testing.T) {
	a := newStore(t, compat.BackwardTransitive)
	b, err := Open(a.Root(), nil)
	if err != nil {
		t.Fatal(err)
	}
	const writers, each = 8, 5
	type result struct {
		schema  string
		version int
		err     error
	}
	results := make(chan result, writers*each)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for w := range writers {
		s := a
		if w%2 == 1 {
			s = b
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := range each {
				schema := record(fID, fmt.Sprintf(`{"name": "f%d_%d", "type": "long", "default": %d}`, w, i, i))
				res, err := s.Add("race-value", Candidate{File: fmt.Sprintf("w%d-%d.avsc", w, i), Data: []byte(schema)})
				if err == nil && !res.Added() {
					err = fmt.Errorf("not added: %+v", res)
				}
				v := 0
				if res != nil {
					v = res.Version
				}
				results <- result{schema, v, err}
			}
		}()
	}
	close(start)
	wg.Wait()
	close(results)
	byVersion := map[int]string{}
	for r := range results {
		if r.err != nil {
			t.Fatalf("add: %v", r.err)
		}
		if prev, dup := byVersion[r.version]; dup {
			t.Fatalf("version %d given twice:\n%s\n%s", r.version, prev, r.schema)
		}
		byVersion[r.version] = r.schema
	}
	for v := 1; v <= writers*each; v++ {
		want, ok := byVersion[v]
		if !ok {
			t.Fatalf("version %d missing", v)
		}
		got, err := os.ReadFile(filepath.Join(a.Root(), "race-value", fmt.Sprintf("%d.avsc", v)))
		if err != nil || string(got) != want {
			t.Fatalf("version %d holds %q (%v), want %q", v, got, err, want)
		}
	}
	sub, err := a.Subject("race-value")
	if err != nil || len(sub.Versions) != writers*each || len(sub.Problems) != 0 {
		t.Fatalf("subject after the race: %+v %v", sub, err)
	}
}

// TestLockTimeout: a writer holding the lock makes another give up
// cleanly after the timeout, writing nothing.
func TestLockTimeout(t *testing.T) {
	s := newStore(t, compat.Backward)
	add(t, s, "o", "1.avsc", record(fID))
	unlock, err := lockSubject(filepath.Join(s.Root(), "o"), s.lockTimeout())
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	s2, err := Open(s.Root(), nil)
	if err != nil {
		t.Fatal(err)
	}
	s2.LockTimeout = 50 * 1e6 // 50ms
	if _, err := s2.Add("o", Candidate{File: "2.avsc", Data: []byte(record(fID, fTotal))}); err == nil {
		t.Fatal("add while locked succeeded")
	}
	if _, err := os.Stat(filepath.Join(s.Root(), "o", "2.avsc")); !os.IsNotExist(err) {
		t.Errorf("version 2 written while locked: %v", err)
	}
}
