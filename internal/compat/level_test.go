package compat

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// version is a fake schema: a version label.
type version string

func (v version) Canonical() string { return string(v) }

// fakeChecker fails the (reader, writer) pairs in broken, reports a
// compatible difference for the pairs in soft, and records every call.
type fakeChecker struct {
	broken map[string]bool // "reader<-writer"
	soft   map[string]bool
	calls  []string
}

func (f *fakeChecker) Check(reader, writer Schema) []Issue {
	key := reader.Canonical() + "<-" + writer.Canonical()
	f.calls = append(f.calls, key)
	var out []Issue
	if f.soft[key] {
		out = append(out, Issue{Type: "SOFT", Path: key, Compatible: true})
	}
	if f.broken[key] {
		out = append(out, Issue{Type: "BROKEN", Path: key})
	}
	return out
}

func set(keys ...string) map[string]bool {
	m := map[string]bool{}
	for _, k := range keys {
		m[k] = true
	}
	return m
}

func TestCheckLevel(t *testing.T) {
	tests := []struct {
		name      string
		level     Level
		previous  []string
		broken    map[string]bool
		soft      map[string]bool
		calls     []string
		issues    []string // Type + " " + Path
		failed    int
		checked   int
		wantError bool
	}{
		{name: "none checks nothing", level: None, previous: []string{"v1"}, broken: set("new<-v1"), failed: -1},
		{name: "empty history is compatible", level: FullTransitive, failed: -1},
		{name: "backward latest only", level: Backward, previous: []string{"v1", "v2", "v3"}, broken: set("new<-v1"),
			calls: []string{"new<-v3"}, failed: -1, checked: 1},
		{name: "backward fails on latest", level: Backward, previous: []string{"v1", "v2"}, broken: set("new<-v2"),
			calls: []string{"new<-v2"}, issues: []string{"BROKEN new<-v2"}, failed: 1, checked: 1, wantError: true},
		{name: "forward direction", level: Forward, previous: []string{"v1", "v2"}, broken: set("v2<-new"),
			calls: []string{"v2<-new"}, issues: []string{"BROKEN v2<-new"}, failed: 1, checked: 1, wantError: true},
		{name: "full: forward issues first", level: Full, previous: []string{"v1"}, broken: set("v1<-new", "new<-v1"),
			calls: []string{"v1<-new", "new<-v1"}, issues: []string{"BROKEN v1<-new", "BROKEN new<-v1"}, failed: 0, checked: 1, wantError: true},
		{name: "full: only backward fails", level: Full, previous: []string{"v1"}, broken: set("new<-v1"),
			calls: []string{"v1<-new", "new<-v1"}, issues: []string{"BROKEN new<-v1"}, failed: 0, checked: 1, wantError: true},
		{name: "transitive walks newest first", level: BackwardTransitive, previous: []string{"v1", "v2", "v3"},
			calls: []string{"new<-v3", "new<-v2", "new<-v1"}, failed: -1, checked: 3},
		{name: "transitive stops at first failing version", level: BackwardTransitive, previous: []string{"v1", "v2", "v3"},
			broken: set("new<-v2", "new<-v1"), calls: []string{"new<-v3", "new<-v2"}, issues: []string{"BROKEN new<-v2"},
			failed: 1, checked: 2, wantError: true},
		{name: "transitive failing only on oldest", level: ForwardTransitive, previous: []string{"v1", "v2"}, broken: set("v1<-new"),
			calls: []string{"v2<-new", "v1<-new"}, issues: []string{"BROKEN v1<-new"}, failed: 0, checked: 2, wantError: true},
		{name: "full transitive both directions per version", level: FullTransitive, previous: []string{"v1", "v2"},
			calls: []string{"v2<-new", "new<-v2", "v1<-new", "new<-v1"}, failed: -1, checked: 2},
		{name: "compatible differences do not fail", level: BackwardTransitive, previous: []string{"v1", "v2"},
			soft: set("new<-v2", "new<-v1"), calls: []string{"new<-v2", "new<-v1"},
			issues: []string{"SOFT new<-v2", "SOFT new<-v1"}, failed: -1, checked: 2},
		{name: "failing version keeps its compatible differences", level: BackwardTransitive, previous: []string{"v1", "v2"},
			soft: set("new<-v2", "new<-v1"), broken: set("new<-v1"), calls: []string{"new<-v2", "new<-v1"},
			issues: []string{"SOFT new<-v1", "BROKEN new<-v1"}, failed: 0, checked: 2, wantError: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeChecker{broken: tt.broken, soft: tt.soft}
			var prev []Schema
			for _, p := range tt.previous {
				prev = append(prev, version(p))
			}
			res := CheckLevelResult(f, tt.level, version("new"), prev)
			var issues []string
			for _, is := range res.Issues {
				issues = append(issues, is.Type+" "+is.Path)
			}
			if !reflect.DeepEqual(f.calls, tt.calls) {
				t.Errorf("calls = %q, want %q", f.calls, tt.calls)
			}
			if !reflect.DeepEqual(issues, tt.issues) {
				t.Errorf("issues = %q, want %q", issues, tt.issues)
			}
			if res.Failed != tt.failed || res.Checked != tt.checked {
				t.Errorf("failed, checked = %d, %d; want %d, %d", res.Failed, res.Checked, tt.failed, tt.checked)
			}
			if got := len(Incompatible(res.Issues)) > 0; got != tt.wantError || res.Compatible() == tt.wantError {
				t.Errorf("incompatible = %v, Compatible() = %v; want incompatible %v", got, res.Compatible(), tt.wantError)
			}
			f.calls = nil
			if got := CheckLevel(f, tt.level, version("new"), prev); !reflect.DeepEqual(got, res.Issues) {
				t.Errorf("CheckLevel = %+v, CheckLevelResult.Issues = %+v", got, res.Issues)
			}
		})
	}
}

