package lint_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/lint"
	asyncapilint "github.com/contractctl/contractctl/lint/asyncapi"
	openapilint "github.com/contractctl/contractctl/lint/openapi"
	protobuflint "github.com/contractctl/contractctl/lint/protobuf"
	"github.com/contractctl/contractctl/rules"
)

// fixtureRoot holds the rule fixtures at the repository root. Each case
// directory is linted as a unit, with the workspace root at the case: the
// directories directly below testdata/lint (testdata/lint/<rule-id>/), or,
// for a directory that holds no fixture file itself and only groups cases
// (testdata/lint/protobuf/), the directories below that. Inside a case,
// files may $ref or import each other; a .contractctl.yaml applies to its
// directory and everything below it (the nearest one wins), the defaults
// elsewhere.
const fixtureRoot = "../testdata/lint"

// fixtureDate is today for every fixture: sunsets and ignore expiry are
// judged against it.
var fixtureDate = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// wantMarker finds "# want: a, b" (YAML) or "// want: A B" (Protobuf) on
// a line: the findings that must be reported on that line.
var wantMarker = regexp.MustCompile(`(?:#|//)\s*want:\s*([A-Za-z0-9_,\s-]+?)\s*$`)

// key is one expected or actual finding: file (relative to fixtureRoot),
// line and rule.
type key struct {
	file string
	line int
	rule string
}

func (k key) String() string { return fmt.Sprintf("%s:%d: %s", k.file, k.line, k.rule) }

// isFixture reports whether a file is linted.
func isFixture(name string) bool {
	return load.IsContractExt(name) && path.Base(name) != config.FileName
}

// holdsMarkers reports whether a file may hold want markers: fixtures and
// configurations (ignore-expired points at the ignore entry).
func holdsMarkers(name string) bool { return isFixture(name) || path.Base(name) == config.FileName }

// TestFixtures lints every case and compares the findings with the want
// markers: any missing or extra (file, line, rule) fails.
func TestFixtures(t *testing.T) {
	cases := fixtureCases(t)
	if len(cases) == 0 {
		t.Fatalf("no fixtures under %s", fixtureRoot)
	}
	cat := rules.Default()
	for _, c := range cases {
		t.Run(c, func(t *testing.T) {
			files := treeFiles(t, c)
			got := map[key]int{}
			for cfgDir, group := range groupByConfig(files) {
				if err := lintGroup(t, cat, c, cfgDir, group, got); err != nil {
					t.Fatal(err)
				}
			}
			want := map[key]int{}
			for _, f := range files {
				if holdsMarkers(f) {
					for _, k := range markers(t, f) {
						want[k]++
					}
				}
			}
			compare(t, want, got)
		})
	}
}

// fixtureCases lists the case directories, relative to fixtureRoot.
func fixtureCases(t *testing.T) []string {
	t.Helper()
	var cases []string
	var visit func(dir string, depth int)
	visit = func(dir string, depth int) {
		entries, err := os.ReadDir(filepath.Join(fixtureRoot, dir))
		if err != nil {
			t.Fatal(err)
		}
		var subdirs []string
		direct := false
		for _, e := range entries {
			switch {
			case e.IsDir():
				subdirs = append(subdirs, path.Join(dir, e.Name()))
			case holdsMarkers(e.Name()):
				direct = true
			}
		}
		if depth > 0 && (direct || depth == 2) {
			cases = append(cases, dir)
			return
		}
		for _, d := range subdirs {
			visit(d, depth+1)
		}
	}
	visit("", 0)
	slices.Sort(cases)
	return cases
}

