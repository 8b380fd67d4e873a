package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/internal/gitrev"
	"github.com/contractctl/contractctl/internal/report"
)

// baseFlags are --base and --base-exact.
type baseFlags struct {
	rev, exact string
}

func (b *baseFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&b.rev, "base", "", "compare with the merge-base of REV and HEAD, where the branch left REV, as a pull request does (branch, tag, SHA, origin/main, HEAD~1; default: $GITHUB_BASE_REF, $CI_MERGE_REQUEST_DIFF_BASE_SHA, else origin/HEAD, origin/main or main)")
	f.StringVar(&b.exact, "base-exact", "", "compare with REV itself, not the merge-base")
}

// set reports whether the user named a base.
func (b *baseFlags) set() bool { return b.rev != "" || b.exact != "" }

// resolve opens the repository holding dir and resolves the base in it.
func (b *baseFlags) resolve(dir string) (*gitrev.Repo, gitrev.Base, error) {
	if b.rev != "" && b.exact != "" {
		return nil, gitrev.Base{}, errors.New("--base and --base-exact exclude each other: --base REV compares with the merge-base of REV and HEAD, --base-exact REV with REV itself")
	}
	repo, err := gitrev.Open(dir)
	if err != nil {
		return nil, gitrev.Base{}, err
	}
	var base gitrev.Base
	if b.exact != "" {
		base, err = repo.ResolveBase(b.exact, true, os.Getenv)
	} else {
		base, err = repo.ResolveBase(b.rev, false, os.Getenv)
	}
	return repo, base, err
}

// announce says on stderr, in text mode, what the run compares with, and
// returns the base as the json and markdown reports show it.
func announce(g *globals, format string, b gitrev.Base) *report.Base {
	if format == "text" {
		fmt.Fprintf(g.stderr, "comparing with %s\n", b)
	}
	return &report.Base{Rev: b.Rev, Commit: b.Commit, MergeBase: !b.Exact, Source: b.Source, Line: b.String()}
}

// inCI reports whether the run is a CI job: CI set to anything but
// false/0, or GitHub's or GitLab's own variable.
func inCI() bool {
	if v := strings.ToLower(strings.TrimSpace(os.Getenv("CI"))); v != "" && v != "false" && v != "0" {
		return true
	}
	return os.Getenv("GITHUB_ACTIONS") != "" || os.Getenv("GITLAB_CI") != ""
}

// noBase decides what check does when it cannot read a base it was not
// told about: in CI a silent skip of the breaking-change diff is a false
// pass, so it is an error with git's reason and the fix; locally a
// one-line warning.
func noBase(g *globals, err error) error {
	if inCI() {
		return fmt.Errorf("cannot check breaking changes: %v; in CI that is an error (give the job the repository with its history, e.g. `fetch-depth: 0` in actions/checkout, or pass --base REV)", err)
	}
	fmt.Fprintf(g.stderr, "contractctl: warning: breaking changes not checked: %s\n", oneLine(err.Error()))
	return nil
}
