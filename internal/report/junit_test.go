package report_test

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/threshold"
)

// junitDoc is the part of JUnit XML that CI systems read.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name    string `xml:"name,attr"`
			Failure *struct {
				Message string `xml:"message,attr"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestThresholdsJUnit(t *testing.T) {
	var ts []threshold.Threshold
	for _, s := range []string{"p95<300ms", "GET /stall:p99<500ms", "/missing:fail_ratio<0.01"} {
		th, err := threshold.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		ts = append(ts, th)
	}
	rs := threshold.Evaluate(ts, realistic())
	var b bytes.Buffer
	if err := report.WriteJUnit(&b, report.ThresholdsJUnit("gust thresholds", rs)); err != nil {
		t.Fatal(err)
	}
	var doc junitDoc
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b.String())
	}
	if doc.Tests != 3 || len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != 3 {
		t.Fatalf("want one suite of 3 cases, got %+v", doc)
	}
	for i, c := range doc.Suites[0].Cases {
		if c.Name != ts[i].String() {
			t.Errorf("case %d is %q, want %q", i, c.Name, ts[i].String())
		}
		failed, errored := c.Failure != nil, c.Error != nil
		if want := !rs[i].Pass && rs[i].Err == nil; failed != want {
			t.Errorf("%s: failure element %v, want %v", c.Name, failed, want)
		}
		if want := rs[i].Err != nil; errored != want {
			t.Errorf("%s: error element %v, want %v", c.Name, errored, want)
		}
	}
	if doc.Failures+doc.Errors == 0 {
		t.Error("the fixture breaches thresholds, yet no case failed")
	}
}
