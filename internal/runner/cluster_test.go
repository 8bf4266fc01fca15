package runner

import (
	"context"
	"reflect"
	"testing"
	"testing/synctest"
	"time"
)

func TestSequenceMatchesTheRunnersOrder(t *testing.T) {
	tests := []struct {
		name  string
		kinds []Kind
		n     int
		want  []int
	}{
		{"weights 3:1", []Kind{{Name: "A", Weight: 3}, {Name: "B", Weight: 1}}, 8, []int{6, 2}},
		{"fixed first", []Kind{{Name: "A", Weight: 1}, {Name: "F", Fixed: 2}}, 3, []int{1, 2}},
		{"only fixed, more wanted", []Kind{{Name: "F", Fixed: 2}}, 5, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSequence(tt.kinds)
			if got := s.Counts(tt.n); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Counts(%d) = %v, want %v", tt.n, got, tt.want)
			}
			r, err := New(kinds(tt.kinds...), Options{})
			if err != nil {
				t.Fatal(err)
			}
			for i := range tt.n {
				if got, want := s.At(i), r.order.at(i); got != want {
					t.Fatalf("At(%d) = %d, the runner spawns kind %d", i, got, want)
				}
			}
		})
	}
}

func TestSetStopTimeoutAppliesToLaterStops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		stuck := func(ctx context.Context, _ <-chan struct{}, _, _ int) { <-ctx.Done() }
		r, _ := New([]Kind{{Name: "A", Weight: 1, Run: stuck}}, Options{StopTimeout: time.Hour})
		r.Start(1, 0)
		synctest.Wait()
		r.SetStopTimeout(2 * time.Second)
		start := time.Now()
		r.Stop()
		if took := time.Since(start); took != 2*time.Second {
			t.Fatalf("Stop took %v, want the new stop timeout of 2s", took)
		}
	})
}
