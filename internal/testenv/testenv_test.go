package testenv

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"testing"
)

func TestProgramFindsAProgramOnThePath(t *testing.T) {
	if p := Program(t, "sh", "any Unix has it"); p == "" {
		t.Fatal("sh not found")
	}
}

func TestFreePortCanBeListenedOn(t *testing.T) {
	port := FreePort(t)
	if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
		t.Fatalf("port %q", port)
	}
	l, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		t.Fatalf("listening on the free port %s: %v", port, err)
	}
	l.Close()
}

// recordingTB notes how a test was ended instead of ending it.
type recordingTB struct {
	testing.TB
	fatal, skip string
}

func (r *recordingTB) Helper()                        {}
func (r *recordingTB) Fatalf(format string, a ...any) { r.fatal = fmt.Sprintf(format, a...) }
func (r *recordingTB) Skipf(format string, a ...any)  { r.skip = fmt.Sprintf(format, a...) }

func TestUnavailableSkipsUnlessIntegrationIsRequired(t *testing.T) {
	for _, tt := range []struct {
		require   string
		wantFatal bool
	}{{"", false}, {"1", true}} {
		t.Setenv("GUST_REQUIRE_INTEGRATION", tt.require)
		r := &recordingTB{}
		Unavailable(r, "no %s here", "nginx")
		ended := r.skip
		if tt.wantFatal {
			ended = r.fatal
		}
		if ended == "" || (r.fatal != "") != tt.wantFatal || !strings.Contains(ended, "no nginx here") {
			t.Errorf("GUST_REQUIRE_INTEGRATION=%q: fatal %q, skip %q; want the reason in the %s", tt.require, r.fatal, r.skip,
				map[bool]string{true: "failure", false: "skip"}[tt.wantFatal])
		}
	}
}
