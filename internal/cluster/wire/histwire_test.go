package wire

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/gustload/gust/internal/stats"
)

func TestHistRoundTrip(t *testing.T) {
	tests := map[string][]int64{
		"empty":        nil,
		"one value":    {1234},
		"zero":         {0},
		"exact range":  {1, 2, 3, 2047, 2047},
		"wide spread":  {5, 950, 12_000, 480_000, 7_300_000, 59_000_000},
		"the top":      {stats.HighestUS, stats.HighestUS},
		"many repeats": {100, 100, 100, 100, 100, 100, 100},
	}
	for name, values := range tests {
		h := stats.NewHistogram()
		for _, v := range values {
			if err := h.RecordValue(v); err != nil {
				t.Fatal(err)
			}
		}
		got, err := DecodeHist(EncodeHist(h))
		if err != nil {
			t.Errorf("%s: DecodeHist: %v", name, err)
			continue
		}
		if !got.Equals(h) {
			t.Errorf("%s: histogram changed in the round trip", name)
		}
	}
}

func TestHistCompact(t *testing.T) {
	h := stats.NewHistogram()
	for v := int64(1000); v < 2_000_000; v = v * 21 / 20 {
		_ = h.RecordValues(v, 1000)
	}
	if n := len(EncodeHist(h)); n > 800 {
		t.Errorf("a histogram of %d buckets takes %d bytes, want a few hundred", 160, n)
	}
}

// histBytes builds an encoded histogram from raw varints after the header.
func histBytes(geometry [3]uint64, varints ...uint64) []byte {
	b := []byte{histVersion}
	for _, v := range append(geometry[:], varints...) {
		b = binary.AppendUvarint(b, v)
	}
	return b
}

var gustGeometry = [3]uint64{stats.LowestUS, uint64(stats.HighestUS), stats.SigFigs}

func TestDecodeHistRejects(t *testing.T) {
	tests := map[string][]byte{
		"empty":             nil,
		"unknown version":   {2},
		"truncated header":  {histVersion, 1},
		"overlong varint":   append([]byte{histVersion}, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
		"odd pair":          histBytes(gustGeometry, 5),
		"zero count":        histBytes(gustGeometry, 5, 0),
		"gap past the end":  histBytes(gustGeometry, 1<<40, 1),
		"count too large":   histBytes(gustGeometry, 0, 1<<63),
		"counts overflow":   histBytes(gustGeometry, 0, 1<<62, 0, 1<<62, 0, 1<<62),
		"index at the end":  histBytes(gustGeometry, uint64(histCountsLen()), 1),
		"other geometry":    histBytes([3]uint64{1, 1000, 2}, 0, 1),
		"truncated varints": func() []byte { b := histBytes(gustGeometry, 0, 300); return b[:len(b)-1] }(),
	}
	for name, b := range tests {
		if _, err := DecodeHist(b); err == nil {
			t.Errorf("%s: DecodeHist(% x) succeeded, want an error", name, b)
		}
	}
	if _, err := DecodeHist(histBytes([3]uint64{1, 1000, 2}, 0, 1)); !errors.Is(err, errGeometry) {
		t.Errorf("other geometry: error %v, want errGeometry", err)
	}
}

// A gust_hdr of another geometry (a future gust) is ignored in favour of the
// buckets rather than failing the report.
func TestDeltaFallsBackOnOtherGeometry(t *testing.T) {
	e := StatsEntry{Name: "/", Method: "GET", NumRequests: 2, ResponseTimes: map[float64]int64{12: 2},
		Hist: histBytes([3]uint64{1, 1000, 2}, 0, 1)}
	h, err := e.histogram()
	if err != nil {
		t.Fatal(err)
	}
	if h.TotalCount() != 2 || !h.ValuesAreEquivalent(h.ValueAtQuantile(50), 12_000) {
		t.Errorf("histogram has %d values around %d µs, want the 2 bucket values of 12 ms", h.TotalCount(), h.ValueAtQuantile(50))
	}
}

func FuzzDecodeHist(f *testing.F) {
	h := stats.NewHistogram()
	for _, v := range []int64{3, 70, 900, 15_000, 2_000_000} {
		_ = h.RecordValue(v)
	}
	f.Add(EncodeHist(h))
	f.Add(EncodeHist(stats.NewHistogram()))
	f.Add(histBytes(gustGeometry, 5, 0))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := DecodeHist(b)
		if err != nil {
			return
		}
		again, err := DecodeHist(EncodeHist(got))
		if err != nil || !again.Equals(got) {
			t.Errorf("re-encoding a decoded histogram failed: %v", err)
		}
	})
}
