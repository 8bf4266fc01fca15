package cli

import (
	"slices"
	"strconv"

	"github.com/gustload/gust/internal/web"
)

// taskRatios is what share of the users each kind gets at the given user
// count, and what share of each kind's tasks each task gets: the /tasks tree
// of the web UI and the report.
func taskRatios(kinds []*kind, users int) web.TaskRatios {
	shares := kindShares(kinds, users)
	r := web.TaskRatios{PerClass: map[string]web.Ratio{}, Total: map[string]web.Ratio{}}
	for i, k := range kinds {
		per, total := map[string]web.Ratio{}, map[string]web.Ratio{}
		tasks := k.kept()
		sum := 0
		for _, t := range tasks {
			sum += t.Weight
		}
		for j, t := range tasks {
			share := float64(t.Weight) / float64(sum)
			name := taskName(t, j)
			per[name] = web.Ratio{Ratio: share}
			total[name] = web.Ratio{Ratio: share * shares[i]}
		}
		r.PerClass[k.Name] = web.Ratio{Ratio: shares[i], Tasks: per}
		r.Total[k.Name] = web.Ratio{Ratio: shares[i], Tasks: total}
	}
	return r
}

// kindsNamed are the kinds whose names are in names, in order: those a
// test run with the class picker runs.
func kindsNamed(kinds []*kind, names []string) []*kind {
	var out []*kind
	for _, k := range kinds {
		if slices.Contains(names, k.Name) {
			out = append(out, k)
		}
	}
	return out
}

// kindShares gives fixed-count kinds their count out of users, and shares
// the rest by weight.
func kindShares(kinds []*kind, users int) []float64 {
	fixed, weights := 0, 0
	for _, k := range kinds {
		fixed += k.FixedCount
		weights += k.Weight
	}
	total := float64(max(users, fixed, 1))
	rest := 1 - float64(fixed)/total
	shares := make([]float64, len(kinds))
	for i, k := range kinds {
		if k.FixedCount > 0 {
			shares[i] = float64(k.FixedCount) / total
		} else if weights > 0 {
			shares[i] = rest * float64(k.Weight) / float64(weights)
		}
	}
	return shares
}

func taskName(t Task, i int) string {
	if t.Name != "" {
		return t.Name
	}
	return "task " + strconv.Itoa(i+1)
}
