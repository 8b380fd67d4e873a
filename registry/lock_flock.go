//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package registry

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes a non-blocking flock(2) on path. The lock file is never
// removed, so every writer locks the same inode; the kernel releases the
// lock when a process dies, so a crash never leaves a stale lock.
func tryLock(path string) (unlock func(), busy bool, err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, false, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if errors.Is(err, syscall.EWOULDBLOCK) {
		f.Close()
		return nil, true, nil
	}
	if err != nil {
		f.Close()
		return nil, false, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, false, nil
}
