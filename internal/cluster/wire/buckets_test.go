package wire

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gustload/gust/internal/testenv"
)

func TestBucketMicros(t *testing.T) {
	tests := []struct {
		us, want int64
	}{
		{-5, 0},
		{0, 0},
		{400, 0},
		{500, 0},   // round(0.5) = 0: half to even
		{1_500, 2}, // round(1.5) = 2
		{2_500, 2}, // round(2.5) = 2
		{2_501, 3},
		{99_499, 99},
		{99_500, 100}, // still below 100 ms, rounds up to the even 100
		{100_000, 100},
		{145_000, 140}, // round(145, -1) = 140
		{155_000, 160}, // round(155, -1) = 160
		{145_001, 150},
		{999_999, 1000},
		{1_050_000, 1000}, // round(1050, -2) = 1000
		{1_150_000, 1200},
		{9_949_999, 9900},
		{10_500_000, 10000}, // round(10500, -3) = 10000
		{11_500_000, 12000},
		{3_600_000_000, 3_600_000},
	}
	for _, tt := range tests {
		if got := BucketMicros(tt.us); got != tt.want {
			t.Errorf("BucketMicros(%d) = %d, want %d", tt.us, got, tt.want)
		}
	}
}

// pythonBucketScript applies Locust's bucket_response_time to microsecond
// values converted to float milliseconds, as a Python worker would.
const pythonBucketScript = `
import json, sys
def bucket(rt):
    if rt < 100: return round(rt)
    if rt < 1000: return round(rt, -1)
    if rt < 10000: return round(rt, -2)
    return round(rt, -3)
print(json.dumps([int(bucket(us / 1000)) for us in json.load(sys.stdin)]))
`

func TestBucketMicrosMatchesPython(t *testing.T) {
	py := testenv.Program(t, "python3", "install python3 to compare with Python's round")
	var in []int64
	for us := int64(0); us < 12_000_000; us = us*11/10 + 499 { // a spread of magnitudes
		in = append(in, us, us+1, us-us%500)
	}
	for _, unit := range []int64{1_000, 10_000, 100_000, 1_000_000} { // exact halves
		for k := int64(0); k < 25; k++ {
			in = append(in, k*unit+unit/2)
		}
	}
	var want []int64
	if err := json.Unmarshal([]byte(strings.TrimSpace(runPython(t, py, pythonBucketScript, in))), &want); err != nil {
		t.Fatal(err)
	}
	for i, us := range in {
		if got := BucketMicros(us); got != want[i] {
			t.Errorf("BucketMicros(%d) = %d, Python's Locust gives %d", us, got, want[i])
		}
	}
}
