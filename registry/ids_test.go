package registry

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/compat"
)

// The same schema under two subjects has one ID; IDs survive a new Store
// (a clone) and are never reused after a permanent delete.
func TestIDs(t *testing.T) {
	s := newStore(t, compat.Backward)
	a := add(t, s, "a", "1.avsc", record(fID))
	b := add(t, s, "b", "1.avsc", record(fID))
	c := add(t, s, "a", "2.avsc", record(fID, fTotal))
	again := add(t, s, "a", "3.avsc", record(fID, fTotal)) // already version 2
	if a.ID != 1 || b.ID != 1 || c.ID != 2 || again.ID != 2 || !again.Existing {
		t.Fatalf("ids %d %d %d %d", a.ID, b.ID, c.ID, again.ID)
	}
	clone, err := Open(s.Root(), nil)
	if err != nil {
		t.Fatal(err)
	}
	view, _, err := clone.View(false)
	if err != nil {
		t.Fatal(err)
	}
	if got := view.ByID(1); len(got) != 2 || got[0].Subject != "a" || got[1].Subject != "b" {
		t.Fatalf("ID 1 held by %+v", got)
	}
	if err := s.DeleteVersion("a", 2, false); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteVersion("a", 2, true); err != nil {
		t.Fatal(err)
	}
	d := add(t, s, "d", "1.avsc", record(fID, fNote))
	if d.ID != 3 {
		t.Fatalf("a new schema after a permanent delete got ID %d, want 3 (IDs are never reused)", d.ID)
	}
}

// A version written without contractctl (a copied file) has no recorded
// ID: a read-only view gives it the next one provisionally, a writing one
// records it.
func TestProvisionalIDs(t *testing.T) {
	s := newStore(t, compat.Backward)
	add(t, s, "a", "1.avsc", record(fID))
	write(t, filepath.Join(s.Root(), "a", "2.avsc"), record(fID, fTotal))
	view, _, err := s.View(false)
	if err != nil {
		t.Fatal(err)
	}
	if vv := view.Subject("a").Version(2, false); vv.ID != 2 {
		t.Fatalf("provisional ID %d", vv.ID)
	}
	if ids, _ := os.ReadFile(filepath.Join(s.Root(), idsFile)); strings.Contains(string(ids), "a/2") {
		t.Fatal("a read-only view wrote ids.yaml")
	}
	if _, _, err := s.View(true); err != nil {
		t.Fatal(err)
	}
	if ids, _ := os.ReadFile(filepath.Join(s.Root(), idsFile)); !strings.Contains(string(ids), "2: {fp: ") || !strings.Contains(string(ids), "first: a/2}") {
		t.Fatalf("ids.yaml after a writing view:\n%s", ids)
	}
}

// A merge conflict left in ids.yaml is a positioned error for writers and
// a finding of registry check.
func TestIDsMergeConflict(t *testing.T) {
	s := newStore(t, compat.Backward)
	add(t, s, "a", "1.avsc", record(fID))
	p := filepath.Join(s.Root(), idsFile)
	data, _ := os.ReadFile(p)
	write(t, p, string(data)+"<<<<<<< HEAD\n2: {fp: 0123456789abcdef, first: b/1}\n=======\n2: {fp: fedcba9876543210, first: c/1}\n>>>>>>> branch\n")
	_, err := s.Add("b", Candidate{File: "b.avsc", Data: []byte(record(fID, fTotal))})
	if err == nil || !strings.Contains(err.Error(), "ids.yaml:5: want `ID: {fp: FINGERPRINT, first: SUBJECT/VERSION}`") {
		t.Fatalf("add with a conflict in ids.yaml: %v", err)
	}
	fs, err := s.Check(CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(summary(fs), "; "); !strings.Contains(got, "registry-invalid-layout") || !strings.Contains(got, "ids.yaml") {
		t.Fatalf("check: %s", got)
	}
	write(t, p, string(data)+"2: {fp: 0123456789abcdef, first: b/1}\n2: {fp: fedcba9876543210, first: c/1}\n")
	if _, err := s.readIDs(); err == nil || !strings.Contains(err.Error(), "ID 2 is listed twice") {
		t.Fatalf("duplicate ID: %v", err)
	}
}
