package serve_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	havro "github.com/hamba/avro/v2"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/registry"
	"github.com/contractctl/contractctl/registry/serve"
)

// These tests drive the server with franz-go's Schema Registry client
// (github.com/twmb/franz-go/pkg/sr), which nobody here wrote.

const (
	orderV1 = `{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"string"}]}`
	orderV2 = `{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"string"},{"name":"total_minor","type":"long","default":0}]}`
	// orderBad adds a field without a default: BACKWARD refuses it.
	orderBad = `{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"string"},{"name":"n","type":"int"}]}`

	moneyProto   = "syntax = \"proto3\";\npackage common.v1;\nmessage Money {\n  string currency = 1;\n  int64 units = 2;\n}\n"
	paymentProto = "syntax = \"proto3\";\npackage payments.v1;\nimport \"common/money.proto\";\nmessage Payment {\n  string id = 1;\n  common.v1.Money amount = 2;\n}\n"
	userJSON     = `{"type":"object","properties":{"name":{"type":"string"}}}`
)

// start serves a fresh registry at level and returns a franz-go client
// for it and the registry root.
func start(t *testing.T, level compat.Level, writable bool) (*sr.Client, string) {
	t.Helper()
	root := filepath.Join(t.TempDir(), "schemas")
	if _, err := registry.Init(root, level); err != nil {
		t.Fatal(err)
	}
	return client(t, root, writable), root
}

