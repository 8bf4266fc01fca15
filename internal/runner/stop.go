package runner

// Stop ends the test: the ramp ends, every user is asked to stop and gets the
// stop timeout to finish its task, then its context is cancelled. Stop returns
// when every user has ended. The runner can be started again afterwards.
func (r *Runner) Stop() {
	r.stopModel()
	r.stopRamp()
	r.mu.Lock()
	if r.state == Ready || r.state == Stopped {
		r.mu.Unlock()
		return
	}
	r.state = Stopping
	for k := range r.kinds {
		for len(r.live[k]) > 0 {
			r.retire(k)
		}
		r.target[k] = 0
	}
	r.mu.Unlock()
	r.users.Wait()
	r.mu.Lock()
	r.state = Stopped
	r.mu.Unlock()
}

// Kill cancels every user at once, without the stop timeout: the second
// Ctrl-C. It returns when every user has ended.
func (r *Runner) Kill() {
	r.stopModel()
	r.stopRamp()
	r.mu.Lock()
	r.state = Stopping
	for k := range r.kinds {
		for _, u := range r.live[k] {
			u.cancel()
		}
	}
	for u := range r.leaving {
		u.cancel()
	}
	r.mu.Unlock()
	r.Stop()
}
