package protobuf

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// googleapis reads a googleapis tree from ../shared/bench/googleapis into
// memory (skipping the benchmark when the folder is absent).
func googleapis(b *testing.B, prefix string) load.Files {
	b.Helper()
	matches, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "bench", "googleapis", prefix+"*.tar.gz"))
	if len(matches) == 0 {
		b.Skip("../shared/bench/googleapis not present")
	}
	f, err := os.Open(matches[0])
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	r := load.Files{}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			b.Fatal(err)
		}
		r[strings.TrimPrefix(h.Name, "./")] = string(data)
	}
	return r
}

func protoFiles(r load.Files) []string {
	var out []string
	for name := range r {
		if strings.HasSuffix(name, ".proto") {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// BenchmarkBreakingGoogleapis: a year of googleapis, FILE rules (buf
// breaking needs 48–53 s CPU and 6.4 GB for the same comparison).
func BenchmarkBreakingGoogleapis(b *testing.B) {
	oldR, newR := googleapis(b, "googleapis-2025-08-21"), googleapis(b, "googleapis-2026-08-22")
	base, head := Input{Reader: oldR, Files: protoFiles(oldR)}, Input{Reader: newR, Files: protoFiles(newR)}
	for b.Loop() {
		fs, err := Breaking(contract.Options{Config: config.Defaults(), Catalog: rules.Default()}, base, head)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(fs)), "findings")
	}
}

// BenchmarkBreakingPullRequest: one file of one package changed (a field
// removed) in the whole googleapis tree; only what the change reaches is
// compiled.
func BenchmarkBreakingPullRequest(b *testing.B) {
	newR := googleapis(b, "googleapis-2026-08-22")
	const target = "google/cloud/aiplatform/v1/dataset.proto"
	src, ok := newR[target]
	if !ok {
		b.Skip(target + " not in the tree")
	}
	headR := load.Files{}
	for k, v := range newR {
		headR[k] = v
	}
	i := strings.Index(src, "  string display_name = 2")
	if i < 0 {
		b.Skip("field to delete not found")
	}
	end := i + strings.Index(src[i:], ";") + 1
	headR[target] = src[:i] + src[end:]
	base, head := Input{Reader: newR, Files: protoFiles(newR)}, Input{Reader: headR, Files: protoFiles(headR)}
	for b.Loop() {
		fs, err := Breaking(contract.Options{Config: config.Defaults(), Catalog: rules.Default()}, base, head)
		if err != nil {
			b.Fatal(err)
		}
		if len(fs) == 0 {
			b.Fatal("the deleted field was not reported")
		}
	}
}
