package threshold

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteResults renders results as a console table, one threshold a line,
// followed by a one-line summary:
//
//	Threshold                 Result  Actual
//	p95<300ms                 pass    212.4ms
//	GET /api/items:p99<500ms  FAIL    734ms
//	3 thresholds: 1 passed, 1 breached, 1 could not be evaluated
//
// A threshold that could not be evaluated shows ERROR and the reason. It
// writes nothing for no results.
func WriteResults(w io.Writer, rs []Result) error {
	if len(rs) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "Threshold\tResult\tActual")
	for _, r := range rs {
		status, actual := outcome(r)
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Threshold, status, actual)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, summary(rs))
	return err
}

// outcome is the Result and Actual columns of r.
func outcome(r Result) (status, actual string) {
	switch {
	case r.Err != nil:
		return "ERROR", r.Err.Error()
	case r.Pass:
		return "pass", r.Actual
	}
	return "FAIL", r.Actual
}

// summary counts the passed, breached and unevaluated thresholds.
func summary(rs []Result) string {
	var passed, failed, errored int
	for _, r := range rs {
		switch {
		case r.Err != nil:
			errored++
		case r.Pass:
			passed++
		default:
			failed++
		}
	}
	s := fmt.Sprintf("%d threshold%s: %d passed, %d breached", len(rs), plural(len(rs)), passed, failed)
	if errored > 0 {
		s += fmt.Sprintf(", %d could not be evaluated", errored)
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
