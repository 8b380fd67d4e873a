package protoset

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/load"
)

// compileAll compiles in's files, visiting nothing.
func compileAll(in Input) (*Compiled, error) {
	return Compile(context.Background(), in, func(*File) error { return nil })
}

func TestCompileErrorsAreAllReported(t *testing.T) {
	r := load.Files{
		"pay/v1/a.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage A {\n  Missing m = 1;\n}\n",
		"pay/v1/b.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage B {\n  string id = 1\n}\n",
		"pay/v1/c.proto": "syntax = \"proto3\";\npackage pay.v1;\nimport \"nowhere/x.proto\";\nmessage C {}\n",
		"pay/v1/d.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage D { string id = 1; }\n",
	}
	_, err := compileAll(Input{Reader: r, Files: []string{"pay/v1/a.proto", "pay/v1/b.proto", "pay/v1/c.proto", "pay/v1/d.proto"}})
	var ce *load.Errors
	if !errors.As(err, &ce) {
		t.Fatalf("want a *load.Errors, got %v", err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 errors (one per broken file), got %d:\n%s", len(lines), err)
	}
	for _, want := range []string{"pay/v1/a.proto:4:3: ", "pay/v1/b.proto:5:1: ", "pay/v1/c.proto:3:8: "} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing error at %s in:\n%s", want, err)
		}
	}
	if lines[0] != ce.Errs[0].Error() {
		t.Errorf("first line %q is not the first error %q", lines[0], ce.Errs[0].Error())
	}
}

func TestCompileErrorsAreBoundedPerFile(t *testing.T) {
	// Binary junk named .proto yields an error per byte; one file prints at
	// most maxErrorsPerFile of them and a count of the rest, while another
	// file's errors are still reported.
	junk := strings.Repeat("\x01\x02\x03\xff", 100)
	r := load.Files{
		"junk.proto":     junk,
		"pay/v1/b.proto": "syntax = \"proto3\";\npackage pay.v1;\nmessage B {\n  string id = 1\n}\n",
	}
	_, err := compileAll(Input{Reader: r, Files: []string{"junk.proto", "pay/v1/b.proto"}})
	var ce *load.Errors
	if !errors.As(err, &ce) {
		t.Fatalf("want a *load.Errors, got %v", err)
	}
	var junkLines int
	for _, e := range ce.Errs {
		if e.File == "junk.proto" {
			junkLines++
		}
	}
	if junkLines != maxErrorsPerFile+1 {
		t.Errorf("junk.proto has %d error lines; want %d and a count:\n%s", junkLines, maxErrorsPerFile+1, err)
	}
	last := ce.Errs[len(ce.Errs)-1].Error()
	if !strings.HasPrefix(last, "junk.proto: ") || !strings.Contains(last, "more errors not shown") {
		t.Errorf("last line %q does not count the errors left out", last)
	}
	if !strings.Contains(err.Error(), "pay/v1/b.proto:5:1: ") {
		t.Errorf("the other file's error is missing:\n%s", err)
	}
}

// A file in an edition the compiler does not read is one error that says
// which editions it reads.
func TestEdition2024IsOneClearError(t *testing.T) {
	r := load.Files{"a/v1/a.proto": "edition = \"2024\";\npackage a.v1;\nmessage A {}\n"}
	_, err := compileAll(Input{Reader: r, Files: []string{"a/v1/a.proto"}})
	var le *load.Errors
	if !errors.As(err, &le) || len(le.Errs) != 1 || !strings.Contains(err.Error(), "a/v1/a.proto:1:11: ") ||
		!strings.Contains(err.Error(), "reads editions up to 2023") {
		t.Fatalf("error %v; want one error at the edition naming the editions read", err)
	}
}
