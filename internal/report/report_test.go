package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/rules"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// sample is a fixed set of findings covering every severity, two files,
// a message with characters each format must escape, and a finding
// without a position.
func sample() []finding.Finding {
	cat := rules.Default()
	mk := func(id, file string, line, col int, pointer, msg string) finding.Finding {
		return cat.MustLookup(id).Finding(file, line, col, pointer, msg)
	}
	fs := []finding.Finding{
		mk(rules.ServerHTTPS, "api/payments.yaml", 6, 5, "/servers/0/url", "server http://api.example.com does not use https; serve the API over TLS only"),
		mk(rules.PathVersioned, "api/payments.yaml", 10, 3, "/paths/~1pay%ments", "path /pay%ments does not start with a version segment, e.g. /v1: <see docs> & \"fix\"\nsecond line"),
		mk(rules.MoneyMinorUnitsName, "api/payments.yaml", 35, 9, "/components/schemas/Payment/properties/fee", "integer money property fee does not say its unit; rename it fee_minor"),
		mk(rules.MoneyIntegerMinorUnits, "common,shared:v1.yaml", 6, 5, "/Money/properties/amount", "money property amount is typed number; make it type: integer"),
		mk(rules.IgnoreExpired, ".contractctl.yaml", 0, 0, "/ignore/0", "the ignore of money-integer-minor-units expired on 2026-01-31"),
	}
	fs[2].Severity = finding.Info
	fs[2].Operations = []string{"GET /v1/payments", "POST /v1/payments"}
	return finding.Sort(fs)
}

func TestGolden(t *testing.T) {
	opt := Options{Version: "v1.2.3", Catalog: rules.Default(), Title: "Lint findings", Files: 7,
		Base: &Base{Rev: "main", Commit: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d", MergeBase: true, Source: "--base", Line: "main @ 1a2b3c4 (merge-base)"}}
	for _, format := range Formats {
		for _, tc := range []struct {
			suffix string
			fs     []finding.Finding
		}{{"", sample()}, {"-empty", nil}} {
			name := format + tc.suffix
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Write(&buf, format, tc.fs, opt); err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("testdata", name+".golden")
				if *update {
					if err := os.MkdirAll("testdata", 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./internal/report -update)", err)
				}
				if buf.String() != string(want) {
					t.Errorf("%s differs from %s:\n%s", format, golden, buf.String())
				}
			})
		}
	}
}

func TestTextColorOnlyWhenAsked(t *testing.T) {
	var plain, color bytes.Buffer
	if err := Write(&plain, "text", sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&color, "text", sample(), Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("plain text contains ANSI escapes")
	}
	if !strings.Contains(color.String(), "\x1b[31merror\x1b[0m") {
		t.Error("coloured text does not colour errors")
	}
	lines := strings.Split(strings.TrimSpace(plain.String()), "\n")
	if last := lines[len(lines)-1]; last != "3 errors, 1 warning, 1 info in 3 files" {
		t.Errorf("summary line %q", last)
	}
}

func TestJSONSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "json", sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []map[string]any `json:"findings"`
		Summary  map[string]int   `json:"summary"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, f := range doc.Findings {
		for _, k := range []string{"rule", "severity", "file", "line", "column", "pointer", "message", "fingerprint"} {
			if _, ok := f[k]; !ok {
				t.Errorf("finding lacks %q: %v", k, f)
			}
		}
	}
	want := map[string]int{"error": 3, "warn": 1, "info": 1, "files": 3}
	for k, v := range want {
		if doc.Summary[k] != v {
			t.Errorf("summary.%s = %d; want %d", k, doc.Summary[k], v)
		}
	}
}

// The summary counts the files checked, also when there are no findings:
// a run that read nothing must not look like a clean one.
func TestSummaryLine(t *testing.T) {
	fs := sample()
	for _, c := range []struct {
		fs    []finding.Finding
		files int
		want  string
	}{
		{nil, 3, "no findings in 3 files"},
		{nil, 1, "no findings in 1 file"},
		{nil, 0, "no findings"},
		{fs, 7, "3 errors, 1 warning, 1 info in 3 of 7 files"},
		{fs, 3, "3 errors, 1 warning, 1 info in 3 files"},
		{fs[:1], 1, "0 errors, 1 warning in 1 file"},
		{fs, 0, "3 errors, 1 warning, 1 info in 3 files"},
	} {
		if got := SummaryLine(c.fs, Options{Files: c.files}); got != c.want {
			t.Errorf("SummaryLine(%d findings, %d files) = %q, want %q", len(c.fs), c.files, got, c.want)
		}
	}
}

// TestSARIFForCodeScanning checks the SARIF 2.1.0 log against the rules
// GitHub code scanning applies on upload.
func TestSARIFForCodeScanning(t *testing.T) {
	var buf bytes.Buffer
	fs := sample()
	if err := Write(&buf, "sarif", fs, Options{Version: "v1.2.3", Catalog: rules.Default()}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID                   string `json:"id"`
						ShortDescription     struct{ Text string }
						FullDescription      struct{ Text string }
						Help                 struct{ Text, Markdown string }
						DefaultConfiguration struct{ Level string }
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex *int   `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           *struct{ StartLine, StartColumn int }
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") {
		t.Errorf("version %q, $schema %q", log.Version, log.Schema)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs; want 1", len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "contractctl" {
		t.Errorf("driver name %q", run.Tool.Driver.Name)
	}
	levels := map[string]bool{"error": true, "warning": true, "note": true, "none": true}
	ids := map[string]int{}
	for i, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" {
			t.Errorf("rule %d (%s) lacks id, shortDescription, fullDescription or help", i, r.ID)
		}
		if !levels[r.DefaultConfiguration.Level] {
			t.Errorf("rule %s defaultConfiguration.level %q", r.ID, r.DefaultConfiguration.Level)
		}
		if _, dup := ids[r.ID]; dup {
			t.Errorf("rule %s listed twice", r.ID)
		}
		ids[r.ID] = i
	}
	if len(run.Results) != len(fs) {
		t.Fatalf("%d results; want %d", len(run.Results), len(fs))
	}
	uriOK := regexp.MustCompile(`^[^/.][^:]*$|^\.[^./]`)
	for i, r := range run.Results {
		if r.RuleIndex == nil || *r.RuleIndex < 0 || *r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[*r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex does not point at rule %s", i, r.RuleID)
		}
		if !levels[r.Level] || r.Message.Text == "" {
			t.Errorf("result %d: level %q, message %q", i, r.Level, r.Message.Text)
		}
		if len(r.Locations) != 1 {
			t.Errorf("result %d: %d locations; want exactly one", i, len(r.Locations))
			continue
		}
		pl := r.Locations[0].PhysicalLocation
		uri := pl.ArtifactLocation.URI
		if uri == "" || strings.HasPrefix(uri, "./") || strings.HasPrefix(uri, "/") || !uriOK.MatchString(uri) || strings.ContainsAny(uri, " :") {
			t.Errorf("result %d: artifactLocation.uri %q is not a relative URI reference", i, uri)
		}
		if pl.Region == nil || pl.Region.StartLine < 1 {
			t.Errorf("result %d: region.startLine must be ≥ 1", i)
		}
		if len(r.PartialFingerprints) == 0 {
			t.Errorf("result %d: no partialFingerprints", i)
		}
	}
}