func TestParseLevel(t *testing.T) {
	tests := []struct {
		in   string
		want Level
		err  string
	}{
		{in: "NONE", want: None},
		{in: "backward", want: Backward},
		{in: "Backward_Transitive", want: BackwardTransitive},
		{in: "forward", want: Forward},
		{in: "FORWARD_TRANSITIVE", want: ForwardTransitive},
		{in: "full", want: Full},
		{in: "full_transitive", want: FullTransitive},
		{in: "backwards", err: `"backwards"`},
		{in: "", err: `""`},
		{in: " full", err: `" full"`},
		{in: "FULL-TRANSITIVE", err: "NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseLevel(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseLevel(%q) error = %v, want one containing %s", tt.in, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseLevel(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestLevelTextRoundTrip(t *testing.T) {
	for _, l := range Levels() {
		b, err := l.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Level
		if err := back.UnmarshalText(b); err != nil || back != l {
			t.Errorf("%v: round trip gave %v, %v", l, back, err)
		}
	}
	if _, err := Level(42).MarshalText(); err == nil {
		t.Error("MarshalText of an invalid level succeeded")
	}
	if got := fmt.Sprint(Level(42)); got != "Level(42)" {
		t.Errorf("String of invalid level = %q", got)
	}
}

func TestLevelDirections(t *testing.T) {
	tests := []struct {
		l                             Level
		backward, forward, transitive bool
	}{
		{None, false, false, false},
		{Backward, true, false, false},
		{BackwardTransitive, true, false, true},
		{Forward, false, true, false},
		{ForwardTransitive, false, true, true},
		{Full, true, true, false},
		{FullTransitive, true, true, true},
	}
	for _, tt := range tests {
		if tt.l.Backward() != tt.backward || tt.l.Forward() != tt.forward || tt.l.Transitive() != tt.transitive {
			t.Errorf("%v: backward/forward/transitive = %v/%v/%v", tt.l, tt.l.Backward(), tt.l.Forward(), tt.l.Transitive())
		}
	}
}
