package baseline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/contractctl/contractctl/finding"
)

func newFinding(rule, file, pointer string, line int) finding.Finding {
	f := finding.Finding{Rule: rule, Severity: finding.Error, File: file, Line: line, Pointer: pointer}
	f.Seal()
	return f
}

func TestRoundTripAndFilter(t *testing.T) {
	old := []finding.Finding{
		newFinding("money-integer-minor-units", "api.yaml", "/components/schemas/Charge/properties/amount", 10),
		newFinding("server-https", "api.yaml", "/servers/0/url", 3),
	}
	path := filepath.Join(t.TempDir(), File)
	if err := FromFindings(old).Write(path); err != nil {
		t.Fatal(err)
	}
	b, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	// The same findings moved by 20 lines, plus a new one, plus a diff finding.
	now := []finding.Finding{
		newFinding("money-integer-minor-units", "api.yaml", "/components/schemas/Charge/properties/amount", 30),
		newFinding("server-https", "api.yaml", "/servers/0/url", 23),
		newFinding("money-integer-minor-units", "api.yaml", "/components/schemas/Refund/properties/amount", 50),
		newFinding("response-property-removed", "api.yaml", "/servers/0/url", 23),
	}
	lintOnly := func(f finding.Finding) bool { return f.Rule != "response-property-removed" }
	got := b.Filter(now, lintOnly)
	if len(got) != 2 || got[0].Pointer != "/components/schemas/Refund/properties/amount" || got[1].Rule != "response-property-removed" {
		t.Fatalf("Filter kept %+v, want the new lint finding and the diff finding", got)
	}
}

func TestReadMissingAndInvalid(t *testing.T) {
	dir := t.TempDir()
	if b, err := Read(filepath.Join(dir, "none.json")); b != nil || err != nil {
		t.Fatalf("missing file: got %v, %v", b, err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"version":1,"findings":[],"extra":true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(bad); err == nil {
		t.Fatal("unknown field accepted")
	}
	if err := os.WriteFile(bad, []byte(`{"version":2,"findings":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(bad); err == nil {
		t.Fatal("future version accepted")
	}
}
