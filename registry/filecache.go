package registry

import (
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"
)

// fileCache keeps what was parsed from files, by path, for as long as each
// file keeps the size and modification time it had when it was read: a
// Store serving many requests reads a file again only when it changed.
type fileCache[T any] struct {
	mu      sync.Mutex
	entries map[string]fileEntry[T]
}

type fileEntry[T any] struct {
	size int64
	mod  time.Time
	v    T
}

// get returns the parse of the file at p, reading and parsing it only when
// it changed since the last time. A missing file is an error for which
// errors.Is(err, fs.ErrNotExist) holds; errors are not kept.
func (c *fileCache[T]) get(p string, parse func([]byte) (T, error)) (T, error) {
	var zero T
	st, err := os.Stat(p)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", name(p), err)
	}
	c.mu.Lock()
	e, ok := c.entries[p]
	c.mu.Unlock()
	if ok && e.size == st.Size() && e.mod.Equal(st.ModTime()) {
		return e.v, nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", name(p), err)
	}
	v, err := parse(data)
	if err != nil {
		return zero, err
	}
	// kept under the file's state before the read: a write in between
	// changes it, so the next get reads again
	c.set(p, st, v)
	return v, nil
}

// put records v as the content of the file at p as it is now: the caller
// has just written it, holding the lock of its directory.
func (c *fileCache[T]) put(p string, v T) {
	if st, err := os.Stat(p); err == nil {
		c.set(p, st, v)
	}
}

func (c *fileCache[T]) set(p string, st fs.FileInfo, v T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]fileEntry[T]{}
	}
	c.entries[p] = fileEntry[T]{size: st.Size(), mod: st.ModTime(), v: v}
}
