// Package layout holds the test that keeps gust's layering true: each
// package's doc.go says which gust packages it may import, in one line,
//
//	// May import: internal/stats, internal/config.
//
// (module-relative paths; the root package is written gust), or
//
//	// May import: no other gust package.
//
// and the test fails, naming the package and the import, when the code
// imports a gust package its line does not list, when a package has no
// such line, or when a line lists a package that does not exist. A main
// package (cmd/gust, bench/cmd/*, examples/*) may carry the line in the
// package comment of its main.go instead. Only the packages' own code is
// checked: tests may import whatever helps them (internal/demo,
// internal/testenv), and a package of tests alone (examples) has no line.
//
// To change the layering, change the line in the same commit as the
// import, so the picture in the doc.go files stays the one the code has.
//
// May import: no other gust package.
package layout
