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
	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/rules"
)

// BenchmarkLintGoogleapis lints the 2026 googleapis tree (buf.yaml:
// STANDARD, excludes preview/backstory/gapic) from memory; buf lint needs
// 29–31 s CPU and 4.7 GB for it. Skips when ../shared/bench is absent.
func BenchmarkLintGoogleapis(b *testing.B) {
	matches, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "bench", "googleapis", "googleapis-2026-08-22*.tar.gz"))
	if len(matches) == 0 {
		b.Skip("../shared/bench/googleapis not present")
	}
	r := readTarGz(b, matches[0])
	var files []string
	for name := range r {
		if strings.HasSuffix(name, ".proto") {
			files = append(files, name)
		}
	}
	sort.Strings(files)
	for b.Loop() {
		fs, err := Lint(contract.Options{Config: config.Defaults(), Catalog: rules.Default()}, protoset.Input{Reader: r, Files: files})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(fs)), "findings")
	}
}

func readTarGz(b *testing.B, name string) load.Files {
	b.Helper()
	f, err := os.Open(name)
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
			return r
		}
		if err != nil {
			b.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			data, err := io.ReadAll(tr)
			if err != nil {
				b.Fatal(err)
			}
			r[strings.TrimPrefix(h.Name, "./")] = string(data)
		}
	}
}
