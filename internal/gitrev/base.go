package gitrev

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Base is a resolved base revision.
type Base struct {
	// Rev is the revision as named (a flag value, "origin/main", a SHA).
	Rev string
	// Commit is the commit ID compared with: the merge-base of Rev and
	// HEAD, or Rev itself when Exact.
	Commit string
	// Exact is true when Commit is Rev's own commit (--base-exact, GitLab's
	// merge request base), false when it is the merge-base with HEAD.
	Exact bool
	// Source says where Rev came from: "--base", "--base-exact",
	// "GITHUB_BASE_REF", "CI_MERGE_REQUEST_DIFF_BASE_SHA" or "default
	// branch".
	Source string
}

// String is the line a run prints about its base:
// "main @ 1a2b3c4 (merge-base)".
func (b Base) String() string {
	how := "merge-base"
	if b.Exact {
		how = "exact"
	}
	if b.Source != "--base" && b.Source != "--base-exact" {
		how += ", from " + b.Source
	}
	return fmt.Sprintf("%s @ %s (%s)", b.Rev, Short(b.Commit), how)
}

// Short abbreviates a commit ID to seven characters.
func Short(commit string) string {
	if len(commit) > 7 {
		return commit[:7]
	}
	return commit
}

// ErrNoCommit is returned (wrapped) by ResolveBase in a repository whose
// HEAD has no commit yet.
var ErrNoCommit = errors.New("the repository has no commit yet")

// ResolveBase picks the base a change is compared with. The revision is
// rev when set; else origin/$GITHUB_BASE_REF (GitHub pull requests); else
// $CI_MERGE_REQUEST_DIFF_BASE_SHA (GitLab merge requests, already the
// merge-base, taken as is); else the first of origin/HEAD, origin/main
// and main that exists. The base is the merge-base of that revision and
// HEAD — where the branch left it, as a pull request shows — unless exact
// asks for the revision itself. getenv reads the environment.
func (r *Repo) ResolveBase(rev string, exact bool, getenv func(string) string) (Base, error) {
	switch {
	case rev != "" && exact:
		c, err := r.Commit(rev)
		if err != nil {
			return Base{}, err
		}
		return Base{Rev: rev, Commit: c, Exact: true, Source: "--base-exact"}, nil
	case rev != "":
		return r.mergeBase(rev, "--base")
	}
	if ref := strings.TrimSpace(getenv("GITHUB_BASE_REF")); ref != "" {
		return r.mergeBase("origin/"+ref, "GITHUB_BASE_REF")
	}
	if sha := strings.TrimSpace(getenv("CI_MERGE_REQUEST_DIFF_BASE_SHA")); sha != "" {
		c, err := r.Commit(sha)
		if err != nil {
			return Base{}, fmt.Errorf("%w (from CI_MERGE_REQUEST_DIFF_BASE_SHA)", err)
		}
		return Base{Rev: Short(sha), Commit: c, Exact: true, Source: "CI_MERGE_REQUEST_DIFF_BASE_SHA"}, nil
	}
	for _, branch := range []string{"origin/HEAD", "origin/main", "main"} {
		if _, ok := r.lookup(branch); ok {
			return r.mergeBase(branch, "default branch")
		}
	}
	if _, err := r.head(); err != nil {
		return Base{}, err
	}
	return Base{}, fmt.Errorf("cannot find a base revision: pass --base REV (no $GITHUB_BASE_REF, no $CI_MERGE_REQUEST_DIFF_BASE_SHA, and none of origin/HEAD, origin/main, main exists)")
}

// head is HEAD's commit, or ErrNoCommit.
func (r *Repo) head() (string, error) {
	out, err := r.git("rev-parse", "--verify", "--quiet", "HEAD^{commit}")
	if err != nil {
		return "", fmt.Errorf("%s: %w: nothing to compare with", r.Root, ErrNoCommit)
	}
	return strings.TrimSpace(string(out)), nil
}

// mergeBase resolves rev and takes its merge-base with HEAD.
func (r *Repo) mergeBase(rev, source string) (Base, error) {
	fromEnv := func(err error) error {
		if source == "GITHUB_BASE_REF" {
			return fmt.Errorf("%w (from GITHUB_BASE_REF)", err)
		}
		return err
	}
	head, err := r.head()
	if err != nil {
		return Base{}, err
	}
	c, err := r.Commit(rev)
	if err != nil {
		return Base{}, fromEnv(err)
	}
	out, err := r.git("merge-base", head, c)
	if err != nil {
		if r.Shallow() {
			return Base{}, fromEnv(fmt.Errorf("no merge-base of HEAD and %s in this shallow clone: fetch more history (`%s`) or clone with full history (`fetch-depth: 0` in actions/checkout)", rev, fetchHint(rev)))
		}
		return Base{}, fromEnv(fmt.Errorf("%s and HEAD have no common history: pass the revision to compare with as --base-exact %s", rev, rev))
	}
	mb := strings.TrimSpace(string(out))
	r.confirm(mb)
	return Base{Rev: rev, Commit: mb, Source: source}, nil
}

var branchName = regexp.MustCompile(`^[A-Za-z0-9._/-]+$`)

// fetchHint is the command that brings rev and its merge-base with HEAD
// into a shallow clone, a single-branch one included: a branch is fetched
// into its remote-tracking ref (a plain `git fetch origin main` only sets
// FETCH_HEAD there), and --deepen deepens HEAD's history as well, so that
// the merge-base is found whether HEAD is a pull request's merge commit or
// a branch's own tip.
func fetchHint(rev string) string {
	return strings.TrimSpace("git fetch --no-tags --deepen=200 origin " + refspec(rev))
}

// refspec is the refspec that fetches the branch rev names into its
// remote-tracking ref, or "" when rev does not name a branch.
func refspec(rev string) string {
	b := strings.TrimPrefix(rev, "origin/")
	if rev == "HEAD" || strings.HasPrefix(rev, "HEAD") || !branchName.MatchString(b) || isHex(b) {
		return ""
	}
	return fmt.Sprintf("+refs/heads/%s:refs/remotes/origin/%s", b, b)
}

func isHex(s string) bool {
	if len(s) < 7 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
