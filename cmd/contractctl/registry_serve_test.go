package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/rules"
)

// contractctl runs the CLI and returns its exit code and output.
func contractctl(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// serveInBackground runs `registry serve` on a free port until the test
// ends, and returns its URL and a function that stops it (SIGTERM's path)
// and returns its log.
func serveInBackground(t *testing.T, dir string, writable bool) (string, func() string) {
	t.Helper()
	var log bytes.Buffer
	g := &globals{stdout: &log, stderr: &log, catalog: rules.Default()}
	addr := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	o := &registryServeOptions{registryCLI: &registryCLI{g: g, dir: dir}, Listen: "127.0.0.1:0", Writable: writable, ready: func(a string) { addr <- a }}
	go func() { done <- runRegistryServe(ctx, o) }()
	var url string
	select {
	case a := <-addr:
		url = "http://" + a
	case err := <-done:
		t.Fatalf("serve: %v", err)
	}
	stop := func() string {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		return log.String()
	}
	t.Cleanup(func() { cancel() })
	return url, stop
}

// push to a served registry, push again (nothing to do), pull into an
// empty registry (the same files), and a divergence reported as a finding.
func TestRegistryPushPullThroughServe(t *testing.T) {
	t.Chdir(t.TempDir())
	v1 := `{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}`
	v2 := `{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"note","type":"string","default":""}]}`
	os.WriteFile("v1.avsc", []byte(v1), 0o644)
	os.WriteFile("v2.avsc", []byte(v2), 0o644)
	for _, args := range [][]string{
		{"registry", "init", "src"}, {"registry", "init", "remote"}, {"registry", "init", "dst"},
		{"registry", "add", "--dir", "src", "orders-value", "v1.avsc"},
		{"registry", "config", "--dir", "src", "orders-value", "--compatibility", "FULL"},
		{"registry", "add", "--dir", "src", "orders-value", "v2.avsc"},
	} {
		if code, out, errOut := contractctl(t, args...); code != 0 {
			t.Fatalf("%v: %d %s %s", args, code, out, errOut)
		}
	}
	url, stop := serveInBackground(t, "remote", true)

	code, out, _ := contractctl(t, "registry", "push", "--dir", "src", "--url", url, "--dry-run")
	if code != 0 || out != "orders-value: would be pushed version 1, 2; compatibility would be set to FULL\n" {
		t.Fatalf("dry run: %d %q", code, out)
	}
	code, out, _ = contractctl(t, "registry", "push", "--dir", "src", "--url", url)
	if code != 0 || out != "orders-value: pushed version 1, 2; compatibility set to FULL\n" {
		t.Fatalf("push: %d %q", code, out)
	}
	code, out, _ = contractctl(t, "registry", "push", "--dir", "src", "--url", url)
	if code != 0 || out != "orders-value: up to date\n" {
		t.Fatalf("second push: %d %q", code, out)
	}
	code, out, _ = contractctl(t, "registry", "pull", "--dir", "dst", "--url", url)
	if code != 0 || out != "orders-value: pulled version 1, 2; compatibility set to FULL\n" {
		t.Fatalf("pull: %d %q", code, out)
	}
	for _, f := range []string{"orders-value/1.avsc", "orders-value/2.avsc", "orders-value/subject.yaml", "ids.yaml"} {
		want, _ := os.ReadFile(filepath.Join("src", f))
		got, err := os.ReadFile(filepath.Join("dst", f))
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%s after push and pull: %q, want %q (%v)", f, got, want, err)
		}
	}

	// a divergent history: refused, reported as a finding, exit 1
	os.WriteFile("other.avsc", []byte(`{"type":"record","name":"Order","fields":[{"name":"other","type":"string"}]}`), 0o644)
	contractctl(t, "registry", "init", "div")
	contractctl(t, "registry", "add", "--dir", "div", "orders-value", "other.avsc")
	code, out, errOut := contractctl(t, "registry", "push", "--dir", "div", "--url", url, "--format", "json")
	if code != 1 || !strings.Contains(out, `"rule": "registry-remote-conflict"`) || !strings.Contains(out, `"file": "div/orders-value"`) ||
		errOut != "orders-value: refused: the remote has versions the files lack (remote version 2); pull them first, or remove them from the remote\n" {
		t.Fatalf("divergent push: %d %s %s", code, out, errOut)
	}
	code, _, errOut = contractctl(t, "registry", "push", "--dir", "src", "--url", "ftp://x")
	if code != 2 || !strings.Contains(errOut, "want http(s)://") {
		t.Fatalf("bad url: %d %s", code, errOut)
	}

	log := stop()
	if !strings.Contains(log, "serving remote (writable) on http://127.0.0.1:") || !strings.Contains(log, " POST /subjects/orders-value/versions 200 ") || !strings.HasSuffix(log, "stopped\n") {
		t.Fatalf("serve log:\n%s", log)
	}
}
