package syncbuf

import (
	"strings"
	"sync"
	"testing"
)

func TestConcurrentWritesAllArrive(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				b.Write([]byte("ab"))
				_ = b.String()
			}
		})
	}
	wg.Wait()
	if got := b.String(); len(got) != 1600 || strings.Count(got, "ab") != 800 {
		t.Fatalf("%d bytes, %d pairs; want 1600 bytes of 800 whole writes", len(got), strings.Count(got, "ab"))
	}
	b.Reset()
	if b.String() != "" {
		t.Fatal("Reset left bytes behind")
	}
}
