package monitor

import "testing"

func TestGCPercent(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name string
		cur  int
		rate float64 // bytes a second
		live uint64
		want int
	}{
		{"slow, default", 100, 1 * mb, 4 * mb, 100},
		{"slow again after fast", 1600, 1 * mb, 4 * mb, 100},
		{"fast, small heap: 32 MB of room", 100, 600 * mb, 4 * mb, 800},
		{"fast, tiny heap: capped", 100, 600 * mb, 1024, 3200},
		{"fast, large heap: the default", 100, 600 * mb, 512 * mb, 100},
		{"in between: as it was (raised)", 1600, 32 * mb, 4 * mb, 1600},
		{"in between: as it was (default)", 100, 32 * mb, 4 * mb, 100},
	}
	for _, tt := range tests {
		if got := gcPercent(tt.cur, tt.rate, tt.live); got != tt.want {
			t.Errorf("%s: gcPercent(%d, %.0f, %d) = %d, want %d", tt.name, tt.cur, tt.rate, tt.live, got, tt.want)
		}
	}
}

func TestGCPacerSetsOnlyChanges(t *testing.T) {
	var set []int
	p := gcPacer{set: func(pct int) int { set = append(set, pct); return 0 }, percent: gcDefault}
	const mb = 1 << 20
	c := Counters{HeapLive: 8 * mb}
	steps := []uint64{1 * mb, 200 * mb, 200 * mb, 40 * mb, 1 * mb, 1 * mb} // allocated in each second
	for _, a := range steps {
		prev := c
		c.HeapAllocs += a
		p.step(c, prev, 1)
	}
	if want := []int{400, 100}; len(set) != len(want) || set[0] != want[0] || set[1] != want[1] {
		t.Fatalf("percents set %v, want %v", set, want)
	}
}

func TestGCPacerIsOffWithGOGC(t *testing.T) {
	t.Setenv("GOGC", "200")
	if p := newGCPacer(); p.set != nil {
		t.Fatal("pacing on with GOGC set, want it off")
	}
}
