package contract

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/contractctl/contractctl/"

// TestLayering holds the dependency graph to the architecture
// (docs/architecture.md): lint, diff and registry never reach each other,
// even through another package; the shared layers (finding, rules, config,
// house, internal/...) never reach lint, diff, registry or cmd; finding
// imports nothing of ours and internal/load does not import the catalogue.
func TestLayering(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Deps \" \"}}", module+"...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], module)
		for _, d := range fields[1:] {
			if strings.HasPrefix(d, module) {
				deps[pkg] = append(deps[pkg], strings.TrimPrefix(d, module))
			}
		}
	}
	if len(deps) < 20 {
		t.Fatalf("go list found only %d packages of ours with dependencies", len(deps))
	}
	top := func(pkg string) string { return strings.SplitN(pkg, "/", 2)[0] }
	jobs := []string{"lint", "diff", "registry"}
	for pkg, ds := range deps {
		for _, d := range ds {
			switch {
			case slices.Contains(jobs, top(pkg)) && slices.Contains(jobs, top(d)) && top(pkg) != top(d):
				t.Errorf("%s reaches %s: lint, diff and registry must not depend on each other", pkg, d)
			case !slices.Contains(jobs, top(pkg)) && top(pkg) != "cmd" && (slices.Contains(jobs, top(d)) || top(d) == "cmd"):
				t.Errorf("%s reaches %s: shared packages must not depend on a job or the CLI", pkg, d)
			}
		}
	}
	if ds := deps["finding"]; len(ds) > 0 {
		t.Errorf("finding imports %v; it must stay a leaf", ds)
	}
	if slices.Contains(deps["internal/load"], "rules") {
		t.Error("internal/load reaches the rules catalogue")
	}
}
