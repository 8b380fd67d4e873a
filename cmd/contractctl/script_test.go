package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"contractctl": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the user stories in testdata/script/*.txtar: each one
// writes files (often a throwaway git repository), runs contractctl and
// checks its output and exit code.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("..", "..", "testdata", "script"),
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			// git needs an identity and must not read the user's config.
			env.Setenv("GIT_AUTHOR_NAME", "test")
			env.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
			env.Setenv("GIT_COMMITTER_NAME", "test")
			env.Setenv("GIT_COMMITTER_EMAIL", "test@example.com")
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			env.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
			env.Setenv("NO_COLOR", "1")
			// CI variables of the machine running the tests must not steer
			// the base resolution inside scripts.
			for _, v := range []string{"GITHUB_BASE_REF", "GITHUB_STEP_SUMMARY", "GITHUB_ACTIONS", "GITLAB_CI", "CI_MERGE_REQUEST_DIFF_BASE_SHA", "CI"} {
				env.Setenv(v, "")
			}
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "git":
				_, err := exec.LookPath("git")
				return err == nil, nil
			case "root": // may give files another owner
				return os.Geteuid() == 0, nil
			}
			return false, nil
		},
	})
}
