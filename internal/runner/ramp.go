package runner

import (
	"context"
	"slices"
	"time"
)

// runRamp spawns or stops one user at a time, the i-th step due at
// start + i/rate, until every kind holds its target. Steps that fall behind
// the schedule are taken at once, so the average rate holds.
func (r *Runner) runRamp(ctx context.Context, rate float64) {
	defer r.rampWG.Done()
	start := time.Now()
	for i := 0; ; i++ {
		if rate > 0 && i > 0 {
			due := start.Add(time.Duration(float64(i) / rate * float64(time.Second)))
			if !sleepUntil(ctx, due) {
				return
			}
		} else if ctx.Err() != nil {
			return // no wait between steps to notice the end: a rate of 0 spawns at once
		}
		more, users := r.step(ctx)
		if !more {
			if r.opts.OnSpawned != nil {
				r.opts.OnSpawned(users)
			}
			return
		}
	}
}

// sleepUntil waits until t or until ctx ends; it reports whether t came.
func sleepUntil(ctx context.Context, t time.Time) bool {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err() == nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// step spawns or stops one user towards the target. It reports whether more
// steps remain, and the number of running users when none do.
func (r *Runner) step(ctx context.Context) (more bool, users int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if ctx.Err() != nil {
		return true, 0 // cancelled: the caller's next wait returns
	}
	total, want := 0, 0
	for k := range r.kinds {
		total += len(r.live[k])
		want += r.target[k]
	}
	switch {
	case total < want:
		r.spawn(r.pickGrow(total))
		return true, 0
	case total > want:
		r.retire(r.pickShrink(total))
		return true, 0
	}
	if k := r.pickUnbalanced(); k >= 0 { // same total, other mix
		r.retire(k)
		return true, 0
	}
	r.state = Running
	r.ramp = nil
	return false, total
}

// pickGrow chooses the kind of the next user: the one the spawn order gives
// when it is still short, otherwise the first kind that is short.
func (r *Runner) pickGrow(total int) int {
	if k := r.order.at(total); k >= 0 && len(r.live[k]) < r.target[k] {
		return k
	}
	for k := range r.kinds {
		if len(r.live[k]) < r.target[k] {
			return k
		}
	}
	return -1
}

// pickShrink chooses the kind to lose a user: the most recently ordered one
// when it has a surplus, otherwise the first kind with a surplus.
func (r *Runner) pickShrink(total int) int {
	if k := r.order.at(total - 1); k >= 0 && len(r.live[k]) > r.target[k] {
		return k
	}
	return r.pickUnbalanced()
}

func (r *Runner) pickUnbalanced() int {
	for k := range r.kinds {
		if len(r.live[k]) > r.target[k] {
			return k
		}
	}
	return -1
}

// spawn starts one user of kind k. Called with r.mu held.
func (r *Runner) spawn(k int) {
	if k < 0 {
		return
	}
	r.startUser(k, r.kinds[k].Run)
}

// startUser starts one user of kind k that runs run. Called with r.mu held.
func (r *Runner) startUser(k int, run RunFunc) {
	r.nextID++
	id, idx := r.nextID, r.nextIdx[k]
	r.nextIdx[k]++
	ctx, cancel := context.WithCancel(context.Background())
	u := &user{kind: k, stopping: make(chan struct{}), cancel: cancel}
	r.live[k] = append(r.live[k], u)
	r.users.Add(1)
	go func() {
		defer r.users.Done()
		defer r.ended(u)
		run(ctx, u.stopping, id, idx)
	}()
}

// ended forgets a user whose run function has returned. A user that ended
// by itself (Session.StopUser), not asked to, no longer counts and is not
// started again: its kind's target drops by one, so the test goes on with
// one user fewer and a later ramp-down stops users that still run.
func (r *Runner) ended(u *user) {
	u.cancel()
	r.mu.Lock()
	defer r.mu.Unlock()
	if u.timeout != nil {
		u.timeout.Stop()
	}
	if _, asked := r.leaving[u]; asked {
		delete(r.leaving, u)
		return
	}
	if r.forget(u) {
		r.target[u.kind] = max(r.target[u.kind]-1, 0)
	}
}

// forget removes u from the live users of its kind; it reports whether u
// was there. The search starts from the newest, the likeliest to end on
// its own in an arrival-rate pool. Called with r.mu held.
func (r *Runner) forget(u *user) bool {
	live := r.live[u.kind]
	for i := len(live) - 1; i >= 0; i-- {
		if live[i] == u {
			r.live[u.kind] = slices.Delete(live, i, i+1)
			return true
		}
	}
	return false
}

// retire asks the newest user of kind k to stop, and cancels it if it has
// not ended within the stop timeout. Called with r.mu held.
func (r *Runner) retire(k int) {
	n := len(r.live[k])
	u := r.live[k][n-1]
	r.live[k] = r.live[k][:n-1]
	r.leaving[u] = struct{}{}
	close(u.stopping)
	u.timeout = time.AfterFunc(r.opts.StopTimeout, u.cancel)
}
