package serve_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/sr"

	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/registry"
	"github.com/contractctl/contractctl/registry/serve"
)

// BenchmarkServeLoad is the load test of `registry serve --writable`: 50
// concurrent franz-go clients send 2,000 requests each on loopback, mixed
// as serializers and tools do — 2% registrations of a new version of the
// client's own subject, 3% re-registrations of a shared schema, 5%
// compatibility checks, 90% reads (schema by ID, latest version, lookup,
// versions, subjects). Afterwards nothing may be lost (every registered
// version is served and is a file) and the new versions' IDs must be
// unique. It reports the latency percentiles of all requests, of the reads
// and checks, and of the registrations, the throughput and the errors:
//
//	go test -run '^$' -bench ServeLoad -benchtime 1x ./registry/serve
func BenchmarkServeLoad(b *testing.B) {
	const clients, requests = 50, 2000
	for range b.N {
		b.StopTimer()
		root := filepath.Join(b.TempDir(), "schemas")
		if _, err := registry.Init(root, compat.Backward); err != nil {
			b.Fatal(err)
		}
		store, err := registry.Open(root, nil)
		if err != nil {
			b.Fatal(err)
		}
		srv, _, err := serve.New(serve.Options{Store: store, Writable: true})
		if err != nil {
			b.Fatal(err)
		}
		ts := httptest.NewServer(srv) // a real listener on 127.0.0.1
		ctx := context.Background()
		transport := &http.Transport{MaxIdleConnsPerHost: clients}
		newClient := func() *sr.Client {
			cl, err := sr.NewClient(sr.URLs(ts.URL), sr.HTTPClient(&http.Client{Transport: transport, Timeout: time.Minute}))
			if err != nil {
				b.Fatal(err)
			}
			return cl
		}
		setup := newClient()
		shared, err := setup.RegisterSchema(ctx, "shared-value", sr.Schema{Schema: orderV1}, -1, -1)
		if err != nil {
			b.Fatal(err)
		}

		type result struct {
			lat, regLat, readLat []time.Duration
			ids                  []int // IDs of the client's new versions
			errs                 []error
		}
		results := make([]result, clients)
		var wg sync.WaitGroup
		b.StartTimer()
		start := time.Now()
		for c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cl, res := newClient(), &results[c]
				rng := rand.New(rand.NewPCG(uint64(c), 42))
				subject := fmt.Sprintf("load%02d-value", c)
				version := 0 // the client's versions registered so far
				for range requests {
					t0 := time.Now()
					var err error
					reg := false
					switch p := rng.IntN(100); {
					case p < 2 || version == 0:
						reg = true
						var id int
						if id, err = cl.RegisterSchema(ctx, subject, sr.Schema{Schema: evolve(c, version)}, -1, -1); err == nil {
							res.ids = append(res.ids, id)
							version++
						}
					case p < 5:
						reg = true
						var id int
						if id, err = cl.RegisterSchema(ctx, "shared-value", sr.Schema{Schema: orderV1}, -1, -1); err == nil && id != shared {
							err = fmt.Errorf("shared schema: ID %d, want %d", id, shared)
						}
					case p < 10:
						var r sr.CheckCompatibilityResult
						if r, err = cl.CheckCompatibility(ctx, subject, -1, sr.Schema{Schema: evolve(c, version)}); err == nil && !r.Is {
							err = fmt.Errorf("compatibility check refused a compatible schema")
						}
					case p < 40:
						id := res.ids[rng.IntN(len(res.ids))]
						_, err = cl.SchemaByID(ctx, id)
					case p < 60:
						_, err = cl.SchemaByVersion(ctx, subject, -1)
					case p < 75:
						_, err = cl.LookupSchema(ctx, subject, sr.Schema{Schema: evolve(c, rng.IntN(version))})
					case p < 95:
						_, err = cl.SubjectVersions(ctx, subject)
					default:
						_, err = cl.Subjects(ctx)
					}
					d := time.Since(t0)
					res.lat = append(res.lat, d)
					if reg {
						res.regLat = append(res.regLat, d)
					} else {
						res.readLat = append(res.readLat, d)
					}
					if err != nil {
						res.errs = append(res.errs, err)
					}
				}
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)
		b.StopTimer()

		var lat, regLat, readLat []time.Duration
		var errs []error
		seen := map[int]bool{shared: true}
		for c, r := range results {
			lat, regLat, readLat = append(lat, r.lat...), append(regLat, r.regLat...), append(readLat, r.readLat...)
			errs = append(errs, r.errs...)
			for _, id := range r.ids {
				if seen[id] {
					b.Fatalf("ID %d given twice", id)
				}
				seen[id] = true
			}
			// nothing lost: every version is served, and is a file
			vs, err := setup.SubjectVersions(ctx, fmt.Sprintf("load%02d-value", c))
			if err != nil || len(vs) != len(r.ids) {
				b.Fatalf("client %d registered %d versions, the server has %v (%v)", c, len(r.ids), vs, err)
			}
			for v, id := range r.ids {
				s, err := setup.SchemaByID(ctx, id)
				if err != nil || s.Schema != evolve(c, v) {
					b.Fatalf("client %d version %d: ID %d serves %q (%v)", c, v+1, id, s.Schema, err)
				}
			}
			sub, err := store.Subject(fmt.Sprintf("load%02d-value", c))
			if err != nil || len(sub.Versions) != len(r.ids) {
				b.Fatalf("client %d: %d version files (%v)", c, len(sub.Versions), err)
			}
		}
		ts.Close()
		if len(errs) > 0 {
			b.Fatalf("%d errors, the first: %v", len(errs), errs[0])
		}
		b.ReportMetric(float64(len(lat)), "requests")
		b.ReportMetric(float64(len(seen)-1), "new-versions")
		b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
		b.ReportMetric(ms(percentile(lat, 50)), "p50-ms")
		b.ReportMetric(ms(percentile(lat, 99)), "p99-ms")
		b.ReportMetric(ms(percentile(readLat, 99)), "read-p99-ms")
		b.ReportMetric(ms(percentile(regLat, 50)), "register-p50-ms")
		b.ReportMetric(ms(percentile(regLat, 99)), "register-p99-ms")
		b.ReportMetric(float64(len(errs)), "errors")
	}
}

func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
