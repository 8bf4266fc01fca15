package stats

import (
	"strings"
	"testing"
	"time"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"HTTP 503 Service Unavailable", "HTTP 503 Service Unavailable"},
		{"timeout after 1m0s", "timeout after 1m0s"},
		{"dial tcp 127.0.0.1:41234: connect: connection refused", "dial tcp 127.0.0.1:41234: connect: connection refused"},
		{"read tcp 127.0.0.1:52344->127.0.0.1:8080: read: connection reset by peer",
			"read tcp 127.0.0.1:8080: read: connection reset by peer"},
		{"read tcp [::1]:52344->[::1]:8080: i/o timeout", "read tcp [::1]:8080: i/o timeout"},
		{`error when reading response headers: small read buffer. Increase ReadBufferSize. Buffer size=4096, contents: "HTTP/1.1 200 OK\r\nDate: Fri, 04 Dec 2026 17:41:01 GMT\r\nSet-Cookie: session=cccccccccccccccccccc"...`,
			`error when reading response headers: small read buffer. Increase ReadBufferSize. Buffer size=4096, contents: "…"...`},
		{`unexpected status "teapot"`, `unexpected status "teapot"`},
		{"order 5f0c2a9e-1b3d-4c5e-8f7a-9b0c1d2e3f4a not found", "order <id> not found"},
		{"request 1733333333123 failed at 17:41:01.123", "request <n> failed at <time>"},
		{"context deadline-exceeded", "context deadline-exceeded"},
		{"GET 12345 of 99999", "GET 12345 of 99999"},
		{"checksum deadbeef00 mismatch", "checksum <id> mismatch"},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
	long := Normalize(strings.Repeat("x ", 400))
	if len(long) > MaxErrorText+len("…") || !strings.HasSuffix(long, "…") {
		t.Errorf("a long text is not cut: %d bytes", len(long))
	}
}

func TestNormalizeGroupsOneFaultInOneRow(t *testing.T) {
	seen := map[string]bool{}
	for _, date := range []string{"17:41:01", "17:41:02", "17:42:59"} {
		raw := `error when reading response headers: small read buffer. contents: "HTTP/1.1 200 OK\r\nDate: Fri, 04 Dec 2026 ` +
			date + ` GMT\r\nSet-Cookie: session=` + strings.Repeat("c", 5000) + `"`
		seen[Normalize(raw)] = true
	}
	if len(seen) != 1 {
		t.Errorf("one fault gave %d keys: %v", len(seen), seen)
	}
}

func TestNormalizeDoesNotAllocateForPlainTexts(t *testing.T) {
	for _, s := range []string{"HTTP 500 Internal Server Error", "timeout after 1m0s", "dial tcp 127.0.0.1:8080: connect: connection refused"} {
		if a := testing.AllocsPerRun(100, func() { _ = Normalize(s) }); a != 0 {
			t.Errorf("Normalize(%q) allocates %v times", s, a)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add(`x "HTTP/1.1 200 OK\r\n" 127.0.0.1:5->1.2.3.4:80 12:00:00 1234567`)
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if len(n) > MaxErrorText+len("…") {
			t.Fatalf("key of %d bytes", len(n))
		}
		if Normalize(n) != Normalize(Normalize(n)) {
			t.Fatalf("not stable: %q", n)
		}
	})
}

func TestFailuresGroupByTheNormalizedTextAndKeepTheFirstExample(t *testing.T) {
	r := NewRecorder()
	first := "read tcp 127.0.0.1:40001->127.0.0.1:8080: read: connection reset by peer"
	r.Record(0, Sample{Method: "GET", Name: "/", Err: first})
	r.Record(1, Sample{Method: "GET", Name: "/", Err: "read tcp 127.0.0.1:40002->127.0.0.1:8080: read: connection reset by peer"})
	r.Record(0, Sample{Method: "GET", Name: "/", Err: "read tcp 127.0.0.1:40003->127.0.0.1:8080: read: connection reset by peer"})
	r.Record(0, Sample{Method: "GET", Name: "/", Err: "HTTP 500 Internal Server Error"})
	s := r.Snapshot(time.Now())
	if len(s.Errors) != 2 {
		t.Fatalf("%d failure rows, want 2: %+v", len(s.Errors), s.Errors)
	}
	e := s.Errors[0]
	if e.Error != "read tcp 127.0.0.1:8080: read: connection reset by peer" || e.Occurrences != 3 || e.Example != first {
		t.Errorf("row %+v, want the normalized text, 3 occurrences and the first text as the example", e)
	}
	if s.Errors[1].Example != "" {
		t.Errorf("a text that needed nothing has an example: %+v", s.Errors[1])
	}
}
