package confine

import (
	"os"
	"path/filepath"
	"testing"
)

func TestInside(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "dir"), 0o755))
	must(os.WriteFile(filepath.Join(outside, "secret.yaml"), []byte("x: 1\n"), 0o644))
	must(os.Symlink(filepath.Join(outside, "secret.yaml"), filepath.Join(root, "file-link.yaml")))
	must(os.Symlink(outside, filepath.Join(root, "dir-link")))
	must(os.Symlink(filepath.Join(root, "dir"), filepath.Join(root, "inner-link")))
	for _, c := range []struct {
		path string
		want bool
	}{
		{"dir", true},
		{"dir/new/file.yaml", true}, // not there yet: where it would be created
		{"inner-link/x.yaml", true},
		{"file-link.yaml", false},
		{"dir-link/secret.yaml", false},
		{"dir-link/not-yet.yaml", false},
		{"dir/../../x.yaml", false},
		{".", true},
	} {
		if got := Inside(root, filepath.Join(root, c.path)); got != c.want {
			t.Errorf("Inside(root, %s) = %v, want %v", c.path, got, c.want)
		}
	}
	// The directory itself may be reached through a symlink.
	link := filepath.Join(t.TempDir(), "root-link")
	must(os.Symlink(root, link))
	if !Inside(link, filepath.Join(root, "dir")) || !Inside(root, filepath.Join(link, "dir")) {
		t.Error("a symlinked root must contain its own files")
	}
}
