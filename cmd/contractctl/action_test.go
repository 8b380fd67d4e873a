package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

// action mirrors the parts of action.yml that a composite action runs.
type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID    string            `yaml:"id"`
			If    string            `yaml:"if"`
			Uses  string            `yaml:"uses"`
			With  map[string]string `yaml:"with"`
			Shell string            `yaml:"shell"`
			Env   map[string]string `yaml:"env"`
			Run   string            `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

var expr = regexp.MustCompile(`\$\{\{\s*([^}]+?)\s*\}\}`)

// TestActionSteps runs the composite action's steps the way the GitHub
// runner would — bash, inputs substituted, a fake GITHUB_* environment —
// in a throwaway repository with a breaking pull request, and checks the
// exit status, the annotations and the outputs.
func TestActionSteps(t *testing.T) {
	if testing.Short() {
		t.Skip("builds contractctl as the action does; skipped with -short")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not installed")
	}
	repoRoot, a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, name := range []string{"breaking", "findings"} {
		if _, ok := a.Outputs[name]; !ok {
			t.Errorf("action.yml lacks output %q", name)
		}
	}
	for _, name := range []string{"base", "paths", "fail-on", "new-only", "format"} {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("action.yml lacks input %q", name)
		}
	}

	work := t.TempDir()
	gitEnv := []string{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=" + os.DevNull}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), gitEnv...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(work, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const base = `openapi: 3.1.0
info: {title: Orders, version: 1.0.0}
paths:
  /v1/orders:
    get:
      operationId: listOrders
      responses:
        "200": {description: ok}
  /v1/orders/{id}:
    get:
      operationId: getOrder
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok}
`
	write("api.yaml", base)
	git("init", "-q", "-b", "main")
	git("add", ".")
	git("commit", "-q", "-m", "base")
	git("update-ref", "refs/remotes/origin/main", "HEAD")
	git("checkout", "-q", "-b", "feature")
	write("api.yaml", strings.Replace(base, "  /v1/orders:\n    get:\n      operationId: listOrders\n      responses:\n        \"200\": {description: ok}\n", "", 1))
	git("commit", "-q", "-am", "remove listOrders")

	inputs := map[string]string{"paths": "api.yaml"}
	stepOutputs := map[string]map[string]string{}
	runnerTemp := t.TempDir()
	var lastErr error
	var log bytes.Buffer
	for _, step := range a.Runs.Steps {
		if step.If != "" && !evalIf(step.If, stepOutputs) {
			continue
		}
		if step.Uses != "" {
			if _, err := exec.LookPath("go"); err != nil {
				t.Skipf("step %q needs %s, which only a runner has", step.ID, step.Uses)
			}
			t.Fatalf("step uses %s although Go is installed; its if: should have skipped it", step.Uses)
		}
		if step.Shell != "bash" {
			t.Fatalf("step %q: shell %q, want bash", step.ID, step.Shell)
		}
		stepOut := filepath.Join(t.TempDir(), "output")
		cmd := exec.Command("bash", "-e", "-o", "pipefail", "-c", step.Run)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), gitEnv...)
		cmd.Env = append(cmd.Env,
			"GITHUB_ACTION_PATH="+repoRoot,
			"RUNNER_TEMP="+runnerTemp,
			"GITHUB_OUTPUT="+stepOut,
			"GITHUB_STEP_SUMMARY="+filepath.Join(work, "..", "gh-summary"),
			"GITHUB_BASE_REF=main",
			"NO_COLOR=1",
		)
		for k, v := range step.Env {
			cmd.Env = append(cmd.Env, k+"="+substitute(v, a, inputs))
		}
		cmd.Stdout, cmd.Stderr = &log, &log
		lastErr = cmd.Run()
		stepOutputs[step.ID] = readOutputs(t, stepOut)
		if lastErr != nil && step.ID != "check" {
			t.Fatalf("step %q failed: %v\n%s", step.ID, lastErr, log.String())
		}
	}
	if lastErr == nil {
		t.Fatalf("the check step passed on a breaking pull request:\n%s", log.String())
	}
	if !strings.Contains(log.String(), "::error file=api.yaml,") {
		t.Errorf("no error annotation in the log:\n%s", log.String())
	}
	if got := stepOutputs["check"]["breaking"]; got != "true" {
		t.Errorf("output breaking = %q, want true", got)
	}
	if got := stepOutputs["check"]["findings"]; got == "" || got == "0" {
		t.Errorf("output findings = %q, want a positive count", got)
	}
}

// substitute replaces ${{ inputs.x }} with the input or its default.
func substitute(s string, a action, inputs map[string]string) string {
	return expr.ReplaceAllStringFunc(s, func(m string) string {
		e := strings.TrimSpace(expr.FindStringSubmatch(m)[1])
		if name, ok := strings.CutPrefix(e, "inputs."); ok {
			if v, ok := inputs[name]; ok {
				return v
			}
			return a.Inputs[name].Default
		}
		return m
	})
}

// evalIf understands the one form the action uses:
// steps.<id>.outputs.<name> != 'value'.
func evalIf(cond string, outs map[string]map[string]string) bool {
	m := regexp.MustCompile(`^steps\.(\w+)\.outputs\.(\w+)\s*(==|!=)\s*'([^']*)'$`).FindStringSubmatch(strings.TrimSpace(cond))
	if m == nil {
		return true
	}
	eq := outs[m[1]][m[2]] == m[4]
	if m[3] == "==" {
		return eq
	}
	return !eq
}

