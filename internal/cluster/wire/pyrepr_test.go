package wire

import (
	"context"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/testenv"
)

// reprCases are strings whose Python repr the tests check, in Go and, when
// python3 is installed, against Python itself.
var reprCases = []struct {
	in, want string
}{
	{"", `''`},
	{"plain", `'plain'`},
	{"it's", `"it's"`},
	{`say "hi"`, `'say "hi"'`},
	{`both ' and "`, `'both \' and "'`},
	{`back\slash`, `'back\\slash'`},
	{"tab\tnew\nret\r", `'tab\tnew\nret\r'`},
	{"bell\x07del\x7f", `'bell\x07del\x7f'`},
	{"café", `'café'`},
	{"日本語", `'日本語'`},
	{"nbsp\u00a0soft\u00ad", `'nbsp\xa0soft\xad'`},
	{"zero\u200bwidth", `'zero\u200bwidth'`},
	{"line\u2028sep", `'line\u2028sep'`},
	{"emoji 😀", `'emoji 😀'`},
	{"private \U000F0000", `'private \U000f0000'`},
	{"HTTPError('404 Client Error: Not Found')", `"HTTPError('404 Client Error: Not Found')"`},
	{`CatchResponseError("x")`, `'CatchResponseError("x")'`},
}

func TestPyRepr(t *testing.T) {
	for _, tt := range reprCases {
		if got := PyRepr(tt.in); got != tt.want {
			t.Errorf("PyRepr(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestPyReprInvalidUTF8(t *testing.T) {
	if got, want := PyRepr("a\xffb"), "'a\ufffdb'"; got != want {
		t.Errorf("PyRepr(invalid UTF-8) = %q, want %q", got, want)
	}
}

// The error key of the reference's captured report (Appendix A), whose
// digest the reference gives as 33ebcf6d…b37 and Python computes in full.
func TestErrorKeyReference(t *testing.T) {
	const errText = "HTTPError('404 Client Error: Not Found for url: http://127.0.0.1:18080/missing')"
	const want = "33ebcf6d03d43da563c71699559efcc66f6b2ed8d2e765a06f84a4e3a6214b37"
	got := ErrorKey("GET", "/missing", errText)
	if got != want {
		t.Errorf("ErrorKey = %s, want %s", got, want)
	}
	if !strings.HasPrefix(got, "33ebcf6d") || !strings.HasSuffix(got, "b37") {
		t.Errorf("ErrorKey = %s, want 33ebcf6d…b37 as in the reference", got)
	}
}

// pythonReprScript reads [method, name, error] triples as JSON and prints,
// per triple, repr(error) and Locust's key.
const pythonReprScript = `
import hashlib, json, sys
for method, name, err in json.load(sys.stdin):
    key = f"{method}.{name}.{err!r}"
    print(json.dumps([repr(err), hashlib.sha256(key.encode("utf-8")).hexdigest()]))
`

func TestPyReprMatchesPython(t *testing.T) {
	py := testenv.Program(t, "python3", "install python3 to compare with Python's repr")
	var triples [][3]string
	for _, tt := range reprCases {
		triples = append(triples, [3]string{"GET", "/x", tt.in})
	}
	out := runPython(t, py, pythonReprScript, triples)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(triples) {
		t.Fatalf("python3 printed %d lines for %d strings:\n%s", len(lines), len(triples), out)
	}
	for i, line := range lines {
		var got [2]string
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("python3 output %q: %v", line, err)
		}
		in := triples[i][2]
		if r := PyRepr(in); r != got[0] {
			t.Errorf("PyRepr(%q) = %s, Python says %s", in, r, got[0])
		}
		if k := ErrorKey("GET", "/x", in); k != got[1] {
			t.Errorf("ErrorKey(%q) = %s, Python says %s", in, k, got[1])
		}
	}
}

// runPython runs script with input as JSON on stdin and returns stdout.
func runPython(t *testing.T, py, script string, input any) string {
	t.Helper()
	in, err := json.Marshal(input)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, "-c", script)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	return string(out)
}
