package gust

import (
	"fmt"
	"math"
	"time"
)

// A User describes one kind of user of the service under test: what it does
// (its tasks), how long it waits between tasks, and how many of the users run
// this way. gust runs many users of each kind at once, each in its own
// goroutine with its own Session.
type User struct {
	// Name identifies the kind in statistics, on the command line (as a
	// positional argument selecting kinds) and in distributed mode.
	Name string
	// Weight is this kind's relative share of the users that no fixed count
	// takes. A zero Weight counts as 1 (unless FixedCount is set).
	Weight int
	// FixedCount, when above zero, is the exact number of users of this
	// kind, whatever the weights; they are spawned before weighted users.
	FixedCount int
	// Host is the base URL for relative request paths; -H/--host overrides it.
	Host string
	// Wait is the time between two tasks of one user. Nil means no wait.
	Wait Wait
	// Tasks are what the user does: one task, picked at random by weight,
	// each time round (or all in order with Sequential).
	Tasks []Task
	// Sequential runs the tasks in the order given, each Weight times in a
	// row, and starts again from the first after the last.
	Sequential bool
	// Tags apply to every task of this kind, in addition to the tasks' own,
	// for --tags and --exclude-tags.
	Tags []string
	// OnStart runs once when a user starts, before its first task (log in,
	// fetch a token). A panic in it is recorded and the user goes on.
	OnStart func(s *Session)
	// OnStop runs once when a user stops, after its last task.
	OnStop func(s *Session)
	// Timeout bounds every HTTP request of this kind; zero means 60 s.
	Timeout time.Duration
	// Client is the HTTP client the users make their requests with:
	// NetHTTP (the default); FastHTTP, faster and lighter, for HTTP/1.1
	// only; or HTTP2, HTTP/2 only, over TLS or in cleartext (h2c) (see
	// Client for the trade-offs).
	Client Client
	// InsecureSkipVerify accepts any certificate from an https target, for
	// test targets with self-signed certificates (Locust's verify=False),
	// with either Client and for Session.Client too. By default
	// certificates are verified and a bad one fails the request.
	// --insecure-skip-tls-verify sets it for every kind.
	InsecureSkipVerify bool
	// MaxBody is the most of a response body kept in memory
	// (Response.Body); the rest is read, counted in the size statistics
	// and dropped, and Response.Truncated says so. Zero means --max-body
	// (16 MB by default); DiscardBody keeps none, for users that only
	// time their requests.
	MaxBody int64
}

// DiscardBody is the User.MaxBody of a kind that keeps no response body:
// bodies are read and counted, never held.
const DiscardBody = -1

// A Task is one thing a user does: a function of its Session, a weight and tags.
type Task struct {
	// Name identifies the task in task ratios; it defaults to "task N".
	Name string
	// Weight is the task's relative chance of being picked; zero counts as 1.
	Weight int
	// Tags select or exclude the task with --tags and --exclude-tags.
	Tags []string
	// Run is the task itself: ordinary synchronous code using the session.
	// A panic is recorded as an exception and the user carries on.
	Run func(s *Session)
}

// NewTask is shorthand for a Task with a name, a weight and a function.
func NewTask(name string, weight int, run func(s *Session)) Task {
	return Task{Name: name, Weight: weight, Run: run}
}

func (u *User) weight() int {
	if u.FixedCount > 0 {
		return 0
	}
	return max(u.Weight, 1)
}

func (t Task) weight() int { return max(t.Weight, 1) }

// validate reports a User that cannot run.
func (u *User) validate() error {
	if u.Name == "" {
		return fmt.Errorf("gust: a User has no Name")
	}
	if u.Weight < 0 || u.FixedCount < 0 {
		return fmt.Errorf("gust: user %q: Weight and FixedCount must be >= 0", u.Name)
	}
	if err := checkWait(u.Wait); err != nil {
		return fmt.Errorf("gust: user %q: Wait %w", u.Name, err)
	}
	if len(u.Tasks) == 0 {
		return fmt.Errorf("gust: user %q has no Tasks", u.Name)
	}
	total := 0
	for i, t := range u.Tasks {
		if t.Run == nil {
			return fmt.Errorf("gust: user %q: task %d (%q) has no Run function", u.Name, i, t.Name)
		}
		if t.Weight < 0 {
			return fmt.Errorf("gust: user %q: task %q has a negative Weight (%d): want a Weight >= 0 (0 counts as 1)", u.Name, t.Name, t.Weight)
		}
		if total > math.MaxInt-t.weight() {
			return fmt.Errorf("gust: user %q: the task Weights add up to more than %d: want a sum within that "+
				"(only their ratios count)", u.Name, math.MaxInt)
		}
		total += t.weight()
	}
	return nil
}
