package nethttp

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptrace"
	"slices"
	"strconv"
)

// quickWrite writes req to w byte for byte as req.Write would, without its
// formatting, allocations and sorter, for the requests most tests send. ok
// is false, with nothing written, for the others (Close, a chunked or
// probed body, trailers, an opaque URL, a host or header value that
// net/http would clean or refuse, a trace that wants each header field),
// which go to req.Write. The differential tests hold the two to the same
// bytes.
func quickWrite(w *bufio.Writer, req *http.Request, trace *httptrace.ClientTrace) (ok bool, err error) {
	length, ok := quickLength(req)
	if !ok || req.Close || len(req.TransferEncoding) > 0 || req.Trailer != nil || req.URL.Opaque != "" ||
		trace != nil && (trace.WroteHeaderField != nil || trace.WroteHeaders != nil) {
		return false, nil
	}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	path := req.URL.EscapedPath()
	if path == "" {
		path = "/"
	}
	agent, hasAgent := req.Header["User-Agent"]
	userAgent := "Go-http-client/1.1" // net/http's default
	if hasAgent {
		userAgent = ""
		if len(agent) > 0 {
			userAgent = agent[0]
		}
	}
	if !plainHost(host) || hasCTL(path) || hasCTL(req.URL.RawQuery) || hasLineBreak(userAgent) {
		return false, nil
	}
	var array [16]string
	keys, ok := headerKeys(req.Header, array[:0])
	if !ok {
		return false, nil
	}
	writeHead(w, req, host, path, trimSpaceTab(userAgent), length, keys)
	if length > 0 {
		return true, writeBody(w, req.Body, length)
	}
	closeBody(req)
	return true, nil
}

// quickLength is the Content-Length that req.Write sends for req's body (0
// without one); ok is false for a body of unknown length, which it would
// send chunked or probe.
func quickLength(req *http.Request) (int64, bool) {
	switch {
	case req.Body == nil:
		return 0, req.ContentLength == 0
	case req.Body == http.NoBody:
		return 0, true
	default:
		return req.ContentLength, req.ContentLength > 0
	}
}

// writeHead writes the request line and the header, in req.Write's order:
// Host, User-Agent, Content-Length, then the other keys sorted.
func writeHead(w *bufio.Writer, req *http.Request, host, path, userAgent string, length int64, keys []string) {
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	w.WriteString(method)
	w.WriteByte(' ')
	w.WriteString(path)
	if req.URL.ForceQuery || req.URL.RawQuery != "" {
		w.WriteByte('?')
		w.WriteString(req.URL.RawQuery)
	}
	w.WriteString(" HTTP/1.1\r\nHost: ")
	w.WriteString(host)
	if userAgent != "" {
		w.WriteString("\r\nUser-Agent: ")
		w.WriteString(userAgent)
	}
	if length > 0 || method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch {
		w.WriteString("\r\nContent-Length: ")
		w.Write(strconv.AppendInt(w.AvailableBuffer(), length, 10))
	}
	w.WriteString("\r\n")
	for _, k := range keys {
		for _, v := range req.Header[k] {
			w.WriteString(k)
			w.WriteString(": ")
			w.WriteString(trimSpaceTab(v))
			w.WriteString("\r\n")
		}
	}
	w.WriteString("\r\n")
}

// headerKeys appends the keys of h that req.Write writes, sorted; ok is
// false when a value holds a line break, which req.Write would replace.
func headerKeys(h http.Header, keys []string) (_ []string, ok bool) {
	for k, vv := range h {
		switch k {
		case "Host", "User-Agent", "Content-Length", "Transfer-Encoding", "Trailer":
			continue
		}
		if !validFieldName(k) {
			continue // req.Write drops it too
		}
		for _, v := range vv {
			if hasLineBreak(v) {
				return nil, false
			}
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys, true
}

// writeBody writes the length bytes of a request's body and closes it,
// failing as req.Write does when the body is shorter or longer.
func writeBody(w *bufio.Writer, body io.ReadCloser, length int64) error {
	n, err := copyN(w, body, length)
	if err == nil {
		var extra int64
		extra, err = io.Copy(io.Discard, body)
		n += extra
	}
	if cerr := body.Close(); err == nil {
		err = cerr
	}
	if err == nil && n != length {
		err = &lengthError{length, n}
	}
	return err
}

// copyN reads up to length bytes of r straight into w's buffer.
func copyN(w *bufio.Writer, r io.Reader, length int64) (int64, error) {
	var n int64
	for n < length {
		if w.Available() == 0 {
			if err := w.Flush(); err != nil {
				return n, err
			}
		}
		buf := w.AvailableBuffer()[:min(int64(w.Available()), length-n)]
		m, err := r.Read(buf)
		w.Write(buf[:m])
		n += int64(m)
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// lengthError is req.Write's error for a body whose length is not its
// ContentLength.
type lengthError struct{ want, got int64 }

func (e *lengthError) Error() string {
	return "http: ContentLength=" + strconv.FormatInt(e.want, 10) + " with Body length " + strconv.FormatInt(e.got, 10)
}

// plainHost says whether host is written as it is by req.Write: a name, an
// IPv4 or IPv6 address without a zone, with or without its port, or empty.
func plainHost(host string) bool {
	for i := 0; i < len(host); i++ {
		switch c := host[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '.', c == '-', c == ':', c == '[', c == ']', c == '_':
		default:
			return false
		}
	}
	return true
}

// hasCTL says whether s holds a control byte, which req.Write refuses in
// a URL.
func hasCTL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] == 0x7f {
			return true
		}
	}
	return false
}

// hasLineBreak says whether s holds a CR or an LF, which req.Write would
// turn into spaces in a header value.
func hasLineBreak(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\r' || s[i] == '\n' {
			return true
		}
	}
	return false
}

// validFieldName says whether k may be a header's name: a non-empty token.
func validFieldName(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		if !tokenByte(k[i]) {
			return false
		}
	}
	return true
}
