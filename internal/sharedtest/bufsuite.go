package sharedtest

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/rules"
)

// BufVersion is the buf release whose rule tests are the conformance bar.
const BufVersion = "v1.75.0"

var update = flag.Bool("update-bufsuite", false, "rewrite testdata/bufsuite/*.txt from contractctl's output")

// bufTestdata returns buf's private/bufpkg/bufcheck/testdata from the Go
// module cache (never downloading it: tests have no network), or skips
// tb when the cache does not hold it (bench/vs-buf-suite.sh downloads it).
func bufTestdata(tb testing.TB) string {
	tb.Helper()
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		tb.Skipf("go env GOMODCACHE: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "github.com", "bufbuild", "buf@"+BufVersion,
		"private", "bufpkg", "bufcheck", "testdata")
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("buf %s is not in the module cache (bench/vs-buf-suite.sh downloads it)", BufVersion)
	}
	return dir
}

// BufLintCases maps each of buf's lint test cases to the directory buf
// lints: the case, or for a case without a configuration of its own its
// one configured subdirectory (v2/ignores).
func BufLintCases(tb testing.TB) map[string]string {
	tb.Helper()
	root := filepath.Join(bufTestdata(tb), "lint")
	out := map[string]string{}
	for _, name := range dirs(tb, root) {
		dir := filepath.Join(root, name)
		if !exists(filepath.Join(dir, "buf.yaml")) && !exists(filepath.Join(dir, "buf.work.yaml")) {
			if sub, _ := filepath.Glob(filepath.Join(dir, "*", "buf.yaml")); len(sub) == 1 {
				dir = filepath.Dir(sub[0])
			}
		}
		out[name] = dir
	}
	return out
}

// BufBreakingCases maps each of buf's breaking test cases to its
// previous (base) and current (head) directories.
func BufBreakingCases(tb testing.TB) map[string][2]string {
	tb.Helper()
	root := filepath.Join(bufTestdata(tb), "breaking")
	out := map[string][2]string{}
	for _, name := range dirs(tb, filepath.Join(root, "current")) {
		out[name] = [2]string{filepath.Join(root, "previous", name), filepath.Join(root, "current", name)}
	}
	return out
}

func dirs(tb testing.TB, root string) []string {
	entries, err := os.ReadDir(root)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// BufLines renders one case's outcome as the expectations hold it: each
// finding of a buf rule as `file:line:col-line:col RULE`, sorted, or
// `error` when the case does not load or compile (the messages are not
// kept: they name paths of this machine). Absolute file names are made
// relative to the first of roots holding them.
func BufLines(fs []finding.Finding, err error, roots ...string) []string {
	if err != nil {
		return []string{"error"}
	}
	var out []string
	for _, f := range fs {
		if f.Rule == rules.ContractInvalid {
			return []string{"error"}
		}
		if f.Rule != strings.ToUpper(f.Rule) {
			continue // house rules are contractctl's own
		}
		file := filepath.FromSlash(f.File)
		for _, root := range roots {
			if r, err := filepath.Rel(root, file); err == nil && filepath.IsAbs(file) && !strings.HasPrefix(r, "..") {
				file = r
				break
			}
		}
		out = append(out, fmt.Sprintf("%s:%d:%d-%d:%d %s", filepath.ToSlash(file), f.Line, f.Column, f.EndLine, f.EndColumn, f.Rule))
	}
	slices.Sort(out)
	return out
}

// CompareBufSuite compares every case's lines with the expectations file
// (`## case` headers, then its lines), or rewrites it with
// -update-bufsuite.
func CompareBufSuite(t *testing.T, file string, got map[string][]string) {
	t.Helper()
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(got)) {
		fmt.Fprintf(&b, "## %s\n", name)
		for _, l := range got[name] {
			b.WriteString(l + "\n")
		}
	}
	if *update {
		if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		t.Fatalf("%s is missing; run the test with -update-bufsuite", file)
	}
	if err != nil {
		t.Fatal(err)
	}
	wantCases := parseCases(string(want))
	for name, lines := range got {
		w, ok := wantCases[name]
		if !ok {
			t.Errorf("%s: no expectations (a new case in buf's suite?)", name)
			continue
		}
		if !slices.Equal(w, lines) {
			t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, file, strings.Join(lines, "\n"), strings.Join(w, "\n"))
		}
	}
}

func parseCases(s string) map[string][]string {
	out := map[string][]string{}
	var cur string
	for _, l := range strings.Split(s, "\n") {
		if name, ok := strings.CutPrefix(l, "## "); ok {
			cur = name
			out[cur] = nil
		} else if l != "" {
			out[cur] = append(out[cur], l)
		}
	}
	return out
}
