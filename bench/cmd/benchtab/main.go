// Command benchtab reads what the tools of bench/run printed and makes the
// table of the README's Performance section.
//
//	benchtab parse -tool wrk -out run.out -cost run.cost
//
// prints one result line (requests=, p50_ms=, p99_ms=, cpu_s=, maxrss_kb=)
// from a tool's output (wrk, hey, k6, locust, gust, ghz) and the cost line of
// bench/cmd/measure, and
//
//	benchtab table results.tsv
//
// prints the table from lines of "label<TAB>scenario<TAB>result line",
// scenario "throughput" or "delay", medians over the rounds, and
//
//	benchtab compare results.tsv
//
// prints a comparison from lines of "label<TAB>group<TAB>result line": per
// group (such as "gRPC unary"), each label's calls per CPU-second against
// the group's first label (bench/grpc).
//
// May import: no other gust package.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "parse":
		err = parseCmd(os.Args[2:])
	case "table":
		err = tableCmd(os.Args[2:])
	case "compare":
		err = compareCmd(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtab:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: benchtab parse -tool TOOL -out FILE -cost FILE | benchtab table RESULTS | benchtab compare RESULTS")
	os.Exit(2)
}

func parseCmd(args []string) error {
	fs := flag.NewFlagSet("parse", flag.ExitOnError)
	tool := fs.String("tool", "", "wrk, hey, k6, locust, gust or ghz")
	out := fs.String("out", "", "the tool's output: standard output, or k6's summary, Locust's stats CSV, gust's JSON")
	costFile := fs.String("cost", "", "the cost line written by measure")
	fs.Parse(args)
	b, err := os.ReadFile(*out)
	if err != nil {
		return err
	}
	r, err := parse(*tool, b)
	if err != nil {
		return fmt.Errorf("%s output %s: %w", *tool, *out, err)
	}
	if *costFile != "" {
		c, err := os.ReadFile(*costFile)
		if err != nil {
			return err
		}
		if r.CPU, r.RSSKB, err = parseCost(string(c)); err != nil {
			return fmt.Errorf("cost %s: %w", *costFile, err)
		}
	}
	fmt.Println(r)
	return nil
}

func tableCmd(args []string) error {
	if len(args) != 1 {
		usage()
	}
	b, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	rows, err := readResults(string(b))
	if err != nil {
		return err
	}
	writeTable(os.Stdout, rows)
	return nil
}

func compareCmd(args []string) error {
	if len(args) != 1 {
		usage()
	}
	b, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	groups, err := readGroups(string(b))
	if err != nil {
		return err
	}
	writeComparison(os.Stdout, groups)
	return nil
}
