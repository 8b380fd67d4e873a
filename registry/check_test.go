package registry

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/compat"
)

// mapRevision is a base revision held in memory.
type mapRevision map[string]string

func (m mapRevision) ReadFile(name string) ([]byte, error) {
	if d, ok := m[name]; ok {
		return []byte(d), nil
	}
	return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
}

// snapshot records the registry's version files as a base revision whose
// registry directory is "schemas".
func snapshot(t *testing.T, s *Store) *Revision {
	t.Helper()
	m := mapRevision{}
	err := filepath.WalkDir(s.Root(), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		rel, _ := filepath.Rel(s.Root(), p)
		data, err := os.ReadFile(p)
		m["schemas/"+filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files := make([]string, 0, len(m))
	for f := range m {
		files = append(files, f)
	}
	sort.Strings(files)
	return &Revision{Name: "BASE", Files: files, Reader: m, Dir: "schemas"}
}

func write(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func summary(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+" "+filepath.Base(filepath.Dir(f.File))+"/"+filepath.Base(f.File))
	}
	return out
}

func TestCheck(t *testing.T) {
	s := newStore(t, compat.Backward)
	add(t, s, "o", "1.avsc", record(fID))
	add(t, s, "o", "2.avsc", record(fID, fTotal))
	add(t, s, "p", "1.avsc", record(fID))
	base := snapshot(t, s)
	dir := filepath.Join(s.Root(), "o")

	if fs, err := s.Check(CheckOptions{Base: base}); err != nil || len(fs) != 0 {
		t.Fatalf("unchanged registry: %v %v", summary(fs), err)
	}

	// a new incompatible version, written by hand
	write(t, filepath.Join(dir, "3.avsc"), record(fID, fTotal, `{"name": "c", "type": "string"}`))
	fs, err := s.Check(CheckOptions{Base: base})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(summary(fs), "; "); got != "registry-incompatible o/3.avsc" {
		t.Fatalf("new incompatible version: %s", got)
	}
	if fs[0].Line != 4 || fs[0].Pointer != "/fields/2" {
		t.Errorf("finding at %d %q, want line 4 /fields/2", fs[0].Line, fs[0].Pointer)
	}
	os.Remove(filepath.Join(dir, "3.avsc"))

	// an edited and a deleted version; --all re-checks old versions
	write(t, filepath.Join(dir, "1.avsc"), record(`{"name": "id", "type": "int"}`))
	if err := os.Remove(filepath.Join(s.Root(), "p", "1.avsc")); err != nil {
		t.Fatal(err)
	}
	fs, err = s.Check(CheckOptions{Base: base})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(summary(fs), "; "); got != "registry-version-modified o/1.avsc; registry-version-deleted p/1.avsc" {
		t.Fatalf("edited and deleted: %s", got)
	}
	if fs[0].Line != 2 || fs[0].Column != 27 {
		t.Errorf("modified at %d:%d, want 2:27", fs[0].Line, fs[0].Column)
	}
	fs, err = s.Check(CheckOptions{Base: base, All: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(summary(fs), "; "); got != "registry-version-modified o/1.avsc; registry-incompatible o/2.avsc; registry-version-deleted p/1.avsc" {
		t.Fatalf("--all: %s", got)
	}
	// without a base every version is checked
	fs, err = s.Check(CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(summary(fs), "; "); got != "registry-incompatible o/2.avsc" {
		t.Fatalf("no base: %s", got)
	}
}

func TestCheckLayoutAndInvalid(t *testing.T) {
	s := newStore(t, compat.Backward)
	add(t, s, "o", "1.avsc", record(fID))
	write(t, filepath.Join(s.Root(), "o", "2.avsc"), "{\"type\": \"record\",\n  \"name\": 3}\n")
	write(t, filepath.Join(s.Root(), "o", "3.avsc"), record(fID, fTotal))
	write(t, filepath.Join(s.Root(), "o", "v4.avsc"), record(fID))
	write(t, filepath.Join(s.Root(), "o", "4.json"), "{}")
	write(t, filepath.Join(s.Root(), "o", ".3.avsc.tmp-123"), "{") // an interrupted write: a warning
	write(t, filepath.Join(s.Root(), "nocfg", "1.avsc"), record(fID))
	write(t, filepath.Join(s.Root(), "badcfg", "subject.yaml"), "format: avro\ncompatibility: SOMETIMES\n")
	fs, err := s.Check(CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"registry-invalid-layout badcfg/subject.yaml",
		"registry-invalid-layout schemas/nocfg",
		"registry-invalid-layout o/.3.avsc.tmp-123",
		"registry-invalid-schema o/2.avsc",
		"registry-invalid-layout o/4.json",
		"registry-invalid-layout o/v4.avsc",
	}
	if got := strings.Join(summary(fs), "; "); got != strings.Join(want, "; ") {
		t.Fatalf("got  %s\nwant %s", got, strings.Join(want, "; "))
	}
	if fs[0].Line != 2 {
		t.Errorf("invalid level not positioned: %+v", fs[0])
	}
	if fs[3].Line == 0 {
		t.Errorf("invalid schema not positioned: %+v", fs[3])
	}
	// a subject directory without subject.yaml and the debris are
	// warnings; the rest are errors
	for i, f := range fs {
		want := finding.Error
		if i == 1 || i == 2 {
			want = finding.Warn
		}
		if f.Severity != want {
			t.Errorf("%s %s: severity %s, want %s", f.Rule, f.File, f.Severity, want)
		}
	}
}