// client serves the registry at root and returns a franz-go client.
func client(t *testing.T, root string, writable bool) *sr.Client {
	t.Helper()
	store, err := registry.Open(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv, probs, err := serve.New(serve.Options{Store: store, Writable: writable})
	if err != nil || len(probs) > 0 {
		t.Fatalf("serve: %v %v", err, probs)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	cl, err := sr.NewClient(sr.URLs(ts.URL))
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

// code is the Confluent error code of a client error (0 for none).
func code(err error) int {
	var re *sr.ResponseError
	if errors.As(err, &re) {
		return re.ErrorCode
	}
	return 0
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestFranzGoRegisterLookupAndIDs(t *testing.T) {
	ctx := context.Background()
	cl, root := start(t, compat.Backward, true)

	types := must[[]sr.SchemaType](t)(cl.SupportedTypes(ctx))
	if len(types) != 3 {
		t.Fatalf("types %v", types)
	}
	s1 := must[sr.SubjectSchema](t)(cl.CreateSchema(ctx, "orders-value", sr.Schema{Schema: orderV1}))
	if s1.ID != 1 || s1.Version != 1 || s1.Subject != "orders-value" {
		t.Fatalf("first registration %+v", s1)
	}
	// the same schema under a second subject has the same ID, as in Confluent
	audit := must[sr.SubjectSchema](t)(cl.CreateSchema(ctx, "audit-value", sr.Schema{Schema: orderV1}))
	if audit.ID != s1.ID {
		t.Fatalf("same schema, two subjects: IDs %d and %d", s1.ID, audit.ID)
	}
	// registering again is idempotent
	if id := must[int](t)(cl.RegisterSchema(ctx, "orders-value", sr.Schema{Schema: orderV1}, -1, -1)); id != s1.ID {
		t.Fatalf("re-registration gave ID %d", id)
	}
	s2 := must[sr.SubjectSchema](t)(cl.CreateSchema(ctx, "orders-value", sr.Schema{Schema: orderV2}))
	if s2.ID != 2 || s2.Version != 2 {
		t.Fatalf("second version %+v", s2)
	}
	// an incompatible schema: 409 with Confluent's message, nothing written
	_, err := cl.CreateSchema(ctx, "orders-value", sr.Schema{Schema: orderBad})
	if code(err) != 409 || !strings.Contains(err.Error(), "READER_FIELD_MISSING_DEFAULT_VALUE") {
		t.Fatalf("incompatible registration: %v", err)
	}
	// an invalid schema: 42201
	if _, err := cl.CreateSchema(ctx, "orders-value", sr.Schema{Schema: `{"type":"record"`}); code(err) != 42201 {
		t.Fatalf("invalid schema: %v", err)
	}

	subjects := must[[]string](t)(cl.Subjects(ctx))
	if !slices.Equal(subjects, []string{"audit-value", "orders-value"}) {
		t.Fatalf("subjects %v", subjects)
	}
	if vs := must[[]int](t)(cl.SubjectVersions(ctx, "orders-value")); !slices.Equal(vs, []int{1, 2}) {
		t.Fatalf("versions %v", vs)
	}
	latest := must[sr.SubjectSchema](t)(cl.SchemaByVersion(ctx, "orders-value", -1))
	if latest.Version != 2 || latest.ID != 2 || latest.Schema.Schema != orderV2 || latest.Type != sr.TypeAvro {
		t.Fatalf("latest %+v", latest)
	}
	if text := must[string](t)(cl.SchemaTextByVersion(ctx, "orders-value", 1)); text != orderV1 {
		t.Fatalf("schema text %q", text)
	}
	byID := must[sr.Schema](t)(cl.SchemaByID(ctx, 1))
	if byID.Schema != orderV1 {
		t.Fatalf("by ID %+v", byID)
	}
	if subs := must[[]string](t)(cl.SubjectsByID(ctx, 1)); !slices.Equal(subs, []string{"audit-value", "orders-value"}) {
		t.Fatalf("subjects of ID 1: %v", subs)
	}
	usages := must[[]sr.SubjectSchema](t)(cl.SchemaUsagesByID(ctx, 1))
	if len(usages) != 2 {
		t.Fatalf("usages %+v", usages)
	}
	found := must[sr.SubjectSchema](t)(cl.LookupSchema(ctx, "orders-value", sr.Schema{Schema: orderV2}))
	if found.Version != 2 || found.ID != 2 {
		t.Fatalf("lookup %+v", found)
	}
	if _, err := cl.LookupSchema(ctx, "orders-value", sr.Schema{Schema: orderBad}); code(err) != 40403 {
		t.Fatalf("lookup of an unknown schema: %v", err)
	}
	if _, err := cl.SchemaByID(ctx, 99); code(err) != 40403 {
		t.Fatalf("unknown ID: %v", err)
	}
	if _, err := cl.SubjectVersions(ctx, "nope"); code(err) != 40401 {
		t.Fatalf("unknown subject: %v", err)
	}
	if _, err := cl.SchemaByVersion(ctx, "orders-value", 7); code(err) != 40402 {
		t.Fatalf("unknown version: %v", err)
	}

	// the registrations are files, and a clone serves the same IDs
	for _, f := range []string{"orders-value/1.avsc", "orders-value/2.avsc", "audit-value/1.avsc", "ids.yaml"} {
		if _, err := os.Stat(filepath.Join(root, f)); err != nil {
			t.Fatal(err)
		}
	}
	clone := filepath.Join(t.TempDir(), "clone")
	copyTree(t, root, clone)
	again := client(t, clone, false)
	for id, want := range map[int]string{1: orderV1, 2: orderV2} {
		if got := must[sr.Schema](t)(again.SchemaByID(ctx, id)); got.Schema != want {
			t.Errorf("clone: ID %d is %s", id, got.Schema)
		}
	}
}

func TestFranzGoCompatibilityAndConfig(t *testing.T) {
	ctx := context.Background()
	cl, root := start(t, compat.Backward, true)
	must[sr.SubjectSchema](t)(cl.CreateSchema(ctx, "orders-value", sr.Schema{Schema: orderV1}))

	res := must[sr.CheckCompatibilityResult](t)(cl.CheckCompatibility(sr.WithParams(ctx, sr.Verbose), "orders-value", -1, sr.Schema{Schema: orderBad}))
	if res.Is || len(res.Messages) != 4 || !strings.HasPrefix(res.Messages[0], "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'") ||
		res.Messages[1] != "{oldSchemaVersion: 1}" || res.Messages[3] != "{validateFields: 'false', compatibility: 'BACKWARD'}" {
		t.Fatalf("verbose check %+v", res)
	}
	if res := must[sr.CheckCompatibilityResult](t)(cl.CheckCompatibility(ctx, "orders-value", 1, sr.Schema{Schema: orderV2})); !res.Is {
		t.Fatalf("compatible check %+v", res)
	}
	if _, err := cl.CheckCompatibility(ctx, "orders-value", 5, sr.Schema{Schema: orderV2}); code(err) != 40402 {
		t.Fatalf("check against a missing version: %v", err)
	}

	global := cl.Compatibility(ctx)
	if global[0].Err != nil || global[0].Level != sr.CompatBackward {
		t.Fatalf("global level %+v", global[0])
	}
	if got := cl.Compatibility(ctx, "orders-value"); code(got[0].Err) != 40408 {
		t.Fatalf("subject without its own level: %+v", got[0])
	}
	set := cl.SetCompatibility(ctx, sr.SetCompatibility{Level: sr.CompatNone}, "orders-value")
	if set[0].Err != nil || set[0].Level != sr.CompatNone {
		t.Fatalf("set level %+v", set[0])
	}
	data, err := os.ReadFile(filepath.Join(root, "orders-value", "subject.yaml"))
	if err != nil || !strings.Contains(string(data), "compatibility: NONE") {
		t.Fatalf("subject.yaml after PUT /config: %q %v", data, err)
	}
	// at NONE the incompatible schema is accepted
	must[sr.SubjectSchema](t)(cl.CreateSchema(ctx, "orders-value", sr.Schema{Schema: orderBad}))
	if reset := cl.ResetCompatibility(ctx, "orders-value"); reset[0].Err != nil || reset[0].Level != sr.CompatNone {
		t.Fatalf("reset %+v", reset[0])
	}
	if got := cl.Compatibility(ctx, "orders-value"); code(got[0].Err) != 40408 {
		t.Fatalf("after reset: %+v", got[0])
	}
	if m := cl.Mode(ctx); m[0].Err != nil || m[0].Mode != sr.ModeReadWrite {
		t.Fatalf("mode %+v", m[0])
	}
}

func TestFranzGoDeletes(t *testing.T) {
	ctx := context.Background()
	cl, root := start(t, compat.Backward, true)
	must[sr.SubjectSchema](t)(cl.CreateSchema(ctx, "orders-value", sr.Schema{Schema: orderV1}))
	must[sr.SubjectSchema](t)(cl.CreateSchema(ctx, "orders-value", sr.Schema{Schema: orderV2}))

	if err := cl.DeleteSchema(ctx, "orders-value", 2, sr.HardDelete); code(err) != 40407 {
		t.Fatalf("hard delete before soft: %v", err)
	}
	if err := cl.DeleteSchema(ctx, "orders-value", 2, sr.SoftDelete); err != nil {
		t.Fatal(err)
	}
	if err := cl.DeleteSchema(ctx, "orders-value", 2, sr.SoftDelete); code(err) != 40406 {
		t.Fatalf("soft delete twice: %v", err)
	}
	if vs := must[[]int](t)(cl.SubjectVersions(ctx, "orders-value")); !slices.Equal(vs, []int{1}) {
		t.Fatalf("versions after soft delete: %v", vs)
	}
	if vs := must[[]int](t)(cl.SubjectVersions(sr.WithParams(ctx, sr.ShowDeleted), "orders-value")); !slices.Equal(vs, []int{1, 2}) {
		t.Fatalf("versions with deleted: %v", vs)
	}
	// the ID of a soft-deleted version still resolves, for consumers
	if s := must[sr.Schema](t)(cl.SchemaByID(ctx, 2)); s.Schema != orderV2 {
		t.Fatalf("ID of a soft-deleted version: %+v", s)
	}
	// registering after a soft delete takes the next number
	re := must[sr.SubjectSchema](t)(cl.CreateSchema(ctx, "orders-value", sr.Schema{Schema: orderV2}))
	if re.Version != 3 || re.ID != 2 {
		t.Fatalf("re-registration after soft delete: %+v", re)
	}
	if err := cl.DeleteSchema(ctx, "orders-value", 2, sr.HardDelete); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "orders-value", "2.avsc")); !os.IsNotExist(err) {
		t.Fatalf("hard-deleted version file: %v", err)
	}
	if _, err := cl.DeleteSubject(ctx, "orders-value", sr.HardDelete); code(err) != 40405 {
		t.Fatalf("hard delete of a live subject: %v", err)
	}
	vs := must[[]int](t)(cl.DeleteSubject(ctx, "orders-value", sr.SoftDelete))
	if !slices.Equal(vs, []int{1, 3}) {
		t.Fatalf("soft-deleted %v", vs)
	}
	if _, err := cl.DeleteSubject(ctx, "orders-value", sr.SoftDelete); code(err) != 40404 {
		t.Fatalf("soft delete of a deleted subject: %v", err)
	}
	if subs := must[[]string](t)(cl.Subjects(ctx)); len(subs) != 0 {
		t.Fatalf("subjects after soft delete: %v", subs)
	}
	if vs := must[[]int](t)(cl.DeleteSubject(ctx, "orders-value", sr.HardDelete)); !slices.Equal(vs, []int{1, 3}) {
		t.Fatalf("hard-deleted %v", vs)
	}
	if _, err := os.Stat(filepath.Join(root, "orders-value")); !os.IsNotExist(err) {
		t.Fatalf("hard-deleted subject directory: %v", err)
	}
	if _, err := cl.SchemaByID(ctx, 1); code(err) != 40403 {
		t.Fatalf("ID of a hard-deleted schema: %v", err)
	}
}

func TestFranzGoProtobufReferencesAndJSONSchema(t *testing.T) {
	ctx := context.Background()
	cl, root := start(t, compat.Backward, true)
	money := must[sr.SubjectSchema](t)(cl.CreateSchema(ctx, "common-money", sr.Schema{Schema: moneyProto, Type: sr.TypeProtobuf}))
	pay := must[sr.SubjectSchema](t)(cl.CreateSchema(ctx, "payments-value", sr.Schema{
		Schema: paymentProto, Type: sr.TypeProtobuf,
		References: []sr.SchemaReference{{Name: "common/money.proto", Subject: "common-money", Version: money.Version}},
	}))
	got := must[sr.SubjectSchema](t)(cl.SchemaByVersion(ctx, "payments-value", pay.Version))
	if got.Type != sr.TypeProtobuf || len(got.References) != 1 || got.References[0] != (sr.SchemaReference{Name: "common/money.proto", Subject: "common-money", Version: 1}) {
		t.Fatalf("protobuf version %+v", got)
	}
	cfg, err := os.ReadFile(filepath.Join(root, "payments-value", "subject.yaml"))
	if err != nil || !strings.Contains(string(cfg), "common/money.proto") {
		t.Fatalf("subject.yaml keeps the references: %q %v", cfg, err)
	}
	if ids := must[[]sr.SubjectSchema](t)(cl.SchemaReferences(ctx, "common-money", 1)); len(ids) != 1 || ids[0].ID != pay.ID {
		t.Fatalf("referenced by %+v", ids)
	}
	if err := cl.DeleteSchema(ctx, "common-money", 1, sr.SoftDelete); code(err) != 42206 {
		t.Fatalf("deleting a referenced version: %v", err)
	}
	// a Protobuf change that breaks: a field's type
	broken := strings.Replace(paymentProto, "string id = 1;", "int64 id = 1;", 1)
	if _, err := cl.CreateSchema(ctx, "payments-value", sr.Schema{Schema: broken, Type: sr.TypeProtobuf,
		References: []sr.SchemaReference{{Name: "common/money.proto", Subject: "common-money", Version: 1}}}); code(err) != 409 {
		t.Fatalf("incompatible protobuf: %v", err)
	}
	// serialized descriptors for serializers that ask for them
	ser := must[sr.SubjectSchema](t)(cl.SchemaByVersion(sr.WithParams(ctx, sr.Format("serialized")), "common-money", 1))
	if strings.Contains(ser.Schema.Schema, "syntax") || len(ser.Schema.Schema) < 10 {
		t.Fatalf("serialized format: %q", ser.Schema.Schema)
	}

	user := must[sr.SubjectSchema](t)(cl.CreateSchema(ctx, "user-value", sr.Schema{Schema: userJSON, Type: sr.TypeJSON}))
	if got := must[sr.Schema](t)(cl.SchemaByID(ctx, user.ID)); got.Type != sr.TypeJSON || got.Schema != userJSON {
		t.Fatalf("json schema %+v", got)
	}
	if _, err := os.Stat(filepath.Join(root, "user-value", "1.json")); err != nil {
		t.Fatal(err)
	}
}

// order is the Go value of orderV2.
type order struct {
	ID         string `avro:"id"`
	TotalMinor int64  `avro:"total_minor"`
}

// A producer encodes with the ID the registry gave, a consumer decodes
// with the schema fetched by that ID: Confluent's wire format through
// franz-go's Serde, Avro by hamba/avro.
func TestFranzGoSerdeAvro(t *testing.T) {
	ctx := context.Background()
	cl, _ := start(t, compat.Backward, true)
	must[sr.SubjectSchema](t)(cl.CreateSchema(ctx, "orders-value", sr.Schema{Schema: orderV1}))
	reg := must[sr.SubjectSchema](t)(cl.CreateSchema(ctx, "orders-value", sr.Schema{Schema: orderV2}))

	serde := func(id int) *sr.Serde {
		text := must[string](t)(cl.SchemaTextByID(ctx, id))
		schema, err := havro.ParseWithCache(text, "", &havro.SchemaCache{})
		if err != nil {
			t.Fatal(err)
		}
		var s sr.Serde
		s.Register(id, order{},
			sr.EncodeFn(func(v any) ([]byte, error) { return havro.Marshal(schema, v) }),
			sr.DecodeFn(func(b []byte, v any) error { return havro.Unmarshal(schema, b, v) }))
		return &s
	}
	msg, err := serde(reg.ID).Encode(order{ID: "o-1", TotalMinor: 1250})
	if err != nil {
		t.Fatal(err)
	}
	if msg[0] != 0 || int(msg[4]) != reg.ID {
		t.Fatalf("not Confluent's wire format: % x", msg[:5])
	}
	var consumer sr.Serde
	id, _, err := consumer.DecodeID(msg)
	if err != nil || id != reg.ID {
		t.Fatalf("decode id %d %v", id, err)
	}
	var got order
	if err := serde(id).Decode(msg, &got); err != nil || got != (order{"o-1", 1250}) {
		t.Fatalf("decoded %+v %v", got, err)
	}
}

// Raw requests: Confluent's content type, error bodies and codes for what
// clients do not send.
func TestRawErrors(t *testing.T) {
	root := filepath.Join(t.TempDir(), "schemas")
	if _, err := registry.Init(root, compat.Backward); err != nil {
		t.Fatal(err)
	}
	store, err := registry.Open(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv, _, err := serve.New(serve.Options{Store: store, Writable: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"PUT", "/config", `{"compatibility":"SIDEWAYS"}`, 422, `{"error_code":42203,"message":"Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive"}`},
		{"GET", "/subjects/x/versions/0", "", 422, `{"error_code":42202,"message":"The specified version '0' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\""}`},
		{"POST", "/subjects/x/versions", `{"schema":`, 400, `"error_code":400`},
		{"POST", "/subjects/x/versions", `{"schema":"{}","schemaType":"XML"}`, 422, `"error_code":42201`},
		{"POST", "/subjects/.hidden/versions", `{"schema":"\"string\""}`, 422, `"error_code":42208`},
		{"GET", "/schemas/ids/abc", "", 404, `{"error_code":40403,"message":"Schema abc not found"}`},
		{"GET", "/nowhere", "", 404, `{"error_code":404,"message":"HTTP 404 Not Found"}`},
		{"GET", "/health", "", 200, `{"status":"UP","subjects":0,"writable":true}`},
		{"POST", "/compatibility/subjects/x/versions/latest?verbose=true", `{"schema":"{\"type\":\"record\"}"}`, 200, `{"is_compatible":false,"messages":["x.avsc:1:1: invalid Avro schema: `},
	} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body)))
		if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.want) {
			t.Errorf("%s %s: %d %s\nwant %d %s", tc.method, tc.path, rec.Code, rec.Body, tc.status, tc.want)
		}
		if ct := rec.Header().Get("Content-Type"); ct != serve.ContentType {
			t.Errorf("%s %s: content type %q", tc.method, tc.path, ct)
		}
	}
}

