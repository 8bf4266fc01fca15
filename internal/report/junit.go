package report

import (
	"encoding/xml"
	"io"

	"github.com/gustload/gust/internal/threshold"
)

// JUnitSuite is one <testsuite> of a JUnit XML file, the format CI systems
// (GitLab, Jenkins, GitHub actions that read test reports) show natively.
type JUnitSuite struct {
	Name  string
	Cases []JUnitCase
}

// JUnitCase is one test case: a threshold, or an endpoint's verdict.
type JUnitCase struct {
	Name      string
	ClassName string
	// Failure, when not "", fails the case with this message; Detail is
	// the longer text shown under it.
	Failure string
	Detail  string
	// Error, when not "", marks a case that could not be evaluated.
	Error string
}

type xmlSuites struct {
	XMLName  xml.Name   `xml:"testsuites"`
	Tests    int        `xml:"tests,attr"`
	Failures int        `xml:"failures,attr"`
	Errors   int        `xml:"errors,attr"`
	Suites   []xmlSuite `xml:"testsuite"`
}

type xmlSuite struct {
	Name     string    `xml:"name,attr"`
	Tests    int       `xml:"tests,attr"`
	Failures int       `xml:"failures,attr"`
	Errors   int       `xml:"errors,attr"`
	Cases    []xmlCase `xml:"testcase"`
}

type xmlCase struct {
	Name      string      `xml:"name,attr"`
	ClassName string      `xml:"classname,attr"`
	Failure   *xmlProblem `xml:"failure,omitempty"`
	Error     *xmlProblem `xml:"error,omitempty"`
}

type xmlProblem struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes suites as one JUnit XML document.
func WriteJUnit(w io.Writer, suites ...JUnitSuite) error {
	doc := xmlSuites{}
	for _, s := range suites {
		xs := xmlSuite{Name: s.Name, Tests: len(s.Cases), Cases: []xmlCase{}}
		for _, c := range s.Cases {
			xc := xmlCase{Name: c.Name, ClassName: c.ClassName}
			switch {
			case c.Error != "":
				xc.Error, xs.Errors = &xmlProblem{Message: c.Error, Text: c.Detail}, xs.Errors+1
			case c.Failure != "":
				xc.Failure, xs.Failures = &xmlProblem{Message: c.Failure, Text: c.Detail}, xs.Failures+1
			}
			xs.Cases = append(xs.Cases, xc)
		}
		doc.Tests, doc.Failures, doc.Errors = doc.Tests+xs.Tests, doc.Failures+xs.Failures, doc.Errors+xs.Errors
		doc.Suites = append(doc.Suites, xs)
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

// ThresholdsJUnit is the JUnit suite of a run's thresholds: one case per
// threshold, failed when breached, an error when it could not be measured.
func ThresholdsJUnit(name string, results []threshold.Result) JUnitSuite {
	s := JUnitSuite{Name: name}
	for _, res := range results {
		r := jsonThreshold(res)
		c := JUnitCase{Name: r.Threshold, ClassName: "gust.thresholds"}
		switch {
		case r.Error != "":
			c.Error = r.Error
		case !r.Pass:
			c.Failure = "breached: " + r.Metric + " was " + r.Actual + ", want " + r.Op + " " + r.Limit
			c.Detail = c.Failure
		}
		s.Cases = append(s.Cases, c)
	}
	return s
}
