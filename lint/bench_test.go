package lint_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/lint"
	"github.com/contractctl/contractctl/rules"
)

// bigDescription generates an OpenAPI description of about size bytes,
// as dense in nodes as Stripe's published description (about 29 bytes per
// node: real descriptions carry prose): paths of two operations each,
// every one breaking several house rules (no security, no Idempotency-Key,
// money as a number, no 429, no trace header), so that the findings grow
// with the file.
func bigDescription(size int) []byte {
	const prose = "Returns the item with the given identifier, as stored at the time of the request. " +
		"Amounts are in the currency of the account unless a currency is given; a deleted item is still returned with its status. " +
		"Items that were archived more than ninety days ago are served from cold storage and may take longer to return; " +
		"the response then carries the archive date, and the item can be restored by updating it with the same identifier. " +
		"See the guide on item lifecycles for the states an item goes through and the events each transition emits."
	var b bytes.Buffer
	b.Grow(size + 4096)
	b.WriteString(`{"openapi":"3.0.3","info":{"title":"Generated","version":"1.0.0"},"servers":[{"url":"https://api.example.com"}],"paths":{`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"/v1/items%d/{id}":{"parameters":[{"name":"id","in":"path","required":true,"description":"The identifier of the item, as returned when it was created.","schema":{"type":"string","maxLength":5000}}],`+
			`"get":{"operationId":"get%d","summary":"Retrieve item %d","description":"%s","responses":{"200":{"description":"The item.","content":{"application/json":{"schema":{"type":"object","description":"%s","properties":{"id":{"type":"string","description":"Unique identifier for the object."},"amount":{"type":"number","description":"Amount intended to be collected, in the currency's major unit."},"currency":{"type":"string","description":"Three-letter ISO currency code, in lowercase."},"note":{"type":"string","description":"An arbitrary string attached to the object. Often useful for displaying to users."}}}}}}}},`+
			`"post":{"operationId":"post%d","summary":"Update item %d","description":"%s","requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{"amount":{"type":"number","description":"Amount intended to be collected, in the currency's major unit."},"currency":{"type":"string","description":"Three-letter ISO currency code, in lowercase."},"fee":{"type":"integer","description":"The fee the platform takes, in the smallest currency unit."}}}}}},"responses":{"200":{"description":"The updated item."}}}}`,
			i, i, i, prose, prose, i, i, prose)
	}
	b.WriteString(`}}`)
	return b.Bytes()
}

var writeBig = flag.String("write-big-description", "", "write the generated 50 MB description of BenchmarkLint50MB to this file (to run the peers on it)")

// TestWriteBigDescription writes BenchmarkLint50MB's input for the tools
// that are measured outside Go:
//
//	go test ./lint -run TestWriteBigDescription -args -write-big-description /tmp/big.json
func TestWriteBigDescription(t *testing.T) {
	if *writeBig == "" {
		t.Skip("-write-big-description FILE not given")
	}
	if err := os.WriteFile(*writeBig, bigDescription(50<<20), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkLint50MB lints generated descriptions of 12, 25 and 50 MB
// (tens of thousands of operations, 178,000 findings at 50 MB): the time
// must double with the size, as the findings do — not grow with findings ×
// operations, as the inline-ignore look-up once made it. It reports the
// findings, the CPU seconds per run and the process's peak resident
// memory so far. Run it alone:
//
//	go test -run '^$' -bench Lint50MB -benchtime 1x ./lint
func BenchmarkLint50MB(b *testing.B) {
	for _, mb := range []int{12, 25, 50} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			dir := b.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "big.json"), bigDescription(mb<<20), 0o644); err != nil {
				b.Fatal(err)
			}
			ws := load.Workspace{Root: dir, Cwd: dir}
			cat := rules.Default()
			b.ResetTimer()
			cpu0 := cpuTime()
			var n int
			for b.Loop() {
				opt := lint.Options{Workspace: ws, Loader: load.NewLoader(ws.Reader(), ""),
					Options: contract.Options{Config: config.Defaults(), Catalog: cat, Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
				fs, _, err := lint.Run(opt, []load.Candidate{{Path: "big.json", Explicit: true}})
				if err != nil {
					b.Fatal(err)
				}
				n = len(fs)
			}
			b.ReportMetric(float64(n), "findings")
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
			var ru syscall.Rusage
			if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
				b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
			}
		})
	}
}

// cpuTime is the CPU (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
