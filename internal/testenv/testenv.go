package testenv

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
)

// Program returns the path of the external program name. Without it the
// test skips, saying hint (how to install it), unless
// GUST_REQUIRE_INTEGRATION=1 makes that a failure.
func Program(t testing.TB, name, hint string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	Unavailable(t, "%s not found (%v); %s", name, err, hint)
	return ""
}

// Unavailable ends a test that the machine cannot run (a program or a
// privilege is missing), saying why: it skips, unless
// GUST_REQUIRE_INTEGRATION=1 makes that a failure.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	why := fmt.Sprintf(format, args...)
	if os.Getenv("GUST_REQUIRE_INTEGRATION") == "1" {
		t.Fatalf("%s (GUST_REQUIRE_INTEGRATION=1 makes this a failure)", why)
	}
	t.Skipf("%s; set GUST_REQUIRE_INTEGRATION=1 to make this a failure", why)
}

// FreePort returns a TCP port that was free on 127.0.0.1 a moment ago.
func FreePort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}
