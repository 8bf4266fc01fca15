package client

import (
	"errors"
	"fmt"
	"net/url"
	"time"
)

// ErrNoHost is the failure of a relative path when no host is known.
var ErrNoHost = errors.New("gust: no host for a relative path: set User.Host or give -H/--host")

// TransportError turns a client error into a failure text without the URL,
// so failures of /item?id=1 and /item?id=2 group together.
func TransportError(err error, timeout time.Duration) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return Timeout(timeout)
		}
		err = ue.Err
	}
	return err
}

// Timeout is the failure of a request that ran past its timeout.
func Timeout(timeout time.Duration) error { return fmt.Errorf("timeout after %s", timeout) }
