package transport

import (
	"log/slog"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/syncbuf"
)

func TestJunkTmp(t *testing.T) {
	var buf syncbuf.Buffer
	r, err := Listen("127.0.0.1:0", WithLogger(slog.New(slog.NewTextHandler(&buf, nil))))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sent := 0
	fds := func() int { e, _ := os.ReadDir("/proc/self/fd"); return len(e) }
	before := fds()
	for i := 0; i < 50; i++ {
		c, err := net.Dial("tcp", r.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		junk := []byte(strings.Repeat("junkjunk", 10))
		c.Write(junk)
		sent += len(junk)
		c.Close()
	}
	time.Sleep(2 * time.Second)
	t.Logf("fds before %d after %d", before, fds())
	t.Logf("sent %d bytes, log %d bytes, %d lines\n%s", sent, len(buf.String()), strings.Count(buf.String(), "\n"), buf.String()[:min(600, len(buf.String()))])
}
