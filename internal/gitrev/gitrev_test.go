package gitrev

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repo builds a throwaway repository: commit one has a.yaml and
// dir/b.yaml, commit two renames a.yaml to c.yaml and edits b.
func repo(t testing.TB) *Repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q", "-b", "main")
	write("a.yaml", "openapi: 3.0.3\ninfo: {title: a, version: 1.0.0}\npaths: {}\n")
	write("dir/b.yaml", "b: 1\n")
	git("add", ".")
	git("commit", "-q", "-m", "one")
	git("mv", "a.yaml", "c.yaml")
	write("dir/b.yaml", "b: 2\n")
	git("commit", "-q", "-am", "two")
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestReader(t *testing.T) {
	r := repo(t)
	rd, err := r.Reader("HEAD~1")
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	got, err := rd.ReadFile("dir/b.yaml")
	if err != nil || string(got) != "b: 1\n" {
		t.Fatalf("ReadFile = %q, %v; want the base content", got, err)
	}
	if _, err := rd.ReadFile("c.yaml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("c.yaml at HEAD~1: err = %v, want ErrNotExist", err)
	}
	if _, err := rd.ReadFile("dir"); err == nil || errors.Is(err, fs.ErrNotExist) {
		t.Errorf("reading a directory: err = %v, want an is-a-tree error", err)
	}
	// The reader keeps working after a missing file.
	if got, err := rd.ReadFile("a.yaml"); err != nil || !strings.HasPrefix(string(got), "openapi") {
		t.Errorf("a.yaml after a miss = %q, %v", got, err)
	}
}

func TestListFilesAndRenames(t *testing.T) {
	r := repo(t)
	files, err := r.ListFiles("HEAD~1")
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(files) != "[a.yaml dir/b.yaml]" {
		t.Errorf("ListFiles = %v", files)
	}
	ren, err := r.Renames("HEAD~1")
	if err != nil {
		t.Fatal(err)
	}
	if ren["c.yaml"] != "a.yaml" || len(ren) != 1 {
		t.Errorf("Renames = %v, want c.yaml → a.yaml", ren)
	}
}

func TestCommitErrors(t *testing.T) {
	r := repo(t)
	_, err := r.Commit("no-such-rev")
	if err == nil || !strings.Contains(err.Error(), `"no-such-rev" does not exist`) {
		t.Errorf("err = %v", err)
	}
	if _, err := r.Commit("--output=x"); err == nil {
		t.Error("an option-like revision is accepted")
	}
	if _, err := Open(t.TempDir()); !errors.Is(err, ErrNotRepository) {
		t.Errorf("Open outside a repository: %v", err)
	}
}

func TestResolveBase(t *testing.T) {
	r := repo(t)
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	parent, _ := r.Commit("HEAD~1")
	head, _ := r.Commit("HEAD")
	b, err := r.ResolveBase("HEAD~1", false, env(nil))
	if err != nil || b.Source != "--base" || b.Exact || b.Commit != parent {
		t.Fatalf("flag: %+v, %v", b, err)
	}
	if _, err := r.ResolveBase("", false, env(map[string]string{"GITHUB_BASE_REF": "main"})); err == nil || !strings.Contains(err.Error(), "origin/main") {
		t.Errorf("GitHub without origin/main: %v", err)
	}
	b, err = r.ResolveBase("", false, env(map[string]string{"CI_MERGE_REQUEST_DIFF_BASE_SHA": "HEAD~1"}))
	if err != nil || b.Source != "CI_MERGE_REQUEST_DIFF_BASE_SHA" || !b.Exact || b.Commit != parent {
		t.Errorf("GitLab: %+v, %v", b, err)
	}
	b, err = r.ResolveBase("", false, env(nil))
	if err != nil || b.Source != "default branch" || b.Rev != "main" {
		t.Errorf("merge-base: %+v, %v", b, err)
	}
	if b.Commit != head {
		t.Errorf("merge-base of HEAD and main = %s, want HEAD %s", b.Commit, head)
	}
	if got := b.String(); got != "main @ "+head[:7]+" (merge-base, from default branch)" {
		t.Errorf("String() = %q", got)
	}
}

