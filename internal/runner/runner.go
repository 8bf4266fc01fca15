package runner

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/gustload/gust/internal/capacity"
)

// State is where a Runner is in its life, with Locust's names.
type State string

// The states a Runner goes through.
const (
	Ready    State = "ready"    // nothing started yet
	Spawning State = "spawning" // moving towards a new user count
	Running  State = "running"  // at the requested user count
	Stopping State = "stopping" // users are finishing their tasks
	Stopped  State = "stopped"  // every user has ended
)

// RunFunc runs one user until it returns. ctx is cancelled to abort in-flight
// work (after the stop timeout); stopping is closed when the user should end
// after its current task. id is unique within the runner (from 1); index
// counts the users of one kind (from 0).
type RunFunc func(ctx context.Context, stopping <-chan struct{}, id, index int)

// Kind is one kind of user.
type Kind struct {
	Name   string
	Weight int // relative share of the users not taken by fixed counts
	Fixed  int // exact number of users of this kind, spawned first
	Run    RunFunc
	// Iterate runs one user of an arrival-rate test (see StartArrival);
	// only that load model needs it.
	Iterate IterateFunc
}

// Options tune a Runner.
type Options struct {
	// StopTimeout is how long a stopping user may take to finish its task
	// before its context is cancelled.
	StopTimeout time.Duration
	// OnSpawned is called (outside the runner's lock) each time the user
	// count reaches its target, with the number of running users.
	OnSpawned func(users int)
}

// ErrNoKinds is returned by New when no kind can take any user.
var ErrNoKinds = errors.New("gust: no user kinds to run (every kind has weight 0 and fixed count 0)")

// Runner spawns, counts and stops the users of one test. Its methods are safe
// for concurrent use.
type Runner struct {
	kinds []Kind
	opts  Options
	order *order

	mu      sync.Mutex
	state   State
	live    [][]*user // per kind, oldest first
	target  []int     // per kind
	nextID  int
	nextIdx []int
	ramp    context.CancelFunc
	rampWG  sync.WaitGroup
	users   sync.WaitGroup
	leaving map[*user]struct{} // asked to stop, not yet ended

	// A load model (shape.go, arrival.go) drives the runner from a
	// goroutine of its own; model cancels it, modelWG waits for it.
	model   context.CancelFunc
	modelWG sync.WaitGroup
	arrival *arrival // the arrival-rate test running or last run, if any
}

type user struct {
	kind     int // index in Runner.kinds
	stopping chan struct{}
	cancel   context.CancelFunc
	timeout  *time.Timer // cancels the user when the stop timeout ends
}

// New returns a Runner for the given kinds, in the Ready state.
func New(kinds []Kind, opts Options) (*Runner, error) {
	usable := false
	for _, k := range kinds {
		if k.Weight < 0 || k.Fixed < 0 {
			return nil, fmt.Errorf("gust: user kind %q: weight and fixed count must be >= 0", k.Name)
		}
		if k.Run == nil {
			return nil, fmt.Errorf("gust: user kind %q has no run function", k.Name)
		}
		usable = usable || k.Fixed > 0 || k.Weight > 0
	}
	if !usable {
		return nil, ErrNoKinds
	}
	return &Runner{
		kinds: kinds, opts: opts, order: kindOrder(kinds), state: Ready,
		live: make([][]*user, len(kinds)), target: make([]int, len(kinds)),
		nextIdx: make([]int, len(kinds)), leaving: map[*user]struct{}{},
	}, nil
}

// State returns the runner's current state.
func (r *Runner) State() State {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.state
}

// Kinds returns the names of the user kinds, in the order given to New.
func (r *Runner) Kinds() []string {
	names := make([]string, len(r.kinds))
	for i, k := range r.kinds {
		names[i] = k.Name
	}
	return names
}

// Users returns the number of running users, in total and per kind. Users
// asked to stop, and users that ended by themselves, no longer count.
func (r *Runner) Users() (int, map[string]int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	per := make(map[string]int, len(r.kinds))
	total := 0
	for i, k := range r.kinds {
		per[k.Name] += len(r.live[i])
		total += len(r.live[i])
	}
	return total, per
}

// Start moves the test towards n users, distributed over the kinds by fixed
// count and weight, spawning (or stopping) rate users per second. It can be
// called again while running to change the count or the rate.
func (r *Runner) Start(n int, rate float64) {
	n = min(n, capacity.Machine().Users) // the callers refused more already; a last guard
	r.apply(r.order.counts(n), rate)     // counts reads nothing a ramp changes
}

// Apply moves the test towards the given number of users per kind (kinds not
// named get none), at rate users per second; a rate <= 0 applies it at once.
// A worker uses it to follow its master's exact counts.
// Counts past what the machine holds (package capacity) are refused.
func (r *Runner) Apply(counts map[string]int, rate float64) error {
	target := make([]int, len(r.kinds))
	total := 0
	for name, n := range counts {
		i := r.kindIndex(name)
		if i < 0 {
			return fmt.Errorf("gust: unknown user kind %q (known: %v)", name, r.Kinds())
		}
		target[i] = max(n, 0)
		total += min(target[i], math.MaxInt32) // no overflow past the bound
	}
	if err := capacity.Check("users", total); err != nil {
		return fmt.Errorf("gust: %w", err)
	}
	r.apply(target, rate)
	return nil
}

func (r *Runner) kindIndex(name string) int {
	for i, k := range r.kinds {
		if k.Name == name {
			return i
		}
	}
	return -1
}

func (r *Runner) apply(target []int, rate float64) {
	r.stopRamp()
	r.mu.Lock()
	copy(r.target, target)
	r.state = Spawning
	ctx, cancel := context.WithCancel(context.Background())
	r.ramp = cancel
	r.mu.Unlock()
	r.rampWG.Add(1)
	go r.runRamp(ctx, rate)
}

// stopRamp cancels a ramp in progress and waits for it to end.
func (r *Runner) stopRamp() {
	r.mu.Lock()
	cancel := r.ramp
	r.ramp = nil
	r.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	r.rampWG.Wait()
}
