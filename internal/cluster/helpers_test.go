package cluster

import (
	"os"
	"os/exec"
	"testing"
)

// requireProgram returns the path of an external program an integration
// test needs. Without it the test skips, unless GUST_REQUIRE_INTEGRATION=1,
// where a missing program fails the test.
func requireProgram(t *testing.T, name, hint string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("GUST_REQUIRE_INTEGRATION") == "1" {
		t.Fatalf("%s is required (GUST_REQUIRE_INTEGRATION=1) but not found: %v; %s", name, err, hint)
	}
	t.Skipf("%s not found (%s); set GUST_REQUIRE_INTEGRATION=1 to make this a failure", name, hint)
	return ""
}

// mustEncode encodes m or fails the test.
func mustEncode(t testing.TB, m Message) []byte {
	t.Helper()
	b, err := Encode(m)
	if err != nil {
		t.Fatalf("Encode(%+v): %v", m, err)
	}
	return b
}
