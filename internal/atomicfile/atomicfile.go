// Package atomicfile writes files so that a reader, or a crash, never sees
// a half-written one: the data goes to a temporary file in the same
// directory, is synced, and is renamed over the target. Only a regular
// file (or a new one) is replaced that way: a device, a FIFO or a symlink
// (/dev/null, /dev/stdout, a link to a shared file) is written in place,
// as a shell's redirection would, so that the node itself survives.
package atomicfile

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Write replaces path with data atomically, with permissions perm for a
// new file (an existing file keeps its mode).
func Write(path string, data []byte, perm os.FileMode) error {
	return WriteFunc(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFunc is Write with the content streamed by write, so that a large
// file need not be held in memory first; if write fails, the target is
// left as it was (a regular file) and the error returned.
func WriteFunc(path string, perm os.FileMode, write func(io.Writer) error) error {
	if st, err := os.Lstat(path); err == nil {
		if !st.Mode().IsRegular() {
			return writeInPlace(path, perm, write)
		}
		perm = st.Mode().Perm()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err := write(bw); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // make the rename durable; best effort on filesystems that refuse
		d.Close()
	}
	return nil
}

// writeInPlace writes through a node that is not a regular file.
func writeInPlace(path string, perm os.FileMode, write func(io.Writer) error) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%s: cannot write: it is a directory", path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		f.Close()
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	return nil
}
