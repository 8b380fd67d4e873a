package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/rules"
)

// SARIF 2.1.0 as GitHub code scanning accepts it.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	Name                 string       `json:"name,omitempty"`
	ShortDescription     sarifText    `json:"shortDescription"`
	FullDescription      sarifText    `json:"fullDescription"`
	Help                 sarifHelp    `json:"help"`
	DefaultConfiguration sarifDefault `json:"defaultConfiguration"`
}

type sarifDefault struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warn:
		return "warning"
	}
	return "note"
}

func writeSARIF(w io.Writer, fs []finding.Finding, opt Options) error {
	driver := sarifDriver{Name: "contractctl", Version: opt.Version, InformationURI: "https://github.com/contractctl/contractctl"}
	index := map[string]int{}
	var ids []string
	for _, f := range fs {
		if _, ok := index[f.Rule]; !ok {
			index[f.Rule] = -1
			ids = append(ids, f.Rule)
		}
	}
	slices.Sort(ids)
	for i, id := range ids {
		index[id] = i
		r := rules.Rule{ID: id, Summary: id}
		if opt.Catalog != nil {
			if cr, ok := opt.Catalog.Lookup(id); ok {
				r = cr
			}
		}
		full := r.Doc
		if full == "" {
			full = r.Summary
		}
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   id,
			Name:                 id,
			ShortDescription:     sarifText{r.Summary},
			FullDescription:      sarifText{full},
			Help:                 sarifHelp{Text: full, Markdown: ruleMarkdown(r)},
			DefaultConfiguration: sarifDefault{Level: sarifLevel(r.Severity)},
		})
	}
	results := make([]sarifResult, 0, len(fs))
	for _, f := range fs {
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(f.File)}}}
		if f.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: f.Line, StartColumn: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn}
		} else {
			// Code scanning needs a region; a file-level finding sits on line 1.
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: 1}
		}
		results = append(results, sarifResult{
			RuleID:              f.Rule,
			RuleIndex:           index[f.Rule],
			Level:               sarifLevel(f.Severity),
			Message:             sarifText{f.Message},
			Locations:           []sarifLocation{loc},
			PartialFingerprints: map[string]string{"primaryLocationLineHash": f.Fingerprint},
		})
	}
	if driver.Rules == nil {
		driver.Rules = []sarifRule{}
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// ruleMarkdown renders a rule's help: the doc and both examples.
func ruleMarkdown(r rules.Rule) string {
	md := r.Summary
	if r.Doc != "" {
		md = r.Doc
	}
	if r.Bad != "" {
		md += "\n\nFails:\n\n```\n" + r.Bad + "```"
	}
	if r.Good != "" {
		md += "\n\nPasses:\n\n```\n" + r.Good + "```"
	}
	return md
}

// sarifURI turns a slash-separated relative path into a relative URI
// reference: no leading "./", and every byte outside the unreserved and
// sub-delimiter sets (spaces, %, and ':' which would read as a scheme)
// percent-encoded.
func sarifURI(file string) string {
	for strings.HasPrefix(file, "./") {
		file = file[2:]
	}
	var b strings.Builder
	for i := 0; i < len(file); i++ {
		c := file[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/!$&'()*+,;=@", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