// treeFiles lists every file below a case, relative to fixtureRoot.
func treeFiles(t *testing.T, c string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(filepath.Join(fixtureRoot, c), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(fixtureRoot, p)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// groupByConfig partitions a case's fixtures by the directory of the
// nearest .contractctl.yaml above them ("" for none).
func groupByConfig(files []string) map[string][]string {
	configs := map[string]bool{}
	for _, f := range files {
		if path.Base(f) == config.FileName {
			configs[path.Dir(f)] = true
		}
	}
	groups := map[string][]string{}
	for _, f := range files {
		if !isFixture(f) {
			continue
		}
		dir := ""
		for d := path.Dir(f); d != "." && d != "/"; d = path.Dir(d) {
			if configs[d] {
				dir = d
				break
			}
		}
		groups[dir] = append(groups[dir], f)
	}
	return groups
}

// lintGroup lints files as `contractctl lint` would from the case
// directory, with the configuration of cfgDir, and adds the findings to got.
func lintGroup(t *testing.T, cat *rules.Catalog, c, cfgDir string, files []string, got map[key]int) error {
	t.Helper()
	cfg := config.Defaults()
	if cfgDir != "" {
		var err error
		if cfg, err = config.Load(filepath.Join(fixtureRoot, cfgDir, config.FileName), cat); err != nil {
			return err
		}
	}
	caseRoot, err := filepath.Abs(filepath.Join(fixtureRoot, c))
	if err != nil {
		return err
	}
	lintRoot, err := filepath.Abs(fixtureRoot)
	if err != nil {
		return err
	}
	var cands []load.Candidate
	for _, f := range files {
		cands = append(cands, load.Candidate{Path: strings.TrimPrefix(f, c+"/")})
	}
	ws := load.Workspace{Root: caseRoot, Cwd: caseRoot}
	loader := load.NewLoader(ws.Reader(), "")
	fs, _, err := lint.Run(lint.Options{Workspace: ws, Loader: loader, Options: contract.Options{Config: cfg, Catalog: cat, Today: fixtureDate}}, cands)
	if err != nil {
		return err
	}
	for _, f := range fs {
		file := c + "/" + f.File
		if filepath.IsAbs(filepath.FromSlash(f.File)) {
			// ignore-expired points at the configuration by absolute path.
			if rel, err := filepath.Rel(lintRoot, filepath.FromSlash(f.File)); err == nil {
				file = filepath.ToSlash(rel)
			}
		}
		got[key{file, f.Line, f.Rule}]++
		t.Logf("%s:%d:%d: %s %s: %s (%s)", file, f.Line, f.Column, f.Severity, f.Rule, f.Message, f.Pointer)
	}
	return nil
}

// markers reads the want markers of a fixture file. JSON has no comments,
// so a JSON fixture's markers live beside it in NAME.want as
// "LINE: rule[, rule]" lines.
func markers(t *testing.T, name string) []key {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtureRoot, name))
	if err != nil {
		t.Fatal(err)
	}
	var out []key
	if strings.HasSuffix(name, ".json") {
		side, err := os.ReadFile(filepath.Join(fixtureRoot, name+".want"))
		if err != nil {
			return nil
		}
		sc := bufio.NewScanner(bytes.NewReader(side))
		for sc.Scan() {
			ln, list, ok := strings.Cut(sc.Text(), ":")
			n, err := strconv.Atoi(strings.TrimSpace(ln))
			if !ok || err != nil {
				continue
			}
			for _, r := range splitRules(list) {
				out = append(out, key{name, n, r})
			}
		}
		return out
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		if m := wantMarker.FindStringSubmatch(sc.Text()); m != nil {
			for _, r := range splitRules(m[1]) {
				out = append(out, key{name, line, r})
			}
		}
	}
	return out
}

func splitRules(list string) []string {
	return strings.FieldsFunc(list, func(c rune) bool { return c == ',' || c == ' ' || c == '\t' })
}

