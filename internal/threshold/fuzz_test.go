package threshold_test

import (
	"testing"

	"github.com/gustload/gust/internal/threshold"
)

// FuzzParse checks that Parse never panics and that whatever it accepts
// survives a round trip through String.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"p95<300ms", "p99.9<=2s", "p(95)<1s", "avg<200ms", "med>1us", "min>=0s", "max==1h",
		"fail_ratio<0.01", "fail_ratio<1%", "failures<10", "requests>1e3", "rps>=100/s",
		"GET /api/items:p99<500ms", "/api/items:p99<500ms", "a:b:c<1", "GET :p95<1s",
		"p95=1s", "p95<0.5", "fail_ratio<300ms", "", ":", "<", "p", "p()<1s",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		th, err := threshold.Parse(s)
		if err != nil {
			return
		}
		again, err := threshold.Parse(th.String())
		if err != nil {
			t.Fatalf("Parse(%q) = %+v, but its String %q does not parse: %v", s, th, th.String(), err)
		}
		if again != th {
			t.Fatalf("Parse(%q) = %+v; String %q parses to %+v", s, th, th.String(), again)
		}
	})
}
