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
		{"stream error: stream ID 1001; INTERNAL_ERROR; received from peer",
			"stream error: stream ID <n>; INTERNAL_ERROR; received from peer"},
		{"stream error: stream ID 3; PROTOCOL_ERROR", "stream error: stream ID <n>; PROTOCOL_ERROR"},
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

// grpc-go quotes the cause of a transport failure: refused, a TLS
// mismatch and a server that speaks another protocol are three rows, and
// what changes from one occurrence to the next (the local port, a frame's
// length) does not make more.
func TestNormalizeKeepsTheCauseOfAQuotedMessage(t *testing.T) {
	const head = `Unavailable: connection error: desc = "`
	for _, tc := range []struct{ in, want string }{
		{head + `transport: Error while dialing: dial tcp 127.0.0.1:1: connect: connection refused"`,
			head + `transport: Error while dialing: dial tcp 127.0.0.1:1: connect: connection refused"`},
		{head + `transport: authentication handshake failed: tls: first record does not look like a TLS handshake"`,
			head + `transport: authentication handshake failed: tls: first record does not look like a TLS handshake"`},
		{head + `error reading server preface: http2: frame too large 4740180 > 16384 (frame header looked like an HTTP/1.1 header)"`,
			head + `error reading server preface: http2: frame too large <n> > 16384 (frame header looked like an HTTP/1.1 header)"`},
		{head + `read tcp 127.0.0.1:52344->127.0.0.1:8080: read: connection reset by peer"`,
			head + `read tcp 127.0.0.1:8080: read: connection reset by peer"`},
		{`Internal: body "{\"error\":\"order 5f0c2a9e-1b3d-4c5e-8f7a-9b0c1d2e3f4a gone\"}"`,
			`Internal: body "{\"error\":\"order <id> gone\"}"`},
		{`bad reply "HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\n\r\n"`, `bad reply "…"`},
		{`contents: "a long quoted text cut before its end, as a buffer is...`, `contents: "…"`},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
	keys := map[string]bool{}
	for _, port := range []string{"52344", "52345", "60001"} {
		keys[Normalize(head+`read tcp 127.0.0.1:`+port+`->127.0.0.1:8080: read: connection reset by peer"`)] = true
	}
	if len(keys) != 1 {
		t.Errorf("one fault from three local ports gave %d keys: %v", len(keys), keys)
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
