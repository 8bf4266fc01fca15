package main

import "strings"

// targets splits a space- or comma-separated list of base URLs, such as
// "http://127.0.0.2:8080 http://127.0.0.3:8080", from BENCH_TARGETS.
func targets(list string) []string {
	return strings.FieldsFunc(list, func(r rune) bool { return r == ' ' || r == ',' })
}
