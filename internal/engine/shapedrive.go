package engine

import (
	"context"

	"github.com/gustload/gust/internal/runner"
)

// driveShape follows the test's load shape with a Driver other than the
// engine's own runner (a master and its workers): the runner's shape loop,
// started here and ended by stopTest. e.mu is held.
func (e *Engine) driveShape() {
	ctx, cancel := context.WithCancel(context.Background())
	e.shapeStop = cancel
	d, s := e.drv, e.shape
	go func() {
		if runner.FollowShape(ctx, s, d.Start) {
			e.modelEnded()
		}
	}()
}
