package stats_test

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/HdrHistogram/hdrhistogram-go"
	"github.com/gustload/gust/internal/stats"
)

func TestEncodeHistogramRoundTrip(t *testing.T) {
	h := stats.NewHistogram()
	for v := int64(1); v < 2_000_000; v = v*3 + 7 {
		_ = h.RecordValues(v, v%5+1)
	}
	s, err := stats.EncodeHistogram(h)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s, stats.EncodedPrefix) {
		t.Fatalf("encoding starts %.12q, want %q", s, stats.EncodedPrefix)
	}
	back, err := stats.DecodeHistogram(s)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Equals(h) {
		t.Fatalf("decoded histogram differs: %d values, want %d", back.TotalCount(), h.TotalCount())
	}
	if got := standardTotal(t, s); got != h.TotalCount() {
		t.Fatalf("an independent reader of the V2 format counts %d values, want %d", got, h.TotalCount())
	}
}

// standardTotal reads the V2 compressed encoding as HdrHistogram's
// specification describes it, without hdrhistogram-go: base64; a cookie
// 0x1c849314 and the length of a zlib stream; inside it the cookie
// 0x1c849313, a 40-byte header and the counts as ZigZag LEB128 varints,
// negative for a run of empty buckets. It returns the sum of the counts.
func standardTotal(t *testing.T, s string) int64 {
	t.Helper()
	inner := inflate(t, s)
	payload := inner[40 : 40+binary.BigEndian.Uint32(inner[4:])]
	var total int64
	for r := bytes.NewReader(payload); r.Len() > 0; {
		v, err := binary.ReadVarint(r) // ZigZag LEB128
		if err != nil {
			t.Fatal(err)
		}
		total += max(v, 0)
	}
	return total
}

// inflate returns the zlib stream inside an encoded histogram, after
// checking the outer cookie (0x1c849314) and the inner one (0x1c849313).
func inflate(t *testing.T, s string) []byte {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(raw) < 8 || binary.BigEndian.Uint32(raw) != 0x1c849314 {
		t.Fatalf("outer header: %v, % x", err, raw[:min(8, len(raw))])
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw[8 : 8+binary.BigEndian.Uint32(raw[4:])]))
	if err != nil {
		t.Fatal(err)
	}
	inner, err := io.ReadAll(zr)
	if err != nil || len(inner) < 40 || binary.BigEndian.Uint32(inner) != 0x1c849313 {
		t.Fatalf("inner header: %v, % x", err, inner[:min(8, len(inner))])
	}
	return inner
}

func TestDecodeHistogramRefuses(t *testing.T) {
	for _, s := range []string{"12.5", "HISTFAAAnot-base64!", "SGVsbG8="} {
		if _, err := stats.DecodeHistogram(s); !errors.Is(err, stats.ErrNotHistogram) {
			t.Errorf("DecodeHistogram(%q) = %v, want ErrNotHistogram", s, err)
		}
	}
}

// javaAndC is what HdrHistogram's Java and C implementations both write for
// a histogram (1, 2048, 3 digits) holding one value, 2048: a fixture of
// hdrhistogram-go's tests.
const javaAndC = "HISTFAAAACB4nJNpmSzMwMDAzAABMJoRQnEw2H+AsP7LMwEARZgDpQ=="

func TestEncodeHistogramMatchesJavaAndC(t *testing.T) {
	h := hdrhistogram.New(1, 2048, 3)
	_ = h.RecordValue(2048)
	s, err := stats.EncodeHistogram(h)
	if err != nil {
		t.Fatal(err)
	}
	// zlib may compress the same bytes differently; what it holds must be
	// the same, byte for byte.
	if got, want := inflate(t, s), inflate(t, javaAndC); !bytes.Equal(got, want) {
		t.Fatalf("EncodeHistogram holds % x, the Java and C encoding % x", got, want)
	}
	back, err := stats.DecodeHistogram(javaAndC)
	if err != nil || back.TotalCount() != 1 || back.ValueAtQuantile(100) < 2048 {
		t.Fatalf("decoding the Java and C bytes: %v, %d values", err, back.TotalCount())
	}
}
