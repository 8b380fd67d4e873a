package rules

import (
	"testing"

	"github.com/contractctl/contractctl/finding"
)

func TestFingerprintIgnoresLines(t *testing.T) {
	r := Default().MustLookup(ServerHTTPS)
	a := r.Finding("api.yaml", 3, 5, "/servers/0/url", "m")
	b := r.Finding("api.yaml", 90, 1, "/servers/0/url", "other words")
	c := r.Finding("api.yaml", 3, 5, "/servers/1/url", "m")
	if a.Fingerprint != b.Fingerprint || a.Fingerprint == c.Fingerprint {
		t.Errorf("fingerprints: %s %s %s", a.Fingerprint, b.Fingerprint, c.Fingerprint)
	}
}

func TestCatalogueEntriesComplete(t *testing.T) {
	for _, r := range Default().Rules() {
		if r.ID == "" || r.Summary == "" || r.Job == "" || r.Severity == finding.Off {
			t.Errorf("rule %+v lacks an ID, summary, job or default severity", r)
		}
	}
}
