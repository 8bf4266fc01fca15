package monitor

import (
	"testing"
	"time"
)

func TestReceiveBucketsHoldTheirDelays(t *testing.T) {
	for _, d := range []time.Duration{0, time.Microsecond, 3 * time.Microsecond, 4 * time.Microsecond,
		7 * time.Microsecond, 50 * time.Microsecond, 1234 * time.Microsecond, 10 * time.Millisecond,
		time.Second, 68 * time.Second} {
		i := receiveBucket(d)
		lo, hi := receiveBound(i), receiveBound(i+1)
		if i+1 == receiveBuckets {
			hi = 1e9
		}
		if s := d.Seconds(); s < lo-1e-12 || s >= hi {
			t.Errorf("%v in bucket %d [%g, %g)", d, i, lo, hi)
		}
	}
	if i := receiveBucket(1000 * time.Hour); i != receiveBuckets-1 {
		t.Errorf("1000 hours in bucket %d, want the last", i)
	}
	for i := 1; i < receiveBuckets; i++ {
		if receiveBound(i) < receiveBound(i-1) {
			t.Fatalf("bound %d (%g) below bound %d (%g)", i, receiveBound(i), i-1, receiveBound(i-1))
		}
	}
}

func TestObserveReceiveShowsInTheHistogram(t *testing.T) {
	before := receiveHistogram()
	for range 99 {
		ObserveReceive(20 * time.Microsecond)
	}
	ObserveReceive(30 * time.Millisecond)
	d := receiveHistogram().Sub(before)
	if p50, p999 := d.Quantile(0.5), d.Quantile(0.999); p50 > 25*time.Microsecond || p999 < 30*time.Millisecond || p999 > 40*time.Millisecond {
		t.Fatalf("p50 %v p99.9 %v, want about 20µs and 30ms", p50, p999)
	}
}

// BenchmarkObserveReceive is the clients' per-response cost of counting a
// receive delay, from every processor at once.
func BenchmarkObserveReceive(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			ObserveReceive(20 * time.Microsecond)
		}
	})
}
