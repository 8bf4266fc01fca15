package main

import (
	"os/exec"
	"testing"
	"time"
)

func TestProbeTimesTheFirstRequest(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Fatal("curl is needed to play the load generator:", err)
	}
	took, err := probe([]string{curl, "-s", "-o", "/dev/null", "{URL}"}, 10*time.Second)
	if err != nil || took <= 0 || took > 10*time.Second {
		t.Fatalf("probe = %v, %v; want the time to curl's request", took, err)
	}
	if _, err := probe([]string{"sleep", "5"}, 100*time.Millisecond); err == nil {
		t.Fatal("no error for a command that sends nothing")
	}
}
