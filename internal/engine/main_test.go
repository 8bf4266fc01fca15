package engine

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package when a test leaves a goroutine running: the
// engine starts tickers, users and servers, and all must end with a run.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
