package main

import (
	"bufio"
	"net"
	"strings"
	"sync"
)

// store is the key-value server the example tests: SET k v answers OK,
// GET k answers VALUE v or MISSING, anything else ERR.
type store struct {
	mu   sync.Mutex
	data map[string]string
}

// startStore serves a store on addr until the listener is closed.
func startStore(addr string) (net.Listener, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	st := &store{data: map[string]string{}}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go st.serve(c)
		}
	}()
	return l, nil
}

func (st *store) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewScanner(c)
	for r.Scan() {
		if _, err := c.Write([]byte(st.answer(r.Text()) + "\n")); err != nil {
			return
		}
	}
}

func (st *store) answer(line string) string {
	f := strings.Fields(line)
	st.mu.Lock()
	defer st.mu.Unlock()
	switch {
	case len(f) == 3 && f[0] == "SET":
		st.data[f[1]] = f[2]
		return "OK"
	case len(f) == 2 && f[0] == "GET":
		if v, ok := st.data[f[1]]; ok {
			return "VALUE " + v
		}
		return "MISSING"
	}
	return "ERR unknown command"
}
