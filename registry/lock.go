package registry

import (
	"fmt"
	"path/filepath"
	"sync"
	"time"
)

// lockPoll is how often a waiting writer retries the lock.
const lockPoll = 5 * time.Millisecond

// lock takes the write lock of the directory dir: first this Store's
// in-process mutex for it (so that writers of one process queue without
// polling), then the lock file that other processes honour.
func (s *Store) lock(dir string) (func(), error) {
	s.mu.Lock()
	m, ok := s.dirLocks[dir]
	if !ok {
		m = &sync.Mutex{}
		s.dirLocks[dir] = m
	}
	s.mu.Unlock()
	m.Lock()
	unlock, err := lockSubject(dir, s.lockTimeout())
	if err != nil {
		m.Unlock()
		return nil, err
	}
	return func() {
		unlock()
		// a write may have changed what references resolve to
		s.mu.Lock()
		clear(s.depCache)
		s.mu.Unlock()
		m.Unlock()
	}, nil
}

// lockSubject takes the exclusive write lock of the subject directory dir
// (the file dir/.lock), waiting up to timeout for another writer, and
// returns the function that releases it.
func lockSubject(dir string, timeout time.Duration) (func(), error) {
	path := filepath.Join(dir, lockFile)
	deadline := time.Now().Add(timeout)
	for {
		unlock, busy, err := tryLock(path)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot lock: %w", name(path), err)
		}
		if !busy {
			return unlock, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s: another contractctl is writing this subject (waited %s); try again", name(path), timeout)
		}
		time.Sleep(lockPoll)
	}
}
