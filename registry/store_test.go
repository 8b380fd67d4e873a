package registry

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// record is an Avro record schema with the given fields (JSON fragments).
func record(fields ...string) string {
	return `{"type": "record", "name": "Order", "namespace": "shop", "fields": [` + "\n  " + strings.Join(fields, ",\n  ") + "\n]}\n"
}

const (
	fID       = `{"name": "id", "type": "string"}`
	fTotal    = `{"name": "total", "type": "long", "default": 0}`
	fTotalReq = `{"name": "total", "type": "long"}`
	fNote     = `{"name": "note", "type": ["null", "string"], "default": null}`
)

func newStore(t testing.TB, level compat.Level) *Store {
	t.Helper()
	root := filepath.Join(t.TempDir(), "schemas")
	if _, err := Init(root, level); err != nil {
		t.Fatal(err)
	}
	s, err := Open(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func add(t testing.TB, s *Store, subject, file, data string) *AddResult {
	t.Helper()
	res, err := s.Add(subject, Candidate{File: file, Data: []byte(data)})
	if err != nil {
		t.Fatalf("add %s: %v", file, err)
	}
	return res
}

func TestValidateSubject(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"payments.captured-value", true},
		{"orders-key", true},
		{"com.example.Order", true},
		{"orders-com.example.Order", true},
		{"", false},
		{".", false},
		{"..", false},
		{"../etc", false},
		{"a..b", false},
		{"a/b", false},
		{`a\b`, false},
		{"/abs", false},
		{".hidden", false},
		{"a\x00b", false},
		{"a\nb", false},
		{"a\x7fb", false},
		{"registry.yaml", false},
		{"\xff\xfe", false},
		{strings.Repeat("a", 256), false},
	} {
		if err := ValidateSubject(tc.name); (err == nil) != tc.ok {
			t.Errorf("ValidateSubject(%q) = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}

func TestVersionNumber(t *testing.T) {
	for _, tc := range []struct {
		file string
		n    int
		f    Format
		ok   bool
	}{
		{"1.avsc", 1, Avro, true},
		{"12.proto", 12, Protobuf, true},
		{"3.json", 3, JSONSchema, true},
		{"0.avsc", 0, "", false},
		{"01.avsc", 0, "", false},
		{"v1.avsc", 0, "", false},
		{"1.AVSC", 0, "", false},
		{"1.yaml", 0, "", false},
		{".avsc", 0, "", false},
		{"-1.avsc", 0, "", false},
		{"1234567890.avsc", 0, "", false},
	} {
		n, f, ok := versionNumber(tc.file)
		if n != tc.n || f != tc.f || ok != tc.ok {
			t.Errorf("versionNumber(%q) = %d, %q, %v; want %d, %q, %v", tc.file, n, f, ok, tc.n, tc.f, tc.ok)
		}
	}
}

func TestAddSequence(t *testing.T) {
	type step struct {
		schema       string
		wantVersion  int  // 0: refused
		wantExisting bool // already registered
		wantTypes    []string
	}
	for _, tc := range []struct {
		name  string
		level compat.Level
		steps []step
	}{
		{"backward", compat.Backward, []step{
			{schema: record(fID), wantVersion: 1},
			{schema: record(fID, fTotal), wantVersion: 2},
			{schema: record(fID, fTotal), wantVersion: 2, wantExisting: true},
			// whitespace and key order do not make a new version
			{schema: `{"fields": [{"type": "string", "name": "id"}, {"default": 0, "name": "total", "type": "long"}], "name": "Order", "namespace": "shop", "type": "record"}`, wantVersion: 2, wantExisting: true},
			{schema: record(fID), wantVersion: 1, wantExisting: true},
			{schema: record(fID, fTotal, `{"name": "currency", "type": "string"}`), wantTypes: []string{"READER_FIELD_MISSING_DEFAULT_VALUE"}},
			{schema: record(fID, fTotal, fNote), wantVersion: 3},
		}},
		{"backward-only-latest", compat.Backward, []step{
			{schema: record(fID, fTotalReq), wantVersion: 1},
			{schema: record(fID), wantVersion: 2},
			// readable with version 2, not version 1: BACKWARD compares with the latest only
			{schema: record(fID, fTotal), wantVersion: 3},
		}},
		{"backward-transitive", compat.BackwardTransitive, []step{
			{schema: record(fID, `{"name": "total", "type": "string"}`), wantVersion: 1},
			{schema: record(fID), wantVersion: 2},
			{schema: record(fID, fTotal), wantTypes: []string{"TYPE_MISMATCH"}},
		}},
		{"forward", compat.Forward, []step{
			{schema: record(fID, fTotal), wantVersion: 1},
			// removing a field with a default: old readers use the default
			{schema: record(fID), wantVersion: 2},
			{schema: record(fID, fTotalReq), wantVersion: 3},
			// removing a field old readers require without default is refused
			{schema: record(fID, fNote), wantTypes: []string{"READER_FIELD_MISSING_DEFAULT_VALUE"}},
		}},
		{"full", compat.Full, []step{
			{schema: record(fID), wantVersion: 1},
			{schema: record(fID, fTotalReq), wantTypes: []string{"READER_FIELD_MISSING_DEFAULT_VALUE"}},
			{schema: record(fID, fTotal), wantVersion: 2},
		}},
		{"none", compat.None, []step{
			{schema: record(fID), wantVersion: 1},
			{schema: record(`{"name": "id", "type": "int"}`), wantVersion: 2},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t, tc.level)
			for i, st := range tc.steps {
				file := fmt.Sprintf("step%d.avsc", i+1)
				res := add(t, s, "orders-value", file, st.schema)
				if res.Version != st.wantVersion || res.Existing != st.wantExisting {
					t.Fatalf("step %d: version %d existing %v, want %d %v (findings %v)", i+1, res.Version, res.Existing, st.wantVersion, st.wantExisting, res.Findings)
				}
				var types []string
				for _, f := range res.Findings {
					if f.Rule != rules.RegistryIncompatible || f.File != file {
						t.Errorf("step %d: finding %+v", i+1, f)
					}
					types = append(types, strings.SplitN(strings.SplitN(f.Message, "errorType:'", 2)[1], "'", 2)[0])
				}
				if strings.Join(types, ",") != strings.Join(st.wantTypes, ",") {
					t.Errorf("step %d: types %v, want %v", i+1, types, st.wantTypes)
				}
				if res.Added() {
					data, err := os.ReadFile(res.Path)
					if err != nil || string(data) != st.schema {
						t.Errorf("step %d: %s holds %q (%v), want the schema byte for byte", i+1, res.Path, data, err)
					}
				}
			}
		})
	}
}

func TestAddRefusedWritesNothing(t *testing.T) {
	s := newStore(t, compat.Backward)
	add(t, s, "o", "a.avsc", record(fID))
	res := add(t, s, "o", "b.avsc", record(fID, fTotalReq))
	if len(res.Findings) != 1 || res.Version != 0 {
		t.Fatalf("got %+v", res)
	}
	f := res.Findings[0]
	if f.Line != 3 || f.Column != 3 || f.Pointer != "/fields/1" || f.Severity != finding.Error {
		t.Errorf("finding at %d:%d %q %v, want 3:3 /fields/1 error", f.Line, f.Column, f.Pointer, f.Severity)
	}
	if !strings.Contains(f.Message, "The field 'total' at path '/fields/1' in the new schema has no default value and is missing in the old schema") {
		t.Errorf("message lacks Confluent's wording: %s", f.Message)
	}
	ents, _ := os.ReadDir(filepath.Join(s.Root(), "o"))
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != ".lock 1.avsc subject.yaml" {
		t.Errorf("subject directory holds %v", names)
	}
}

func TestAddErrors(t *testing.T) {
	s := newStore(t, compat.Backward)
	add(t, s, "o", "a.avsc", record(fID))
	for _, tc := range []struct {
		name, subject, file, data string
		format                    Format
		want                      string
		pos                       bool
	}{
		{"subject escapes", "../o", "a.avsc", record(fID), "", `contains ".."`, false},
		{"syntax error", "o", "b.avsc", "{\"type\": \"record\",\n", "", "b.avsc:2:1: ", true},
		{"invalid Avro", "o", "b.avsc", `{"type": "record", "name": "X", "fields": [{"name": "a", "type": "strin"}]}`, "", "b.avsc:1:", true},
		{"format mismatch", "o", "b.json", `{"type": "object"}`, JSONSchema, "is avro, not jsonschema", false},
		{"unknown format", "new", "b.txt", `{}`, "", "cannot tell the schema format", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Add(tc.subject, Candidate{File: tc.file, Data: []byte(tc.data), Format: tc.format})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			var le *load.Error
			if tc.pos && (!errors.As(err, &le) || le.Line == 0) {
				t.Errorf("err %v is not positioned", err)
			}
		})
	}
}

func TestAddFormats(t *testing.T) {
	s := newStore(t, compat.Backward)
	if r := add(t, s, "user-value", "u1.json", `{"type": "object", "properties": {"a": {"type": "string"}}}`); r.Version != 1 {
		t.Fatalf("json v1: %+v", r)
	}
	r := add(t, s, "user-value", "u2.json", `{"type": "object", "properties": {"a": {"type": "integer"}}}`)
	if len(r.Findings) == 0 || !strings.Contains(r.Findings[0].Message, `errorType:"TYPE_CHANGED"`) {
		t.Errorf("json type change: %+v", r)
	}
	add(t, s, "common-money", "money.proto", "syntax = \"proto3\";\npackage common;\nmessage Money { string currency = 1; int64 units = 2; }\n")
	cfg := "format: protobuf\nreferences:\n  - name: common/money.proto\n    subject: common-money\n    version: 1\n"
	if err := os.MkdirAll(filepath.Join(s.Root(), "pay"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.Root(), "pay", "subject.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	p1 := "syntax = \"proto3\";\npackage pay;\nimport \"common/money.proto\";\nmessage Payment { string id = 1; common.Money amount = 2; }\n"
	if r := add(t, s, "pay", "p1.proto", p1); r.Version != 1 {
		t.Fatalf("proto v1 with a reference: %+v", r)
	}
	p2 := "syntax = \"proto3\";\npackage pay;\nimport \"common/money.proto\";\nmessage Payment { string id = 1; int64 amount = 2; }\n"
	r = add(t, s, "pay", "p2.proto", p2)
	if len(r.Findings) != 1 || r.Findings[0].Line != 4 || !strings.Contains(r.Findings[0].Message, "FIELD_KIND_CHANGED") {
		t.Errorf("proto kind change: %+v", r.Findings)
	}
}

func TestCompat(t *testing.T) {
	s := newStore(t, compat.Backward)
	add(t, s, "o", "1.avsc", record(fID, fTotalReq))
	add(t, s, "o", "2.avsc", record(fID))
	if err := os.WriteFile(filepath.Join(s.Root(), "o", "subject.yaml"), []byte("format: avro\ncompatibility: BACKWARD_TRANSITIVE\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cand := Candidate{File: "c.avsc", Data: []byte(record(fID, `{"name": "total", "type": "string", "default": ""}`))}
	none := compat.None
	for _, tc := range []struct {
		name     string
		opt      CompatOptions
		compared []int
		ok       bool
	}{
		{"latest only, even when transitive", CompatOptions{}, []int{2}, true},
		{"every version", CompatOptions{Version: -1}, []int{1, 2}, false},
		{"version 1", CompatOptions{Version: 1}, []int{1}, false},
		{"level override", CompatOptions{Level: &none, Version: -1}, []int{1, 2}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Compat("o", cand, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(res.Compared) != fmt.Sprint(tc.compared) || res.Compatible() != tc.ok {
				t.Errorf("compared %v compatible %v, want %v %v (%v)", res.Compared, res.Compatible(), tc.compared, tc.ok, res.Findings)
			}
		})
	}
	if _, err := s.Compat("o", cand, CompatOptions{Version: 9}); err == nil {
		t.Error("a missing version is not an error")
	}
	res, err := s.Compat("nobody", cand, CompatOptions{})
	if err != nil || !res.Compatible() || len(res.Compared) != 0 {
		t.Errorf("empty subject: %+v %v", res, err)
	}
	ents, _ := os.ReadDir(filepath.Join(s.Root(), "o"))
	if len(ents) != 4 { // .lock, 1.avsc, 2.avsc, subject.yaml
		t.Errorf("compat wrote something: %d entries", len(ents))
	}
}

func TestSetLevel(t *testing.T) {
	s := newStore(t, compat.Backward)
	add(t, s, "o", "1.avsc", record(fID))
	p := filepath.Join(s.Root(), "o", "subject.yaml")
	if err := os.WriteFile(p, []byte("# owned by team shop\nformat: avro\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetLevel("o", compat.FullTransitive); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	if string(data) != "# owned by team shop\nformat: avro\ncompatibility: FULL_TRANSITIVE\n" {
		t.Errorf("subject.yaml = %q", data)
	}
	sub, err := s.Subject("o")
	if err != nil || sub.Level != compat.FullTransitive || sub.LevelSource != "subject" {
		t.Errorf("level %v from %s (%v)", sub.Level, sub.LevelSource, err)
	}
	if _, err := s.SetLevel("", compat.Forward); err != nil {
		t.Fatal(err)
	}
	if g, err := s.Global(); err != nil || g.Level() != compat.Forward {
		t.Errorf("global %v (%v)", g.Level(), err)
	}
	if _, err := s.SetLevel("missing", compat.None); !errors.Is(err, ErrNoSubject) {
		t.Errorf("setting a missing subject: %v", err)
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		data, want string
	}{
		{"format: avro\ncompatibility: SIDEWAYS\n", "subject.yaml:2:16: invalid compatibility level"},
		{"format: xml\n", "subject.yaml:1:9: unknown schema format"},
		{"compatibility: FULL\n", "subject.yaml:1:1: format is required"},
		{"format: avro\ncolour: red\n", `subject.yaml:2: unknown key "colour"`},
		{"format: avro\njsonschema_policy: lenient\n", "applies to jsonschema subjects only"},
		{"format: protobuf\nreferences:\n  - name: a.proto\n    subject: ../x\n", `subject.yaml:3:5: reference "a.proto": invalid subject name`},
		{"format: [\n", "subject.yaml:"},
	} {
		_, err := parseSubjectConfig("subject.yaml", []byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err %v, want %q", tc.data, err, tc.want)
		}
	}
}

func TestFirstDifference(t *testing.T) {
	for _, tc := range []struct {
		a, b      string
		line, col int
	}{
		{"abc\ndef\n", "abc\ndxf\n", 2, 2},
		{"abc", "abcd", 1, 4},
		{"", "x", 1, 1},
	} {
		if l, c := firstDifference([]byte(tc.a), []byte(tc.b)); l != tc.line || c != tc.col {
			t.Errorf("firstDifference(%q, %q) = %d:%d, want %d:%d", tc.a, tc.b, l, c, tc.line, tc.col)
		}
	}
}

func TestJSONSchemaPolicy(t *testing.T) {
	v1 := `{"type": "object", "properties": {"a": {"type": "string"}}}`
	v2 := `{"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}}`
	for _, tc := range []struct {
		policy string
		want   int // version written, 0 refused
	}{
		{"", 0},
		{"jsonschema_policy: strict\n", 0},
		{"jsonschema_policy: lenient\n", 2},
	} {
		s := newStore(t, compat.Backward)
		add(t, s, "u", "1.json", v1)
		write(t, filepath.Join(s.Root(), "u", "subject.yaml"), "format: jsonschema\n"+tc.policy)
		res := add(t, s, "u", "2.json", v2)
		if res.Version != tc.want {
			t.Errorf("policy %q: version %d, want %d (%v)", tc.policy, res.Version, tc.want, res.Findings)
		}
		if tc.want == 0 && (len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL")) {
			t.Errorf("policy %q: findings %v", tc.policy, res.Findings)
		}
	}
}

// TestForwardFindingLocation: a FORWARD incompatibility is found in the old
// schema (the reader), so the finding names the new file and carries the
// old version's position as its base location.
func TestForwardFindingLocation(t *testing.T) {
	s := newStore(t, compat.Forward)
	add(t, s, "o", "1.avsc", record(fID, fTotalReq))
	res := add(t, s, "o", "2.avsc", record(fID))
	if len(res.Findings) != 1 {
		t.Fatalf("findings %v", res.Findings)
	}
	f := res.Findings[0]
	if f.File != "2.avsc" || f.Base == nil || filepath.Base(f.Base.File) != "1.avsc" || f.Base.Line != 3 {
		t.Errorf("finding %+v base %+v", f, f.Base)
	}
	if !strings.Contains(f.Message, "version 1 cannot read data written with the new schema") ||
		!strings.Contains(f.Message, "in the old schema has no default value and is missing in the new schema") {
		t.Errorf("message %s", f.Message)
	}
}

func TestInit(t *testing.T) {
	root := filepath.Join(t.TempDir(), "r")
	created, err := Init(root, compat.Full)
	if err != nil || !created {
		t.Fatalf("init: %v %v", created, err)
	}
	s, err := Open(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if g, err := s.Global(); err != nil || g.Level() != compat.Full {
		t.Fatalf("global level %v %v", g.Level(), err)
	}
	if data, err := os.ReadFile(filepath.Join(root, ".gitignore")); err != nil || !strings.Contains(string(data), ".lock") {
		t.Errorf(".gitignore: %q %v", data, err)
	}
	custom := "# ours\ncompatibility: NONE\n"
	write(t, filepath.Join(root, "registry.yaml"), custom)
	if created, err := Init(root, compat.Backward); err != nil || created {
		t.Fatalf("second init: %v %v", created, err)
	}
	if data, _ := os.ReadFile(filepath.Join(root, "registry.yaml")); string(data) != custom {
		t.Errorf("init overwrote registry.yaml: %q", data)
	}
	if _, err := Open(filepath.Join(root, "missing"), nil); err == nil || !strings.Contains(err.Error(), "registry init") {
		t.Errorf("open missing: %v", err)
	}
	// no registry.yaml: BACKWARD
	os.Remove(filepath.Join(root, "registry.yaml"))
	if g, err := s.Global(); err != nil || g.Level() != compat.Backward {
		t.Errorf("default level %v %v", g.Level(), err)
	}
}
