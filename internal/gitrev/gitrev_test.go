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
	b, err := r.ResolveBase("HEAD~1", env(nil))
	if err != nil || b.Source != "--base" {
		t.Fatalf("flag: %+v, %v", b, err)
	}
	if _, err := r.ResolveBase("", env(map[string]string{"GITHUB_BASE_REF": "main"})); err == nil || !strings.Contains(err.Error(), "origin/main") {
		t.Errorf("GitHub without origin/main: %v", err)
	}
	b, err = r.ResolveBase("", env(map[string]string{"CI_MERGE_REQUEST_DIFF_BASE_SHA": "HEAD~1"}))
	if err != nil || b.Source != "CI_MERGE_REQUEST_DIFF_BASE_SHA" {
		t.Errorf("GitLab: %+v, %v", b, err)
	}
	b, err = r.ResolveBase("", env(nil))
	if err != nil || b.Source != "merge-base with main" {
		t.Errorf("merge-base: %+v, %v", b, err)
	}
	head, _ := r.Commit("HEAD")
	if b.Commit != head {
		t.Errorf("merge-base of HEAD and main = %s, want HEAD %s", b.Commit, head)
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
