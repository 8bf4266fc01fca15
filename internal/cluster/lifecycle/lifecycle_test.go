package lifecycle

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

func TestCloseCancelsAndWaits(t *testing.T) {
	g := New()
	returned := make(chan struct{})
	if !g.Go(func() { <-g.Context().Done(); close(returned) }) {
		t.Fatal("Go on an open group reported false")
	}
	if !g.Close() {
		t.Fatal("the first Close reported false")
	}
	g.Wait()
	select {
	case <-returned:
	default:
		t.Fatal("Wait returned before the goroutine did")
	}
	if g.Close() {
		t.Error("a second Close reported true")
	}
	if g.Go(func() { t.Error("a goroutine ran after Close") }) {
		t.Error("Go after Close reported true")
	}
}

func TestSleep(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		if !Sleep(context.Background(), time.Second) {
			t.Error("Sleep with a live context reported false")
		}
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(time.Second, cancel)
		start := time.Now()
		if Sleep(ctx, time.Hour) {
			t.Error("Sleep cut short by its context reported true")
		}
		if took := time.Since(start); took != time.Second {
			t.Errorf("Sleep ended after %v, want 1s (when the context ended)", took)
		}
	})
}
