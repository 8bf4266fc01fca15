package nethttp

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"strconv"
	"strings"
)

// The response heads most servers send are read here without
// http.ReadResponse, which costs a dozen allocations and most of the
// client's own CPU time per request: one string holds the whole head, and
// the header's keys and values are slices of it. Only a head in the common
// form is read this way; anything else (a head not all in the buffer yet,
// bare line feeds, folded lines, 1xx answers, unbounded bodies, Trailer,
// Pragma, an HTTP version other than 1.1, anything malformed)
// is left untouched for http.ReadResponse, so that what a response means
// never depends on which of the two read it. The differential tests hold
// the two to the same result.

// crlf2 ends a response's head.
var crlf2 = []byte("\r\n\r\n")

// quickHead reads the response to req from what br holds already, when its
// head is all there and in the common form: it returns the response, with
// Body nil when a body of ContentLength bytes follows, or a chunked body
// when ContentLength is -1 (http.NoBody when none does), and how many bytes
// of br the head took, which the caller discards. ok is false, with br
// untouched, for any other head.
func quickHead(br *bufio.Reader, req *http.Request) (resp *http.Response, size int, ok bool) {
	buf, _ := br.Peek(br.Buffered())
	end := bytes.Index(buf, crlf2)
	if end < 0 {
		return nil, 0, false
	}
	head := buf[:end+2] // each line with its CRLF
	status, rest, ok := statusLine(head)
	if !ok {
		return nil, 0, false
	}
	code, ok := statusCode(status)
	if !ok {
		return nil, 0, false
	}
	s := string(head) // the one copy: keys and values point into it
	h, ok := headerOf(s[len(head)-len(rest):], bytes.Count(rest, []byte{'\n'}))
	if !ok {
		return nil, 0, false
	}
	resp = &http.Response{Status: s[len("HTTP/1.1 ") : len("HTTP/1.1 ")+len(status)], StatusCode: code,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: h, Request: req}
	if !framing(resp, req) {
		return nil, 0, false
	}
	return resp, end + len(crlf2), true
}

// statusLine splits off a head's first line, "HTTP/1.1 200 OK\r\n", and
// returns what follows the version (without the CRLF) and the lines after.
func statusLine(head []byte) (status, rest []byte, ok bool) {
	line, rest, _ := bytes.Cut(head, []byte{'\n'})
	const proto = "HTTP/1.1 "
	if len(line) < len(proto)+3+1 || string(line[:len(proto)]) != proto || line[len(line)-1] != '\r' {
		return nil, nil, false
	}
	status = line[len(proto) : len(line)-1]
	if bytes.IndexByte(status, '\r') >= 0 {
		return nil, nil, false
	}
	return status, rest, true
}

// statusCode reads "200" or "200 OK": three digits, from 200 to 599 (a 1xx
// answer is not the final one), then the end or a space.
func statusCode(status []byte) (int, bool) {
	if len(status) > 3 && status[3] != ' ' {
		return 0, false
	}
	code := 0
	for _, c := range status[:3] {
		if c < '0' || c > '9' {
			return 0, false
		}
		code = code*10 + int(c-'0')
	}
	return code, code >= 200 && code <= 599
}

// headerOf reads the header lines of s, each "Key: value\r\n", into a
// header whose keys and values are slices of s; lines is their number.
func headerOf(s string, lines int) (http.Header, bool) {
	h := make(http.Header, lines)
	values := make([]string, lines) // one backing array: most keys have one value
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n') // s ends with one
		if i < 1 || s[i-1] != '\r' {
			return nil, false // a bare LF is ReadResponse's
		}
		line := s[:i-1]
		s = s[i+1:]
		key, value, ok := field(line)
		if !ok {
			return nil, false
		}
		if vv, seen := h[key]; seen {
			h[key] = append(vv, value)
			continue
		}
		values[0] = value
		h[key], values = values[:1:1], values[1:]
	}
	return h, true
}

// field splits a header line into its canonical key and its value, trimmed
// as textproto does; ok is false for what this reader leaves to
// ReadResponse: a folded line, a key that is empty, not a token or has a
// space before its colon, a byte a value may not hold.
func field(line string) (key, value string, ok bool) {
	colon := strings.IndexByte(line, ':')
	if colon <= 0 {
		return "", "", false
	}
	key, value = line[:colon], line[colon+1:]
	canonical, upper := true, true
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !tokenByte(c) {
			return "", "", false
		}
		if upper && 'a' <= c && c <= 'z' || !upper && 'A' <= c && c <= 'Z' {
			canonical = false
		}
		upper = c == '-'
	}
	if !canonical {
		key = canonicalKey(key)
	}
	for i := 0; i < len(value); i++ {
		if c := value[i]; c < ' ' && c != '\t' || c == 0x7f {
			return "", "", false
		}
	}
	return key, trimSpaceTab(value), true
}

