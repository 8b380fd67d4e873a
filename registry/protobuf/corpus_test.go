package protobuf

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/sharedtest"
)

// corpusDir locates <repo root>/../shared/corpus/confluent/protobuf, or skips.
func corpusDir(t testing.TB) string {
	t.Helper()
	return sharedtest.Path(t, "corpus", "confluent", "protobuf")
}

type corpusDep struct {
	Name       string  `json:"name"`
	Dependency *string `json:"dependency"`
}

type corpusCase struct {
	Description  string      `json:"description"`
	Original     string      `json:"original_schema"`
	Update       string      `json:"update_schema"`
	OriginalDeps []corpusDep `json:"original_dependencies"`
	UpdateDeps   []corpusDep `json:"update_dependencies"`
	Changes      []string    `json:"changes"`
	Compatible   bool        `json:"compatible"`
}

type namedCase struct {
	id string
	corpusCase
}

func loadCorpus(t *testing.T, dir string) []namedCase {
	t.Helper()
	var all []namedCase
	for _, name := range []string{"diff-schema-examples.json", "diff-schema-examples-with-meta.json"} {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		var cases []corpusCase
		if err := json.Unmarshal(raw, &cases); err != nil {
			t.Fatalf("decode %s: %v", name, err)
		}
		for i, c := range cases {
			all = append(all, namedCase{id: strings.TrimSuffix(name, ".json") + "#" + strconv.Itoa(i), corpusCase: c})
		}
	}
	return all
}

// schemaSource resolves a case's schema: inline text, or a classpath-relative
// .proto resource path.
func schemaSource(t *testing.T, dir, schema, fallbackName string) (string, []byte) {
	t.Helper()
	if strings.HasSuffix(schema, ".proto") && !strings.ContainsAny(schema, "\n{;") {
		data, err := os.ReadFile(filepath.Join(dir, "resources", filepath.FromSlash(schema)))
		if err != nil {
			t.Fatalf("read resource %s: %v", schema, err)
		}
		return schema, data
	}
	return fallbackName, []byte(schema)
}

func depsOf(t *testing.T, dir string, list []corpusDep) map[string][]byte {
	t.Helper()
	deps := map[string][]byte{}
	for _, d := range list {
		if d.Dependency != nil {
			deps[d.Name] = []byte(*d.Dependency)
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, "resources", filepath.FromSlash(d.Name)))
		if errors.Is(err, fs.ErrNotExist) {
			continue // e.g. google/protobuf/descriptor.proto: a standard import
		}
		if err != nil {
			t.Fatalf("read dependency %s: %v", d.Name, err)
		}
		deps[d.Name] = data
	}
	return deps
}

// changeSetAllowList names cases whose change set may differ from
// Confluent's, with the reason. Verdicts must always match.
var changeSetAllowList = map[string]string{}

// orderAllowList names cases whose change order may differ from Confluent's
// (same set), with the reason.
var orderAllowList = map[string]string{}

func TestConfluentConformance(t *testing.T) {
	dir := corpusDir(t)
	cases := loadCorpus(t, dir)
	verdicts, sets, ordered := 0, 0, 0
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			origName, origData := schemaSource(t, dir, c.Original, "original.proto")
			updName, updData := schemaSource(t, dir, c.Update, "update.proto")
			original, err := Parse(origName, origData, depsOf(t, dir, c.OriginalDeps))
			if err != nil {
				t.Fatalf("%s: parse original: %v", c.Description, err)
			}
			update, err := Parse(updName, updData, depsOf(t, dir, c.UpdateDeps))
			if err != nil {
				t.Fatalf("%s: parse update: %v", c.Description, err)
			}
			issues := Checker{}.Check(update, original)
			got := make([]string, len(issues))
			compatible := true
			for i, is := range issues {
				got[i] = is.Type + " " + is.Path
				compatible = compatible && is.Compatible
			}
			want := append([]string{}, c.Changes...)
			if compatible == c.Compatible {
				verdicts++
			} else {
				t.Errorf("%s: compatible = %v, want %v (changes %q)", c.Description, compatible, c.Compatible, got)
			}
			if slices.Equal(got, want) {
				ordered++
			} else if _, ok := orderAllowList[c.id]; !ok {
				// Confluent's order comes from Java HashSet iteration, which
				// hashorder.go reproduces.
				t.Errorf("%s: change order = %q, want %q", c.Description, got, want)
			}
			gotSet, wantSet := slices.Clone(got), slices.Clone(want)
			slices.Sort(gotSet)
			slices.Sort(wantSet)
			if slices.Equal(gotSet, wantSet) {
				sets++
				return
			}
			if reason, ok := changeSetAllowList[c.id]; ok {
				t.Logf("%s: change set differs (allowed: %s): got %q, want %q", c.Description, reason, got, want)
				return
			}
			t.Errorf("%s: changes = %q, want %q", c.Description, got, want)
		})
	}
	t.Logf("verdicts right %d/%d, change sets equal %d/%d, exact order %d/%d",
		verdicts, len(cases), sets, len(cases), ordered, len(cases))
}
