// Command measure runs a program, bounded in time, and reports what it
// cost: wall time, user and system CPU seconds and peak resident memory, the
// way /usr/bin/time does, but without depending on it and with a limit:
//
//	measure -limit 30s -o run.cost -- wrk -t1 -c50 -d10s http://127.0.0.1:8080/
//
// The program's standard streams are measure's. At the limit it gets
// SIGINT, and SIGKILL 5 seconds later. The cost is one line of
// "key=value" pairs: wall_s user_s sys_s cpu_s maxrss_kb exit.
//
// May import: no other gust package.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	limit := flag.Duration("limit", time.Minute, "stop the program after this long")
	out := flag.String("o", "", "write the cost to this file (default standard error)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: measure [-limit D] [-o FILE] -- program [args...]")
		os.Exit(2)
	}
	c, err := run(flag.Args(), *limit)
	if err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(2)
	}
	if err := write(*out, c); err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(2)
	}
	os.Exit(c.exit)
}

// cost is what one run of a program took.
type cost struct {
	wall, user, sys time.Duration
	maxRSSKB        int64
	exit            int
}

// run runs args until it exits or the limit passes.
func run(args []string, limit time.Duration) (cost, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return cost{}, err
	}
	stop := time.AfterFunc(limit, func() {
		cmd.Process.Signal(os.Interrupt)
		time.AfterFunc(5*time.Second, func() { cmd.Process.Kill() })
	})
	err := cmd.Wait()
	stop.Stop()
	c := cost{wall: time.Since(start)}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return c, err
	}
	c.exit = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		c.user, c.sys = time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
		c.maxRSSKB = int64(ru.Maxrss)
	}
	return c, nil
}

func write(path string, c cost) error {
	var w io.Writer = os.Stderr
	if path != "" {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	_, err := fmt.Fprintf(w, "wall_s=%.3f user_s=%.3f sys_s=%.3f cpu_s=%.3f maxrss_kb=%d exit=%d\n",
		c.wall.Seconds(), c.user.Seconds(), c.sys.Seconds(), (c.user + c.sys).Seconds(), c.maxRSSKB, c.exit)
	return err
}