func TestReadOnly(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "schemas")
	if _, err := registry.Init(root, compat.Backward); err != nil {
		t.Fatal(err)
	}
	st, err := registry.Open(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Add("orders-value", registry.Candidate{File: "o.avsc", Data: []byte(orderV1)}); err != nil {
		t.Fatal(err)
	}
	cl := client(t, root, false)
	// a schema the subject holds answers with its ID, so serializers that
	// register on first use work
	if id := must[int](t)(cl.RegisterSchema(ctx, "orders-value", sr.Schema{Schema: orderV1}, -1, -1)); id != 1 {
		t.Fatalf("id %d", id)
	}
	if _, err := cl.CreateSchema(ctx, "orders-value", sr.Schema{Schema: orderV2}); code(err) != 42205 {
		t.Fatalf("new schema on a read-only server: %v", err)
	}
	if _, err := cl.DeleteSubject(ctx, "orders-value", sr.SoftDelete); code(err) != 42205 {
		t.Fatalf("delete on a read-only server: %v", err)
	}
	if set := cl.SetCompatibility(ctx, sr.SetCompatibility{Level: sr.CompatFull}); code(set[0].Err) != 42205 {
		t.Fatalf("config on a read-only server: %+v", set[0])
	}
	if m := cl.Mode(ctx); m[0].Mode != sr.ModeReadOnly {
		t.Fatalf("mode %+v", m[0])
	}
	// checks write nothing, so they are allowed
	if res := must[sr.CheckCompatibilityResult](t)(cl.CheckCompatibility(ctx, "orders-value", -1, sr.Schema{Schema: orderV2})); !res.Is {
		t.Fatalf("check %+v", res)
	}
	if _, err := os.Stat(filepath.Join(root, "orders-value", "2.avsc")); !os.IsNotExist(err) {
		t.Fatal("a read-only server wrote a version")
	}
}

