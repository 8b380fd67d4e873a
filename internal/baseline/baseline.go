// Package baseline records the fingerprints of today's findings in a
// committed file (.contractctl-baseline.json), so that a team adopting the
// house rules on a legacy API fails only on findings that are new.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/atomicfile"
)

// File is the baseline's default name, at the repository root.
const File = ".contractctl-baseline.json"

// Entry is one waived finding. Rule, file and pointer are kept beside the
// fingerprint so the file reads well in review.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Pointer     string `json:"pointer,omitempty"`
}

// Baseline is the set of known findings.
type Baseline struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// FromFindings builds a baseline, sorted and without duplicates.
func FromFindings(fs []finding.Finding) *Baseline {
	b := &Baseline{Version: 1, Findings: []Entry{}}
	seen := map[string]bool{}
	for _, f := range fs {
		f.Seal()
		if seen[f.Fingerprint] {
			continue
		}
		seen[f.Fingerprint] = true
		b.Findings = append(b.Findings, Entry{Fingerprint: f.Fingerprint, Rule: f.Rule, File: f.File, Pointer: f.Pointer})
	}
	slices.SortFunc(b.Findings, func(x, y Entry) int {
		if c := strings.Compare(x.File, y.File); c != 0 {
			return c
		}
		if c := strings.Compare(x.Rule, y.Rule); c != 0 {
			return c
		}
		return strings.Compare(x.Pointer, y.Pointer)
	})
	return b
}

// Read loads a baseline; a missing file is (nil, nil).
func Read(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read baseline: %w", path, err)
	}
	var b Baseline
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%s: invalid baseline: %w", path, err)
	}
	if b.Version != 1 {
		return nil, fmt.Errorf("%s: unsupported baseline version %d", path, b.Version)
	}
	return &b, nil
}

// Write stores the baseline atomically.
func (b *Baseline) Write(path string) error {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(path, append(data, '\n'), 0o644)
}

// Filter drops the findings whose fingerprint the baseline holds; keep
// decides which findings are subject to it (lint findings: breaking
// changes are new by nature).
func (b *Baseline) Filter(fs []finding.Finding, subject func(finding.Finding) bool) []finding.Finding {
	if b == nil {
		return fs
	}
	known := make(map[string]bool, len(b.Findings))
	for _, e := range b.Findings {
		known[e.Fingerprint] = true
	}
	out := fs[:0:0]
	for _, f := range fs {
		if subject(f) && known[f.Fingerprint] {
			continue
		}
		out = append(out, f)
	}
	return out
}
