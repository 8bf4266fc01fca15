package nethttp

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// request is what FuzzQuickWrite makes a request from, twice: once for
// quickWrite, once for req.Write.
type request struct {
	method, target, host string
	header               string // "Key: value" lines, \n-separated
	body                 string
	length               int64 // ContentLength; -1 with a body: unknown
	bodyKind             uint8 // 0 none, 1 nil Body, 2 NoBody, 3 a reader
}

// make returns r as an *http.Request, nil for a target that is not a
// plain-HTTP URL, which the transport does not get.
func (r request) make() *http.Request {
	u, err := url.Parse(r.target)
	if err != nil || u.Scheme != "http" {
		return nil
	}
	req := &http.Request{Method: r.method, URL: u, Host: r.host, Header: http.Header{}, ContentLength: r.length}
	for _, line := range strings.Split(r.header, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			req.Header[k] = append(req.Header[k], v)
		}
	}
	switch r.bodyKind % 4 {
	case 1:
		req.Body = nil
	case 2:
		req.Body = http.NoBody
	case 3:
		req.Body = io.NopCloser(strings.NewReader(r.body))
	}
	return req
}

// quickWrites are requests as tests send them, which quickWrite writes;
// otherWrites are other requests, which it may leave to req.Write.
var quickWrites = []request{
	{"GET", "http://127.0.0.1:8080/index.txt", "", "", "", 0, 0},
	{"", "http://example.test", "", "Accept: */*\nAccept-Encoding: gzip", "", 0, 1},
	{"POST", "http://example.test/api/items?x=1&y=%20", "", "Content-Type: application/json\nAuthorization: Bearer t0k3n", `{"a":1}`, 7, 3},
	{"PUT", "http://[::1]:80/a%2Fb/c", "other.test:81", "X-Multi: 1\nX-Multi:  2 \nx-lower: v", "body", 4, 3},
	{"DELETE", "http://example.test/?", "", "User-Agent: gust/1.0", "", 0, 2},
	{"PATCH", "http://example.test/p", "", "User-Agent:", "", 0, 0},
	{"POST", "http://example.test/short", "", "", "abc", 5, 3},
	{"POST", "http://example.test/long", "", "", "abcdefgh", 5, 3},
}

var otherWrites = []request{
	{"POST", "http://example.test/chunked", "", "", "abc", -1, 3},
	{"POST", "http://example.test/probe", "", "", "abc", 0, 3},
	{"GET", "http://example.test/nil", "", "", "", 3, 1},
	{"GET", "http://example.test/", "", "X: a\rb\nContent-Length: 9\nHost: h\nTrailer: T\nTransfer-Encoding: x\nBad Key: 1", "", 0, 0},
	{"GET", "http://example.test/", "", "User-Agent: a\rb", "", 0, 0},
	{"GET", "http://example.test/", "bad host", "", "", 0, 0},
	{"GET", "http://[fe80::1%25eth0]:8080/", "", "", "", 0, 0},
	{"GET", "http://xn--caf-dma.test/", "café.test", "", "", 0, 0},
	{"GET", "http://example.test/%7e?q=\x7f", "", "", "", 0, 0},
	{"OPTIONS", "http://example.test/" + strings.Repeat("long/", 1000), "", "X-Big: " + strings.Repeat("v", 5000), strings.Repeat("b", 9000), 9000, 3},
}

// TestQuickWriteWritesCommonRequests: the requests tests send are written
// without req.Write, or the fast path is not worth having.
func TestQuickWriteWritesCommonRequests(t *testing.T) {
	for i, r := range quickWrites {
		var out bytes.Buffer
		if ok, _ := quickWrite(bufio.NewWriter(&out), r.make(), nil); !ok {
			t.Errorf("request %d is left to req.Write: %+v", i, r)
		}
	}
}

// FuzzQuickWrite holds quickWrite to req.Write: a request it writes must
// come out byte for byte as req.Write writes it, failing when req.Write
// fails; one it declines must leave nothing written. go test runs the
// seeds; go test -fuzz FuzzQuickWrite looks further.
func FuzzQuickWrite(f *testing.F) {
	for _, r := range append(quickWrites, otherWrites...) {
		f.Add(r.method, r.target, r.host, r.header, r.body, r.length, r.bodyKind)
	}
	f.Fuzz(func(t *testing.T, method, target, host, header, body string, length int64, bodyKind uint8) {
		r := request{method, target, host, header, body, length, bodyKind}
		req := r.make()
		if req == nil {
			return
		}
		var got bytes.Buffer
		bw := bufio.NewWriterSize(&got, 4096)
		ok, err := quickWrite(bw, req, nil)
		bw.Flush()
		if !ok {
			if got.Len() != 0 || bw.Buffered() != 0 {
				t.Fatalf("quickWrite declined but wrote %q", got.String())
			}
			return
		}
		var want bytes.Buffer
		wantErr := r.make().Write(&want)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("quickWrite: %v, req.Write: %v, for %+v", err, wantErr, r)
		}
		if err == nil && got.String() != want.String() {
			t.Fatalf("quickWrite wrote\n%q\nreq.Write\n%q", got.String(), want.String())
		}
		if err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("quickWrite: %v, req.Write: %v", err, wantErr)
		}
	})
}
