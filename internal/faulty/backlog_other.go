//go:build !linux

package faulty

import "testing"

// FullBacklog needs Linux, which drops the connection attempts past a full
// backlog; elsewhere the test is skipped.
func FullBacklog(t testing.TB) string {
	t.Skip("faulty: a full backlog is only made on Linux")
	return ""
}
