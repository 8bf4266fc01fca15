package gust

import "github.com/gustload/gust/internal/calls"

// The protocol packages (gust/grpc, gust/ws) record their calls through
// internal/calls, which reaches a Session's internals through this hook.
func init() {
	calls.Of = func(session any) *calls.Session {
		s := session.(*Session)
		return calls.New(s.ctx, s.waits, s.record, s.lax)
	}
}
