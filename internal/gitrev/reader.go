package gitrev

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"sync"
)

// Reader reads files of one commit through a single long-running
// `git cat-file --batch` process; it implements load.Reader and is safe
// for concurrent use. Close it when done.
type Reader struct {
	repo   *Repo
	commit string
	rev    string // as the user named it

	mu     sync.Mutex
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	broken error
}

// Reader returns a reader over the files of rev (any revision git
// understands; it is resolved to a commit first, with Commit's errors).
func (r *Repo) Reader(rev string) (*Reader, error) {
	c, err := r.Commit(rev)
	if err != nil {
		return nil, err
	}
	return &Reader{repo: r, commit: c, rev: rev}, nil
}

// Revision names the revision for messages about its files (it implements
// load.Revisioned): "origin/main, commit 1a2b3c4d", or "commit 1a2b3c4d"
// when the revision was named by its ID.
func (rd *Reader) Revision() string {
	short := rd.commit
	if len(short) > 8 {
		short = short[:8]
	}
	if rd.rev == "" || strings.HasPrefix(rd.commit, rd.rev) {
		return "commit " + short
	}
	return rd.rev + ", commit " + short
}

// Commit is the commit ID the reader reads.
func (rd *Reader) Commit() string { return rd.commit }

func (rd *Reader) start() error {
	cmd := exec.Command("git", "-C", rd.repo.Root, "cat-file", "--batch")
	in, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	rd.cmd, rd.in, rd.out = cmd, in, bufio.NewReaderSize(out, 1<<16)
	return nil
}

// ReadFile reads the slash-separated, root-relative name at the reader's
// commit. A name that is not in the commit is fs.ErrNotExist.
func (rd *Reader) ReadFile(name string) ([]byte, error) {
	name = path.Clean(name)
	if name == "." || strings.HasPrefix(name, "../") || name == ".." || strings.ContainsAny(name, "\n\x00") {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if rd.broken != nil {
		return nil, rd.broken
	}
	if rd.cmd == nil {
		if err := rd.start(); err != nil {
			rd.broken = err
			return nil, err
		}
	}
	data, err := rd.request(name)
	if err != nil {
		if _, ok := err.(*fs.PathError); !ok {
			rd.broken = err
		}
		return nil, err
	}
	return data, nil
}

func (rd *Reader) request(name string) ([]byte, error) {
	if _, err := fmt.Fprintf(rd.in, "%s:%s\n", rd.commit, name); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	header, err := rd.out.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	header = strings.TrimSuffix(header, "\n")
	if strings.HasSuffix(header, " missing") || strings.HasSuffix(header, " ambiguous") {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	fields := strings.Fields(header)
	if len(fields) != 3 {
		return nil, fmt.Errorf("git cat-file: unexpected reply %q", header)
	}
	size, err := strconv.Atoi(fields[2])
	if err != nil {
		return nil, fmt.Errorf("git cat-file: unexpected reply %q", header)
	}
	data := make([]byte, size+1) // the content and its trailing newline
	if _, err := io.ReadFull(rd.out, data); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	if fields[1] != "blob" {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("is a %s, not a file", fields[1])}
	}
	return data[:size], nil
}

// Close stops the git process.
func (rd *Reader) Close() error {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if rd.cmd == nil {
		return nil
	}
	rd.in.Close()
	err := rd.cmd.Wait()
	rd.cmd = nil
	if rd.broken == nil {
		rd.broken = fmt.Errorf("gitrev: reader closed")
	}
	return err
}

// ListFiles lists every file of rev (root-relative, slash-separated,
// sorted as git sorts them).
func (r *Repo) ListFiles(rev string) ([]string, error) {
	c, err := r.Commit(rev)
	if err != nil {
		return nil, err
	}
	out, err := r.git("ls-tree", "-r", "--name-only", "-z", c)
	if err != nil {
		return nil, fmt.Errorf("listing files of %s: %w", rev, err)
	}
	return splitZ(out), nil
}

func splitZ(out []byte) []string {
	s := strings.TrimSuffix(string(out), "\x00")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x00")
}

// Renames detects files renamed between rev and the working tree (git's
// rename detection, -M) and maps each new name to its old name.
func (r *Repo) Renames(rev string) (map[string]string, error) {
	c, err := r.Commit(rev)
	if err != nil {
		return nil, err
	}
	out, err := r.git("diff", "--name-status", "-M", "-z", "--no-color", c, "--")
	if err != nil {
		return nil, fmt.Errorf("detecting renames since %s: %w", rev, err)
	}
	renames := map[string]string{}
	parts := splitZ(out)
	for i := 0; i < len(parts); {
		status := parts[i]
		switch {
		case strings.HasPrefix(status, "R") || strings.HasPrefix(status, "C"):
			if i+2 >= len(parts) {
				return renames, nil
			}
			if status[0] == 'R' {
				renames[parts[i+2]] = parts[i+1]
			}
			i += 3
		default:
			i += 2
		}
	}
	return renames, nil
}
