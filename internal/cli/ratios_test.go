package cli

import (
	"math"
	"testing"

	"github.com/gustload/gust/internal/config"
)

func TestTaskRatiosOfTheKindsAPickerRuns(t *testing.T) {
	p := Program{Kinds: []Kind{
		{Name: "Shopper", Weight: 3, Tasks: []Task{{Name: "browse", Weight: 3}, {Name: "buy", Weight: 1}}},
		{Name: "Admin", Weight: 1, Tasks: []Task{{Name: "audit", Weight: 1}}},
	}}
	kinds, err := p.selectKinds(&config.Options{Users: 4})
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
