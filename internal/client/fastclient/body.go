package fastclient

import (
	"bufio"
	"errors"

	"github.com/gustload/gust/internal/client"
	"github.com/valyala/fasthttp"
)

// readHead reads the head of a response from br, its body left to stream
// (see readBody). fasthttp reads a head only within its reader's buffer
// (4 KB here): for a larger head, it reads again through a reader four
// times larger, up to client.MaxHeaderBytes, as net/http accepts. It
// returns the reader the body follows in.
func readHead(resp *fasthttp.Response, br *bufio.Reader, head bool) (*bufio.Reader, error) {
	for {
		resp.SkipBody, resp.StreamBody = head, true
		err := resp.Read(br)
		if err == nil || !smallBuffer(err) {
			return br, err
		}
		if br.Size() >= client.MaxHeaderBytes {
			return br, errHeadTooLarge
		}
		br = bufio.NewReaderSize(br, min(4*br.Size(), client.MaxHeaderBytes)) // reads on from what br holds
	}
}

// smallBuffer says whether err is fasthttp's: the head did not fit the
// reader's buffer. Apart, so that its target escapes only for an error.
func smallBuffer(err error) bool {
	var small *fasthttp.ErrSmallBuffer
	return errors.As(err, &small)
}

// errHeadTooLarge fails a response whose head is larger than
// client.MaxHeaderBytes.
var errHeadTooLarge = errors.New("gust: the response headers are larger than 1024 KB")

// readBody reads the body that resp streams into fc's buffer: its first
// fc.limit bytes, the rest counted and dropped (client.Body.Fill).
func (fc *Client) readBody(resp *fasthttp.Response) error {
	fc.size, fc.cut = 0, false
	body := resp.BodyStream()
	if body == nil {
		fc.buf.Reset()
		return nil
	}
	var err error
	fc.size, fc.cut, err = fc.buf.Fill(body, fc.limit)
	if cerr := resp.CloseBodyStream(); err == nil {
		err = cerr
	}
	return err
}