// readAction returns the repository root and its action.yml.
func readAction(t *testing.T) (string, action) {
	t.Helper()
	repoRoot, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return repoRoot, a
}

func readOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			out[k] = v
		}
	}
	return out
}

// TestActionInstallsGoWhenTheRunnersIsOlder runs the action's "Look for Go"
// step with a runner Go older than go.mod's, the same one, and none: only
// the same one skips setup-go (a runner's older Go cannot build the
// module), and setup-go then installs go.mod's version.
func TestActionInstallsGoWhenTheRunnersIsOlder(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not installed")
	}
	repoRoot, a := readAction(t)
	mod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if want == nil {
		t.Fatal("go.mod has no go line")
	}
	look, setup := -1, -1
	for i, st := range a.Runs.Steps {
		switch {
		case st.ID == "go":
			look = i
		case strings.HasPrefix(st.Uses, "actions/setup-go@"):
			setup = i
		}
	}
	if look < 0 || setup < look {
		t.Fatalf("action.yml needs a step id: go before actions/setup-go (steps %d, %d)", look, setup)
	}
	if f := a.Runs.Steps[setup].With["go-version-file"]; !strings.HasSuffix(f, "/go.mod") {
		t.Errorf("setup-go installs go-version-file %q, want the action's go.mod", f)
	}
	for _, c := range []struct {
		name, version string // version "" means no go on PATH
		skipSetup     bool
	}{
		{"older", "go1.21.13", false},
		{"same", "go" + string(want[1]), true},
		{"newer", "go1.99.0 X:nocoverageredesign", true},
		{"none", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			bin := t.TempDir()
			if c.version != "" {
				fake := "#!/bin/sh\n[ \"$1 $2\" = \"env GOVERSION\" ] && echo '" + c.version + "'\n"
				if err := os.WriteFile(filepath.Join(bin, "go"), []byte(fake), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for _, tool := range []string{"awk", "sed", "sort", "head", "printf"} {
				if p, err := exec.LookPath(tool); err == nil {
					if err := os.Symlink(p, filepath.Join(bin, tool)); err != nil {
						t.Fatal(err)
					}
				}
			}
			out := filepath.Join(t.TempDir(), "output")
			bash, _ := exec.LookPath("bash")
			cmd := exec.Command(bash, "-e", "-o", "pipefail", "-c", a.Runs.Steps[look].Run)
			cmd.Env = []string{"PATH=" + bin, "GITHUB_ACTION_PATH=" + repoRoot, "GITHUB_OUTPUT=" + out}
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("step failed: %v\n%s", err, msg)
			}
			outs := map[string]map[string]string{"go": readOutputs(t, out)}
			if got := !evalIf(a.Runs.Steps[setup].If, outs); got != c.skipSetup {
				t.Errorf("runner Go %q: setup-go skipped = %v, want %v (outputs %v)", c.version, got, c.skipSetup, outs["go"])
			}
		})
	}
}
