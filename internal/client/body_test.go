package client

import (
	"errors"
	"strings"
	"testing"
)

func TestBodyFill(t *testing.T) {
	for _, tc := range []struct {
		name  string
		body  string
		limit int64
		kept  string
		size  int64
		cut   bool
	}{
		{"under the limit", "hello", 16, "hello", 5, false},
		{"at the limit", "hello", 5, "hello", 5, false},
		{"over the limit", "hello world", 5, "hello", 11, true},
		{"keep none", "hello", 0, "", 5, true},
		{"empty", "", 5, "", 0, false},
	} {
		var buf Body
		buf.Fill(strings.NewReader("old"), 10)
		size, cut, err := buf.Fill(strings.NewReader(tc.body), tc.limit)
		if err != nil || string(buf.Bytes()) != tc.kept || size != tc.size || cut != tc.cut {
			t.Errorf("%s: kept %q, size %d, cut %v, %v; want %q, %d, %v", tc.name, buf.Bytes(), size, cut, err, tc.kept, tc.size, tc.cut)
		}
	}
}

// endless gives n bytes, then fails as a connection cut by the end of the
// test does.
type endless struct{ left int64 }

var errEnded = errors.New("the test ended")

func (e *endless) Read(p []byte) (int, error) {
	if e.left <= 0 {
		return 0, errEnded
	}
	n := min(int64(len(p)), e.left)
	e.left -= n
	return int(n), nil
}

func TestBodyFillOfAnEndlessBodyKeepsTheLimit(t *testing.T) {
	var buf Body
	size, cut, err := buf.Fill(&endless{left: 1 << 30}, 1<<20)
	if !errors.Is(err, errEnded) || size != 1<<30 || !cut {
		t.Errorf("size %d, cut %v, err %v; want 1 GB read, cut, the reader's error", size, cut, err)
	}
	if len(buf.Bytes()) != 1<<20 || cap(buf.Bytes()) != 1<<20 {
		t.Errorf("kept %d bytes in a buffer of %d, want 1 MB in 1 MB", len(buf.Bytes()), cap(buf.Bytes()))
	}
}

func TestBodyLimit(t *testing.T) {
	for in, want := range map[int64]int64{0: DefaultMaxBody, -1: 0, 1024: 1024} {
		if got := (Options{MaxBody: in}).BodyLimit(); got != want {
			t.Errorf("MaxBody %d: limit %d, want %d", in, got, want)
		}
	}
}
