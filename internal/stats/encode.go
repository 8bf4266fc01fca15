package stats

import (
	"errors"
	"fmt"
	"strings"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// EncodedPrefix starts every histogram EncodeHistogram writes: the base64 of
// HdrHistogram's V2 compressed cookie, as HdrHistogram's own tools (Java,
// C, Python, HistogramLogAnalyzer) write it.
const EncodedPrefix = "HISTFAAA"

// EncodeHistogram writes h in HdrHistogram's standard V2 compressed encoding,
// base64: a histogram of response times in microseconds, exact to its 0.1%
// precision, that any HdrHistogram implementation decodes and merges. Nil or
// empty gives "".
func EncodeHistogram(h *hdrhistogram.Histogram) (string, error) {
	if h == nil || h.TotalCount() == 0 {
		return "", nil
	}
	b, err := h.Encode(hdrhistogram.V2CompressedEncodingCookieBase)
	if err != nil {
		return "", fmt.Errorf("stats: encoding a histogram: %w", err)
	}
	return string(b), nil
}

// ErrNotHistogram is returned by DecodeHistogram for text that is not an
// encoded HdrHistogram.
var ErrNotHistogram = errors.New("stats: not an HdrHistogram in the V2 compressed base64 encoding (HISTFAAA...)")

// DecodeHistogram reads what EncodeHistogram wrote, or any V2 compressed
// HdrHistogram in base64; "" is an empty histogram of gust's geometry.
func DecodeHistogram(s string) (*hdrhistogram.Histogram, error) {
	if s == "" {
		return NewHistogram(), nil
	}
	if !strings.HasPrefix(s, "HISTF") {
		return nil, ErrNotHistogram
	}
	h, err := hdrhistogram.Decode([]byte(s))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotHistogram, err)
	}
	return h, nil
}
