package nethttp

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// quickHeads are responses as servers send them, which quickHead reads,
// and otherHeads those it leaves to ReadResponse; the differential test
// holds the two readers to the same response either way.
var quickHeads = []string{
	// nginx, net/http, Node, a lowercase proxy, fasthttp, chunked bodies
	"HTTP/1.1 200 OK\r\nServer: nginx/1.26.3\r\nDate: Sat, 05 Dec 2026 07:30:00 GMT\r\nContent-Type: text/plain\r\nContent-Length: 12\r\nLast-Modified: Fri, 04 Dec 2026 10:00:00 GMT\r\nConnection: keep-alive\r\nETag: \"6750-c\"\r\nAccept-Ranges: bytes\r\n\r\nhello world\n",
	"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nDate: Sat, 05 Dec 2026 07:30:00 GMT\r\nContent-Length: 19\r\n\r\n404 page not found\n",
	"HTTP/1.1 200 OK\r\nX-Powered-By: Express\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: 2\r\nETag: W/\"2-vyGp6PvFo4RvsFtPoIWeCReyIC8\"\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n{}",
	"HTTP/1.1 500 Internal Server Error\r\nset-cookie: a=1\r\nSet-Cookie: b=2\r\nSET-COOKIE:c=3 \t\r\ncontent-length: 3\r\n\r\nerrNEXT",
	"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
	"HTTP/1.1 204 No Content\r\nDate: Sat, 05 Dec 2026 07:30:00 GMT\r\n\r\n",
	"HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\nContent-Length: 99\r\n\r\n",
	"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello",
	"HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 5\r\n\r\nhel",
	"HTTP/1.1 200\r\nContent-Length: 1\r\n\r\nx",
	"HTTP/1.1 599 whatever it says  \r\nA: \r\nContent-Length: 1\r\n\r\nxy",
	"HTTP/1.1 200 OK\r\nContent-Length: 4\r\nX-Obs: caf\xe9\r\n\r\nbody",
	"HTTP/1.1 200 OK\r\nX-Empty:\r\nX-Tab:\tv\t\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\nNEXT",
	"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: Chunked\r\nContent-Length: 7\r\n\r\n3;ext=1\r\n{}\n\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\nok\r\n0\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: y\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n\r\n",
}

var otherHeads = []string{
	"HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: x\r\n\r\n0\r\n\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n0\r\nX-Checksum: abc\r\n\r\n",
	"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the connection closes",
	"HTTP/1.1 200 OK\nContent-Length: 2\n\nok",
	"HTTP/1.1 200 OK\r\nContent-Length: 2\n\r\nok",
	"HTTP/1.1 200 OK\r\nX-Folded: a\r\n b\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n",
	"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/2 200\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1  200 OK\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 20x OK\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nContent-Length: -2\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\nok",
	"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nPragma: no-cache\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTrailer: X\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive, close\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nBad\x00Key: 1\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nX: bad\x01value\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nX: a\rb\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 200 OK\r\n: empty key\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nno colon\r\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 200 OK\r\n\nContent-Length: 2\r\n\r\nok",
	"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n",
	"",
}

// TestQuickHeadReadsCommonHeads: the heads real servers send are read
// without ReadResponse, or the fast path is not worth having; the others
// are left to it.
func TestQuickHeadReadsCommonHeads(t *testing.T) {
	for want, raws := range map[bool][]string{true: quickHeads, false: otherHeads} {
		for i, raw := range raws {
			br := bufio.NewReader(strings.NewReader(raw))
			br.Peek(1)
			if _, _, ok := quickHead(br, get); ok != want {
				t.Errorf("quickHead took head %d: %v, want %v:\n%q", i, ok, want, raw)
			}
		}
	}
}

var get, head = httpRequest(http.MethodGet), httpRequest(http.MethodHead)

func httpRequest(method string) *http.Request {
	r, _ := http.NewRequest(method, "http://example.test/", nil)
	return r
}

