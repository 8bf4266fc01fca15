package threshold_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/threshold"
)

func TestParse(t *testing.T) {
	type th = threshold.Threshold
	tests := []struct {
		in   string
		want th
	}{
		{"p95<300ms", th{Metric: "p95", Op: threshold.Less, Duration: 300 * time.Millisecond}},
		{"p99<1s", th{Metric: "p99", Op: "<", Duration: time.Second}},
		{"p99.9<=2s", th{Metric: "p99.9", Op: "<=", Duration: 2 * time.Second}},
		{"p(95)<300ms", th{Metric: "p95", Op: "<", Duration: 300 * time.Millisecond}},
		{"P50>=250us", th{Metric: "p50", Op: ">=", Duration: 250 * time.Microsecond}},
		{"p100<1m", th{Metric: "p100", Op: "<", Duration: time.Minute}},
		{"avg<200ms", th{Metric: "avg", Op: "<", Duration: 200 * time.Millisecond}},
		{"med<1.5s", th{Metric: "med", Op: "<", Duration: 1500 * time.Millisecond}},
		{"max<5s", th{Metric: "max", Op: "<", Duration: 5 * time.Second}},
		{"min>1ms", th{Metric: "min", Op: ">", Duration: time.Millisecond}},
		{"max==0s", th{Metric: "max", Op: "==", Duration: 0}},
		{"fail_ratio<0.01", th{Metric: "fail_ratio", Op: "<", Number: 0.01}},
		{"fail_ratio<=1%", th{Metric: "fail_ratio", Op: "<=", Number: 0.01}},
		{"FAIL_RATIO==0", th{Metric: "fail_ratio", Op: "==", Number: 0}},
		{"failures<10", th{Metric: "failures", Op: "<", Number: 10}},
		{"requests>1000", th{Metric: "requests", Op: ">", Number: 1000}},
		{"requests>=1e3", th{Metric: "requests", Op: ">=", Number: 1000}},
		{"rps>100", th{Metric: "rps", Op: ">", Number: 100}},
		{"rps>=12.5/s", th{Metric: "rps", Op: ">=", Number: 12.5}},
		{"  p95 < 300ms ", th{Metric: "p95", Op: "<", Duration: 300 * time.Millisecond}},
		{"GET /api/items:p99<500ms", th{Method: "GET", Name: "/api/items", Metric: "p99", Op: "<", Duration: 500 * time.Millisecond}},
		{"/api/items:p99<500ms", th{Name: "/api/items", Metric: "p99", Op: "<", Duration: 500 * time.Millisecond}},
		{" POST  /login :fail_ratio<0.1", th{Method: "POST", Name: "/login", Metric: "fail_ratio", Op: "<", Number: 0.1}},
		{"GRPC svc.Get:rps>5", th{Method: "GRPC", Name: "svc.Get", Metric: "rps", Op: ">", Number: 5}},
		{"GRPC /pkg.Svc/Method:p99<50ms", th{Method: "GRPC", Name: "/pkg.Svc/Method", Metric: "p99", Op: "<", Duration: 50 * time.Millisecond}},
		{"GRPC /gust.demo.Demo/Ticks [recv]:p95<200ms", th{Method: "GRPC", Name: "/gust.demo.Demo/Ticks [recv]", Metric: "p95", Op: "<", Duration: 200 * time.Millisecond}},
		{"WS ws://127.0.0.1:8080/ws/echo:max<1s", th{Method: "WS", Name: "ws://127.0.0.1:8080/ws/echo", Metric: "max", Op: "<", Duration: time.Second}},
		{"login page:avg<1s", th{Name: "login page", Metric: "avg", Op: "<", Duration: time.Second}},
		{"GET:avg<1s", th{Name: "GET", Metric: "avg", Op: "<", Duration: time.Second}},
		{"GET /a:b:max<1s", th{Method: "GET", Name: "/a:b", Metric: "max", Op: "<", Duration: time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := threshold.Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in, want string // want: a part of the error message
	}{
		{"", "want [METHOD NAME:]metric operator limit"},
		{"p95", "want [METHOD NAME:]metric operator limit"},
		{"p96x<1s", `unknown metric "p96x"; valid metrics: pN (such as p95, p99.9), avg, med, min, max, fail_ratio, failures, requests, rps`},
		{"latency<1s", `unknown metric "latency"`},
		{"<1s", `unknown metric ""`},
		{"p0<1s", `unknown metric "p0"`},
		{"p101<1s", `unknown metric "p101"`},
		{"pNaN<1s", `unknown metric "pNaN"`},
		{"p(95<1s", `unknown metric "p(95"`},
		{"p95=1s", "unknown operator in \"=1s\"; valid operators: <, <=, >, >=, =="},
		{"p95!=1s", "unknown operator"},
		{"p95=<1s", "unknown operator"},
		{"p95<0.5", `"0.5" has no unit; p95 takes a duration with a unit, such as 300ms or 1.5s`},
		{"avg<300", `"300" has no unit`},
		{"p95<fast", `"fast" is not a duration; p95 takes a duration`},
		{"max<-1s", `"-1s" is not a duration`},
		{"p95<<1s", `"<1s" is not a duration`},
		{"p95<", `"" is not a duration`},
		{"fail_ratio<300ms", `"300ms" is a duration; fail_ratio takes a ratio from 0 to 1, such as 0.01, or a percentage, such as 1%`},
		{"fail_ratio<1.5", `"1.5" is out of range`},
		{"fail_ratio<-0.1", `"-0.1" is out of range`},
		{"fail_ratio<200%", `"200%" is out of range`},
		{"fail_ratio<NaN", `"NaN" is not a number`},
		{"failures<10s", `"10s" is a duration; failures takes a whole number of requests, such as 10`},
		{"failures<1.5", `"1.5" is not a whole number of requests`},
		{"requests>-1", `"-1" is not a whole number`},
		{"requests>Inf", `"Inf" is not a number`},
		{"rps>1m", `"1m" is a duration; rps takes requests per second, such as 100 or 100/s`},
		{"rps>-5", `"-5" is negative`},
		{"rps>lots", `"lots" is not a number`},
		{":p95<1s", "the endpoint filter before ':' is empty"},
		{"  :p95<1s", "the endpoint filter before ':' is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := threshold.Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want an error containing %q", tt.in, tt.want)
			}
			if !errors.Is(err, threshold.ErrInvalid) {
				t.Errorf("Parse(%q) error %v does not wrap ErrInvalid", tt.in, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "gust: invalid threshold "+quote(tt.in)+": ") || !strings.Contains(msg, tt.want) {
				t.Errorf("Parse(%q) error:\n  %s\nwant it to name the threshold and contain:\n  %s", tt.in, msg, tt.want)
			}
		})
	}
}

