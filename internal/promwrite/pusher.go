package promwrite

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/exp/api/remote"

	"github.com/gustload/gust/internal/metrics"
)

// Defaults of Options.
const (
	DefaultInterval = 5 * time.Second
	DefaultTimeout  = 10 * time.Second
)

// Options say where and how to push.
type Options struct {
	// URL is the remote-write endpoint, such as
	// http://127.0.0.1:9090/api/v1/write.
	URL string
	// BasicAuth is "user:password" for HTTP Basic authentication, or "".
	BasicAuth string
	// BearerToken is sent as "Authorization: Bearer TOKEN" when set.
	BearerToken string
	// Labels are added to every series, such as testid="nightly-42".
	Labels   []metrics.Label
	Interval time.Duration // between pushes; DefaultInterval when 0
	// Timeout bounds one push, retries included; DefaultTimeout when 0. A
	// push slower than the interval makes the pusher skip the pushes due
	// meanwhile, never pile them up.
	Timeout time.Duration
	Log     *slog.Logger
}

// Pusher pushes metrics to one remote-write endpoint.
type Pusher struct {
	opts    Options
	api     *remote.API
	mu      sync.Mutex // one push at a time, in time order
	last    int64      // Unix milliseconds of the latest push
	pushed  atomic.Int64
	dropped atomic.Int64
	first   atomic.Pointer[string] // the first failure's reason
}

// New checks o and returns a Pusher. It does not connect: an endpoint that
// is down is found at the first push.
func New(o Options) (*Pusher, error) {
	u, err := url.Parse(o.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("gust: --prometheus-remote-write %q: want an http(s) URL such as http://127.0.0.1:9090/api/v1/write", o.URL)
	}
	o = o.withDefaults()
	// One retry at most: every push carries the totals so far, so a dropped
	// push costs only resolution, and the next one is due soon.
	client := &http.Client{Transport: auth{base: http.DefaultTransport, basic: o.BasicAuth, bearer: o.BearerToken}}
	api, err := remote.NewAPI(o.URL, remote.WithAPIHTTPClient(client), remote.WithAPIPath(""),
		remote.WithAPIBackoff(remote.BackoffConfig{Min: 100 * time.Millisecond, Max: time.Second, MaxRetries: 1}))
	if err != nil {
		return nil, fmt.Errorf("gust: --prometheus-remote-write: %w", err)
	}
	return &Pusher{opts: o, api: api}, nil
}

func (o Options) withDefaults() Options {
	if o.Interval <= 0 {
		o.Interval = DefaultInterval
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// Run pushes what source returns every interval until ctx ends. A push
// under way when ctx ends is finished (within the timeout), so that Run
// returns before a final Push begins.
func (p *Pusher) Run(ctx context.Context, source func() metrics.Run) {
	t := time.NewTicker(p.opts.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			p.Push(context.WithoutCancel(ctx), source())
		}
	}
}

// Push pushes run once, within the timeout, and says whether it arrived.
// A failed push is counted as dropped; the first failure is logged.
func (p *Pusher) Push(ctx context.Context, run metrics.Run) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	ms := max(time.Now().UnixMilli(), p.last+1) // strictly later than the previous push
	p.last = ms
	ctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	defer cancel()
	var retried error // why the latest try failed, when the write was retried
	_, err := p.api.Write(ctx, remote.WriteV1MessageType, request(metrics.Families(run), p.opts.Labels, ms),
		remote.WithWriteRetryCallback(func(err error) { retried = err }))
	if err == nil {
		p.pushed.Add(1)
		return true
	}
	p.dropped.Add(1)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		err = fmt.Errorf("no answer within %v: %w", p.opts.Timeout, cmp.Or(retried, err))
	}
	reason := err.Error()
	if p.first.CompareAndSwap(nil, &reason) {
		p.opts.Log.Warn("Prometheus remote write failed; the test goes on, and further failed pushes are only counted",
			"url", p.opts.URL, "error", reason)
	}
	return false
}

// Result is how the pushes went.
type Result struct {
	URL     string
	Pushed  int64  // pushes that arrived
	Dropped int64  // pushes that failed and were dropped
	Error   string // why the first one failed; "" when none did
}

// Result says how the pushes went so far.
func (p *Pusher) Result() Result {
	r := Result{URL: p.opts.URL, Pushed: p.pushed.Load(), Dropped: p.dropped.Load()}
	if e := p.first.Load(); e != nil {
		r.Error = *e
	}
	return r
}

// auth adds the credentials to every request.
type auth struct {
	base          http.RoundTripper
	basic, bearer string
}

func (a auth) RoundTrip(r *http.Request) (*http.Response, error) {
	if a.basic == "" && a.bearer == "" {
		return a.base.RoundTrip(r)
	}
	r = r.Clone(r.Context())
	if user, pass, ok := strings.Cut(a.basic, ":"); ok {
		r.SetBasicAuth(user, pass)
	}
	if a.bearer != "" {
		r.Header.Set("Authorization", "Bearer "+a.bearer)
	}
	return a.base.RoundTrip(r)
}
