// Command kvstore load-tests a service that does not speak HTTP: a small
// line-based key-value store over TCP. Each user keeps its own connection
// (opened in OnStart, closed in OnStop) and reports every command with
// Session.Measure, so SET and GET show up in every table and report like
// HTTP requests, with the type "kv".
//
// The store itself is started in-process on a loopback port (or give one in
// KV_ADDR):
//
//	go run ./examples/kvstore -u 50 -r 50 -t 30s
//
// May import: gust.
package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/gustload/gust"
)

func main() {
	addr := os.Getenv("KV_ADDR")
	if addr == "" {
		srv, err := startStore("127.0.0.1:0")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer srv.Close()
		addr = srv.Addr().String()
	}
	os.Exit(gust.Run(os.Args[1:], users(addr)...))
}

// conn is one user's connection to the store.
type conn struct {
	c net.Conn
	r *bufio.Reader
}

// do sends one command and reads its one-line answer.
func (c *conn) do(cmd string) (string, error) {
	c.c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := fmt.Fprintf(c.c, "%s\n", cmd); err != nil {
		return "", err
	}
	line, err := c.r.ReadString('\n')
	return strings.TrimSpace(line), err
}

func users(addr string) []gust.User {
	client := gust.User{
		Name: "KVClient",
		Wait: gust.Between(10*time.Millisecond, 50*time.Millisecond),
		OnStart: func(s *gust.Session) {
			var c net.Conn
			err := s.Measure("kv", "connect", func() (int64, error) {
				var err error
				c, err = net.DialTimeout("tcp", addr, 5*time.Second)
				return 0, err
			})
			if err != nil {
				s.StopUser()
			}
			s.Set("conn", &conn{c: c, r: bufio.NewReader(c)})
		},
		OnStop: func(s *gust.Session) {
			if c, ok := s.Value("conn").(*conn); ok {
				c.c.Close()
			}
		},
		Tasks: []gust.Task{
			gust.NewTask("set", 1, func(s *gust.Session) {
				command(s, "SET", fmt.Sprintf("SET key%d %d", s.Rand().IntN(100), s.ID()), "OK")
			}),
			gust.NewTask("get", 4, func(s *gust.Session) {
				command(s, "GET", fmt.Sprintf("GET key%d", s.Rand().IntN(100)), "")
			}),
		},
	}
	return []gust.User{client}
}

// command runs cmd and records it under name; want, when set, is the only
// acceptable answer, and an ERR answer is always a failure.
func command(s *gust.Session, name, cmd, want string) {
	c := s.Value("conn").(*conn)
	s.Measure("kv", name, func() (int64, error) {
		answer, err := c.do(cmd)
		switch {
		case err != nil:
			return 0, err
		case strings.HasPrefix(answer, "ERR"), want != "" && answer != want:
			return int64(len(answer)), fmt.Errorf("unexpected answer %q", answer)
		}
		return int64(len(answer)), nil
	})
}
