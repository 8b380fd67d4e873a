package registry

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/compat"
)

// window bounds the optional fields of an evolving schema: version v has
// the four required fields plus the optional fields of versions
// v-window+1..v, so schemas stay at a realistic size (up to 14 fields).
const window = 10

// evolving returns version v (1-based) of an Avro subject in which each
// version adds an optional field and drops the oldest one beyond the
// window: every version is compatible with every other at FULL_TRANSITIVE.
func evolving(subject string, v int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `{"type": "record", "name": "Event%s", "namespace": "bench.events", "doc": "benchmark subject %s", "fields": [`, strings.ReplaceAll(subject, "-", "_"), subject)
	b.WriteString("\n  " + `{"name": "id", "type": "string"},`)
	b.WriteString("\n  " + `{"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},`)
	b.WriteString("\n  " + `{"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B", "C"]}},`)
	b.WriteString("\n  " + `{"name": "tags", "type": {"type": "map", "values": "string"}, "default": {}}`)
	for i := max(2, v-window+1); i <= v; i++ {
		fmt.Fprintf(&b, ",\n  "+`{"name": "f%d", "type": ["null", "string", "long"], "default": null}`, i)
	}
	b.WriteString("\n]}\n")
	return b.String()
}

// generate writes a registry of subjects × versions at level into a
// temporary directory, directly (as a repository checkout would hold it).
func generate(b *testing.B, subjects, versions int, level compat.Level) string {
	b.Helper()
	root := filepath.Join(b.TempDir(), "schemas")
	if _, err := Init(root, level); err != nil {
		b.Fatal(err)
	}
	for s := range subjects {
		name := fmt.Sprintf("topic%04d-value", s)
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, subjectFile), []byte("format: avro\n"), 0o644); err != nil {
			b.Fatal(err)
		}
		for v := 1; v <= versions; v++ {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.avsc", v)), []byte(evolving(name, v)), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	return root
}

// BenchmarkCheckAll is `registry check --all` on 1,000 Avro subjects × 20
// versions at FULL_TRANSITIVE: each run opens a fresh Store (nothing
// cached), parses 20,000 versions and makes 380,000 reader/writer checks.
func BenchmarkCheckAll(b *testing.B) {
	root := generate(b, 1000, 20, compat.FullTransitive)
	b.ResetTimer()
	for range b.N {
		s, err := Open(root, nil)
		if err != nil {
			b.Fatal(err)
		}
		fs, err := s.Check(CheckOptions{All: true})
		if err != nil {
			b.Fatal(err)
		}
		if len(fs) != 0 {
			b.Fatalf("%d findings, first %+v", len(fs), fs[0])
		}
	}
}

// BenchmarkAdd100 is `registry add` of version 101 to a subject of 100
// versions at FULL_TRANSITIVE, with a fresh Store per add as a process
// would have: parse 100 versions, 200 checks, lock, atomic write.
func BenchmarkAdd100(b *testing.B) {
	root := generate(b, 1, 100, compat.FullTransitive)
	subject := "topic0000-value"
	cand := Candidate{File: "new.avsc", Data: []byte(evolving(subject, 101))}
	written := filepath.Join(root, subject, "101.avsc")
	b.ResetTimer()
	for range b.N {
		s, err := Open(root, nil)
		if err != nil {
			b.Fatal(err)
		}
		res, err := s.Add(subject, cand)
		if err != nil || res.Version != 101 || res.Existing {
			b.Fatalf("add: %+v %v", res, err)
		}
		b.StopTimer()
		if err := os.Remove(written); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkCheckBase is the usual CI run, `registry check --base REV`, on
// the same 1,000 × 20 registry with one new version: every registered
// version is compared byte for byte with the base (held in memory here;
// git's cat-file is not measured) and only the changed subject is parsed
// and checked.
func BenchmarkCheckBase(b *testing.B) {
	root := generate(b, 1000, 20, compat.FullTransitive)
	m := mapRevision{}
	var files []string
	for s := range 1000 {
		name := fmt.Sprintf("topic%04d-value", s)
		for v := 1; v <= 20; v++ {
			f := fmt.Sprintf("schemas/%s/%d.avsc", name, v)
			m[f] = evolving(name, v)
			files = append(files, f)
		}
	}
	base := &Revision{Name: "BASE", Files: files, Reader: m, Dir: "schemas"}
	if err := os.WriteFile(filepath.Join(root, "topic0500-value", "21.avsc"), []byte(evolving("topic0500-value", 21)), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		s, err := Open(root, nil)
		if err != nil {
			b.Fatal(err)
		}
		fs, err := s.Check(CheckOptions{Base: base})
		if err != nil || len(fs) != 0 {
			b.Fatalf("%v %v", fs, err)
		}
	}
}
