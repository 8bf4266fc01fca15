package client

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
)

// StatusError is the failure of a response whose status is 400 or above.
type StatusError struct{ Code int }

func (e *StatusError) Error() string {
	if t := http.StatusText(e.Code); t != "" {
		return fmt.Sprintf("HTTP %d %s", e.Code, t)
	}
	return fmt.Sprintf("HTTP %d", e.Code)
}

// StatusFailure is the default judgement of a status: a failure from 400 up.
func StatusFailure(code int) error {
	if code >= 400 {
		return &StatusError{Code: code}
	}
	return nil
}

// StatusLine is the Status of a response with this code: "200 OK".
func StatusLine(code int) string {
	if code >= 100 && code < len(statusLines()) {
		if s := statusLines()[code]; s != "" {
			return s
		}
	}
	return strconv.Itoa(code)
}

// statusLines are the status lines of the codes net/http knows, made once.
var statusLines = sync.OnceValue(func() []string {
	lines := make([]string, 600)
	for code := range lines {
		if t := http.StatusText(code); t != "" {
			lines[code] = strconv.Itoa(code) + " " + t
		}
	}
	return lines
})
