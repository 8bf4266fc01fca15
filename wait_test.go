package gust

import (
	"math"
	"strings"
	"testing"
	"time"
)

// A wait that cannot be waited is an author's mistake: the test does not
// start, and one line says which wait and what would be valid (exit 2), as
// for the other mistakes User validation finds.
func TestBadWaitOrWeightExitsTwoNamingIt(t *testing.T) {
	tests := []struct {
		name string
		wait Wait
		task Task
		want []string // what the line must say
	}{
		{"throughput 0", ConstantThroughput(0), Task{}, []string{`user "U": Wait ConstantThroughput(0)`, "above 0"}},
		{"throughput negative", ConstantThroughput(-5), Task{}, []string{"ConstantThroughput(-5)", "above 0"}},
		{"throughput NaN", ConstantThroughput(math.NaN()), Task{}, []string{"ConstantThroughput(NaN)", "above 0"}},
		{"constant negative", Constant(-time.Second), Task{}, []string{"Constant(-1s)", "want a time >= 0"}},
		{"between negative", Between(-2*time.Second, -time.Second), Task{}, []string{"Between(-2s, -1s)", "0 <= min <= max"}},
		{"between reversed", Between(2*time.Second, time.Second), Task{}, []string{"Between(2s, 1s)", "0 <= min <= max"}},
		{"pacing negative", ConstantPacing(-time.Second), Task{}, []string{"ConstantPacing(-1s)", "want a time >= 0"}},
		{"Pacing negative", Pacing{Interval: -time.Second}, Task{}, []string{"Pacing{Interval: -1s}", "Interval >= 0"}},
		{"task weight negative", nil, Task{Name: "t", Weight: -1}, []string{`task "t" has a negative Weight (-1)`, "want a Weight >= 0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.task.Run = func(s *Session) { s.Sleep(time.Millisecond) }
			u := User{Name: "U", Wait: tt.wait, Tasks: []Task{tt.task}}
			r := command(t, nil, []string{"-u", "1", "-t", "200ms", "--only-summary"}, u)
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if r.code != 2 || len(lines) != 1 || !strings.HasPrefix(lines[0], "gust: ") {
				t.Fatalf("exit %d, stderr %q: want exit 2 and one line starting gust:", r.code, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(lines[0], w) {
					t.Fatalf("message %q does not say %q", lines[0], w)
				}
			}
		})
	}
}

// The waits that can be waited pass validation, zero included (no wait),
// and a throughput so low that its interval is past a Duration waits as
// long as a Duration can, not a negative time.
func TestGoodWaitsPassValidation(t *testing.T) {
	for _, w := range []Wait{nil, Constant(0), Between(0, 0), Between(time.Second, 2*time.Second),
		ConstantPacing(0), ConstantThroughput(0.5), ConstantThroughput(math.Inf(1)), ConstantThroughput(1e-300)} {
		if err := checkWait(w); err != nil {
			t.Fatalf("checkWait(%#v) = %v, want nil", w, err)
		}
	}
	if p, ok := ConstantThroughput(1e-300).(Pacing); !ok || p.Interval != math.MaxInt64 {
		t.Fatalf("ConstantThroughput(1e-300) = %#v, want the longest Pacing", ConstantThroughput(1e-300))
	}
}
