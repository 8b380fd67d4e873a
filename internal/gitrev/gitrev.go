// Package gitrev reads a git revision without checking it out: a
// load.Reader over the files of a revision (one long-running
// `git cat-file --batch` process serves every read), the list of files at
// a revision, rename detection between a revision and the working tree,
// and the resolution of the base revision a pull request is compared
// with (--base, GitHub, GitLab, else the merge-base with the default
// branch). Its errors are one line and say how to fix the common CI
// mistakes: a shallow clone without the base commit, a misspelt revision.
package gitrev

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// Repo is a git working tree.
type Repo struct {
	// Root is the absolute path of the working tree's top directory.
	Root string

	mu      sync.Mutex
	commits map[string]bool // commit IDs git has confirmed: each names itself for good
}

// ErrNotRepository is returned by Open outside a git working tree.
var ErrNotRepository = errors.New("not a git repository")

// ErrUnusable is returned (wrapped, with git's reason) by Open when git
// refuses the working tree, e.g. for "dubious ownership" in a container.
var ErrUnusable = errors.New("git cannot be used")

var dubiousAt = regexp.MustCompile(`dubious ownership in repository at '([^']+)'`)

// Open finds the git working tree containing dir.
func Open(dir string) (*Repo, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("git is not installed: %w", err)
	}
	out, err := run(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) && strings.Contains(ge.stderr, "dubious ownership") {
			top := dir
			if m := dubiousAt.FindStringSubmatch(ge.stderr); m != nil {
				top = m[1]
			}
			return nil, fmt.Errorf("%s: %w: %s (fix: `git config --global --add safe.directory %s`, as the user that runs contractctl)", dir, ErrUnusable, ge.message(), top)
		}
		if errors.As(err, &ge) && !strings.Contains(ge.stderr, "not a git repository") {
			return nil, fmt.Errorf("%s: %w: %s", dir, ErrUnusable, ge.message())
		}
		return nil, fmt.Errorf("%s: %w (diff reads the base revision with git; to compare two files run `contractctl diff BASE_FILE HEAD_FILE`)", dir, ErrNotRepository)
	}
	root := strings.TrimSpace(string(out))
	if root == "" {
		return nil, fmt.Errorf("%s: %w (a bare repository has no working tree)", dir, ErrNotRepository)
	}
	return &Repo{Root: filepath.Clean(root)}, nil
}

// gitError carries git's own message.
type gitError struct {
	args   []string
	stderr string
	err    error
}

func (e *gitError) Error() string {
	return fmt.Sprintf("git %s: %s", strings.Join(e.args, " "), e.message())
}

// message is the first line of git's stderr, without its "fatal: ".
func (e *gitError) message() string {
	msg := strings.TrimSpace(e.stderr)
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	msg = strings.TrimPrefix(msg, "fatal: ")
	if msg == "" {
		msg = e.err.Error()
	}
	return msg
}

func (e *gitError) Unwrap() error { return e.err }

func run(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, &gitError{args: args, stderr: stderr.String(), err: err}
	}
	return out, nil
}

func (r *Repo) git(args ...string) ([]byte, error) { return run(r.Root, args...) }

// Shallow reports whether the repository is a shallow clone.
func (r *Repo) Shallow() bool {
	out, err := r.git("rev-parse", "--is-shallow-repository")
	return err == nil && strings.TrimSpace(string(out)) == "true"
}

// known reports whether c is a commit ID git has confirmed: a base is
// resolved once and then read, listed and diffed by its ID, and asking git
// again each time costs a process.
func (r *Repo) known(c string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.commits[c]
}

// confirm records c as a commit ID git has confirmed.
func (r *Repo) confirm(c string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.commits == nil {
		r.commits = map[string]bool{}
	}
	r.commits[c] = true
}

// lookup resolves rev to a commit ID, quietly.
func (r *Repo) lookup(rev string) (string, bool) {
	if r.known(rev) {
		return rev, true
	}
	out, err := r.git("rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", false
	}
	c := strings.TrimSpace(string(out))
	r.confirm(c)
	return c, true
}

// Commit resolves rev to a commit ID. A revision that does not exist is
// an error naming it; in a shallow clone the error says how to fetch it.
func (r *Repo) Commit(rev string) (string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") || strings.ContainsAny(rev, "\n\x00") {
		return "", fmt.Errorf("invalid base revision %q", rev)
	}
	if c, ok := r.lookup(rev); ok {
		return c, nil
	}
	if r.Shallow() {
		return "", fmt.Errorf("base revision %q is not in this shallow clone: fetch it (`%s`) or clone with full history (`fetch-depth: 0` in actions/checkout)", rev, fetchHint(rev))
	}
	return "", fmt.Errorf("base revision %q does not exist in %s", rev, r.Root)
}
