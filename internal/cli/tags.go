package cli

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/gustload/gust/internal/config"
)

// taskTags are the tags of a task: its own and its user's.
func taskTags(k *Kind, t Task) []string { return append(slices.Clone(k.Tags), t.Tags...) }

// checkTags refuses a tag that no task carries: a typo would otherwise run
// nothing, or everything.
func checkTags(kinds []*Kind, include, exclude []string) error {
	known := map[string]bool{}
	for _, k := range kinds {
		for _, t := range k.Tasks {
			for _, tag := range taskTags(k, t) {
				known[tag] = true
			}
		}
	}
	for _, tag := range append(slices.Clone(include), exclude...) {
		if !known[tag] {
			return &config.UsageError{Msg: fmt.Sprintf("unknown tag %q: the tasks have %s", tag, describeTags(known))}
		}
	}
	return nil
}

func describeTags(known map[string]bool) string {
	if len(known) == 0 {
		return "no tags"
	}
	var tags []string
	for t := range known {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	return "the tags " + strings.Join(tags, ", ")
}

// filterTasks keeps the tasks that carry one of include (when given) and
// none of exclude, as indexes of k.Tasks; exclusion wins.
func filterTasks(k *Kind, include, exclude []string) []int {
	var kept []int
	for i, t := range k.Tasks {
		tags := taskTags(k, t)
		has := func(tag string) bool { return slices.Contains(tags, tag) }
		if len(include) > 0 && !slices.ContainsFunc(include, has) {
			continue
		}
		if slices.ContainsFunc(exclude, has) {
			continue
		}
		kept = append(kept, i)
	}
	return kept
}
