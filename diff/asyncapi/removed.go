package asyncapi

import (
	"fmt"
	"strings"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/rules"
)

// removed reports a deleted AsyncAPI document as the removal of
// everything it declared: it is compared with an empty document of the
// same version, and the findings lose their head positions (there is no
// head file), keeping the base location.
func removed(opt contract.Options, base contract.Doc) ([]finding.Finding, error) {
	bf := base.File
	empty := fmt.Sprintf("asyncapi: %q\ninfo: {title: removed, version: %q}\nchannels: {}\n", bf.Version, baseInfoVersion(bf))
	if strings.HasPrefix(bf.Version, "3.") {
		empty += "operations: {}\n"
	}
	hf, err := load.Parse(bf.Name, []byte(empty))
	if err != nil {
		return nil, err
	}
	fs, err := Diff(opt, base, contract.Doc{File: hf, Loader: load.NewLoader(load.Files{}, "")})
	if err != nil {
		return nil, err
	}
	out := fs[:0]
	for _, f := range fs {
		if f.Rule == rules.AsyncAPIVersionBumpRequired {
			continue // a deleted document has no version to bump
		}
		f.Line, f.Column, f.Pointer, f.Fingerprint = 0, 0, "", ""
		f.Seal()
		out = append(out, f)
	}
	return out, nil
}

// baseInfoVersion keeps info.version so that the removal is not also
// reported as a version change.
func baseInfoVersion(bf *load.File) string {
	if v := load.Value(load.Value(bf.Root, "info"), "version"); v != nil {
		return v.Value
	}
	return "0.0.0"
}
