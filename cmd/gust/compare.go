package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gustload/gust/internal/compare"
	"github.com/gustload/gust/internal/report"
)

// compareExitRegressed is gust compare's exit code when something got
// slower or failed more, as a failed threshold exits.
const compareExitRegressed = 3

const compareUsage = `usage: gust compare [options] BASELINE.json CURRENT.json

Compares two runs written by gust --json, per endpoint and in total: requests
per second, failure ratio, p50/p95/p99 with their change, and a verdict.
"slower" is decided from the two whole response-time histograms: a bootstrap
over their buckets tells how much the gating percentile moves by chance, and a
change counts only when it is real at 99% confidence and larger than the
tolerance. The bootstrap sees the chance within each run, not what differs
between runs (a busier machine, a cold cache): compare two runs of one build
to learn that noise and set --tolerance above it. A row needs enough timed
responses in both runs (5 beyond the percentile: 100 for p95, 500 for p99; 30
for avg), else it reads "too few samples" and does not gate. A failure ratio
that grew beyond chance and tolerance is a regression, and so is a row that
had responses in the baseline and has none now ("no responses"). CONNECT and
TLS rows (gust's own connection set-up) are shown but never gate. Endpoints
found in one run only are listed apart; the total is always compared.

Exit status: 0 nothing regressed, 3 something regressed, 2 bad input (a
missing file, or a JSON without histograms: re-run that test with this gust).

Options:
  --metric METRIC      what gates: p50, p90, p95, p99, p99.9 (any percentile) or
                       avg (default p95)
  --tolerance PERCENT  smallest change that counts, such as 5% or 0.05
                       (default 5%); raise it above the run-to-run noise
  --json               print the comparison as JSON to standard output (the
                       table goes to standard error)
  --html FILE          write the comparison as a self-contained HTML page
  --junit FILE         write each endpoint's verdict as a JUnit XML test case
  -h, --help           print this help
`

// compareArgs are the options of gust compare.
type compareArgs struct {
	opts        compare.Options
	json        bool
	html, junit string
	base, cur   string
}

// runCompare runs gust compare with args and returns the exit code.
func runCompare(args []string, stdout, stderr io.Writer) int {
	a, err := parseCompare(args)
	if errors.Is(err, pflag.ErrHelp) {
		fmt.Fprint(stdout, compareUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "gust compare: %v\n(gust compare --help lists the options)\n", err)
		return 2
	}
	base, err := compare.Load(a.base)
	if err == nil {
		var cur *compare.Run
		if cur, err = compare.Load(a.cur); err == nil {
			return a.write(compare.Compare(base, cur, a.opts), stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "gust %v\n", err)
	return 2
}

func parseCompare(args []string) (compareArgs, error) {
	var a compareArgs
	fs := pflag.NewFlagSet("compare", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	metric := fs.String("metric", "p95", "")
	tolerance := fs.String("tolerance", "5%", "")
	fs.BoolVar(&a.json, "json", false, "")
	fs.StringVar(&a.html, "html", "", "")
	fs.StringVar(&a.junit, "junit", "", "")
	fs.BoolP("help", "h", false, "")
	if err := fs.Parse(args); err != nil {
		return a, err
	}
	if h, _ := fs.GetBool("help"); h {
		return a, pflag.ErrHelp
	}
	var err error
	if a.opts.Metric, err = compare.ParseMetric(*metric); err != nil {
		return a, fmt.Errorf("--metric: %v", err)
	}
	if a.opts.Tolerance, err = parseTolerance(*tolerance); err != nil {
		return a, err
	}
	if fs.NArg() != 2 {
		return a, fmt.Errorf("want two files, BASELINE.json and CURRENT.json (written by gust --json); got %d", fs.NArg())
	}
	a.base, a.cur = fs.Arg(0), fs.Arg(1)
	return a, nil
}

// parseTolerance reads "5%" or "0.05".
func parseTolerance(s string) (float64, error) {
	num, pct := strings.CutSuffix(strings.TrimSpace(s), "%")
	f, err := strconv.ParseFloat(num, 64)
	if pct {
		f /= 100
	}
	if err != nil || f < 0 || f >= 10 {
		return 0, fmt.Errorf("invalid value %q for --tolerance: want a relative change >= 0 such as 5%% or 0.05", s)
	}
	return f, nil
}

// write writes every output asked for and returns the exit code.
func (a compareArgs) write(res *compare.Result, stdout, stderr io.Writer) int {
	table := stdout
	if a.json {
		table = stderr
		if err := compare.WriteJSON(stdout, res); err != nil {
			return writeFailed(stderr, "JSON", err)
		}
	}
	if err := compare.WriteTable(table, res); err != nil {
		return writeFailed(stderr, "the table", err)
	}
	if err := writeFile(a.html, func(w io.Writer) error { return compare.WriteHTML(w, res) }); err != nil {
		return writeFailed(stderr, "--html "+a.html, err)
	}
	if err := writeFile(a.junit, func(w io.Writer) error { return report.WriteJUnit(w, compare.JUnit(res)) }); err != nil {
		return writeFailed(stderr, "--junit "+a.junit, err)
	}
	if res.Regressed {
		return compareExitRegressed
	}
	return 0
}

func writeFailed(stderr io.Writer, what string, err error) int {
	fmt.Fprintf(stderr, "gust compare: writing %s: %v\n", what, err)
	return 2
}

// writeFile writes a file with write, unless name is "".
func writeFile(name string, write func(io.Writer) error) error {
	if name == "" {
		return nil
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
