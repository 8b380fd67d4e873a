package protobuf

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/rules"
)

// wantMarker is `// want: RULE_ID [RULE_ID…]` on the line of each expected
// finding.
var wantMarker = regexp.MustCompile(`//\s*want:\s*(.+)$`)

// TestFixtures compiles each testdata/lint/protobuf/<case>/ directory as
// one compile set (import root: the case directory, where a buf.yaml may
// select rules) and checks that the findings are exactly the `want`
// markers, by file, line and rule.
func TestFixtures(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "lint", "protobuf")
	cases, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	cat := rules.Default()
	n := 0
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		n++
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join(root, c.Name())
			files, want := readFixture(t, dir)
			got, err := Lint(contract.Options{Config: config.Defaults(), Catalog: cat}, protoset.Input{Reader: load.Dir(dir), Files: files})
			if err != nil {
				t.Fatal(err)
			}
			var have []string
			for _, f := range got {
				have = append(have, fmt.Sprintf("%s:%d %s", f.File, f.Line, f.Rule))
			}
			compareMarkers(t, want, have)
		})
	}
	if n < 10 {
		t.Fatalf("only %d fixture cases found", n)
	}
}

func readFixture(t *testing.T, dir string) (files, want []string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".proto") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		files = append(files, rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if m := wantMarker.FindStringSubmatch(line); m != nil {
				for _, id := range strings.Fields(strings.ReplaceAll(m[1], ",", " ")) {
					want = append(want, fmt.Sprintf("%s:%d %s", rel, i+1, id))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, want
}

// compareMarkers fails on every expected finding that is missing and every
// finding that is not expected (as multisets).
func compareMarkers(t *testing.T, want, have []string) {
	t.Helper()
	slices.Sort(want)
	slices.Sort(have)
	i, j := 0, 0
	for i < len(want) || j < len(have) {
		switch {
		case j == len(have) || (i < len(want) && want[i] < have[j]):
			t.Errorf("missing finding %s", want[i])
			i++
		case i == len(want) || have[j] < want[i]:
			t.Errorf("unexpected finding %s", have[j])
			j++
		default:
			i++
			j++
		}
	}
}
