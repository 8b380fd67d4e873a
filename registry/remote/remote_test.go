package remote_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/registry"
	"github.com/contractctl/contractctl/registry/remote"
	"github.com/contractctl/contractctl/registry/serve"
)

// newStore creates an empty registry.
func newStore(t testing.TB, dir string) *registry.Store {
	t.Helper()
	if _, err := registry.Init(dir, compat.Backward); err != nil {
		t.Fatal(err)
	}
	st, err := registry.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// remoteRegistry serves a fresh writable registry (the stand-in for
// Confluent) and counts the requests that write.
type remoteRegistry struct {
	dir    string
	url    string
	writes atomic.Int64
}

func startRemote(t testing.TB) *remoteRegistry {
	t.Helper()
	rr := &remoteRegistry{dir: filepath.Join(t.TempDir(), "remote")}
	st := newStore(t, rr.dir)
	srv, _, err := serve.New(serve.Options{Store: st, Writable: true})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != "GET" && !(r.Method == "POST" && !strings.HasSuffix(r.URL.Path, "/versions")) {
			rr.writes.Add(1)
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	rr.url = ts.URL
	return rr
}

func client(t testing.TB, url string) *remote.Client {
	t.Helper()
	c, err := remote.NewClient(url, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func add(t testing.TB, st *registry.Store, subject string, c registry.Candidate) {
	t.Helper()
	res, err := st.Add(subject, c)
	if err != nil || len(res.Findings) > 0 {
		t.Fatalf("add %s: %v %v", subject, err, res.Findings)
	}
}

// versionsPerSubject keeps the 100-subject round trip quick: every
// version costs a few fsyncs in each of the three registries.
const versionsPerSubject = 2

const moneyProto = "syntax = \"proto3\";\npackage common.v1;\nmessage Money {\n  string currency = 1;\n  int64 units = 2;\n}\n"

// build fills a registry with a referenced Protobuf subject and n subjects
// of every format, versionsPerSubject versions each, every fifth with its own level,
// in name order (imported, which is quicker than three checked adds).
func build(t testing.TB, st *registry.Store, n int) {
	t.Helper()
	add(t, st, "common-money", registry.Candidate{File: "money.proto", Data: []byte(moneyProto)})
	refs := []registry.Reference{{Name: "common/money.proto", Subject: "common-money", Version: 1}}
	for i := range n {
		subject := fmt.Sprintf("s%03d-value", i)
		create := registry.ImportSubject{Format: []registry.Format{registry.Avro, registry.JSONSchema, registry.Protobuf}[i%3]}
		var versions []registry.ImportVersion
		for v := 1; v <= versionsPerSubject; v++ {
			var data string
			switch create.Format {
			case registry.Avro:
				fields := []string{`{"name": "id", "type": "string"}`}
				for f := 1; f < v; f++ {
					fields = append(fields, fmt.Sprintf(`{"name": "f%d", "type": ["null", "long"], "default": null}`, f))
				}
				data = fmt.Sprintf("{\"type\": \"record\", \"name\": \"R%d\",\n \"fields\": [%s]}\n", i, strings.Join(fields, ", "))
			case registry.JSONSchema:
				props := []string{`"id": {"type": "string"}`}
				for f := 1; f < v; f++ {
					props = append(props, fmt.Sprintf(`"f%d": {"type": "integer"}`, f))
				}
				data = fmt.Sprintf(`{"type": "object", "additionalProperties": false, "properties": {%s}}`, strings.Join(props, ", "))
			case registry.Protobuf:
				create.References = refs
				var b strings.Builder
				fmt.Fprintf(&b, "syntax = \"proto3\";\npackage s%d.v1;\nimport \"common/money.proto\";\nmessage M {\n  string id = 1;\n  common.v1.Money amount = 2;\n", i)
				for f := 1; f < v; f++ {
					fmt.Fprintf(&b, "  int64 f%d = %d;\n", f, f+2)
				}
				b.WriteString("}\n")
				data = b.String()
			}
			versions = append(versions, registry.ImportVersion{Number: v, Data: []byte(data)})
		}
		if i%5 == 0 {
			create.Compatibility = "NONE"
			if create.Format == registry.Avro {
				create.Compatibility = "FULL_TRANSITIVE"
			}
		}
		if err := st.Import(subject, create, versions); err != nil {
			t.Fatal(err)
		}
	}
}

// tree reads every file below dir (lock files aside).
func tree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".lock" {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Push a 100-subject registry to a served one, pull that into an empty
// registry: every file comes back byte for byte, IDs included; a second
// push and a second pull change nothing.
func TestPushPullRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := newStore(t, filepath.Join(t.TempDir(), "src"))
	build(t, src, 100)
	rr := startRemote(t)
	c := client(t, rr.url)

	res, err := remote.Push(ctx, c, src, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 101 {
		t.Fatalf("%d results", len(res))
	}
	for _, r := range res {
		if r.Conflict != "" || len(r.Versions) == 0 {
			t.Fatalf("push %s: %s", r.Subject, r.Line(true, false))
		}
	}
	if got := res[1].Line(true, false); got != "s000-value: pushed version 1, 2; compatibility set to FULL_TRANSITIVE" {
		t.Errorf("line %q", got)
	}

	dst := newStore(t, filepath.Join(t.TempDir(), "dst"))
	if _, err := remote.Pull(ctx, c, dst, false); err != nil {
		t.Fatal(err)
	}
	want, got := tree(t, src.Root()), tree(t, dst.Root())
	if len(want) != len(got) || len(want) < 200 {
		t.Fatalf("%d files pulled, %d pushed", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Fatalf("%s differs after the round trip:\n%s\n---\n%s", name, data, got[name])
		}
	}

	before := rr.writes.Load()
	res, err = remote.Push(ctx, c, src, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Changed() || r.Conflict != "" {
			t.Fatalf("second push: %s", r.Line(true, false))
		}
	}
	if rr.writes.Load() != before {
		t.Fatalf("a second push wrote %d times", rr.writes.Load()-before)
	}
	res, err = remote.Pull(ctx, c, dst, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Changed() || r.Conflict != "" {
			t.Fatalf("second pull: %s", r.Line(false, false))
		}
	}
}

func TestPushDryRunAndConflicts(t *testing.T) {
	ctx := context.Background()
	src := newStore(t, filepath.Join(t.TempDir(), "src"))
	build(t, src, 3)
	rr := startRemote(t)
	c := client(t, rr.url)

	res, err := remote.Push(ctx, c, src, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := res[1].Line(true, true); got != "s000-value: would be pushed version 1, 2; compatibility would be set to FULL_TRANSITIVE" {
		t.Errorf("dry-run line %q", got)
	}
	if rr.writes.Load() != 0 {
		t.Fatalf("a dry run wrote %d times", rr.writes.Load())
	}
	if subs, _ := c.Subjects(ctx); len(subs) != 0 {
		t.Fatalf("a dry run registered %v", subs)
	}

	// the remote has a version the files lack
	other := newStore(t, filepath.Join(t.TempDir(), "other"))
	add(t, other, "s000-value", registry.Candidate{File: "x.avsc", Data: []byte(`{"type": "record", "name": "R0", "fields": [{"name": "id", "type": "string"}]}`)})
	add(t, other, "s000-value", registry.Candidate{File: "x.avsc", Data: []byte(`{"type": "record", "name": "R0", "fields": [{"name": "id", "type": "string"}, {"name": "zzz", "type": "int", "default": 1}]}`)})
	if _, err := remote.Push(ctx, c, other, false); err != nil {
		t.Fatal(err)
	}
	res, err = remote.Push(ctx, c, src, false)
	if err != nil {
		t.Fatal(err)
	}
	var line string
	for _, r := range res {
		if r.Subject == "s000-value" {
			line = r.Line(true, false)
		}
	}
	if line != "s000-value: refused: remote version 2 holds another schema than version 2 of the files" {
		t.Fatalf("divergent text: %q", line)
	}
	res, err = remote.Push(ctx, c, newStoreWith(t, "s000-value", `{"type": "record", "name": "R0", "fields": [{"name": "id", "type": "string"}]}`), false)
	if err != nil {
		t.Fatal(err)
	}
	if got := res[0].Line(true, false); !strings.Contains(got, "refused: the remote has versions the files lack (remote version 2") {
		t.Fatalf("remote ahead: %q", got)
	}
}

func newStoreWith(t *testing.T, subject, schema string) *registry.Store {
	st := newStore(t, filepath.Join(t.TempDir(), "one"))
	add(t, st, subject, registry.Candidate{File: "x.avsc", Data: []byte(schema)})
	return st
}

// Pull writes new versions after the files' own and never rewrites one;
// files that went their own way are refused.
func TestPullOnlyAdds(t *testing.T) {
	ctx := context.Background()
	rr := startRemote(t)
	c := client(t, rr.url)
	src := newStore(t, filepath.Join(t.TempDir(), "src"))
	build(t, src, 3)
	if _, err := remote.Push(ctx, c, src, false); err != nil {
		t.Fatal(err)
	}

	dst := newStoreWith(t, "s000-value", `{"type":"record","name":"R0","fields":[{"name":"id","type":"string"}]}`)
	first := filepath.Join(dst.Root(), "s000-value", "1.avsc")
	before, _ := os.ReadFile(first)
	res, err := remote.Pull(ctx, c, dst, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := lineOf(res, "s000-value", true); got != "s000-value: would be pulled version 2" {
		t.Fatalf("dry run %q", got)
	}
	if _, err := os.Stat(filepath.Join(dst.Root(), "s001-value")); !os.IsNotExist(err) {
		t.Fatal("a dry run wrote")
	}
	res, err = remote.Pull(ctx, c, dst, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := lineOf(res, "s000-value", false); got != "s000-value: pulled version 2" {
		t.Fatalf("pull %q", got)
	}
	if after, _ := os.ReadFile(first); !bytes.Equal(before, after) {
		t.Fatal("pull rewrote an existing version")
	}
	cfg, _ := os.ReadFile(filepath.Join(dst.Root(), "s000-value", "subject.yaml"))
	if strings.Contains(string(cfg), "compatibility") {
		t.Fatal("pull rewrote an existing subject.yaml")
	}
	if _, err := os.Stat(filepath.Join(dst.Root(), "s002-value", "2.proto")); err != nil {
		t.Fatal(err)
	}

	diverged := newStoreWith(t, "s000-value", `{"type":"record","name":"R0","fields":[{"name":"other","type":"string"}]}`)
	res, err = remote.Pull(ctx, c, diverged, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := lineOf(res, "s000-value", false); got != "s000-value: refused: version 1 of the files holds another schema than remote version 1" {
		t.Fatalf("diverged %q", got)
	}
}

func lineOf(res []remote.Result, subject string, dry bool) string {
	i := slices.IndexFunc(res, func(r remote.Result) bool { return r.Subject == subject })
	if i < 0 {
		return ""
	}
	return res[i].Line(false, dry)
}

// Credentials come from the environment only; TLS is verified.
func TestAuthAndTLS(t *testing.T) {
	ctx := context.Background()
	var got atomic.Value
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Get("Authorization"))
		w.Write([]byte("[]"))
	}))
	defer ts.Close()
	env := map[string]string{remote.EnvUser: "ci", remote.EnvPassword: "s3cret"}
	c, err := remote.NewClient(ts.URL, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Subjects(ctx); err != nil {
		t.Fatal(err)
	}
	if got.Load() != "Basic Y2k6czNjcmV0" {
		t.Fatalf("basic auth header %q", got.Load())
	}
	env = map[string]string{remote.EnvToken: "tok"}
	c, _ = remote.NewClient(ts.URL, func(k string) string { return env[k] })
	c.Subjects(ctx)
	if got.Load() != "Bearer tok" {
		t.Fatalf("bearer header %q", got.Load())
	}
	if _, err := remote.NewClient("https://u:p@example.com", nil); err == nil {
		t.Fatal("credentials in the URL accepted")
	}

	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("[]")) }))
	defer tls.Close()
	c, _ = remote.NewClient(tls.URL, func(string) string { return "" })
	if _, err := c.Subjects(ctx); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("an unverified certificate was accepted: %v", err)
	}
}
