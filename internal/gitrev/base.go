package gitrev

import (
	"fmt"
	"strings"
)

// Base is a resolved base revision.
type Base struct {
	// Rev is the revision as named (a flag value, "origin/main", a SHA).
	Rev string
	// Commit is its commit ID.
	Commit string
	// Source says where it came from: "--base", "GITHUB_BASE_REF",
	// "CI_MERGE_REQUEST_DIFF_BASE_SHA" or "merge-base with origin/main".
	Source string
}

// ResolveBase picks the base revision a change is compared with: flag
// when set; else $GITHUB_BASE_REF as origin/<ref> (GitHub pull requests);
// else $CI_MERGE_REQUEST_DIFF_BASE_SHA (GitLab merge requests); else the
// merge-base of HEAD with the first of origin/HEAD, origin/main and main
// that exists. getenv reads the environment (os.Getenv in production).
func (r *Repo) ResolveBase(flag string, getenv func(string) string) (Base, error) {
	pick := func(rev, source string) (Base, error) {
		c, err := r.Commit(rev)
		if err != nil {
			return Base{}, fmt.Errorf("%w (from %s)", err, source)
		}
		return Base{Rev: rev, Commit: c, Source: source}, nil
	}
	if flag != "" {
		c, err := r.Commit(flag)
		if err != nil {
			return Base{}, err
		}
		return Base{Rev: flag, Commit: c, Source: "--base"}, nil
	}
	if ref := strings.TrimSpace(getenv("GITHUB_BASE_REF")); ref != "" {
		return pick("origin/"+ref, "GITHUB_BASE_REF")
	}
	if sha := strings.TrimSpace(getenv("CI_MERGE_REQUEST_DIFF_BASE_SHA")); sha != "" {
		return pick(sha, "CI_MERGE_REQUEST_DIFF_BASE_SHA")
	}
	head, err := r.Commit("HEAD")
	if err != nil {
		return Base{}, fmt.Errorf("no commit yet: pass --base REV: %w", err)
	}
	for _, branch := range []string{"origin/HEAD", "origin/main", "main"} {
		if _, err := r.Commit(branch); err != nil {
			continue
		}
		out, err := r.git("merge-base", head, branch)
		if err != nil {
			if r.Shallow() {
				return Base{}, fmt.Errorf("no merge-base of HEAD and %s in this shallow clone: fetch more history (`fetch-depth: 0` in actions/checkout, or `git fetch --depth=1 origin main` and pass --base origin/main)", branch)
			}
			continue
		}
		return Base{Rev: branch, Commit: strings.TrimSpace(string(out)), Source: "merge-base with " + branch}, nil
	}
	return Base{}, fmt.Errorf("cannot find a base revision: pass --base REV (no $GITHUB_BASE_REF, no $CI_MERGE_REQUEST_DIFF_BASE_SHA, and none of origin/HEAD, origin/main, main exists)")
}
