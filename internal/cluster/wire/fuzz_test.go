package wire

import (
	"bytes"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// FuzzDecode checks that no frame makes Decode panic, and that whatever it
// accepts re-encodes to a frame that decodes to the same bytes again.
func FuzzDecode(f *testing.F) {
	for _, tt := range pyMessages {
		f.Add(unhex(f, tt.hex))
	}
	f.Add(unhex(f, pyStatsEmpty212))
	f.Add(mustEncode(f, Message{TypeStats, NewStatsReport(fuzzDelta()), "w_1"}))
	f.Add(mustEncode(f, Message{"custom", map[any]any{int64(1): 2.5, "x": []any{nil, true, []byte{1}}}, "w_1"}))
	f.Add(deepArray(40))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Decode(b)
		if err != nil {
			return
		}
		once, err := Encode(m)
		if err != nil {
			t.Fatalf("Encode(Decode(% x)): %v", b, err)
		}
		m2, err := Decode(once)
		if err != nil {
			t.Fatalf("Decode(Encode(Decode(% x))): %v", b, err)
		}
		twice, err := Encode(m2)
		if err != nil || !bytes.Equal(once, twice) {
			t.Fatalf("re-encoding is not stable:\n% x\n% x (%v)", once, twice, err)
		}
	})
}

// fuzzDelta is a small delta with entries, errors and histograms, corrected
// response times among them.
func fuzzDelta() *stats.Snapshot {
	rec := stats.NewRecorder()
	for i := range 20 {
		s := stats.Sample{Method: "GET", Name: "/a", Duration: time.Duration(i+1) * 7 * time.Millisecond, End: t0}
		if i%4 == 0 {
			s.Err = "boom"
		}
		if i%3 == 0 { // on a schedule, a little late
			s.Corrected = s.Duration + time.Duration(i)*time.Millisecond
		}
		rec.Record(i, s)
	}
	return rec.Drain(t0.Add(time.Second))
}
