package load

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMayHoldContract(t *testing.T) {
	pad := strings.Repeat(" ", 64<<10-10) // puts a key across the first chunk's end
	tests := []struct {
		name, data string
		want       bool
	}{
		{"yaml", "openapi: 3.0.3\n", true},
		{"yaml quoted", "'asyncapi' : 3.0.0\n", true},
		{"yaml flow", "{info: {}, swagger: '2.0'}", true},
		{"json key last, minified", `{"info":{},"paths":{},"openapi":"3.1.0"}`, true},
		{"json newline before colon", "{\"openapi\"\n  : \"3.1.0\"}", true},
		{"key across chunks", `{"x":"` + pad + `","openapi":"3.1.0"}`, true},
		{"report", `{"findings":[{"file":"specs/openapi.yaml","message":"the openapi version"}]}`, false},
		{"key at the very end", "see openapi", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MayHoldContract(strings.NewReader(tt.data))
			if err != nil || got != tt.want {
				t.Errorf("MayHoldContract = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

// TestMayHoldContractOfEveryContract: every YAML and JSON file under the
// repository's testdata that Parse finds a contract in passes the filter.
func TestMayHoldContractOfEveryContract(t *testing.T) {
	n := 0
	err := filepath.WalkDir("../../testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !IsContractExt(p) || KindOfName(p) != Unknown {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := Parse(p, data)
		if err != nil || f.Kind == Unknown {
			return nil
		}
		n++
		if may, err := MayHoldContract(bytes.NewReader(data)); err != nil || !may {
			t.Errorf("%s: %s contract, MayHoldContract = %v, %v", p, f.Kind, may, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("found only %d contracts under testdata", n)
	}
}
