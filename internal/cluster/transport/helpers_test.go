package transport

import (
	"testing"

	"github.com/gustload/gust/internal/cluster/wire"
)

// mustEncode encodes m or fails the test.
func mustEncode(t testing.TB, m wire.Message) []byte {
	t.Helper()
	b, err := wire.Encode(m)
	if err != nil {
		t.Fatalf("Encode(%+v): %v", m, err)
	}
	return b
}
