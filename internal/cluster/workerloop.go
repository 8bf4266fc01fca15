package cluster

import (
	"context"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
)

// pausedAfter is a gap between two ticks of the worker's watch that means
// the process itself was paused (SIGSTOP, a suspended VM): the master's
// silence during the pause is not held against it.
const pausedAfter = 3 * HeartbeatInterval

// watchdog is the worker's view of its master's liveness.
type watchdog struct {
	start     time.Time // when registration first began
	lastTick  time.Time
	lastReady time.Time // when client_ready was last sent
	heard     time.Time // when the master last sent anything
	beats     bool      // the master sends heartbeats (Locust 2.19+, gust)
	down      time.Time // since when the connection is down; zero while up
	joined    bool      // the master acked once
}

// loop handles the master's messages and watches it until the worker is
// done.
func (w *Worker) loop(ctx context.Context, msgs <-chan wire.Message) error {
	now := time.Now()
	wd := &watchdog{start: now, lastTick: now, heard: now}
	w.register(ctx, wd)
	tick := time.NewTicker(HeartbeatInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			w.log.Info("cluster: worker interrupted, quitting")
			return nil
		case m := <-msgs:
			wd.heard = time.Now()
			if done, err := w.handle(ctx, wd, m); done {
				return err
			}
		case now := <-tick.C:
			if err := w.watch(ctx, wd, now); err != nil {
				return err
			}
		}
	}
}

// register announces the worker: the token's proof when there is one, then
// client_ready, which the master acks.
func (w *Worker) register(ctx context.Context, wd *watchdog) {
	w.acked.Store(false)
	wd.lastReady = time.Now()
	ctx, cancel := context.WithTimeout(ctx, readyRetry) // the master may not be there yet
	defer cancel()
	if w.o.Token != "" {
		w.send(ctx, wire.TypeAuth, wire.Auth{MAC: wire.AuthMAC(w.o.Token, w.o.ID)})
	}
	w.send(ctx, wire.TypeClientReady, wire.ClientReady{Version: wire.SkipVersionCheck})
}

// watch runs every second: it registers again while no ack came, and
// reports the master lost after the master timeout.
func (w *Worker) watch(ctx context.Context, wd *watchdog, now time.Time) error {
	if now.Sub(wd.lastTick) > pausedAfter {
		w.log.Info("cluster: the worker was paused; the master's silence meanwhile does not count")
		wd.heard, wd.down = now, time.Time{}
	}
	wd.lastTick = now
	if !w.acked.Load() {
		if !wd.joined && now.Sub(wd.start) > w.o.ConnectTimeout {
			return errorf(ErrNoMaster, "no answer within %v", w.o.ConnectTimeout)
		}
		if now.Sub(wd.lastReady) >= readyRetry {
			w.register(ctx, wd)
		}
	}
	if wd.beats && now.Sub(wd.heard) > w.o.MasterTimeout {
		return errorf(ErrMasterGone, "no heartbeat from the master for %v (--master-timeout)", w.o.MasterTimeout)
	}
	return w.watchConnection(wd, now)
}

// watchConnection reports the master lost once the connection has been
// down for the master timeout, for masters that send no heartbeats (Locust
// before 2.19).
func (w *Worker) watchConnection(wd *watchdog, now time.Time) error {
	c, ok := w.t.(interface{ Connected() bool })
	switch {
	case !ok || !wd.joined:
	case c.Connected():
		wd.down = time.Time{}
	case wd.down.IsZero():
		wd.down = now
	case now.Sub(wd.down) > w.o.MasterTimeout:
		return errorf(ErrMasterGone, "disconnected from the master for %v (--master-timeout)", w.o.MasterTimeout)
	}
	return nil
}

// handle reacts to one message from the master and reports whether the
// worker is done, and why.
func (w *Worker) handle(ctx context.Context, wd *watchdog, m wire.Message) (bool, error) {
	switch m.Type {
	case wire.TypeAck:
		w.onAck(wd, m.Data)
	case wire.TypeHeartbeat:
		wd.beats = true
	case wire.TypeSpawn:
		w.onSpawn(ctx, m.Data)
	case wire.TypeStop:
		w.onStop(ctx, wd)
	case wire.TypeQuit:
		if w.refused != "" {
			return true, errorf(ErrRefused, "%s", w.refused)
		}
		w.log.Info("cluster: the master says quit")
		return true, nil
	case wire.TypeReconnect:
		w.log.Warn("cluster: the master asks for a new connection")
		if r, ok := w.t.(interface{ Reconnect() }); ok {
			r.Reconnect()
		}
		w.register(ctx, wd)
	case wire.TypeRefused:
		if r, ok := m.Data.(wire.Refused); ok {
			w.refused = r.Reason
		}
		w.log.Error("cluster: the master refused this worker", "reason", w.refused)
	case wire.TypeSpawningComplete: // Locust 2.29+: the cluster finished spawning
	default:
		w.warns.Warn(masterPeer, "cluster: unknown message type from the master", "type", m.Type)
	}
	return false, nil
}

func (w *Worker) onAck(wd *watchdog, data any) {
	if !wd.joined {
		index := -1
		if a, ok := data.(wire.Ack); ok {
			index = a.Index
		}
		w.log.Info("cluster: connected to the master", "worker", w.o.ID, "index", index)
	}
	wd.joined = true
	w.joined.Store(true)
	w.acked.Store(true)
}

// onStop stops the users, sends the last statistics of the test, says
// client_stopped and registers again for the next test.
func (w *Worker) onStop(ctx context.Context, wd *watchdog) {
	w.log.Info("cluster: the master says stop")
	w.state.Store("stopping")
	w.o.Users.Stop()
	w.state.Store(StateStopped)
	w.setShown(nil)
	w.sendReport(ctx)
	w.arr.set(nil) // its counts went with the last report
	w.send(ctx, wire.TypeClientStopped, nil)
	w.state.Store(StateReady)
	w.register(ctx, wd)
}
