package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/sharedtest"
)

var dir = filepath.Join("..", "..")

// TestGeneratedFileIsCurrent fails when rules/openapi_diff.go is not what
// the data file generates: edit openapi_diff.tsv, then `go generate ./rules`.
func TestGeneratedFileIsCurrent(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(dir, "openapi_diff.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := generate("openapi_diff.tsv", data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "openapi_diff.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("rules/openapi_diff.go is stale: run `go generate ./rules` and commit the result")
	}
}

func TestBadRowsAreNamedByLine(t *testing.T) {
	const header = "id\tlevel\toasdiff\tsummary\tbase\thead\n"
	for _, tc := range []struct{ data, want string }{
		{"id\tlevel\n", "x.tsv:1: want the header"},
		{header + "a-b\terror\t-\tS.\tx\n", "x.tsv:2: 5 fields, want 6"},
		{header + "a-b\tfatal\t-\tS.\tx\ty\n", `x.tsv:2: level "fatal"`},
		{header + "a-b\terror\tERROR\tS.\tx\ty\n", `x.tsv:2: oasdiff level "ERROR"`},
		{header + "b\terror\t-\tS.\tx\ty\na\terror\t-\tS.\tx\ty\n", "x.tsv:3: rule a is out of order"},
		{header + "a\terror\t-\tS.\tx\ty\na\terror\t-\tS.\tx\ty\n", "x.tsv:3: rule a is listed twice"},
		{header + "A_b\terror\t-\tS.\tx\ty\n", `x.tsv:2: rule ID "A_b" is not kebab-case`},
		{header + "a\terror\t-\t\tx\ty\n", "x.tsv:2: rule a needs a summary"},
	} {
		_, err := generate("x.tsv", []byte(tc.data))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %s…", tc.data, err, tc.want)
		}
	}
}

func TestDocNamesTheRelationToOasdiff(t *testing.T) {
	for _, tc := range []struct {
		r    row
		want string
	}{
		{row{id: "request-property-removed", level: "error", oasdiff: "WARN"}, "contractctl's default level is error (house policy, oasdiff differs)"},
		{row{id: "request-body-max-set", level: "error", oasdiff: "ERR"}, "Same ID and default level as oasdiff."},
		{row{id: "webhook-added", level: "info", oasdiff: "-"}, "contractctl-specific"},
	} {
		if got := doc(tc.r); !strings.Contains(got, tc.want) {
			t.Errorf("%s: doc %q lacks %q", tc.r.id, got, tc.want)
		}
	}
}

// house lists the IDs whose default level departs from oasdiff's on
// purpose (docs/vs-oasdiff.md explains each).
var house = map[string]bool{
	"request-parameter-removed": true, "request-property-removed": true,
	"api-version-not-bumped": true, "api-version-decreased": true, "api-major-version-not-bumped": true,
}

// TestOasdiffColumnMatchesOasdiff holds the data file's oasdiff column to
// oasdiff's own catalogue (../shared/guide/peers/oasdiff-checks.tsv), and
// every level to oasdiff's except the house policy.
func TestOasdiffColumnMatchesOasdiff(t *testing.T) {
	peer, err := os.ReadFile(sharedtest.Path(t, "guide", "peers", "oasdiff-checks.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	theirs := map[string]string{}
	for _, line := range strings.Split(string(peer), "\n")[1:] {
		if f := strings.Split(line, "\t"); len(f) > 1 {
			theirs[f[0]] = f[1]
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "openapi_diff.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := parse("openapi_diff.tsv", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		want, ok := theirs[r.id]
		if !ok {
			want = "-"
		}
		if r.oasdiff != want {
			t.Errorf("%s: oasdiff column %s, oasdiff's catalogue says %s", r.id, r.oasdiff, want)
		}
		if ol := oasdiffLevels[r.oasdiff]; ol != "" && ol != r.level && !house[r.id] {
			t.Errorf("%s: level %s departs from oasdiff's %s without being house policy", r.id, r.level, r.oasdiff)
		}
	}
}
