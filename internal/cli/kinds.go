package cli

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/gustload/gust/internal/config"
)

// kind is a Kind chosen to run: its tasks filtered by tags, its host chosen.
type kind struct {
	*Kind
	tasks    []int                   // the tasks kept, as indexes of Kind.Tasks
	host     atomic.Pointer[url.URL] // nil: no host; changed by the web UI's form
	insecure bool
	maxBody  int64 // User.MaxBody, else --max-body (0 there keeps none)
}

// kept returns the tasks kept, in order.
func (k *kind) kept() []Task {
	tasks := make([]Task, len(k.tasks))
	for i, j := range k.tasks {
		tasks[i] = k.Tasks[j]
	}
	return tasks
}

// setHost points every kind at host, for users spawned from now on.
func setHost(kinds []*kind, host string) error {
	for _, k := range kinds {
		h, err := hostFor(k.Kind, host)
		if err != nil {
			return err
		}
		k.host.Store(h)
	}
	return nil
}

// selectKinds validates the users, adds URL mode's user, keeps the kinds
// named on the command line and the tasks the tags select.
func (p Program) selectKinds(opts *config.Options) ([]*kind, error) {
	all := slices.Clone(p.Kinds)
	if len(opts.URLs) > 0 {
		all = append(all, p.URLKind(urlMode(opts)))
	}
	if len(all) == 0 {
		return nil, &config.UsageError{Msg: "nothing to test: give a URL (gust -u 10 -t 30s http://127.0.0.1:8080/), " +
			"run `gust demo`, or write users in Go and call gust.Main (see the README)"}
	}
	if err := checkKinds(all); err != nil {
		return nil, err
	}
	chosen, err := chooseKinds(all, opts.UserKinds)
	if err != nil {
		return nil, err
	}
	return buildKinds(chosen, opts)
}

// checkKinds reports the first kind that cannot run, or two of one name.
func checkKinds(kinds []Kind) error {
	seen := map[string]bool{}
	for _, k := range kinds {
		if k.Invalid != nil {
			return k.Invalid
		}
		if seen[k.Name] {
			return fmt.Errorf("gust: two users are named %q: user names must be unique", k.Name)
		}
		seen[k.Name] = true
	}
	return nil
}

func chooseKinds(kinds []Kind, names []string) ([]*Kind, error) {
	var chosen []*Kind
	for i := range kinds {
		if len(names) == 0 || slices.Contains(names, kinds[i].Name) {
			chosen = append(chosen, &kinds[i])
		}
	}
	for _, n := range names {
		if !slices.ContainsFunc(kinds, func(k Kind) bool { return k.Name == n }) {
			return nil, &config.UsageError{Msg: fmt.Sprintf("unknown user kind %q: known kinds are %s", n, kindNames(kinds))}
		}
	}
	return chosen, nil
}

func kindNames(kinds []Kind) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

func buildKinds(chosen []*Kind, opts *config.Options) ([]*kind, error) {
	if err := checkTags(chosen, opts.Tags, opts.ExcludeTags); err != nil {
		return nil, err
	}
	var kinds []*kind
	for _, k := range chosen {
		tasks := filterTasks(k, opts.Tags, opts.ExcludeTags)
		if len(tasks) == 0 {
			continue // every task was filtered out by the tags
		}
		host, err := hostFor(k, opts.Host)
		if err != nil {
			return nil, err
		}
		sel := &kind{Kind: k, tasks: tasks, insecure: k.Insecure || opts.InsecureSkipTLSVerify, maxBody: maxBody(k, opts)}
		sel.host.Store(host)
		kinds = append(kinds, sel)
	}
	if len(kinds) == 0 {
		return nil, &config.UsageError{Msg: "no task is left to run after --tags/--exclude-tags"}
	}
	return kinds, nil
}

// maxBody is how much of a body the users of k keep: the kind's own
// MaxBody, else --max-body, where 0 means none (a MaxBody below 0).
func maxBody(k *Kind, opts *config.Options) int64 {
	switch {
	case k.MaxBody != 0:
		return k.MaxBody
	case opts.MaxBody == 0:
		return -1
	}
	return opts.MaxBody
}

func hostFor(k *Kind, override string) (*url.URL, error) {
	raw := k.Host
	if override != "" {
		raw = override
	}
	if raw == "" {
		return nil, nil
	}
	h, err := url.Parse(raw)
	if err != nil || (h.Scheme != "http" && h.Scheme != "https") || h.Host == "" {
		return nil, &config.UsageError{Msg: fmt.Sprintf("user %q: invalid host %q: want an absolute http(s) URL such as http://127.0.0.1:8080", k.Name, raw)}
	}
	return h, nil
}