func TestParseAllReportsEveryError(t *testing.T) {
	ts, err := threshold.ParseAll([]string{"p95<1s", "bogus<1", "rps>10", "p99<5"})
	if err == nil {
		t.Fatalf("ParseAll succeeded with %v, want errors", ts)
	}
	for _, want := range []string{`"bogus<1"`, `"p99<5"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("ParseAll error %q does not mention %s", err, want)
		}
	}
	ts, err = threshold.ParseAll([]string{"p95<1s", "rps>10"})
	if err != nil || len(ts) != 2 || ts[1].Metric != "rps" {
		t.Errorf("ParseAll(valid) = %v, %v; want two thresholds", ts, err)
	}
}

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"p95<300ms", "p95<300ms"},
		{"p(99.90) <= 2s", "p99.9<=2s"},
		{"avg<90s", "avg<1m30s"},
		{"max<120m", "max<2h"},
		{"max<60m30s", "max<1h0m30s"},
		{"fail_ratio<1%", "fail_ratio<0.01"},
		{"rps>=100/s", "rps>=100"},
		{"requests>1e6", "requests>1000000"},
		{"requests>2000000", "requests>2000000"},
		{"rps<=1500000", "rps<=1500000"},
		{"fail_ratio<0.0000001", "fail_ratio<0.0000001"},
		{" GET   /api/items : p99 < 500ms", "GET /api/items:p99<500ms"},
		{"/api/items:p99<500ms", "/api/items:p99<500ms"},
	}
	for _, tt := range tests {
		th, err := threshold.Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		if got := th.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func quote(s string) string { return strings.ReplaceAll(`"`+s+`"`, "\n", `\n`) }
