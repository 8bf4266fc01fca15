// Command probe measures how soon a load generator's first request
// arrives: it listens on a loopback port, starts the command with {URL}
// replaced by its address, and prints the time from just before the
// process was started until the first request's bytes arrived.
//
//	probe -- gust --headless -u 1 -t 2s {URL}
//
// It stops the command (by its pid) once the first request has come, or
// after -limit. The result is one line: first_request_ms=12.3.
//
// May import: no other gust package.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"time"
)

func main() {
	limit := flag.Duration("limit", 10*time.Second, "give up after this long")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: probe [-limit D] -- command [args with {URL}...]")
		os.Exit(2)
	}
	took, err := probe(flag.Args(), *limit)
	if err != nil {
		fmt.Fprintln(os.Stderr, "probe:", err)
		os.Exit(1)
	}
	fmt.Printf("first_request_ms=%.1f\n", float64(took)/float64(time.Millisecond))
}

// probe runs args against a fresh listener and times the first request.
func probe(args []string, limit time.Duration) (time.Duration, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	url := "http://" + ln.Addr().String() + "/"
	for i, a := range args {
		args[i] = strings.ReplaceAll(a, "{URL}", url)
	}
	arrived := make(chan time.Time, 1)
	go answer(ln, arrived)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	select {
	case at := <-arrived:
		return at.Sub(start), nil
	case <-time.After(limit):
		return 0, fmt.Errorf("no request within %v", limit)
	}
}

// answer notes when the first request's first bytes arrive and answers
// every request with a small 200, so the command sees no failure.
func answer(ln net.Listener, arrived chan<- time.Time) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			br := bufio.NewReader(c)
			for {
				if _, err := br.Peek(1); err != nil {
					return
				}
				select {
				case arrived <- time.Now():
				default:
				}
				if !skipRequest(br) {
					return
				}
				fmt.Fprint(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
			}
		}()
	}
}

// skipRequest reads one request's head (the probe's clients send no body).
func skipRequest(br *bufio.Reader) bool {
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return false
		}
		if strings.TrimSpace(line) == "" {
			return true
		}
	}
}
