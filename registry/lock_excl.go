//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package registry

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// staleLock is the age after which a lock file left by a crashed writer
// is broken. A registration takes milliseconds.
const staleLock = 10 * time.Minute

// tryLock creates path exclusively (O_EXCL); the file's existence is the
// lock, and removing it releases the lock. A lock file older than
// staleLock is treated as left by a crashed writer and removed.
func tryLock(path string) (unlock func(), busy bool, err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, fs.ErrExist) {
		if st, serr := os.Stat(path); serr == nil && time.Since(st.ModTime()) > staleLock {
			os.Remove(path)
		}
		return nil, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	f.Close()
	return func() { os.Remove(path) }, false, nil
}
