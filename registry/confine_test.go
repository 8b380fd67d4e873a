package registry

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/compat"
)

// confined is a registry at repo/schemas confined to repo, and a directory
// outside the repository.
func confined(t *testing.T) (s *Store, repo, outside string) {
	t.Helper()
	base := t.TempDir()
	repo, outside = filepath.Join(base, "repo"), filepath.Join(base, "outside")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(repo, "schemas")
	if _, err := Init(root, compat.Backward); err != nil {
		t.Fatal(err)
	}
	s, err := Open(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Confine(repo); err != nil {
		t.Fatal(err)
	}
	return s, repo, outside
}

func TestConfineRefusesSymlinkedSubject(t *testing.T) {
	s, _, outside := confined(t)
	write(t, filepath.Join(outside, "subject.yaml"), "format: avro\n")
	if err := os.Symlink(outside, filepath.Join(s.Root(), "evil-value")); err != nil {
		t.Fatal(err)
	}
	_, err := s.Add("evil-value", Candidate{File: "o.avsc", Data: []byte(record(fID))})
	if err == nil || !strings.Contains(err.Error(), "outside") {
		t.Fatalf("add through a symlink out of the repository: %v", err)
	}
	if _, err := os.Stat(filepath.Join(outside, "1.avsc")); err == nil {
		t.Fatal("a version was written outside the repository")
	}
	if _, err := s.SetLevel("evil-value", compat.Full); err == nil {
		t.Fatal("SetLevel wrote through a symlink out of the repository")
	}
	// a symlinked subject inside the repository is fine
	inside := filepath.Join(s.Root(), "..", "elsewhere")
	write(t, filepath.Join(inside, "subject.yaml"), "format: avro\n")
	if err := os.Symlink(inside, filepath.Join(s.Root(), "fine-value")); err != nil {
		t.Fatal(err)
	}
	add(t, s, "fine-value", "o.avsc", record(fID))
}

func TestConfineRefusesRegistryOutside(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "etc")
	if _, err := Init(root, compat.Backward); err != nil {
		t.Fatal(err)
	}
	s, err := Open(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Confine(filepath.Join(base, "repo")); err == nil || !strings.Contains(err.Error(), "--dir") {
		t.Fatalf("a registry outside the repository: %v", err)
	}
}

// A Protobuf reference to a subject whose directory leads out of the
// repository is refused; so is a version file that does.
func TestConfineReferencesAndVersionFiles(t *testing.T) {
	s, _, outside := confined(t)
	write(t, filepath.Join(outside, "subject.yaml"), "format: protobuf\n")
	write(t, filepath.Join(outside, "1.proto"), "syntax = \"proto3\";\npackage common.v1;\nmessage Money { int64 units = 1; }\n")
	if err := os.Symlink(outside, filepath.Join(s.Root(), "common")); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(s.Root(), "orders-value", "subject.yaml"), "format: protobuf\nreferences:\n  - {name: common/money.proto, subject: common, version: 1}\n")
	_, err := s.Add("orders-value", Candidate{File: "o.proto", Data: []byte("syntax = \"proto3\";\npackage orders.v1;\nimport \"common/money.proto\";\nmessage Order { common.v1.Money total = 1; }\n")})
	if err == nil || !strings.Contains(err.Error(), "outside") {
		t.Fatalf("a reference out of the repository: %v", err)
	}

	write(t, filepath.Join(outside, "secret"), record(fID))
	write(t, filepath.Join(s.Root(), "o", "subject.yaml"), "format: avro\n")
	if err := os.Symlink(filepath.Join(outside, "secret"), filepath.Join(s.Root(), "o", "1.avsc")); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := s.Show("o", 1); err == nil {
		t.Fatal("show read a version file out of the repository")
	}
	fs, err := s.Check(CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(summary(fs), "; "); !strings.Contains(got, "registry-invalid-layout o/1.avsc") {
		t.Fatalf("check: %s", got)
	}
}

// A write removes the temporary files that interrupted writes left in the
// directory it writes; Init's .gitignore ignores them.
func TestDebrisCleanedByNextWrite(t *testing.T) {
	s := newStore(t, compat.Backward)
	add(t, s, "o", "1.avsc", record(fID))
	junk := filepath.Join(s.Root(), "o", ".2.avsc.tmp-4242")
	write(t, junk, "{")
	sub, err := s.Subject("o")
	if err != nil {
		t.Fatal(err)
	}
	if len(sub.Debris) != 1 || len(sub.Problems) != 0 {
		t.Fatalf("debris %v, problems %v", sub.Debris, sub.Problems)
	}
	add(t, s, "o", "2.avsc", record(fID, fTotal))
	if _, err := os.Stat(junk); !os.IsNotExist(err) {
		t.Fatalf("debris survived the next write: %v", err)
	}
	rootJunk := filepath.Join(s.Root(), ".registry.yaml.tmp-7")
	write(t, rootJunk, "x")
	if _, err := s.SetLevel("", compat.Full); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(rootJunk); !os.IsNotExist(err) {
		t.Fatalf("root debris survived the next write: %v", err)
	}
	gi, err := os.ReadFile(filepath.Join(s.Root(), ".gitignore"))
	if err != nil || !strings.Contains(string(gi), "\n.*.tmp-*\n") {
		t.Fatalf(".gitignore: %q %v", gi, err)
	}
}

// A subject directory without subject.yaml (a crash before it was
// written) is skipped with a warning; list and add still work.
func TestSubjectWithoutConfigSkipped(t *testing.T) {
	s := newStore(t, compat.Backward)
	add(t, s, "o", "1.avsc", record(fID))
	write(t, filepath.Join(s.Root(), "half", lockFile), "")
	subs, probs, err := s.Subjects()
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || len(probs) != 1 || !probs[0].Warning {
		t.Fatalf("subjects %d, problems %+v", len(subs), probs)
	}
	// re-running the add completes the half-created subject
	if res := add(t, s, "half", "1.avsc", record(fID)); !res.Created || res.Version != 1 {
		t.Fatalf("add to a half-created subject: %+v", res)
	}
}