// framing sets what the header says of the body that follows: its length
// (-1 with Body nil: chunked), whether the connection closes after it, and
// the headers net/http takes out. It returns false for the cases left to
// ReadResponse.
func framing(resp *http.Response, req *http.Request) bool {
	h := resp.Header
	for _, key := range [...]string{"Trailer", "Pragma"} {
		if _, ok := h[key]; ok {
			return false
		}
	}
	chunked := false
	if te, ok := h["Transfer-Encoding"]; ok {
		if len(te) != 1 || !equalFold(te[0], "chunked") {
			return false
		}
		chunked = true
	}
	if conn, ok := h["Connection"]; ok {
		switch {
		case len(conn) != 1:
			return false
		case equalFold(conn[0], "close"):
			resp.Close = true
			delete(h, "Connection")
		case !equalFold(conn[0], "keep-alive"):
			return false
		}
	}
	length := int64(-1)
	if cl, ok := h["Content-Length"]; ok {
		n, err := strconv.ParseUint(cl[0], 10, 63)
		if len(cl) != 1 || err != nil {
			return false
		}
		length = int64(n)
	}
	bodiless := req.Method == http.MethodHead ||
		resp.StatusCode == http.StatusNoContent || resp.StatusCode == http.StatusNotModified
	resp.Body = http.NoBody
	switch {
	case chunked && bodiless:
		return false
	case chunked:
		delete(h, "Transfer-Encoding")
		delete(h, "Content-Length")
		resp.Body, resp.ContentLength, resp.TransferEncoding = nil, -1, []string{"chunked"}
	case req.Method == http.MethodHead:
		resp.ContentLength = length
	case bodiless:
		resp.ContentLength = 0
	case length < 0:
		return false // read until the connection closes
	case length > 0:
		resp.Body, resp.ContentLength = nil, length
	}
	return true
}

// chunkedBody is a chunked body that quickHead framed, read as
// ReadResponse's body reads one: the chunks, then the trailer, which goes
// into the response's Trailer.
type chunkedBody struct {
	chunks io.Reader
	br     *bufio.Reader
	resp   *http.Response
	err    error // the end, or what went wrong: every later Read returns it
}

func newChunkedBody(br *bufio.Reader, resp *http.Response) *chunkedBody {
	return &chunkedBody{chunks: httputil.NewChunkedReader(br), br: br, resp: resp}
}

func (b *chunkedBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.chunks.Read(p)
	if err == io.EOF {
		if terr := readTrailer(b.br, b.resp); terr != nil {
			err = terr
		}
	}
	b.err = err
	return n, err
}

// Close reads what is left of the body, as net/http does for a chunked
// response it did not make itself.
func (b *chunkedBody) Close() error {
	if b.err != nil {
		return nil
	}
	_, err := io.Copy(io.Discard, b)
	return err
}

// errTrailerEOF is net/http's error for a connection that ends in a
// chunked body's trailer.
var errTrailerEOF = errors.New("http: unexpected EOF reading trailer")

// readTrailer reads what follows a chunked body's last chunk: the empty
// line, or trailer fields and then the empty line, as net/http does (the
// trailer may not be longer than br's buffer).
func readTrailer(br *bufio.Reader, resp *http.Response) error {
	buf, err := br.Peek(2)
	switch {
	case bytes.Equal(buf, crlf2[:2]):
		br.Discard(2)
		return nil
	case len(buf) < 2:
		return errTrailerEOF
	case err != nil:
		return err
	case !headEndBuffered(br):
		return errors.New("http: suspiciously long trailer after chunked body")
	}
	trailer, err := textproto.NewReader(br).ReadMIMEHeader()
	if err == io.EOF {
		return errTrailerEOF
	}
	if err != nil {
		return err
	}
	if resp.Trailer == nil {
		resp.Trailer = http.Header(trailer)
	} else {
		maps.Copy(resp.Trailer, http.Header(trailer))
	}
	return nil
}

// headEndBuffered says whether an empty line ends a run of lines that br
// holds or can hold in its buffer.
func headEndBuffered(br *bufio.Reader) bool {
	for n := 4; ; n++ {
		buf, err := br.Peek(n)
		if bytes.HasSuffix(buf, crlf2) {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// tokenByte says whether c may be in a header's name (RFC 9110's tchar).
func tokenByte(c byte) bool { return tokenBytes[c] }

// tokenBytes marks the bytes of RFC 9110's tchar: a table, as every byte of
// every key of every response head is looked up.
var tokenBytes = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		t[c] = true
	}
	return t
}()

// trimSpaceTab trims spaces and tabs at both ends of s.
func trimSpaceTab(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// equalFold compares s with lower, which is lower-case ASCII, ignoring
// ASCII case.
func equalFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// canonicalKey is http.CanonicalHeaderKey of key, a token, without
// allocating for the keys servers send most: ETag, and every key of a
// server that writes them in lower case.
func canonicalKey(key string) string {
	var buf [32]byte
	if len(key) > len(buf) {
		return http.CanonicalHeaderKey(key)
	}
	b := buf[:len(key)]
	upper := true
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case upper && 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case !upper && 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b[i] = c
		upper = c == '-'
	}
	if k, ok := commonKeys[string(b)]; ok { // no copy for the lookup
		return k
	}
	return string(b)
}

// commonKeys are the canonical keys of the headers servers send most.
var commonKeys = func() map[string]string {
	m := make(map[string]string)
	for _, k := range []string{"Accept-Ranges", "Access-Control-Allow-Credentials", "Access-Control-Allow-Headers",
		"Access-Control-Allow-Methods", "Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "Age",
		"Alt-Svc", "Cache-Control", "Connection", "Content-Disposition", "Content-Encoding", "Content-Language",
		"Content-Length", "Content-Location", "Content-Range", "Content-Security-Policy", "Content-Type", "Date",
		"Etag", "Expires", "Keep-Alive", "Last-Modified", "Link", "Location", "Referrer-Policy", "Retry-After",
		"Server", "Set-Cookie", "Strict-Transport-Security", "Vary", "Via", "Www-Authenticate",
		"X-Content-Type-Options", "X-Frame-Options", "X-Powered-By", "X-Request-Id", "X-Xss-Protection"} {
		m[k] = k
	}
	return m
}()
