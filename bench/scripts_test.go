package bench

import (
	"os/exec"
	"testing"
)

// The scripts take minutes; CI runs each with --smoke. This test only
// checks that bash can parse them, so a broken script fails go test.
func TestScriptsParse(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is needed to check the bench scripts:", err)
	}
	for _, script := range []string{"lib.sh", "run", "memory", "latency", "startup", "grpc", "cores", "kit"} {
		if out, err := exec.Command(bash, "-n", script).CombinedOutput(); err != nil {
			t.Errorf("bash -n %s: %v\n%s", script, err, out)
		}
	}
}
