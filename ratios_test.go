package gust

import (
	"math"
	"testing"

	"github.com/gustload/gust/internal/config"
)

func TestTaskRatiosOfTheKindsAPickerRuns(t *testing.T) {
	noop := func(*Session) {}
	users := []User{
		{Name: "Shopper", Weight: 3, Tasks: []Task{NewTask("browse", 3, noop), NewTask("buy", 1, noop)}},
		{Name: "Admin", Weight: 1, Tasks: []Task{NewTask("audit", 1, noop)}},
	}
	kinds, err := selectKinds(&config.Options{Users: 4}, users)
	if err != nil {
		t.Fatal(err)
	}
	all := taskRatios(kinds, 4)
	if r := all.Total["Shopper"].Ratio; math.Abs(r-0.75) > 1e-9 {
		t.Errorf("every kind: Shopper %v, want 0.75", r)
	}
	admin := taskRatios(kindsNamed(kinds, []string{"Admin"}), 4)
	if len(admin.Total) != 1 || admin.Total["Admin"].Ratio != 1 || admin.Total["Admin"].Tasks["audit"].Ratio != 1 {
		t.Errorf("only Admin: %+v, want Admin alone at 1 with audit at 1", admin.Total)
	}
}
