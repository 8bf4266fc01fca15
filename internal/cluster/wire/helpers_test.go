package wire

import (
	"testing"
)

// mustEncode encodes m or fails the test.
func mustEncode(t testing.TB, m Message) []byte {
	t.Helper()
	b, err := Encode(m)
	if err != nil {
		t.Fatalf("Encode(%+v): %v", m, err)
	}
	return b
}