func compare(t *testing.T, want, got map[key]int) {
	t.Helper()
	var missing, extra []string
	for k, n := range want {
		for i := got[k]; i < n; i++ {
			missing = append(missing, k.String())
		}
	}
	for k, n := range got {
		for i := want[k]; i < n; i++ {
			extra = append(extra, k.String())
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	for _, m := range missing {
		t.Errorf("missing finding %s", m)
	}
	for _, e := range extra {
		t.Errorf("unexpected finding %s", e)
	}
}

// webhookOnly are the rules about webhooks and callbacks, which Swagger
// 2.0 cannot describe.
var webhookOnly = map[string]bool{rules.WebhookSigned: true, rules.WebhookEventID: true}

// TestEveryOpenAPIRuleHasFixtures asserts that each OpenAPI lint rule of
// the catalogue has, in its own directory, a failing and a passing fixture
// for OpenAPI 3.0, for 3.1 and (where the rule applies) Swagger 2.0.
func TestEveryOpenAPIRuleHasFixtures(t *testing.T) {
	for _, r := range rules.Default().Rules() {
		if r.Job != rules.JobLint || !slices.Contains(r.Formats, rules.OpenAPI) {
			continue
		}
		failing, passing := map[string]bool{}, map[string]bool{}
		dir := filepath.Join(fixtureRoot, r.ID)
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !isFixture(p) {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			f, err := load.Parse(p, data)
			if err != nil || f.Kind != load.OpenAPI {
				return nil
			}
			v := dialect(f.Version)
			rel, _ := filepath.Rel(fixtureRoot, p)
			fires := false
			for _, k := range markers(t, filepath.ToSlash(rel)) {
				if k.rule == r.ID {
					fires = true
				}
			}
			if fires {
				failing[v] = true
			} else {
				passing[v] = true
			}
			return nil
		})
		versions := []string{"3.0", "3.1"}
		if !webhookOnly[r.ID] {
			versions = append(versions, "2.0")
		}
		for _, v := range versions {
			if !failing[v] {
				t.Errorf("%s: no failing OpenAPI %s fixture under testdata/lint/%s", r.ID, v, r.ID)
			}
			if !passing[v] {
				t.Errorf("%s: no passing OpenAPI %s fixture under testdata/lint/%s", r.ID, v, r.ID)
			}
		}
	}
}

func dialect(version string) string {
	switch {
	case strings.HasPrefix(version, "3.0"):
		return "3.0"
	case strings.HasPrefix(version, "3.1"):
		return "3.1"
	}
	return version
}

// TestExamples keeps examples/ honest: the clean contract passes every
// rule (through its $refs into common.yaml) and the other one shows the
// deliberate violations the README promises.
func TestExamples(t *testing.T) {
	root, err := filepath.Abs("../examples")
	if err != nil {
		t.Fatal(err)
	}
	cat := rules.Default()
	run := func(name string) []finding.Finding {
		ws := load.Workspace{Root: root, Cwd: root}
		fs, _, err := lint.Run(lint.Options{Workspace: ws, Loader: load.NewLoader(ws.Reader(), ""), Options: contract.Options{Config: config.Defaults(),
			Catalog: cat, Today: fixtureDate}}, []load.Candidate{{Path: name, Explicit: true}})
		if err != nil {
			t.Fatal(err)
		}
		return fs
	}
	for _, f := range run("payments-clean.yaml") {
		t.Errorf("payments-clean.yaml: %s:%d: %s: %s", f.File, f.Line, f.Rule, f.Message)
	}
	seen := map[string]bool{}
	for _, f := range run("payments.yaml") {
		seen[f.Rule] = true
	}
	for _, id := range []string{rules.MoneyIntegerMinorUnits, rules.IdempotencyKeyRequired, rules.ServerHTTPS, rules.RateLimitRetryAfter, rules.NoSecretsInExamples} {
		if !seen[id] {
			t.Errorf("payments.yaml no longer shows %s", id)
		}
	}
}

// modelRules are reported by a format's model rather than by a check of
// its table: the validity rule of AsyncAPI documents.
var modelRules = map[string]bool{rules.AsyncAPIValid: true}

// TestEveryLintRuleHasACheckAFixtureAndDocs holds every lint rule of the
// catalogue, for every format it names, to three things: exactly one check
// in that format's check table, a fixture of that format
// whose markers expect its finding (TestFixtures proves they are reported)
// and documentation (summary, a doc paragraph, distinct failing and passing
// examples, from which docs/rules.md is generated).
func TestEveryLintRuleHasACheckAFixtureAndDocs(t *testing.T) {
	cat := rules.Default()
	checks := map[rules.Format]map[string]int{rules.OpenAPI: {}, rules.AsyncAPI: {}, rules.Protobuf: {}}
	count := func(f rules.Format, id string, noRun bool) {
		if noRun {
			t.Errorf("%s: the %s check has no function", id, f)
		}
		checks[f][id]++
	}
	for _, c := range openapilint.Checks(cat) {
		count(rules.OpenAPI, c.Rule.ID, c.Run == nil)
	}
	for _, c := range asyncapilint.Checks(cat) {
		count(rules.AsyncAPI, c.Rule.ID, c.Run == nil)
	}
	for _, c := range protobuflint.Checks(cat) {
		count(rules.Protobuf, c.Rule.ID, c.Run == nil)
	}
	fixtures := fixtureFormats(t)
	for _, r := range cat.Rules() {
		if r.Job != rules.JobLint {
			continue
		}
		if r.Summary == "" || r.Doc == "" || r.Bad == "" || r.Good == "" || r.Bad == r.Good {
			t.Errorf("%s: needs a summary, a doc and distinct failing and passing examples", r.ID)
		}
		for _, f := range r.Formats {
			if table, ok := checks[f]; ok && table[r.ID] != 1 && !modelRules[r.ID] {
				t.Errorf("%s: %d %s checks; want 1", r.ID, table[r.ID], f)
			}
			if !fixtures[r.ID][f] {
				t.Errorf("%s: no %s fixture under %s expects its finding", r.ID, f, fixtureRoot)
			}
		}
	}
}

// fixtureFormats maps each rule to the formats of the fixtures whose
// markers expect its finding.
func fixtureFormats(t *testing.T) map[string]map[rules.Format]bool {
	t.Helper()
	out := map[string]map[rules.Format]bool{}
	for _, c := range fixtureCases(t) {
		for _, name := range treeFiles(t, c) {
			if !isFixture(name) {
				continue
			}
			data, err := os.ReadFile(filepath.Join(fixtureRoot, name))
			if err != nil {
				t.Fatal(err)
			}
			f, err := load.Parse(name, data)
			if err != nil {
				continue // a fixture of a parse error
			}
			format, ok := formatOf[f.Kind]
			if !ok {
				continue
			}
			for _, k := range markers(t, name) {
				if out[k.rule] == nil {
					out[k.rule] = map[rules.Format]bool{}
				}
				out[k.rule][format] = true
			}
		}
	}
	return out
}

var formatOf = map[load.Kind]rules.Format{load.OpenAPI: rules.OpenAPI, load.AsyncAPI: rules.AsyncAPI, load.Protobuf: rules.Protobuf}
