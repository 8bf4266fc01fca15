// Package syncbuf has a byte buffer that several goroutines may write to
// while another reads it: the log or console of a test run, or a child
// process's output, read by the test that watches it.
//
// May import: no other gust package.
package syncbuf
