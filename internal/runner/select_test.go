package runner

import (
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestSelectKinds(t *testing.T) {
	kinds := []Kind{{Name: "A", Weight: 3}, {Name: "B", Weight: 1}, {Name: "C", Fixed: 2}}
	for _, tc := range []struct {
		names   []string
		weights []int // of the result, then fixed counts
		fixed   []int
		err     string
	}{
		{nil, []int{3, 1, 0}, []int{0, 0, 2}, ""},
		{[]string{"B", "C"}, []int{0, 1, 0}, []int{0, 0, 2}, ""},
		{[]string{"A"}, []int{3, 0, 0}, []int{0, 0, 0}, ""},
		{[]string{"D"}, nil, nil, `user kind "D": want some of A, B, C`},
	} {
		got, err := SelectKinds(kinds, tc.names)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: %v, want an error with %q", tc.names, err, tc.err)
			}
			continue
		}
		for i, k := range got {
			if err != nil || k.Weight != tc.weights[i] || k.Fixed != tc.fixed[i] {
				t.Errorf("%q: kind %s weight %d fixed %d (%v), want %d and %d", tc.names, k.Name, k.Weight, k.Fixed, err,
					tc.weights[i], tc.fixed[i])
			}
		}
	}
	if kinds[0].Weight != 3 || kinds[2].Fixed != 2 {
		t.Error("SelectKinds changed the kinds it was given")
	}
	if _, err := SelectKinds([]Kind{{Name: "A", Weight: 1}, {Name: "Z"}}, []string{"Z"}); !errors.Is(err, ErrNoKinds) {
		t.Errorf("selecting only a kind that takes no users: %v, want ErrNoKinds", err)
	}
}

func TestRunnerRunsOnlyTheSelectedKinds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r, _ := New(kinds(Kind{Name: "A", Weight: 3}, Kind{Name: "B", Weight: 1}), Options{})
		if err := r.Select([]string{"B"}); err != nil {
			t.Fatal(err)
		}
		r.Start(4, 100)
		time.Sleep(time.Second)
		synctest.Wait()
		if _, per := r.Users(); per["A"] != 0 || per["B"] != 4 {
			t.Errorf("users %v, want all 4 of B", per)
		}
		if err := r.Select(nil); err == nil || !strings.Contains(err.Error(), "between tests") {
			t.Errorf("Select while running: %v, want an error", err)
		}
		r.Stop()
		synctest.Wait()
		if err := r.Select(nil); err != nil {
			t.Fatal(err)
		}
		r.Start(4, 100)
		time.Sleep(time.Second)
		synctest.Wait()
		if _, per := r.Users(); per["A"] != 3 || per["B"] != 1 {
			t.Errorf("after selecting every kind again: users %v, want A 3 and B 1", per)
		}
		r.Stop()
	})
}