func TestJUnitParses(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "junit", sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				ClassName string `xml:"classname,attr"`
				Name      string `xml:"name,attr"`
				Failure   *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Suites) != 3 {
		t.Errorf("%d suites; want one per file (3)", len(doc.Suites))
	}
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			if c.ClassName != s.Name || c.Failure == nil || !strings.Contains(c.Name, " /") {
				t.Errorf("case %+v in suite %s", c, s.Name)
			}
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "github", sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"::error file=common%2Cshared%3Av1.yaml,line=6,col=5,title=money-integer-minor-units::",
		"path /pay%25ments does not start with a version segment, e.g. /v1: <see docs> & \"fix\"%0Asecond line",
		"::notice file=api/payments.yaml,line=35,col=9,title=money-minor-units-name::",
		"::warning file=.contractctl.yaml,title=ignore-expired::",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("github output lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "\n") != 6 {
		t.Errorf("want 5 commands and a summary line, got:\n%s", out)
	}
}

func TestMarkdownKeepsEachFindingOnOneLine(t *testing.T) {
	cat := rules.Default()
	typeChanged := cat.MustLookup(rules.ServerHTTPS).Finding("api.yaml", 75, 11, "/a`b", "type changed (number → string); requests may be rejected")
	typeChanged.Change = "number → string"
	notBumped := cat.MustLookup(rules.ServerHTTPS).Finding("<x>.yaml", 6, 3, "/info/version", "info.version is still 1.3.0")
	notBumped.Change = "1.3.0 → 1.3.0"
	added := cat.MustLookup(rules.ServerHTTPS).Finding("api.yaml", 9, 3, "/servers/0", "server\nhttp://x added")
	added.Change = "none → http://x"
	var buf bytes.Buffer
	if err := Write(&buf, "markdown", []finding.Finding{typeChanged, notBumped, added}, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		// the change is in the message already: not repeated
		"requests may be rejected (api.yaml:75, `` /a`b ``)\n",
		// both sides equal: says nothing
		"info.version is still 1.3.0 (&lt;x&gt;.yaml:6, `/info/version`)\n",
		// a newline in contract text does not end the list item
		"- `server-https` server http://x added (api.yaml:9, `/servers/0`): none → http://x\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
}

// The json report is written a finding at a time; it is byte for byte what
// encoding/json makes of the whole JSONReport.
func TestJSONStreamedAsEncodingJSON(t *testing.T) {
	base := &Base{Rev: "main", Commit: "1a2b3c4", MergeBase: true, Source: "--base"}
	for _, c := range []struct {
		fs  []finding.Finding
		opt Options
	}{{sample(), Options{Files: 9, Base: base}}, {sample(), Options{}}, {nil, Options{Files: 2}}, {nil, Options{Base: base}}} {
		var got, want bytes.Buffer
		if err := Write(&got, "json", c.fs, c.opt); err != nil {
			t.Fatal(err)
		}
		fs := c.fs
		if fs == nil {
			fs = []finding.Finding{}
		}
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(JSONReport{Base: c.opt.Base, Findings: fs, Summary: summary(c.fs, c.opt)}); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("streamed:\n%s\nencoding/json:\n%s", got.String(), want.String())
		}
	}
}
