package report

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/contractctl/contractctl/finding"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	ClassName string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(w io.Writer, fs []finding.Finding, _ Options) error {
	doc := junitSuites{Name: "contractctl", Tests: len(fs), Failures: len(fs)}
	for _, f := range fs {
		if n := len(doc.Suites); n == 0 || doc.Suites[n-1].Name != f.File {
			doc.Suites = append(doc.Suites, junitSuite{Name: f.File})
		}
		s := &doc.Suites[len(doc.Suites)-1]
		s.Tests++
		s.Failures++
		s.Cases = append(s.Cases, junitCase{
			ClassName: f.File,
			Name:      f.Rule + " " + f.Pointer,
			Failure: &junitFailure{
				Message: f.Message,
				Type:    f.Severity.String(),
				Text:    fmt.Sprintf("%s:%d:%d: %s %s: %s", f.File, f.Line, f.Column, f.Severity, f.Rule, f.Message),
			},
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