// FuzzQuickHead holds quickHead to ReadResponse: a head it reads must be
// one ReadResponse reads to the same response, framing the same body and
// leaving the same bytes after it; one it declines must be left untouched.
// go test runs the seeds; go test -fuzz FuzzQuickHead looks further.
func FuzzQuickHead(f *testing.F) {
	for _, raw := range append(quickHeads, otherHeads...) {
		f.Add(raw, false)
		f.Add(raw, true)
	}
	f.Fuzz(func(t *testing.T, raw string, isHead bool) {
		req := get
		if isHead {
			req = head
		}
		br := bufio.NewReaderSize(strings.NewReader(raw), 4096)
		br.Peek(1)
		before := br.Buffered()
		resp, size, ok := quickHead(br, req)
		if !ok {
			if br.Buffered() != before {
				t.Fatalf("quickHead declined but took from the buffer")
			}
			return
		}
		stdbr := bufio.NewReader(strings.NewReader(raw))
		want, err := http.ReadResponse(stdbr, req)
		if err != nil {
			t.Fatalf("quickHead read a head that ReadResponse refuses (%v):\n%q", err, raw)
		}
		br.Discard(size)
		sameResponse(t, raw, resp, want)
		body, berr := readQuickBody(br, resp)
		wantBody, wantErr := io.ReadAll(want.Body)
		if !bytes.Equal(body, wantBody) || (berr == nil) != (wantErr == nil) {
			t.Fatalf("body %q (%v), ReadResponse's %q (%v) of\n%q", body, berr, wantBody, wantErr, raw)
		}
		if !reflect.DeepEqual(resp.Trailer, want.Trailer) {
			t.Fatalf("trailer %v, ReadResponse's %v, of\n%q", resp.Trailer, want.Trailer, raw)
		}
		rest, _ := io.ReadAll(br)
		wantRest, _ := io.ReadAll(stdbr)
		if !bytes.Equal(rest, wantRest) {
			t.Fatalf("after the body %q is left, ReadResponse leaves %q, of\n%q", rest, wantRest, raw)
		}
	})
}

// sameResponse fails unless got says what want says.
func sameResponse(t *testing.T, raw string, got, want *http.Response) {
	t.Helper()
	type view struct {
		Status                                 string
		StatusCode, ProtoMajor, ProtoMinor     int
		Proto                                  string
		Header, Trailer                        http.Header
		ContentLength                          int64
		TransferEncoding                       []string
		Close, Uncompressed, bodyNone, wantReq bool
	}
	v := func(r *http.Response) view {
		return view{r.Status, r.StatusCode, r.ProtoMajor, r.ProtoMinor, r.Proto, r.Header, r.Trailer,
			r.ContentLength, r.TransferEncoding, r.Close, r.Uncompressed, r.Body == http.NoBody, r.Request == get || r.Request == head}
	}
	if g, w := v(got), v(want); !reflect.DeepEqual(g, w) {
		t.Fatalf("quickHead read\n%+v\nReadResponse\n%+v\nof %q", g, w, raw)
	}
}

// readQuickBody reads the body quickHead framed: none, a chunked body, or
// the next ContentLength bytes of br, an early end being an unexpected EOF.
func readQuickBody(br *bufio.Reader, resp *http.Response) ([]byte, error) {
	if resp.Body == nil && resp.ContentLength < 0 {
		return io.ReadAll(newChunkedBody(br, resp))
	}
	if resp.Body != nil {
		return io.ReadAll(resp.Body)
	}
	b := &h1Body{left: resp.ContentLength, br: br}
	var out []byte
	p := make([]byte, 3) // small reads, to cross the boundaries
	for {
		n, err := b.readFixed(p)
		out = append(out, p[:n]...)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}

// TestCanonicalKeyIsNetHTTPs: canonicalKey is http.CanonicalHeaderKey, for
// the interned keys and the others, short and long.
func TestCanonicalKeyIsNetHTTPs(t *testing.T) {
	keys := []string{"etag", "ETag", "content-type", "CONTENT-LENGTH", "x-request-id", "x-custom-thing", "a", "A-",
		"-a", "x--y", "x-9a", strings.Repeat("long-key-", 5)}
	for k := range commonKeys {
		keys = append(keys, strings.ToLower(k), strings.ToUpper(k))
	}
	for _, k := range keys {
		if got, want := canonicalKey(k), http.CanonicalHeaderKey(k); got != want {
			t.Errorf("canonicalKey(%q) = %q, want %q", k, got, want)
		}
	}
}

// TestTokenBytesAreRFC9110s: the table holds tchar and nothing else.
func TestTokenBytesAreRFC9110s(t *testing.T) {
	const tchar = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for c := 0; c < 256; c++ {
		if want := strings.IndexByte(tchar, byte(c)) >= 0; tokenByte(byte(c)) != want {
			t.Errorf("tokenByte(%q) = %v, want %v", rune(c), !want, want)
		}
	}
}