// --base REV is the merge-base of REV and HEAD: a branch that left main
// before main moved on is compared with where it left, not with main's
// tip (whose new work would read as this branch's removals);
// --base-exact REV is REV itself.
func TestResolveBaseIsTheMergeBase(t *testing.T) {
	r := repo(t)
	fork, _ := r.Commit("HEAD")
	gitIn(t, r.Root, "checkout", "-q", "-b", "feature")
	gitIn(t, r.Root, "commit", "-q", "--allow-empty", "-m", "feature work")
	gitIn(t, r.Root, "checkout", "-q", "main")
	gitIn(t, r.Root, "commit", "-q", "--allow-empty", "-m", "main moves on")
	tip, _ := r.Commit("main")
	gitIn(t, r.Root, "checkout", "-q", "feature")
	for _, c := range []struct {
		rev   string
		exact bool
		want  string
		line  string
	}{
		{"main", false, fork, "main @ " + fork[:7] + " (merge-base)"},
		{"main", true, tip, "main @ " + tip[:7] + " (exact)"},
	} {
		b, err := r.ResolveBase(c.rev, c.exact, func(string) string { return "" })
		if err != nil {
			t.Fatal(err)
		}
		if b.Commit != c.want || b.String() != c.line {
			t.Errorf("ResolveBase(%s, exact=%v) = %s %q; want %s %q", c.rev, c.exact, b.Commit, b.String(), c.want, c.line)
		}
	}
	b, err := r.ResolveBase("", false, func(k string) string { return map[string]string{"GITHUB_BASE_REF": "main"}[k] })
	if err == nil {
		t.Errorf("GITHUB_BASE_REF without origin/main resolved to %+v", b)
	}
	gitIn(t, r.Root, "update-ref", "refs/remotes/origin/main", "main")
	b, err = r.ResolveBase("", false, func(k string) string { return map[string]string{"GITHUB_BASE_REF": "main"}[k] })
	if err != nil || b.Commit != fork || b.String() != "origin/main @ "+fork[:7]+" (merge-base, from GITHUB_BASE_REF)" {
		t.Errorf("GITHUB_BASE_REF: %+v, %v; want the merge-base %s", b, err, fork)
	}

	// A revision with no history in common with HEAD has no merge-base:
	// the error says to compare with it exactly, and --base-exact does.
	gitIn(t, r.Root, "checkout", "-q", "--orphan", "unrelated")
	gitIn(t, r.Root, "commit", "-q", "--allow-empty", "-m", "a history of its own")
	gitIn(t, r.Root, "checkout", "-q", "feature")
	if _, err := r.ResolveBase("unrelated", false, func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "unrelated and HEAD have no common history: pass the revision to compare with as --base-exact unrelated") {
		t.Errorf("unrelated histories: %v", err)
	}
	if b, err := r.ResolveBase("unrelated", true, func(string) string { return "" }); err != nil || !b.Exact {
		t.Errorf("--base-exact unrelated: %+v, %v", b, err)
	}
}

func TestResolveBaseWithoutACommit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, rev := range []string{"HEAD", ""} {
		if _, err := r.ResolveBase(rev, false, func(string) string { return "" }); !errors.Is(err, ErrNoCommit) {
			t.Errorf("ResolveBase(%q) in an empty repository: %v, want ErrNoCommit", rev, err)
		}
	}
}

// In a shallow single-branch clone (actions/checkout's default) a plain
// `git fetch origin main` only sets FETCH_HEAD, and --depth alone leaves
// the branch's own history too short for a merge-base: the hint fetches
// the branch into its remote-tracking ref and deepens HEAD, and following
// it works.
func TestShallowHintWorksInASingleBranchClone(t *testing.T) {
	r := repo(t)
	gitIn(t, r.Root, "checkout", "-q", "-b", "feature")
	gitIn(t, r.Root, "commit", "-q", "--allow-empty", "-m", "feature work")
	gitIn(t, r.Root, "commit", "-q", "--allow-empty", "-m", "more feature work")
	clone := filepath.Join(t.TempDir(), "clone")
	gitIn(t, r.Root, "clone", "-q", "--depth=1", "--single-branch", "--branch", "feature", "file://"+r.Root, clone)
	c, err := Open(clone)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ResolveBase("origin/main", false, func(string) string { return "" })
	want := "git fetch --no-tags --deepen=200 origin +refs/heads/main:refs/remotes/origin/main"
	if err == nil || !strings.Contains(err.Error(), "`"+want+"`") {
		t.Fatalf("err = %v; want the hint %s", err, want)
	}
	gitIn(t, clone, strings.Fields(want)[1:]...)
	b, err := c.ResolveBase("origin/main", false, func(string) string { return "" })
	if err != nil {
		t.Fatalf("after the hint: %v", err)
	}
	if main, _ := r.Commit("main"); b.Commit != main {
		t.Errorf("base %s, want main's %s", b.Commit, main)
	}
}

// git's "dubious ownership" refusal (a checkout owned by another user, as
// in container CI) is not "not a git repository": the error carries git's
// reason and the safe.directory fix.
func TestOpenDubiousOwnership(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the repository another owner")
	}
	r := repo(t)
	if err := filepath.WalkDir(r.Root, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, 4321, 4321)
	}); err != nil {
		t.Fatal(err)
	}
	_, err := Open(r.Root)
	if !errors.Is(err, ErrUnusable) || errors.Is(err, ErrNotRepository) {
		t.Fatalf("err = %v; want ErrUnusable", err)
	}
	for _, want := range []string{"dubious ownership", "git config --global --add safe.directory " + r.Root} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v lacks %q", err, want)
		}
	}
}

func gitIn(t testing.TB, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// BenchmarkReadCatFile and BenchmarkReadGitShow compare the two ways of
// reading 200 files of a revision.
func benchRepo(b *testing.B) (*Repo, []string) {
	r := repo(b)
	var names []string
	for i := range 200 {
		name := fmt.Sprintf("many/f%03d.yaml", i)
		names = append(names, name)
		if err := os.MkdirAll(filepath.Join(r.Root, "many"), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(r.Root, filepath.FromSlash(name)), []byte(strings.Repeat("k: v\n", 200)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, args := range [][]string{{"add", "."}, {"commit", "-q", "-m", "many"}} {
		cmd := exec.Command("git", append([]string{"-C", r.Root}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
	}
	return r, names
}

func BenchmarkReadCatFile(b *testing.B) {
	r, names := benchRepo(b)
	for b.Loop() {
		rd, err := r.Reader("HEAD")
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range names {
			if _, err := rd.ReadFile(n); err != nil {
				b.Fatal(err)
			}
		}
		rd.Close()
	}
}

func BenchmarkReadGitShow(b *testing.B) {
	r, names := benchRepo(b)
	for b.Loop() {
		for _, n := range names {
			if _, err := r.git("show", "HEAD:"+n); err != nil {
				b.Fatal(err)
			}
		}
	}
}