// Concurrent clients registering into shared and separate subjects lose
// nothing and get unique IDs.
func TestConcurrentClients(t *testing.T) {
	ctx := context.Background()
	cl, root := start(t, compat.Backward, true)
	const clients, versions = 8, 6
	var wg sync.WaitGroup
	ids := make([][]int, clients)
	errs := make([]error, clients)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range versions {
				// every client registers the same shared schema and its own
				// subject's next version
				if _, err := cl.RegisterSchema(ctx, "shared-value", sr.Schema{Schema: orderV1}, -1, -1); err != nil {
					errs[c] = err
					return
				}
				id, err := cl.RegisterSchema(ctx, fmt.Sprintf("c%d-value", c), sr.Schema{Schema: evolve(c, v)}, -1, -1)
				if err != nil {
					errs[c] = err
					return
				}
				ids[c] = append(ids[c], id)
			}
		}()
	}
	wg.Wait()
	seen := map[int]bool{}
	for c := range clients {
		if errs[c] != nil {
			t.Fatal(errs[c])
		}
		for _, id := range ids[c] {
			if seen[id] {
				t.Fatalf("ID %d given twice", id)
			}
			seen[id] = true
		}
		vs := must[[]int](t)(cl.SubjectVersions(ctx, fmt.Sprintf("c%d-value", c)))
		if len(vs) != versions {
			t.Fatalf("client %d: versions %v", c, vs)
		}
	}
	if vs := must[[]int](t)(cl.SubjectVersions(ctx, "shared-value")); !slices.Equal(vs, []int{1}) {
		t.Fatalf("shared subject versions %v", vs)
	}
	if _, err := os.Stat(filepath.Join(root, "c0-value", fmt.Sprintf("%d.avsc", versions))); err != nil {
		t.Fatal(err)
	}
}

// evolve is version v of client c's schema: each adds an optional field.
func evolve(c, v int) string {
	fields := []string{`{"name":"id","type":"string"}`}
	for i := range v {
		fields = append(fields, fmt.Sprintf(`{"name":"f%d","type":"long","default":%d}`, i, c))
	}
	return fmt.Sprintf(`{"type":"record","name":"R%d","fields":[%s]}`, c, strings.Join(fields, ","))
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
