package gust

import (
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// Making a kind costs the same whatever the task weights: a weight of
// 2,000,000 used to cost a list of 2,000,000 task indexes (16 MB and more).
func TestBigTaskWeightsCostNoMemory(t *testing.T) {
	for _, seq := range []bool{false, true} {
		u := &User{Name: "U", Sequential: seq, Tasks: []Task{{Weight: 1, Run: record("a")}, {Weight: 2_000_000, Run: record("b")}}}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		k := newKind(u, u.Tasks, nil, nil)
		runtime.ReadMemStats(&after)
		if got := after.TotalAlloc - before.TotalAlloc; got > 64<<10 {
			t.Fatalf("Sequential %v: newKind allocated %d bytes for two tasks, want a few hundred", seq, got)
		}
		if k.pick(rand.New(rand.NewPCG(1, 1)), 0) == nil {
			t.Fatal("no task picked")
		}
	}
}

// pick gives exactly the task an expanded list of task indexes (one per
// unit of weight) gives for the same draw of the random source, so the
// proportions are exact and each user's random source is used as before:
// one IntN(total weight) per pick, none with Sequential.
func TestPickMatchesExpandedWeights(t *testing.T) {
	for _, weights := range [][]int{
		{3, 0, 1, 6, 2},                      // few tasks: scanned
		{3, 0, 1, 6, 2, 5, 1, 1, 9, 4, 0, 7}, // more: searched
	} {
		u := &User{Name: "U"}
		var expanded []int
		for i, w := range weights {
			u.Tasks = append(u.Tasks, Task{Name: string(rune('a' + i)), Weight: w, Run: record("x")})
			for range max(w, 1) {
				expanded = append(expanded, i)
			}
		}
		k := newKind(u, u.Tasks, nil, nil)
		r, ref := rand.New(rand.NewPCG(3, 4)), rand.New(rand.NewPCG(3, 4))
		for i := range 10000 {
			if got, want := k.pick(r, i).Name, u.Tasks[expanded[ref.IntN(len(expanded))]].Name; got != want {
				t.Fatalf("%v: pick %d: %s, want %s", weights, i, got, want)
			}
		}
		u.Sequential = true
		var got, want strings.Builder
		for i := range 2 * len(expanded) {
			got.WriteString(k.pick(nil, i).Name)
			want.WriteString(u.Tasks[expanded[i%len(expanded)]].Name)
		}
		if got.String() != want.String() {
			t.Fatalf("%v: sequence %q, want %q: each task Weight times in a row, twice", weights, got.String(), want.String())
		}
	}
}

// Weights whose sum does not fit an int cannot be picked from: they are an
// author's mistake, reported before the test starts.
func TestTaskWeightsPastAnIntAreRejected(t *testing.T) {
	u := User{Name: "U", Tasks: []Task{{Name: "a", Weight: math.MaxInt, Run: record("a")}, {Name: "b", Run: record("b")}}}
	if err := u.validate(); err == nil || !strings.Contains(err.Error(), "add up to more than") {
		t.Fatalf("validate() = %v, want the sum of the weights named", err)
	}
	u.Tasks[0].Weight = math.MaxInt - 1
	if err := u.validate(); err != nil {
		t.Fatalf("validate() = %v for weights that sum to MaxInt, want nil", err)
	}
	k := newKind(&u, u.Tasks, nil, nil)
	if got := k.pick(rand.New(rand.NewPCG(1, 1)), 0); got.Name != "a" { // b has one chance in MaxInt
		t.Fatalf("picked %q, want a", got.Name)
	}
}

// BenchmarkPick is one task pick, by weight among a few tasks, as a user
// makes before each task.
func BenchmarkPick(b *testing.B) {
	u := &User{Name: "U", Tasks: []Task{{Weight: 3, Run: record("a")}, {Run: record("b")}, {Weight: 6, Run: record("c")}, {Weight: 2, Run: record("d")}}}
	k := newKind(u, u.Tasks, nil, nil)
	r := rand.New(rand.NewPCG(1, 2))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k.pick(r, i)
	}
}
