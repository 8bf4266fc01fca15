package runner

import (
	"fmt"
	"slices"
	"strings"
)

// The class picker (Locust's --class-picker): a test may run only some of
// the kinds. The others keep their place in the kinds but get no users.

// SelectKinds returns a copy of kinds in which every kind not named has no
// weight and no fixed count, so that it gets no users; no names keeps every
// kind. A name that is not a kind, or a selection of kinds that can take no
// user, is an error naming the valid kinds.
func SelectKinds(kinds []Kind, names []string) ([]Kind, error) {
	out := slices.Clone(kinds)
	if len(names) == 0 {
		return out, nil
	}
	all := make([]string, len(kinds))
	for i, k := range kinds {
		all[i] = k.Name
	}
	for _, n := range names {
		if !slices.Contains(all, n) {
			return nil, fmt.Errorf("gust: user kind %q: want some of %s", n, strings.Join(all, ", "))
		}
	}
	usable := false
	for i := range out {
		if !slices.Contains(names, out[i].Name) {
			out[i].Weight, out[i].Fixed = 0, 0
		}
		usable = usable || out[i].Weight > 0 || out[i].Fixed > 0
	}
	if !usable {
		return nil, fmt.Errorf("gust: user kinds %s: %w", strings.Join(names, ", "), ErrNoKinds)
	}
	return out, nil
}

// kindOrder is the spawn order of kinds: fixed counts first, then by
// weight (a kind with a fixed count takes no share of the weights).
func kindOrder(kinds []Kind) *order {
	fixed, weights := make([]int, len(kinds)), make([]int, len(kinds))
	for i, k := range kinds {
		if k.Fixed > 0 {
			fixed[i] = k.Fixed
		} else {
			weights[i] = max(k.Weight, 0)
		}
	}
	return newOrder(fixed, weights)
}

// Select makes the next test run only the named kinds (no names: all of
// them). It is for a runner between tests: ready or stopped.
func (r *Runner) Select(names []string) error {
	kinds, err := SelectKinds(r.kinds, names)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.state != Ready && r.state != Stopped {
		return fmt.Errorf("gust: the user kinds can only change between tests, not while %s", r.state)
	}
	r.order = kindOrder(kinds)
	return nil
}
